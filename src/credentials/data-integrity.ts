import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import jsonld from 'jsonld';
import { defaultDocumentLoader, type DocumentLoader } from './document-loader.js';
import { decodePublicKeyMultibase, multibaseDecode, multibaseEncode, publicKeyObject } from './multikey.js';

export const CRYPTOSUITE = 'eddsa-rdfc-2022';

export type JsonObject = Record<string, unknown>;

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: typeof CRYPTOSUITE;
  created: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
}

export interface SignOptions {
  privateKey: KeyObject;
  /** Verification method URL, e.g. `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  /** Proof creation time (the injected clock). */
  created: Date | string;
  proofPurpose?: string;
  documentLoader?: DocumentLoader;
}

/*
 * Context processing without the copying. jsonld deep-copies the whole active context (every term
 * definition, scoped contexts included) each time expansion enters a node whose type has a scoped
 * context, which every OB 3.0 type has, and again each time it leaves one; for an OB 3.0 credential
 * that copying and its garbage are most of the time canonicalisation takes, and since a copy is a
 * new object, jsonld's cache of processed contexts (keyed by the active context) rarely hits.
 *
 * jsonld never changes an active context once built: it copies one before defining terms in it,
 * and replaces term definitions rather than editing them. So a copy can share the definitions
 * (copy the maps, not what they hold), and leaving a type scope can return the previous context
 * itself, which lets the processed-context cache hit. The canonical N-Quads are the same; the
 * 1EdTech test vector and the Digital Bazaar round trips in data-integrity.test.ts check it.
 *
 * Only contexts processed through SharingContextResolver, passed to jsonld per call via its
 * `contextResolver` option, get the sharing methods, so other users of the jsonld module (the
 * Digital Bazaar stack, for one) are untouched. It leans on jsonld 9 internals; if they are not
 * there, canonize falls back to plain jsonld.
 */

/** The parts of a jsonld active context the two methods below read (jsonld/lib/context.js). */
interface ActiveContext {
  mappings: Map<string, unknown>;
  protected: Record<string, unknown>;
  inverse: unknown;
  getInverse: unknown;
  previousContext?: ActiveContext;
  clone: (this: ActiveContext) => ActiveContext;
  revertToPreviousContext: (this: ActiveContext) => ActiveContext;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
}

/** jsonld's _cloneActiveContext, field for field, with the definitions and previous context shared. */
function sharingClone(this: ActiveContext): ActiveContext {
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext,
  };
  if (this.previousContext) child.previousContext = this.previousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

/** jsonld's _revertToPreviousContext, without the copy. */
function sharingRevert(this: ActiveContext): ActiveContext {
  return this.previousContext ?? this;
}

function isActiveContext(value: unknown): value is ActiveContext {
  const ctx = value as Partial<ActiveContext> | null;
  return (
    typeof ctx === 'object' &&
    ctx !== null &&
    ctx.mappings instanceof Map &&
    typeof ctx.protected === 'object' &&
    typeof ctx.clone === 'function' &&
    typeof ctx.revertToPreviousContext === 'function'
  );
}

/** jsonld's ResolvedContext (jsonld/lib/ResolvedContext.js): a context document and its processed forms. */
interface ResolvedContext {
  setProcessed(activeCtx: unknown, processed: unknown): void;
}

interface SharedCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

type ContextResolverClass = new (options: { sharedCache: SharedCache }) => {
  _cacheResolvedContext(args: { key: string; resolved: unknown; tag?: unknown }): unknown;
};

