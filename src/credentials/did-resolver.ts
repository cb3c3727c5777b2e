/**
 * Resolves the verification methods that sign credentials: `did:key` (Ed25519 and P-256, offline),
 * `did:web` (fetched) and plain https key URLs (fetched). Fetching is injected (`fetchJson`), so the
 * caller decides how the network is reached (the app passes its SSRF-safe fetcher).
 * The output serves both `verifyDataIntegrity` (a `ResolveKey`) and `verifyVcJwt` (a `KeyObject`).
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JsonObject, ResolvedKey, ResolveKey } from './data-integrity.js';
import { resolveDidKey } from './document-loader.js';
import {
  decodePublicKeyMultibase,
  encodeP256PublicKeyMultibase,
  encodePublicKeyMultibase,
  p256PublicKeyFromMultibase,
  publicKeyObject,
} from './multikey.js';
import type { VcJwtVerifyAlg } from './vc-jwt.js';

export type FetchJson = (url: string) => Promise<unknown>;

/** A verification method could not be resolved; the message is plain words for the report. */
export class KeyResolutionFailed extends Error {
  constructor(
    readonly verificationMethod: string,
    message: string,
    readonly via?: ResolvedVia,
    readonly url?: string,
  ) {
    super(message);
    this.name = 'KeyResolutionFailed';
  }
}

/** How a key was found: decoded from the did:key itself, or fetched. */
export type ResolvedVia = 'did:key' | 'did:web' | 'https';
export type KeyType = 'Ed25519' | 'P-256' | 'RSA';

export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: JsonWebKey;
}

export interface ResolvedMethod {
  method: VerificationMethod;
  /** The controller's DID document (or https controller document). */
  controllerDocument: JsonObject;
  publicKey: KeyObject;
  keyType: KeyType;
  via: ResolvedVia;
  /** The URL fetched, for did:web and https. */
  url?: string;
}

// ---------------------------------------------------------------- P-256 did:key

const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * The key of a P-256 `publicKeyMultibase` (zDn…).
 * @throws TypeError unless the value is a P-256 public multikey holding a point on the curve.
 */
export function decodeP256PublicKeyMultibase(value: string): KeyObject {
  try {
    return p256PublicKeyFromMultibase(value);
  } catch (err) {
    if (err instanceof TypeError) throw err;
    throw new TypeError('The P-256 multikey is not a point on the curve.');
  }
}

/** `did:key:zDn…` for a P-256 public (or private) key; the issuing side uses this. */
export function didKeyFromP256PublicKey(key: KeyObject): string {
  return `did:key:${encodeP256PublicKeyMultibase(key)}`;
}

/** The verification method id `did:key:zDn…#zDn…` for a P-256 key. */
export function didKeyP256VerificationMethod(key: KeyObject): string {
  const did = didKeyFromP256PublicKey(key);
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** The DID document of a P-256 did:key (one Multikey method, also given as a JWK). */
function p256DidKeyDocument(did: string): JsonObject {
  const mb = did.slice('did:key:'.length);
  const publicKeyJwk = decodeP256PublicKeyMultibase(mb).export({ format: 'jwk' });
  const vmId = `${did}#${mb}`;
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [
      { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: mb, publicKeyJwk },
    ],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}

/**
 * The DID document of an Ed25519 (`z6Mk…`) or P-256 (`zDn…`) did:key, computed offline.
 * @throws TypeError for any other or malformed did:key.
 */
export function didKeyDocument(did: string): JsonObject {
  const mb = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:') || mb.includes('#')) throw new TypeError(`${did} is not a did:key.`);
  if (mb.startsWith('zDn')) return p256DidKeyDocument(did);
  if (mb.startsWith('z6Mk')) return resolveDidKey(did) as JsonObject;
  throw new TypeError(`did:key ${mb.slice(0, 8)}… is neither an Ed25519 (z6Mk…) nor a P-256 (zDn…) key.`);
}

// ---------------------------------------------------------------- did:web

/**
 * The https URL of a did:web DID document: `did:web:host%3Aport:a:b` → `https://host:port/a/b/did.json`,
 * `did:web:host` → `https://host/.well-known/did.json`.
 * @throws TypeError for a malformed did:web.
 */
export function didWebUrl(did: string): string {
  if (!did.startsWith('did:web:')) throw new TypeError(`${did} is not a did:web.`);
  const parts = did.slice('did:web:'.length).split(':');
  const [hostPart = '', ...path] = parts;
  let host: string;
  let segments: string[];
  try {
    host = decodeURIComponent(hostPart);
    segments = path.map((p) => decodeURIComponent(p));
  } catch {
    throw new TypeError(`${did} is not a valid did:web (bad percent-encoding).`);
  }
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) || host.startsWith('.') || host.includes('..')) {
    throw new TypeError(`${did} is not a valid did:web: "${host}" is not a host name.`);
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('?'))) {
    throw new TypeError(`${did} is not a valid did:web: it has an empty or unsafe path segment.`);
  }
  const path_ = segments.length === 0 ? '.well-known' : segments.map(encodeURIComponent).join('/');
  return `https://${host.toLowerCase()}/${path_}/did.json`;
}

