import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { describe, expect, it } from 'vitest';
import {
  base58btcDecode,
  base58btcEncode,
  decodePublicKeyMultibase,
  decodeSecretKeyMultibase,
  didKeyFromPublicKey,
  encodePublicKeyMultibase,
  encodeP256PublicKeyMultibase,
  generateEd25519KeyPair,
  keyPairFromSecretKeyMultibase,
  multibaseDecode,
  p256PublicKeyFromMultibase,
  privateKeyObject,
  publicKeyObject,
  rawPrivateKey,
  rawPublicKey,
} from './multikey.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('base58btc', () => {
  it.each([
    [bytes(), ''],
    [bytes(0), '1'],
    [bytes(0, 0, 1), '112'],
    [bytes(57), 'z'],
    [bytes(58), '21'],
    [new TextEncoder().encode('Hello World!'), '2NEpo7TZRRrLZSi2U'],
    [
      new TextEncoder().encode('The quick brown fox jumps over the lazy dog.'),
      'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z',
    ],
    [bytes(0, 0, 0x28, 0x7f, 0xb4, 0xcd), '11233QC4'],
  ])('round-trips %o ↔ %s', (input, text) => {
    expect(base58btcEncode(input)).toBe(text);
    expect(base58btcDecode(text)).toEqual(input);
  });

  it('round-trips random bytes', () => {
    for (let n = 0; n < 200; n++) {
      const input = new Uint8Array(Math.floor(Math.random() * 70));
      crypto.getRandomValues(input);
      if (n % 5 === 0) input.fill(0, 0, Math.min(3, input.length));
      expect(base58btcDecode(base58btcEncode(input))).toEqual(input);
    }
  });

  it('rejects characters outside the alphabet', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', 'é'])
      expect(() => base58btcDecode(`2${bad}`)).toThrow(TypeError);
    expect(() => multibaseDecode('u1234')).toThrow(/base58btc/);
  });
});

describe('Ed25519 Multikey', () => {
  // The 1EdTech implementation guide key; SOURCES.md quotes its hex as 4bdeafde…c5a5.
  const guideMultibase = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';

  it('decodes the implementation-guide key and encodes it back', () => {
    const raw = decodePublicKeyMultibase(guideMultibase);
    expect(raw).toHaveLength(32);
    expect(encodePublicKeyMultibase(raw)).toBe(guideMultibase);
    expect(Buffer.from(raw).toString('hex')).toMatch(/^4bdeafde[0-9a-f]{52}c5a5$/);
  });

  it('rejects wrong headers and lengths', () => {
    expect(() =>
      decodePublicKeyMultibase('z' + base58btcEncode(bytes(0xec, 0x01, ...new Array<number>(32).fill(1)))),
    ).toThrow(/Not a Ed25519 public/);
    expect(() => decodePublicKeyMultibase('z' + base58btcEncode(bytes(0xed, 0x01, 1, 2)))).toThrow(/2 bytes/);
    expect(() => encodePublicKeyMultibase(bytes(1))).toThrow(TypeError);
  });

  it('generates a key pair whose forms agree, and round-trips through secretKeyMultibase', () => {
    const pair = generateEd25519KeyPair();
    expect(pair.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(pair.did).toBe(`did:key:${pair.publicKeyMultibase}`);
    expect(pair.verificationMethod).toBe(`${pair.did}#${pair.publicKeyMultibase}`);
    expect(didKeyFromPublicKey(rawPublicKey(pair.publicKey))).toBe(pair.did);
    expect(decodeSecretKeyMultibase(pair.secretKeyMultibase)).toEqual(rawPrivateKey(pair.privateKey));
    const again = keyPairFromSecretKeyMultibase(pair.secretKeyMultibase);
    expect(again.publicKeyMultibase).toBe(pair.publicKeyMultibase);
    const sig = sign(null, Buffer.from('hi'), again.privateKey);
    expect(
      verify(
        null,
        Buffer.from('hi'),
        publicKeyObject(decodePublicKeyMultibase(pair.publicKeyMultibase)),
        sig,
      ),
    ).toBe(true);
  });

  it('converts raw keys to and from KeyObject', () => {
    const pair = generateEd25519KeyPair();
    const priv = privateKeyObject(rawPrivateKey(pair.privateKey), rawPublicKey(pair.publicKey));
    expect(rawPublicKey(createPublicKey(priv))).toEqual(rawPublicKey(pair.publicKey));
    expect(() => rawPrivateKey(pair.publicKey)).toThrow(/private/);
  });

  it('agrees with @digitalbazaar/ed25519-multikey', async () => {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    const db = await Ed25519Multikey.generate({ seed });
    const ours = keyPairFromSecretKeyMultibase('z' + base58btcEncode(bytes(0x80, 0x26, ...seed)));
    expect(ours.publicKeyMultibase).toBe(db.publicKeyMultibase);
  });
});

describe('P-256 Multikey', () => {
  it('round-trips a public key through its zDn… multibase', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const mb = encodeP256PublicKeyMultibase(publicKey);
    expect(mb).toMatch(/^zDn/);
    const back = p256PublicKeyFromMultibase(mb);
    expect(back.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
  });

  it('refuses an Ed25519 multikey', () => {
    expect(() => p256PublicKeyFromMultibase(generateEd25519KeyPair().publicKeyMultibase)).toThrow(/P-256/);
  });
});
