/**
 * Encryption of private keys at rest: AES-256-GCM under a 32-byte master key.
 * The key's id is bound as associated data, so a ciphertext cannot be moved to another key row.
 * Error messages never contain key material.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink } from 'node:fs/promises';
import { DomainError } from '../domain/errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The master key text is not 32 bytes of base64, base64url or hex. */
export class InvalidMasterKey extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'invalid-master-key';
  readonly title = 'Master key is not valid';
}

/** A sealed secret could not be opened: wrong master key, wrong key id, tampering or a bad format. */
export class SecretNotDecryptable extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'secret-not-decryptable';
  readonly title = 'Secret cannot be decrypted';
}

/** The master key file is readable by group or others. */
export class KeyFileTooOpen extends DomainError {
  readonly kind = 'forbidden';
  readonly slug = 'key-file-too-open';
  readonly title = 'Master key file permissions are too loose';

  constructor(path: string, mode: number) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    super(
      `Master key file ${path} has mode ${octal}; run \`chmod 600 ${path}\` so only its owner can read it.`,
      {
        path,
        mode: octal,
      },
    );
  }
}

function checkMasterKey(masterKey: Uint8Array): void {
  if (masterKey.length !== KEY_BYTES) {
    throw new InvalidMasterKey(`The master key must be exactly ${KEY_BYTES} bytes; got ${masterKey.length}.`);
  }
}

function associatedData(keyId: string): Buffer {
  return Buffer.from(`cairn-key-vault:${VERSION}:${keyId}`, 'utf8');
}

/**
 * Seals `plaintext` as `v1.<iv>.<tag>.<ciphertext>` (base64url parts), bound to `keyId`.
 * @throws InvalidMasterKey when the master key is not 32 bytes.
 */
export function encryptSecret(plaintext: Uint8Array, masterKey: Uint8Array, keyId: string): string {
  checkMasterKey(masterKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/**
 * Opens a value made by `encryptSecret` for the same `keyId`.
 * @throws InvalidMasterKey | SecretNotDecryptable
 */
export function decryptSecret(sealed: string, masterKey: Uint8Array, keyId: string): Uint8Array {
  checkMasterKey(masterKey);
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new SecretNotDecryptable(`A sealed secret must look like ${VERSION}.<iv>.<tag>.<ciphertext>.`);
  }
  const [, ivText = '', tagText = '', ctText = ''] = parts;
  const b64url = /^[A-Za-z0-9_-]*$/;
  if (![ivText, tagText, ctText].every((p) => b64url.test(p))) {
    throw new SecretNotDecryptable('A sealed secret part is not base64url.');
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretNotDecryptable('A sealed secret has a wrong-sized IV or tag.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]);
    return new Uint8Array(plain);
  } catch {
    throw new SecretNotDecryptable(
      'The secret failed authentication: wrong master key, wrong key id, or the ciphertext was altered.',
    );
  }
}

/**
 * Parses a master key written as hex (64 digits), base64 or base64url, which must decode to 32 bytes.
 * @throws InvalidMasterKey (the message never repeats the input).
 */
export function parseMasterKey(text: string): Uint8Array {
  const t = text.trim();
  let bytes: Buffer;
  if (/^[0-9a-fA-F]{64}$/.test(t)) {
    bytes = Buffer.from(t, 'hex');
  } else if (/^[A-Za-z0-9+/]*={0,2}$/.test(t) || /^[A-Za-z0-9_-]*$/.test(t)) {
    bytes = Buffer.from(t.replace(/=+$/, ''), t.includes('+') || t.includes('/') ? 'base64' : 'base64url');
  } else {
    throw new InvalidMasterKey('The master key must be written as hex, base64 or base64url.');
  }
  if (t.length === 0 || bytes.length !== KEY_BYTES) {
    throw new InvalidMasterKey(
      `The master key must decode to exactly ${KEY_BYTES} bytes; it decodes to ${bytes.length}. ` +
        'Generate one with `openssl rand -base64 32`.',
    );
  }
  return new Uint8Array(bytes);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * Reads the master key at `path`, or creates a fresh random one there (mode 0600, written atomically).
 * @throws KeyFileTooOpen when group or others may access an existing file; InvalidMasterKey for bad contents.
 */
export async function loadOrCreateKeyFile(path: string): Promise<Uint8Array> {
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  if (mode !== undefined) {
    if ((mode & 0o077) !== 0) throw new KeyFileTooOpen(path, mode);
    return parseMasterKey(await readFile(path, 'utf8'));
  }

  const key = randomBytes(KEY_BYTES);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('base64url')}\n`, 'utf8');
    await handle.sync();
    await handle.chmod(0o600); // exact mode, whatever the umask
  } finally {
    await handle.close();
  }
  try {
    // link() publishes the complete file atomically and, unlike rename(), never replaces a key
    // another process created meanwhile; if one did, use that one.
    await link(temp, path);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST')
      return await loadOrCreateKeyFile(path);
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return new Uint8Array(key);
}

/** seal/open bound to one master key: what the app's Vault port asks for. */
export function createVault(masterKey: Uint8Array) {
  checkMasterKey(masterKey);
  return {
    seal: (secret: Uint8Array, keyId: string) => encryptSecret(secret, masterKey, keyId),
    open: (sealed: string, keyId: string) => decryptSecret(sealed, masterKey, keyId),
  };
}
