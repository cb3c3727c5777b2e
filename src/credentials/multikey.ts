import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ALPHABET_INDEX = new Map(Array.from({ length: ALPHABET.length }, (_, i) => [ALPHABET.charAt(i), i]));

/** Multicodec varint headers: ed25519-pub (0xed) and ed25519-priv (0x1300). */
const ED25519_PUB_HEADER = [0xed, 0x01] as const;
const ED25519_PRIV_HEADER = [0x80, 0x26] as const;

/** Base58 (Bitcoin alphabet) encoding of bytes; leading zero bytes become leading '1's. */
export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Repeated division of a big-endian base-256 number by 58, digits little-endian.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] ?? 0;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] ?? 0) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET.charAt(digits[i] ?? 0);
  return out;
}

/** @throws TypeError when the text contains a character outside the base58btc alphabet. */
export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = []; // little-endian base-256
  for (let i = zeros; i < text.length; i++) {
    const ch = text.charAt(i);
    const value = ALPHABET_INDEX.get(ch);
    if (value === undefined) throw new TypeError(`Invalid base58btc character ${JSON.stringify(ch)}.`);
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] ?? 0) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[zeros + i] = bytes[bytes.length - 1 - i] ?? 0;
  return out;
}

/** Multibase 'z' (base58btc) of bytes. */
export function multibaseEncode(bytes: Uint8Array): string {
  return `z${base58btcEncode(bytes)}`;
}

/** @throws TypeError unless the value is 'z' + base58btc. */
export function multibaseDecode(value: string): Uint8Array {
  if (!value.startsWith('z'))
    throw new TypeError('Only base58btc multibase values (prefix "z") are supported.');
  return base58btcDecode(value.slice(1));
}

function withHeader(header: readonly number[], key: Uint8Array): string {
  const out = new Uint8Array(header.length + key.length);
  out.set(header, 0);
  out.set(key, header.length);
  return multibaseEncode(out);
}

function stripHeader(
  header: readonly number[],
  value: string,
  what: string,
  lengths: number[],
  curve = 'Ed25519',
): Uint8Array {
  const bytes = multibaseDecode(value);
  if (!header.every((b, i) => bytes[i] === b)) throw new TypeError(`Not a ${curve} ${what} multikey.`);
  const key = bytes.slice(header.length);
  if (!lengths.includes(key.length)) throw new TypeError(`${curve} ${what} key has ${key.length} bytes.`);
  return key;
}

/** `publicKeyMultibase` of a 32-byte Ed25519 public key: 'z' + base58btc(0xed 0x01 ‖ key). */
export function encodePublicKeyMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('An Ed25519 public key has 32 bytes.');
  return withHeader(ED25519_PUB_HEADER, publicKey);
}

/** @throws TypeError unless the value is an Ed25519 `publicKeyMultibase` (z6Mk…). */
export function decodePublicKeyMultibase(value: string): Uint8Array {
  return stripHeader(ED25519_PUB_HEADER, value, 'public', [32]);
}

/** `secretKeyMultibase` of a 32-byte Ed25519 seed: 'z' + base58btc(0x80 0x26 ‖ seed). */
export function encodeSecretKeyMultibase(seed: Uint8Array): string {
  if (seed.length !== 32) throw new TypeError('An Ed25519 secret key (seed) has 32 bytes.');
  return withHeader(ED25519_PRIV_HEADER, seed);
}

/**
 * The 32-byte seed from a `secretKeyMultibase`. Also accepts the 64-byte seed ‖ public key form
 * some libraries emit.
 * @throws TypeError when the value is not an Ed25519 secret multikey.
 */
export function decodeSecretKeyMultibase(value: string): Uint8Array {
  return stripHeader(ED25519_PRIV_HEADER, value, 'secret', [32, 64]).slice(0, 32);
}

/** `did:key:z6Mk…` for an Ed25519 public key. */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return `did:key:${encodePublicKeyMultibase(publicKey)}`;
}

/** The verification method id `did:key:X#X` for an Ed25519 public key. */
export function didKeyVerificationMethod(publicKey: Uint8Array): string {
  const mb = encodePublicKeyMultibase(publicKey);
  return `did:key:${mb}#${mb}`;
}

