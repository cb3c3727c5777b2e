import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePublicKeyMultibase } from './multikey.js';

/** What a JSON-LD document loader returns (the shape `jsonld` expects). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
  /**
   * `'static'` tells jsonld the document never changes, so it keeps the resolved context across
   * calls instead of resolving the URL again every time (bundled contexts only).
   */
  tag?: 'static';
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * Extra resolution for URLs that are neither bundled contexts nor did:key (did:web, https keys).
 * Return `undefined` for "not mine"; the loader then throws.
 */
export type ExtraResolver = (url: string) => Promise<unknown>;

/** Context URL → file in `ob3/contexts/`. */
const CONTEXT_FILES: Readonly<Record<string, string>> = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
  'https://www.w3.org/2018/credentials/v1': 'credentials-v1.jsonld',
  'https://www.w3.org/ns/credentials/undefined-terms/v2': 'credentials-undefined-terms-v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json': 'ob-v3p0-context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json': 'ob-v3p0-context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': 'ob-v3p0-context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': 'ob-v3p0-extensions.json',
  'https://w3id.org/security/data-integrity/v1': 'data-integrity-v1.jsonld',
  'https://w3id.org/security/data-integrity/v2': 'data-integrity-v2.jsonld',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
  'https://w3id.org/security/v1': 'security-v1.jsonld',
  'https://w3id.org/security/v2': 'security-v2.jsonld',
  'https://w3id.org/security/suites/ed25519-2020/v1': 'ed25519-signature-2020-v1.jsonld',
  'https://www.w3.org/ns/credentials/status/v1': 'vc-bitstring-status-list-v1.jsonld',
};

/** The context URLs the default loader serves. */
export const BUNDLED_CONTEXT_URLS: readonly string[] = Object.freeze(Object.keys(CONTEXT_FILES));

const CONTEXTS_DIR = join(import.meta.dirname, 'ob3', 'contexts');

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

let parsed: Map<string, RemoteDocument> | undefined;

/** Parses every bundled context once, on first use, and keeps the frozen results. */
function bundled(): Map<string, RemoteDocument> {
  if (parsed) return parsed;
  const map = new Map<string, RemoteDocument>();
  for (const [url, file] of Object.entries(CONTEXT_FILES)) {
    const document = deepFreeze(JSON.parse(readFileSync(join(CONTEXTS_DIR, file), 'utf8')) as unknown);
    map.set(url, Object.freeze({ contextUrl: null, documentUrl: url, document, tag: 'static' as const }));
  }
  parsed = map;
  return map;
}

/** The parsed, frozen context for a bundled URL, or `undefined`. */
export function bundledContext(url: string): unknown {
  return bundled().get(url)?.document;
}

const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * Resolves `did:key:z6Mk…` to its DID document and `did:key:X#X` to its Multikey verification
 * method (controller = the DID). Returns `undefined` for anything else.
 * @throws TypeError for a did:key that is not an Ed25519 key, or whose fragment differs from the key.
 */
export function resolveDidKey(url: string): unknown {
  if (!url.startsWith('did:key:')) return undefined;
  const [did = '', fragment] = url.split('#', 2);
  const mb = did.slice('did:key:'.length);
  decodePublicKeyMultibase(mb); // validates
  if (fragment !== undefined && fragment !== mb) {
    throw new TypeError(`did:key fragment ${fragment} does not match the key ${mb}.`);
  }
  const vmId = `${did}#${mb}`;
  const method = { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: mb };
  if (fragment !== undefined) return deepFreeze({ '@context': MULTIKEY_CONTEXT, ...method });
  return deepFreeze({
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [method],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  });
}

export interface DocumentLoaderOptions {
  /** Called for URLs that are neither bundled nor did:key; may return `undefined` to refuse. */
  resolve?: ExtraResolver;
}

/**
 * A JSON-LD document loader that never touches the network: bundled contexts (frozen), did:key
 * documents, then the optional `resolve` hook.
 * The returned loader rejects with an Error naming the URL when nothing serves it.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const contexts = bundled();
  return async (url: string) => {
    const context = contexts.get(url);
    if (context) return context;
    const didDoc = resolveDidKey(url);
    if (didDoc !== undefined) return { contextUrl: null, documentUrl: url, document: didDoc };
    if (options.resolve) {
      const document = await options.resolve(url);
      if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    }
    throw new Error(`Document loader: ${url} is not a bundled context or did:key, and is not fetched.`);
  };
}

/** The default loader: bundled contexts and did:key only. */
export const defaultDocumentLoader: DocumentLoader = createDocumentLoader();
