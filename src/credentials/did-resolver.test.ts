import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createDidResolver,
  decodeP256PublicKeyMultibase,
  didKeyDocument,
  didKeyFromP256PublicKey,
  didKeyP256VerificationMethod,
  didWebUrl,
  KeyResolutionFailed,
  type FetchJson,
} from './did-resolver.js';
import { generateEd25519KeyPair, multibaseEncode } from './multikey.js';

const mapFetch =
  (docs: Record<string, unknown>): FetchJson =>
  async (url) => {
    if (url in docs) return structuredClone(docs[url]);
    throw new Error(`failed: ${url} answered HTTP 404`);
  };
const noFetch: FetchJson = () => Promise.reject(new Error('no network in this test'));

describe('P-256 did:key', () => {
  it('round-trips a P-256 public key through zDn… and verifies its signatures', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const did = didKeyFromP256PublicKey(publicKey);
    expect(did).toMatch(/^did:key:zDn[1-9A-HJ-NP-Za-km-z]+$/);
    expect(didKeyFromP256PublicKey(privateKey)).toBe(did);
    const decoded = decodeP256PublicKeyMultibase(did.slice('did:key:'.length));
    expect(decoded.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
    const data = Buffer.from('hello');
    expect(verify('sha256', data, decoded, sign('sha256', data, privateKey))).toBe(true);
  });

  it('decodes the did:key spec test vector', () => {
    // https://w3c-ccg.github.io/did-key-spec/#p-256 test vectors
    const key = decodeP256PublicKeyMultibase('zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('builds a DID document with a Multikey method carrying the JWK', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const did = didKeyFromP256PublicKey(publicKey);
    const vm = didKeyP256VerificationMethod(publicKey);
    const doc = didKeyDocument(did);
    expect(doc.id).toBe(did);
    expect(doc.assertionMethod).toEqual([vm]);
    expect((doc.verificationMethod as Record<string, unknown>[])[0]).toMatchObject({
      id: vm,
      type: 'Multikey',
      controller: did,
      publicKeyJwk: { kty: 'EC', crv: 'P-256' },
    });
  });

  it('refuses other did:key types and broken points', () => {
    expect(() => didKeyDocument('did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc')).toThrow(
      TypeError,
    );
    const uncompressedTag = Uint8Array.of(0x80, 0x24, 0x04, ...new Array<number>(32).fill(1));
    expect(() => decodeP256PublicKeyMultibase(multibaseEncode(uncompressedTag))).toThrow(
      /not a point on the curve/,
    );
  });
});

describe('didWebUrl', () => {
  it.each([
    ['did:web:example.com', 'https://example.com/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000:issuers:1', 'https://example.com:3000/issuers/1/did.json'],
    ['did:web:Example.COM', 'https://example.com/.well-known/did.json'],
  ])('%s → %s', (did, url) => {
    expect(didWebUrl(did)).toBe(url);
  });

  it.each([
    'did:web:',
    'did:web:exa mple.com',
    'did:web:example.com:..:x',
    'did:web:example.com%2Fevil',
    'did:web:a::b',
  ])('refuses %s', (did) => {
    expect(() => didWebUrl(did)).toThrow(TypeError);
  });
});

describe('createDidResolver', () => {
  it('resolves Ed25519 did:key offline for Data Integrity and for JWTs', async () => {
    const pair = generateEd25519KeyPair();
    const resolver = createDidResolver({ fetchJson: noFetch });
    const key = await resolver.resolveKey(pair.verificationMethod);
    expect(key.verificationMethod).toEqual({
      id: pair.verificationMethod,
      type: 'Multikey',
      controller: pair.did,
      publicKeyMultibase: pair.publicKeyMultibase,
    });
    expect(key.controllerDocument.assertionMethod).toEqual([pair.verificationMethod]);
    const jwtKey = await resolver.resolveJwtKey(pair.verificationMethod, 'EdDSA');
    expect(jwtKey.equals(pair.publicKey)).toBe(true);
    const method = await resolver.resolveMethod(pair.did);
    expect(method).toMatchObject({
      via: 'did:key',
      keyType: 'Ed25519',
      method: { id: pair.verificationMethod },
    });
  });

  it('resolves P-256 did:key for ES256 and refuses it for eddsa-rdfc-2022 and EdDSA', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const vm = didKeyP256VerificationMethod(publicKey);
    const resolver = createDidResolver({ fetchJson: noFetch });
    expect((await resolver.resolveJwtKey(vm, 'ES256')).equals(publicKey)).toBe(true);
    await expect(resolver.resolveJwtKey(vm, 'EdDSA')).rejects.toThrow(
      /needs an Ed25519 key, but .* is a P-256 key/,
    );
    await expect(resolver.resolveKey(vm)).rejects.toThrow(/need an Ed25519 key/);
  });

  it('resolves did:web through fetchJson, with Multikey and JWK methods and relative ids', async () => {
    const ed = generateEd25519KeyPair();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const did = 'did:web:issuer.example%3A8443:orgs:acme';
    const resolver = createDidResolver({
      fetchJson: mapFetch({
        'https://issuer.example:8443/orgs/acme/did.json': {
          '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
          id: did,
          verificationMethod: [
            { id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase: ed.publicKeyMultibase },
            {
              id: `${did}#key-2`,
              type: 'JsonWebKey',
              controller: did,
              publicKeyJwk: ec.publicKey.export({ format: 'jwk' }),
            },
            {
              id: `${did}#key-3`,
              type: 'JsonWebKey',
              controller: did,
              publicKeyJwk: ed.publicKey.export({ format: 'jwk' }),
            },
          ],
          assertionMethod: ['#key-1', `${did}#key-2`, `${did}#key-3`],
        },
      }),
    });
    const m1 = await resolver.resolveMethod(`${did}#key-1`);
    expect(m1).toMatchObject({
      via: 'did:web',
      url: 'https://issuer.example:8443/orgs/acme/did.json',
      keyType: 'Ed25519',
    });
    expect((await resolver.resolveKey(`${did}#key-1`)).verificationMethod.publicKeyMultibase).toBe(
      ed.publicKeyMultibase,
    );
    expect((await resolver.resolveJwtKey(`${did}#key-2`, 'ES256')).equals(ec.publicKey)).toBe(true);
    // An Ed25519 JWK serves Data Integrity too, converted to a Multikey.
    expect((await resolver.resolveKey(`${did}#key-3`)).verificationMethod.publicKeyMultibase).toBe(
      ed.publicKeyMultibase,
    );
    await expect(resolver.resolveMethod(`${did}#key-9`)).rejects.toThrow(/does not contain the key/);
  });

  it('refuses a did:web document whose id is another DID', async () => {
    const resolver = createDidResolver({
      fetchJson: mapFetch({ 'https://a.example/.well-known/did.json': { id: 'did:web:b.example' } }),
    });
    await expect(resolver.resolveMethod('did:web:a.example#k')).rejects.toThrow(
      'The DID document at https://a.example/.well-known/did.json is for did:web:b.example, not did:web:a.example.',
    );
  });

  it('explains a fetch refusal', async () => {
    const resolver = createDidResolver({
      fetchJson: () =>
        Promise.reject(new Error('refused: localhost resolves to 127.0.0.1, which is a loopback address')),
    });
    const error = await resolver.resolveMethod('did:web:localhost#k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyResolutionFailed);
    expect(error).toMatchObject({
      via: 'did:web',
      url: 'https://localhost/.well-known/did.json',
      message:
        'Could not fetch the DID document of did:web:localhost from https://localhost/.well-known/did.json: refused: localhost resolves to 127.0.0.1, which is a loopback address.',
    });
  });

  it('resolves https verification methods from the controller document', async () => {
    const ed = generateEd25519KeyPair();
    const issuer = 'https://example.edu/issuers/1';
    const vm = `${issuer}#key-1`;
    const resolver = createDidResolver({
      fetchJson: mapFetch({
        [issuer]: {
          id: issuer,
          type: 'Profile',
          verificationMethod: [
            { id: vm, type: 'Multikey', controller: issuer, publicKeyMultibase: ed.publicKeyMultibase },
          ],
          assertionMethod: [vm],
        },
      }),
    });
    expect(await resolver.resolveMethod(vm)).toMatchObject({
      via: 'https',
      url: issuer,
      method: { controller: issuer },
    });
  });

  it('does not let a document speak for another controller', async () => {
    const ed = generateEd25519KeyPair();
    const victim = 'https://victim.example/issuer';
    const resolver = createDidResolver({
      fetchJson: mapFetch({
        'https://attacker.example/doc': {
          id: victim,
          verificationMethod: [
            {
              id: 'https://attacker.example/doc#k',
              type: 'Multikey',
              controller: victim,
              publicKeyMultibase: ed.publicKeyMultibase,
            },
          ],
          assertionMethod: ['https://attacker.example/doc#k'],
        },
        [victim]: { id: victim, assertionMethod: [] },
      }),
    });
    await expect(resolver.resolveMethod('https://attacker.example/doc#k')).rejects.toThrow(
      `${victim} does not list https://attacker.example/doc#k as a key for issuing credentials (assertionMethod).`,
    );
  });

  it('names unsupported DID methods', async () => {
    const resolver = createDidResolver({ fetchJson: noFetch });
    await expect(resolver.resolveMethod('did:ion:abc#k')).rejects.toThrow(
      'Cairn cannot look up did:ion identifiers; it supports did:key and did:web.',
    );
  });
});
