import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidMasterKey,
  KeyFileTooOpen,
  SecretNotDecryptable,
  decryptSecret,
  encryptSecret,
  loadOrCreateKeyFile,
  parseMasterKey,
} from './key-vault.js';

const master = new Uint8Array(randomBytes(32));
const secret = new TextEncoder().encode('-----BEGIN PRIVATE KEY----- pretend');

describe('encryptSecret / decryptSecret', () => {
  it('round-trips and uses a fresh IV each time', () => {
    const a = encryptSecret(secret, master, 'key-1');
    const b = encryptSecret(secret, master, 'key-1');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(decryptSecret(a, master, 'key-1')).toEqual(secret);
  });

  it('refuses a tampered ciphertext', () => {
    const [v, iv, tag, ct] = encryptSecret(secret, master, 'key-1').split('.') as [
      string,
      string,
      string,
      string,
    ];
    const bytes = Buffer.from(ct, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    const tampered = [v, iv, tag, bytes.toString('base64url')].join('.');
    expect(() => decryptSecret(tampered, master, 'key-1')).toThrow(SecretNotDecryptable);
  });

  it('refuses the wrong master key', () => {
    const sealed = encryptSecret(secret, master, 'key-1');
    expect(() => decryptSecret(sealed, new Uint8Array(randomBytes(32)), 'key-1')).toThrow(
      SecretNotDecryptable,
    );
  });

  it('refuses a ciphertext swapped onto another key id', () => {
    const sealed = encryptSecret(secret, master, 'key-1');
    expect(() => decryptSecret(sealed, master, 'key-2')).toThrow(/wrong key id/);
  });

  it('refuses malformed values and short master keys without echoing them', () => {
    expect(() => decryptSecret('v2.a.b.c', master, 'k')).toThrow(SecretNotDecryptable);
    expect(() => decryptSecret('v1.a.b', master, 'k')).toThrow(SecretNotDecryptable);
    expect(() => encryptSecret(secret, new Uint8Array(16), 'k')).toThrow(InvalidMasterKey);
  });
});

describe('parseMasterKey', () => {
  const key = Buffer.from(master);

  it('accepts hex, base64 and base64url', () => {
    expect(parseMasterKey(key.toString('hex'))).toEqual(master);
    expect(parseMasterKey(key.toString('base64'))).toEqual(master);
    expect(parseMasterKey(` ${key.toString('base64url')}\n`)).toEqual(master);
  });

  it('refuses wrong lengths and bad alphabets without repeating the input', () => {
    const short = Buffer.from(randomBytes(16)).toString('base64');
    expect(() => parseMasterKey(short)).toThrow(/exactly 32 bytes; it decodes to 16/);
    try {
      parseMasterKey(short);
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    expect(() => parseMasterKey('not a key!')).toThrow(InvalidMasterKey);
    expect(() => parseMasterKey('')).toThrow(InvalidMasterKey);
  });
});

describe('loadOrCreateKeyFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-vault-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a 0600 file and reads the same key back', async () => {
    const path = join(dir, 'master.key');
    const created = await loadOrCreateKeyFile(path);
    expect(created).toHaveLength(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(await readFile(path, 'utf8'))).toEqual(created);
    expect(await loadOrCreateKeyFile(path)).toEqual(created);
  });

  it('gives concurrent callers the same key and leaves no temp files', async () => {
    const path = join(dir, 'master.key');
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateKeyFile(path)));
    for (const key of keys) expect(key).toEqual(keys[0]);
    expect(await readdir(dir)).toEqual(['master.key']);
  });

  it('refuses a file readable by others, naming the fix and not the key', async () => {
    const path = join(dir, 'master.key');
    const text = Buffer.from(master).toString('base64url');
    await writeFile(path, text);
    await chmod(path, 0o644);
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(KeyFileTooOpen);
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(/chmod 600/);
    await expect(loadOrCreateKeyFile(path)).rejects.not.toThrow(text);
  });
});