/** Node `KeyObject` for a raw Ed25519 public key. */
export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw new TypeError('An Ed25519 public key has 32 bytes.');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
}

/** Node `KeyObject` for a raw Ed25519 private key (32-byte seed) and its public key. */
export function privateKeyObject(seed: Uint8Array, publicKey: Uint8Array): KeyObject {
  return createPrivateKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      d: Buffer.from(seed).toString('base64url'),
      x: Buffer.from(publicKey).toString('base64url'),
    },
    format: 'jwk',
  });
}

function okpJwk(key: KeyObject): { x: string; d?: string } {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('Expected an Ed25519 key.');
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('Ed25519 key without a public part.');
  return typeof jwk.d === 'string' ? { x: jwk.x, d: jwk.d } : { x: jwk.x };
}

/** Raw 32-byte public key from an Ed25519 public or private `KeyObject`. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(Buffer.from(okpJwk(key).x, 'base64url'));
}

/** Raw 32-byte seed from an Ed25519 private `KeyObject`. */
export function rawPrivateKey(key: KeyObject): Uint8Array {
  const { d } = okpJwk(key);
  if (d === undefined) throw new TypeError('Expected an Ed25519 private key.');
  return new Uint8Array(Buffer.from(d, 'base64url'));
}

export interface Ed25519KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
  /** `did:key:z6Mk…` */
  did: string;
  /** `did:key:z6Mk…#z6Mk…`, the verification method to put in proofs. */
  verificationMethod: string;
}

function describePair(privateKey: KeyObject): Ed25519KeyPair {
  const pub = rawPublicKey(privateKey);
  const publicKeyMultibase = encodePublicKeyMultibase(pub);
  return {
    publicKey: createPublicKey(privateKey),
    privateKey,
    publicKeyMultibase,
    secretKeyMultibase: encodeSecretKeyMultibase(rawPrivateKey(privateKey)),
    did: `did:key:${publicKeyMultibase}`,
    verificationMethod: `did:key:${publicKeyMultibase}#${publicKeyMultibase}`,
  };
}

/** A fresh Ed25519 key pair with its Multikey and did:key forms. */
export function generateEd25519KeyPair(): Ed25519KeyPair {
  return describePair(generateKeyPairSync('ed25519').privateKey);
}

/** The key pair for a stored `secretKeyMultibase`. */
export function keyPairFromSecretKeyMultibase(secretKeyMultibase: string): Ed25519KeyPair {
  const seed = decodeSecretKeyMultibase(secretKeyMultibase);
  // Node derives the public part from `d` when it is a PKCS#8 key; go through PKCS#8 to avoid needing x.
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed)]);
  return describePair(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
}

/** Multicodec varint header of p256-pub (0x1200); the key is the 33-byte compressed point. */
const P256_PUB_HEADER = [0x80, 0x24] as const;
/** SPKI DER prefix of a P-256 public key with a compressed point (OpenSSL decompresses it). */
const P256_SPKI_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/** `publicKeyMultibase` (zDn…) of a P-256 public (or private) KeyObject. */
export function encodeP256PublicKeyMultibase(key: KeyObject): string {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || jwk.x === undefined || jwk.y === undefined)
    throw new TypeError('Not a P-256 key.');
  const x = Buffer.from(jwk.x, 'base64url');
  const y = Buffer.from(jwk.y, 'base64url');
  const prefix = (y.at(-1) ?? 0) % 2 === 0 ? 0x02 : 0x03;
  return withHeader(P256_PUB_HEADER, new Uint8Array([prefix, ...x]));
}

/** Node `KeyObject` for a P-256 `publicKeyMultibase` (zDn…). @throws TypeError for anything else. */
export function p256PublicKeyFromMultibase(value: string): KeyObject {
  const point = stripHeader(P256_PUB_HEADER, value, 'public', [33], 'P-256');
  return createPublicKey({ key: Buffer.concat([P256_SPKI_PREFIX, point]), format: 'der', type: 'spki' });
}