// ---------------------------------------------------------------- helpers

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Absolute id of a method or reference, given the document it appears in (`#key-1` → `did#key-1`). */
function absolute(ref: string, base: string): string {
  return ref.startsWith('#') ? `${base}${ref}` : ref;
}

function idOfRef(ref: unknown, base: string): string | undefined {
  if (typeof ref === 'string') return absolute(ref, base);
  if (isObject(ref) && typeof ref.id === 'string') return absolute(ref.id, base);
  return undefined;
}

/** Finds a method in a controller document's `verificationMethod` or embedded relationships. */
function findMethod(doc: JsonObject, vmId: string): JsonObject | undefined {
  const base = typeof doc.id === 'string' ? doc.id : '';
  const candidates = [
    ...asArray(doc.verificationMethod),
    ...asArray(doc.assertionMethod),
    ...asArray(doc.authentication),
  ];
  for (const c of candidates) {
    if (isObject(c) && idOfRef(c, base) === vmId) return c;
  }
  return undefined;
}

const isKeyDocument = (doc: JsonObject) =>
  typeof doc.publicKeyMultibase === 'string' || isObject(doc.publicKeyJwk);

/** Whether the controller document lists `vmId` under `assertionMethod`. */
function listsAssertionMethod(doc: JsonObject, vmId: string): boolean {
  const base = typeof doc.id === 'string' ? doc.id : '';
  return asArray(doc.assertionMethod).some((ref) => idOfRef(ref, base) === vmId);
}

function keyFromMethod(method: VerificationMethod): { publicKey: KeyObject; keyType: KeyType } {
  const { publicKeyMultibase: mb, publicKeyJwk: jwk } = method;
  if (typeof mb === 'string') {
    if (mb.startsWith('z6Mk')) {
      const publicKey = publicKeyObject(decodePublicKeyMultibase(mb));
      return { publicKey, keyType: 'Ed25519' };
    }
    if (mb.startsWith('zDn')) return { publicKey: decodeP256PublicKeyMultibase(mb), keyType: 'P-256' };
    throw new TypeError(`The key ${method.id} is in a format Cairn does not support (${mb.slice(0, 4)}…).`);
  }
  if (isObject(jwk)) {
    if ('d' in jwk) throw new TypeError(`The key ${method.id} publishes a private key; it is not used.`);
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    } catch {
      throw new TypeError(`The key ${method.id} has a publicKeyJwk that is not a valid public key.`);
    }
    if (publicKey.asymmetricKeyType === 'ed25519') return { publicKey, keyType: 'Ed25519' };
    if (publicKey.asymmetricKeyType === 'ec' && publicKey.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
      return { publicKey, keyType: 'P-256' };
    }
    if (
      publicKey.asymmetricKeyType === 'rsa' &&
      (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048
    ) {
      return { publicKey, keyType: 'RSA' };
    }
    throw new TypeError(`The key ${method.id} is a ${String(jwk.kty)} key Cairn does not support.`);
  }
  throw new TypeError(`The key ${method.id} has neither publicKeyMultibase nor publicKeyJwk.`);
}