/** A small LRU, the shape jsonld expects of its shared resolved-context cache. */
class ContextCache implements SharedCache {
  private readonly entries = new Map<string, unknown>();
  constructor(private readonly max: number) {}
  get(key: string): unknown {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

const SHARING = Symbol('cairn.sharingContexts');

/** Makes every context `resolved` processes from now on share on copy. */
function shareProcessedContexts(resolved: unknown): void {
  if (Array.isArray(resolved)) {
    for (const r of resolved) shareProcessedContexts(r);
    return;
  }
  const target = resolved as (ResolvedContext & { [SHARING]?: true }) | null;
  if (target === null || typeof target !== 'object' || typeof target.setProcessed !== 'function') return;
  if (target[SHARING]) return;
  target[SHARING] = true;
  const setProcessed = target.setProcessed.bind(target);
  target.setProcessed = (activeCtx, processed) => {
    const ctx = (processed as { context?: unknown } | null)?.context;
    if (isActiveContext(ctx)) {
      ctx.clone = sharingClone;
      ctx.revertToPreviousContext = sharingRevert;
    }
    setProcessed(activeCtx, processed);
  };
}

/** Our own resolved contexts, so the processed contexts (and the methods we put on them) are ours. */
const sharedContexts = new ContextCache(500);

/** A per-call jsonld ContextResolver over `sharedContexts`, or undefined when jsonld's internals differ. */
const newContextResolver: (() => unknown) | undefined = (() => {
  try {
    const Base = createRequire(import.meta.url)('jsonld/lib/ContextResolver.js') as unknown;
    if (typeof Base !== 'function') return undefined;
    const Resolver = Base as ContextResolverClass;
    if (typeof new Resolver({ sharedCache: sharedContexts })._cacheResolvedContext !== 'function')
      return undefined;
    return () => {
      const resolver = new Resolver({ sharedCache: sharedContexts });
      const cache = resolver._cacheResolvedContext.bind(resolver);
      // Every resolved context jsonld makes goes through here, before any processing.
      resolver._cacheResolvedContext = (args) => {
        shareProcessedContexts(args.resolved);
        return cache(args);
      };
      return resolver;
    };
  } catch {
    return undefined;
  }
})();

/** RDFC-1.0 canonical N-Quads in JSON-LD safe mode (undefined terms are errors). */
export async function canonize(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  // @types/jsonld predates RDFC-1.0 and `safe`; jsonld 9 supports both.
  const options = {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader,
    ...(newContextResolver ? { contextResolver: newContextResolver() } : {}),
  };
  return (jsonld.canonize as (doc: unknown, opts: unknown) => Promise<string>)(document, options);
}

function withoutProof(document: JsonObject): JsonObject {
  const { proof: _proof, ...rest } = document;
  return rest;
}

function proofConfig(document: JsonObject, proof: JsonObject): JsonObject {
  const { proofValue: _value, '@context': _ctx, ...options } = proof;
  return { '@context': document['@context'], ...options };
}

/** Canonical N-Quads of the unsecured document and of the proof configuration (VC-DI-EDDSA §3.3). */
export async function canonicalForms(
  document: JsonObject,
  proof: JsonObject,
  documentLoader: DocumentLoader = defaultDocumentLoader,
): Promise<{ document: string; proof: string }> {
  const [doc, config] = await Promise.all([
    canonize(withoutProof(document), documentLoader),
    canonize(proofConfig(document, proof), documentLoader),
  ]);
  return { document: doc, proof: config };
}

function hashData(forms: { document: string; proof: string }): Buffer {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return Buffer.concat([sha(forms.proof), sha(forms.document)]);
}

function xsdDateTime(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function existingProofs(document: JsonObject): unknown[] {
  const p = document.proof;
  return p === undefined ? [] : Array.isArray(p) ? p : [p];
}

/**
 * Adds an `eddsa-rdfc-2022` DataIntegrityProof. `proof` is always an array (OB 3.0 plain JSON);
 * existing proofs are kept (a proof set).
 * @throws Error when canonicalisation fails (unknown context, undefined term in safe mode).
 */
export async function signDataIntegrity<T extends JsonObject>(
  document: T,
  options: SignOptions,
): Promise<T & { proof: unknown[] }> {
  const loader = options.documentLoader ?? defaultDocumentLoader;
  const proof: JsonObject = {
    type: 'DataIntegrityProof',
    cryptosuite: CRYPTOSUITE,
    created: xsdDateTime(options.created),
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
  };
  const data = hashData(await canonicalForms(document, proof, loader));
  const proofValue = multibaseEncode(new Uint8Array(sign(null, data, options.privateKey)));
  return { ...document, proof: [...existingProofs(document), { ...proof, proofValue }] };
}

/** A resolved verification method and the document of its controller. */
export interface ResolvedKey {
  verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string };
  controllerDocument: JsonObject;
}

export type ResolveKey = (verificationMethod: string) => Promise<ResolvedKey>;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function idOf(value: unknown): unknown {
  return asObject(value)?.id ?? value;
}

/**
 * Resolves keys through a document loader: the verification method URL, then its controller.
 * A URL that yields a controller document (did:key without fragment) has the method picked out by id.
 */
export function resolveKeyWithLoader(documentLoader: DocumentLoader): ResolveKey {
  return async (id) => {
    let vm = asObject((await documentLoader(id)).document);
    const listed = vm?.verificationMethod;
    if (Array.isArray(listed)) vm = asObject(listed.find((m) => idOf(m) === id));
    if (
      !vm ||
      vm.type !== 'Multikey' ||
      typeof vm.controller !== 'string' ||
      typeof vm.publicKeyMultibase !== 'string'
    ) {
      throw new Error(`${id} is not a Multikey verification method.`);
    }
    if (vm.id !== id) throw new Error(`${id} resolved to a key with id ${String(vm.id)}.`);
    const controllerDocument = asObject((await documentLoader(vm.controller)).document);
    if (!controllerDocument) throw new Error(`Controller ${vm.controller} did not resolve to a document.`);
    return {
      verificationMethod: {
        id,
        type: vm.type,
        controller: vm.controller,
        publicKeyMultibase: vm.publicKeyMultibase,
      },
      controllerDocument,
    };
  };
}

export interface VerifyOptions {
  documentLoader?: DocumentLoader;
  /** Defaults to resolving through `documentLoader`. */
  resolveKey?: ResolveKey;
}

export interface VerificationCheck {
  id: 'proof';
  ok: boolean;
  message: string;
}

export interface DataIntegrityVerification {
  verified: boolean;
  checks: VerificationCheck[];
  verificationMethod?: string;
  controller?: string;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const publicKeyCache = new Map<string, KeyObject>();
function keyFor(publicKeyMultibase: string): KeyObject {
  let key = publicKeyCache.get(publicKeyMultibase);
  if (!key) {
    key = publicKeyObject(decodePublicKeyMultibase(publicKeyMultibase));
    if (publicKeyCache.size > 1000) publicKeyCache.clear();
    publicKeyCache.set(publicKeyMultibase, key);
  }
  return key;
}

async function verifyOne(
  document: JsonObject,
  proofValue: unknown,
  resolveKey: ResolveKey,
  loader: DocumentLoader,
): Promise<VerificationCheck & { verificationMethod?: string; controller?: string }> {
  const fail = (message: string) => ({ id: 'proof' as const, ok: false, message });
  const proof = asObject(proofValue);
  if (!proof) return fail('The proof is not an object.');
  if (proof.type !== 'DataIntegrityProof')
    return fail(`Unsupported proof type ${JSON.stringify(proof.type)}.`);
  if (proof.cryptosuite !== CRYPTOSUITE)
    return fail(`Unsupported cryptosuite ${JSON.stringify(proof.cryptosuite)}.`);
  if (proof.proofPurpose !== 'assertionMethod')
    return fail(`Unexpected proofPurpose ${JSON.stringify(proof.proofPurpose)}.`);
  if (typeof proof.verificationMethod !== 'string') return fail('The proof has no verificationMethod.');
  if (typeof proof.proofValue !== 'string') return fail('The proof has no proofValue.');
  if (
    proof.created !== undefined &&
    (typeof proof.created !== 'string' || !XSD_DATE_TIME.test(proof.created))
  ) {
    return fail('The proof created is not an XML Schema dateTime.');
  }
  const vmId = proof.verificationMethod;
  let signature: Uint8Array;
  try {
    signature = multibaseDecode(proof.proofValue);
  } catch (err) {
    return fail(`proofValue: ${errorMessage(err)}`);
  }
  if (signature.length !== 64)
    return fail(`proofValue has ${signature.length} bytes; an Ed25519 signature has 64.`);

  let resolved: ResolvedKey;
  try {
    resolved = await resolveKey(vmId);
  } catch (err) {
    return { ...fail(`Cannot resolve verification method: ${errorMessage(err)}`), verificationMethod: vmId };
  }
  const { controller } = resolved.verificationMethod;
  const at = { verificationMethod: vmId, controller };
  const issuer = idOf(document.issuer);
  if (controller !== issuer) {
    return { ...fail(`Key controller ${controller} does not match issuer ${String(issuer)}.`), ...at };
  }
  const assertion = resolved.controllerDocument.assertionMethod;
  if (
    resolved.controllerDocument.id !== controller ||
    !Array.isArray(assertion) ||
    !assertion.some((m) => idOf(m) === vmId)
  ) {
    return { ...fail(`Controller ${controller} does not list ${vmId} under assertionMethod.`), ...at };
  }
  let data: Buffer;
  let key: KeyObject;
  try {
    key = keyFor(resolved.verificationMethod.publicKeyMultibase);
    data = hashData(await canonicalForms(document, proof, loader));
  } catch (err) {
    return { ...fail(`Cannot canonicalise: ${errorMessage(err)}`), ...at };
  }
  const ok = verify(null, data, key, signature);
  return { id: 'proof', ok, message: ok ? 'Signature verified.' : 'Signature does not match.', ...at };
}

/**
 * Verifies the `eddsa-rdfc-2022` proof(s) of a document; `proof` may be an object or an array, and
 * one valid proof is enough. Never throws: every failure is a check with `ok: false`.
 */
export async function verifyDataIntegrity(
  document: unknown,
  options: VerifyOptions = {},
): Promise<DataIntegrityVerification> {
  const loader = options.documentLoader ?? defaultDocumentLoader;
  const resolveKey = options.resolveKey ?? resolveKeyWithLoader(loader);
  const doc = asObject(document);
  if (!doc)
    return {
      verified: false,
      checks: [{ id: 'proof', ok: false, message: 'The document is not an object.' }],
    };
  const proofs = existingProofs(doc);
  if (proofs.length === 0)
    return { verified: false, checks: [{ id: 'proof', ok: false, message: 'The document has no proof.' }] };
  const results = [];
  for (const p of proofs) {
    try {
      results.push(await verifyOne(doc, p, resolveKey, loader));
    } catch (err) {
      results.push({ id: 'proof' as const, ok: false, message: errorMessage(err) });
    }
  }
  const good = results.find((r) => r.ok);
  const chosen = good ?? results[0];
  return {
    verified: good !== undefined,
    checks: results.map(({ id, ok, message }) => ({ id, ok, message })),
    ...(chosen && 'verificationMethod' in chosen && chosen.verificationMethod !== undefined
      ? { verificationMethod: chosen.verificationMethod }
      : {}),
    ...(chosen && 'controller' in chosen && chosen.controller !== undefined
      ? { controller: chosen.controller }
      : {}),
  };
}
