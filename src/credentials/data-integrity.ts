import { createHash, sign, verify, type KeyObject } from 'node:crypto';
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

/** RDFC-1.0 canonical N-Quads in JSON-LD safe mode (undefined terms are errors). */
export async function canonize(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  // @types/jsonld predates RDFC-1.0 and `safe`; jsonld 9 supports both.
  const options = { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader };
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