function toMethod(raw: JsonObject, id: string, defaultController: string): VerificationMethod {
  const controller = typeof raw.controller === 'string' ? raw.controller : defaultController;
  const method: VerificationMethod = { id, type: String(raw.type), controller };
  if (typeof raw.publicKeyMultibase === 'string') method.publicKeyMultibase = raw.publicKeyMultibase;
  if (isObject(raw.publicKeyJwk)) method.publicKeyJwk = raw.publicKeyJwk;
  return method;
}

const JWT_KEY_TYPES: Record<VcJwtVerifyAlg, KeyType> = { EdDSA: 'Ed25519', ES256: 'P-256', RS256: 'RSA' };

/**
 * The method as `verifyDataIntegrity` wants it: an Ed25519 Multikey (JWK keys are converted).
 * @throws KeyResolutionFailed for a P-256 or RSA key.
 */
export function dataIntegrityKey(resolved: ResolvedMethod): ResolvedKey {
  const { method } = resolved;
  if (resolved.keyType !== 'Ed25519') {
    throw new KeyResolutionFailed(
      method.id,
      `The key ${method.id} is a ${resolved.keyType} key; eddsa-rdfc-2022 signatures need an Ed25519 key.`,
      resolved.via,
      resolved.url,
    );
  }
  const x = resolved.publicKey.export({ format: 'jwk' }).x ?? '';
  return {
    verificationMethod: {
      id: method.id,
      type: 'Multikey',
      controller: method.controller,
      publicKeyMultibase: encodePublicKeyMultibase(new Uint8Array(Buffer.from(x, 'base64url'))),
    },
    controllerDocument: resolved.controllerDocument,
  };
}

/**
 * The key for a JWT signed with `alg` (EdDSA → Ed25519, ES256 → P-256, RS256 → RSA).
 * @throws KeyResolutionFailed when the key type does not fit the algorithm.
 */
export function jwtKey(resolved: ResolvedMethod, alg: VcJwtVerifyAlg): KeyObject {
  const wanted = JWT_KEY_TYPES[alg];
  if (resolved.keyType !== wanted) {
    throw new KeyResolutionFailed(
      resolved.method.id,
      `The JWT says ${alg}, which needs an ${wanted} key, but ${resolved.method.id} is a ${resolved.keyType} key.`,
      resolved.via,
      resolved.url,
    );
  }
  return resolved.publicKey;
}

// ---------------------------------------------------------------- resolver

export interface DidResolver {
  /** A DID (did:key, did:web) or https controller document, with how it was obtained. */
  resolveDocument(id: string): Promise<{ document: JsonObject; via: ResolvedVia; url?: string }>;
  /**
   * A verification method, its key and its controller document. A bare DID (no fragment) picks the
   * first assertionMethod. The controller must list the method under assertionMethod.
   * @throws KeyResolutionFailed with a plain message.
   */
  resolveMethod(verificationMethod: string): Promise<ResolvedMethod>;
  /** For `verifyDataIntegrity`: Ed25519 keys only, as a Multikey. @throws KeyResolutionFailed */
  resolveKey: ResolveKey;
  /** For `verifyVcJwt`: the key for `kid`, checked against `alg`. @throws KeyResolutionFailed */
  resolveJwtKey(kid: string, alg: VcJwtVerifyAlg): Promise<KeyObject>;
}

export interface DidResolverOptions {
  /** Fetches did:web documents and https key documents (use the SSRF-safe fetcher). */
  fetchJson: FetchJson;
}

