import { describe, expect, it } from 'vitest';
import {
  BUNDLED_CONTEXT_URLS,
  createDocumentLoader,
  defaultDocumentLoader,
  resolveDidKey,
} from './document-loader.js';
import { generateEd25519KeyPair } from './multikey.js';

describe('document loader', () => {
  it('serves every bundled context, parsed once and frozen', async () => {
    expect(BUNDLED_CONTEXT_URLS).toEqual(
      expect.arrayContaining([
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
        'https://w3id.org/security/data-integrity/v2',
        'https://w3id.org/security/multikey/v1',
        'https://www.w3.org/ns/did/v1',
        'https://w3id.org/security/v1',
        'https://w3id.org/security/v2',
        'https://www.w3.org/ns/credentials/status/v1',
      ]),
    );
    for (const url of BUNDLED_CONTEXT_URLS) {
      const first = await defaultDocumentLoader(url);
      expect(first.documentUrl).toBe(url);
      expect(first.document).toHaveProperty('@context');
      expect(Object.isFrozen(first.document)).toBe(true);
      expect(Object.isFrozen((first.document as Record<string, unknown>)['@context'])).toBe(true);
      expect((await createDocumentLoader()(url)).document).toBe(first.document);
    }
  });

  it('throws a clear error for any other URL, without fetching', async () => {
    await expect(defaultDocumentLoader('https://example.org/context.json')).rejects.toThrow(
      /https:\/\/example\.org\/context\.json is not a bundled context/,
    );
    await expect(defaultDocumentLoader('did:web:example.org')).rejects.toThrow(/not fetched/);
  });

  it('resolves did:key to a DID document and did:key:X#X to its Multikey', async () => {
    const { did, publicKeyMultibase: mb, verificationMethod } = generateEd25519KeyPair();
    const doc = (await defaultDocumentLoader(did)).document;
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: verificationMethod, type: 'Multikey', controller: did, publicKeyMultibase: mb },
      ],
      authentication: [verificationMethod],
      assertionMethod: [verificationMethod],
      capabilityDelegation: [verificationMethod],
      capabilityInvocation: [verificationMethod],
    });
    expect((await defaultDocumentLoader(verificationMethod)).document).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: verificationMethod,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: mb,
    });
    expect(() => resolveDidKey(`${did}#other`)).toThrow(/does not match/);
    expect(() => resolveDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(
      /Ed25519/,
    );
    expect(resolveDidKey('https://example.org')).toBeUndefined();
  });

  it('asks the extra resolver for other URLs', async () => {
    const loader = createDocumentLoader({
      resolve: async (url) => (url === 'did:web:example.org' ? { id: 'did:web:example.org' } : undefined),
    });
    expect((await loader('did:web:example.org')).document).toEqual({ id: 'did:web:example.org' });
    await expect(loader('did:web:other.example')).rejects.toThrow(/not fetched/);
  });
});