export function createDidResolver({ fetchJson }: DidResolverOptions): DidResolver {
  async function fetchDocument(url: string, what: string, vm: string, via: ResolvedVia): Promise<JsonObject> {
    let value: unknown;
    try {
      value = await fetchJson(url);
    } catch (err) {
      throw new KeyResolutionFailed(
        vm,
        `Could not fetch ${what} from ${url}: ${errorMessage(err)}.`,
        via,
        url,
      );
    }
    if (!isObject(value)) throw new KeyResolutionFailed(vm, `${url} did not return a JSON object.`, via, url);
    return value;
  }

  async function resolveDocument(
    id: string,
    vm = id,
  ): Promise<{ document: JsonObject; via: ResolvedVia; url?: string }> {
    if (id.startsWith('did:key:')) {
      try {
        return { document: didKeyDocument(id), via: 'did:key' };
      } catch (err) {
        throw new KeyResolutionFailed(vm, `The did:key is not usable: ${errorMessage(err)}`, 'did:key');
      }
    }
    if (id.startsWith('did:web:')) {
      let url: string;
      try {
        url = didWebUrl(id);
      } catch (err) {
        throw new KeyResolutionFailed(vm, errorMessage(err), 'did:web');
      }
      const document = await fetchDocument(url, `the DID document of ${id}`, vm, 'did:web');
      if (document.id !== id) {
        throw new KeyResolutionFailed(
          vm,
          `The DID document at ${url} is for ${String(document.id)}, not ${id}.`,
          'did:web',
          url,
        );
      }
      return { document, via: 'did:web', url };
    }
    if (id.startsWith('https://')) {
      return { document: await fetchDocument(id, 'the key document', vm, 'https'), via: 'https', url: id };
    }
    if (id.startsWith('did:')) {
      const method = id.split(':', 2)[1] ?? '';
      throw new KeyResolutionFailed(
        vm,
        `Cairn cannot look up did:${method} identifiers; it supports did:key and did:web.`,
      );
    }
    throw new KeyResolutionFailed(vm, `${id} is neither a DID nor an https URL, so its key cannot be found.`);
  }

  async function resolveMethod(vmId: string): Promise<ResolvedMethod> {
    const hash = vmId.indexOf('#');
    const base = hash < 0 ? vmId : vmId.slice(0, hash);
    const { document: fetched, via, url } = await resolveDocument(base, vmId);
    const at = (message: string) => new KeyResolutionFailed(vmId, message, via, url);
    let id = vmId;
    let raw: JsonObject | undefined;
    if (hash < 0 && isKeyDocument(fetched)) {
      raw = fetched; // the URL names the key itself
    } else {
      if (hash < 0) {
        // A bare DID or document URL: use its first assertion method.
        id = idOfRef(asArray(fetched.assertionMethod)[0], base) ?? '';
        if (id === '') throw at(`${base} lists no key for issuing credentials (assertionMethod).`);
      }
      raw = findMethod(fetched, id);
    }
    if (raw === undefined) throw at(`${url ?? base} does not contain the key ${id}.`);
    const method = toMethod(raw, id, base);
    let key: { publicKey: KeyObject; keyType: KeyType };
    try {
      key = keyFromMethod(method);
    } catch (err) {
      throw at(errorMessage(err));
    }
    // The fetched document is the controller only when it is what the controller URL/DID names;
    // otherwise the controller is looked up itself, so a document cannot speak for someone else.
    let controllerDocument = fetched;
    if (raw === fetched || method.controller !== base || fetched.id !== base) {
      controllerDocument = (await resolveDocument(method.controller, vmId)).document;
      if (controllerDocument.id !== method.controller) {
        throw at(
          `The controller document of ${id} is for ${String(controllerDocument.id)}, not ${method.controller}.`,
        );
      }
    }
    if (!listsAssertionMethod(controllerDocument, id)) {
      throw at(
        `${method.controller} does not list ${id} as a key for issuing credentials (assertionMethod).`,
      );
    }
    return { method, controllerDocument, ...key, via, ...(url === undefined ? {} : { url }) };
  }

  const resolveKey: ResolveKey = async (vmId) => dataIntegrityKey(await resolveMethod(vmId));

  async function resolveJwtKey(kid: string, alg: VcJwtVerifyAlg): Promise<KeyObject> {
    return jwtKey(await resolveMethod(kid), alg);
  }

  return { resolveDocument: (id) => resolveDocument(id), resolveMethod, resolveKey, resolveJwtKey };
}
