/**
 * The verifier core: read a credential from whatever the user has (JSON, a JWT, a baked PNG or SVG),
 * then check it and report every step as data, in plain words for someone who is not an expert.
 * No HTTP, no database: fetching, status lists and the issuer registry are injected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DomainError } from '../domain/errors.js';
import { CorruptBadgeImage, NotOb3Badge, unbakePng, unbakeSvg } from './bake.js';
import { verifyDataIntegrity, type JsonObject, type ResolveKey } from './data-integrity.js';
import {
  createDidResolver,
  dataIntegrityKey,
  jwtKey,
  KeyResolutionFailed,
  type DidResolver,
  type FetchJson,
  type ResolvedVia,
} from './did-resolver.js';
import { BUNDLED_CONTEXT_URLS, defaultDocumentLoader } from './document-loader.js';
import { Bitstring, InvalidStatusList } from './status-list.js';
import { verifyVcJwt, type VcJwtVerifyAlg } from './vc-jwt.js';

// ---------------------------------------------------------------- input

/** The input is not something a credential can be read from. */
export class UnusableCredentialInput extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'unusable-credential';
  readonly title = 'No credential could be read';
}

export type CredentialInput = { bytes: Uint8Array; mediaType?: string; filename?: string } | { text: string };

export interface ParsedCredential {
  /** `ldp`: JSON with an embedded proof (or none); `jwt`: a VC-JWT. */
  format: 'ldp' | 'jwt';
  credential: JsonObject;
  /** The compact JWT, for `format: 'jwt'`. */
  jwt?: string;
  /** What the credential was read from. */
  source: 'json' | 'jwt' | 'png' | 'svg';
}

/** Inputs above this are refused before any parsing. */
export const MAX_CREDENTIAL_INPUT_BYTES = 10 * 1024 * 1024;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWT_CLAIMS = ['iss', 'jti', 'nbf', 'sub', 'exp', 'iat', 'aud'] as const;
const ENVELOPED_JWT_PREFIXES = ['data:application/vc+jwt,', 'data:application/vc-ld+jwt,'];

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

function decodeJwtPart(part: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The credential carried by a JWT payload (OB 3.0: the payload itself; VCDM 1.1: the `vc` claim). */
function credentialFromJwtPayload(payload: JsonObject): JsonObject {
  if (isObject(payload.vc)) {
    const credential = { ...payload.vc };
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
    if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
    return credential;
  }
  const credential = { ...payload };
  for (const claim of JWT_CLAIMS) Reflect.deleteProperty(credential, claim);
  return credential;
}

function parseJwt(jwt: string, source: ParsedCredential['source']): ParsedCredential {
  const payload = decodeJwtPart(jwt.split('.')[1] ?? '');
  if (payload === undefined) {
    throw new UnusableCredentialInput('This looks like a JWT, but its middle part is not a JSON object.');
  }
  return { format: 'jwt', credential: credentialFromJwtPayload(payload), jwt, source };
}

/**
 * Offset of the first JSON syntax error (V8 does not always say). Recursive descent; returns
 * `undefined` when the text is too deeply nested to scan.
 */
function jsonErrorOffset(s: string): number | undefined {
  let i = 0;
  const stop = (): never => {
    throw new SyntaxError(String(i));
  };
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s.charAt(i))) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (s.charAt(i) !== ch) stop();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= s.length) stop();
      const ch = s.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return;
      }
      if (ch < 0x20) stop();
      if (ch === 0x5c) {
        i++;
        const e = s.charAt(i);
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(s.charAt(i + k))) stop();
          i += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i++;
        else stop();
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (m === null) stop();
    else i += m[0].length;
  };
  const value = (): void => {
    ws();
    const ch = s.charAt(i);
    if (ch === '{') {
      i++;
      ws();
      if (s.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s.charAt(i) !== '"') stop();
        string();
        ws();
        if (s.charAt(i) !== ':') stop();
        i++;
        value();
        ws();
        if (s.charAt(i) === ',') i++;
        else if (s.charAt(i) === '}') {
          i++;
          return;
        } else stop();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (s.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s.charAt(i) === ',') i++;
        else if (s.charAt(i) === ']') {
          i++;
          return;
        } else stop();
      }
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < s.length) stop();
    return undefined;
  } catch (err) {
    if (err instanceof SyntaxError) return Number(err.message);
    return undefined; // RangeError: too deep
  }
}

function parseJsonText(text: string, source: ParsedCredential['source']): ParsedCredential {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const position = /at position (\d+)/.exec(errorMessage(err))?.[1] ?? jsonErrorOffset(text);
    throw new UnusableCredentialInput(
      position === undefined
        ? 'The JSON is truncated or malformed.'
        : `The JSON is truncated or malformed at position ${position}.`,
      position === undefined ? {} : { position: Number(position) },
    );
  }
  if (typeof value === 'string') {
    const inner = value.trim();
    if (COMPACT_JWT.test(inner)) return parseJwt(inner, source === 'json' ? 'jwt' : source);
    throw new UnusableCredentialInput('The JSON is a text string, not a credential.');
  }
  if (Array.isArray(value)) {
    throw new UnusableCredentialInput('The JSON is a list; paste one credential (a JSON object) at a time.');
  }
  if (!isObject(value)) throw new UnusableCredentialInput('The JSON is a single value, not a credential.');
  const types = asArray(value.type);
  if (types.includes('EnvelopedVerifiableCredential') && typeof value.id === 'string') {
    const id = value.id;
    const prefix = ENVELOPED_JWT_PREFIXES.find((p) => id.startsWith(p));
    const inner = prefix === undefined ? '' : id.slice(prefix.length);
    if (COMPACT_JWT.test(inner)) return parseJwt(inner, source === 'json' ? 'jwt' : source);
  }
  if (types.includes('VerifiablePresentation')) {
    throw new UnusableCredentialInput(
      'This is a verifiable presentation (a wrapper around credentials); give the credential inside it.',
    );
  }
  return { format: 'ldp', credential: value, source };
}

/** JSON, a compact JWT, or a JSON string holding a JWT. */
function parseText(raw: string, source: ParsedCredential['source']): ParsedCredential {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1).trim() : raw.trim();
  if (text === '') throw new UnusableCredentialInput('The input is empty.');
  if (COMPACT_JWT.test(text)) return parseJwt(text, source === 'json' ? 'jwt' : source);
  if ('{["'.includes(text.charAt(0))) return parseJsonText(text, source);
  throw new UnusableCredentialInput('Not JSON, a JWT, a PNG or an SVG.');
}

function fromImage(read: () => string | undefined, kind: 'PNG' | 'SVG'): ParsedCredential {
  let text: string | undefined;
  try {
    text = read();
  } catch (err) {
    if (err instanceof CorruptBadgeImage || err instanceof NotOb3Badge) {
      throw new UnusableCredentialInput(err.message, { image: kind.toLowerCase() });
    }
    throw err;
  }
  if (text === undefined)
    throw new UnusableCredentialInput(`This ${kind} carries no Open Badges credential.`);
  const source = kind === 'PNG' ? 'png' : 'svg';
  try {
    return parseText(text, source);
  } catch (err) {
    if (err instanceof UnusableCredentialInput) {
      throw new UnusableCredentialInput(
        `The credential baked into this ${kind} is unreadable: ${err.message}`,
      );
    }
    throw err;
  }
}

function looksLikeSvg(text: string, input: { mediaType?: string; filename?: string }): boolean {
  if (input.mediaType?.toLowerCase().startsWith('image/svg') === true) return true;
  if (input.filename?.toLowerCase().endsWith('.svg') === true) return true;
  return /^\s*(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s/>]/i.test(
    text.slice(0, 4096),
  );
}

/**
 * Reads a credential from uploaded bytes or pasted text: JSON (`ldp`), a compact VC-JWT (also as a
 * JSON string or an EnvelopedVerifiableCredential), or a PNG or SVG with one baked in.
 * Does not verify anything.
 * @throws UnusableCredentialInput with a plain message when no credential can be read.
 */
export function parseCredentialInput(input: CredentialInput): ParsedCredential {
  if ('text' in input) {
    if (input.text.length > MAX_CREDENTIAL_INPUT_BYTES) {
      throw new UnusableCredentialInput('The input is larger than 10 MB.');
    }
    return parseText(input.text, 'json');
  }
  const { bytes } = input;
  if (bytes.length > MAX_CREDENTIAL_INPUT_BYTES)
    throw new UnusableCredentialInput('The file is larger than 10 MB.');
  if (bytes.length === 0) throw new UnusableCredentialInput('The file is empty.');
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return fromImage(() => unbakePng(bytes), 'PNG');
  if (input.mediaType === 'image/png' || input.filename?.toLowerCase().endsWith('.png') === true) {
    throw new UnusableCredentialInput('This file is named as a PNG but is not one.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnusableCredentialInput('Not JSON, a JWT, a PNG or an SVG.');
  }
  if (looksLikeSvg(text, input)) return fromImage(() => unbakeSvg(text), 'SVG');
  return parseText(text, 'json');
}

// ---------------------------------------------------------------- report types

export type CheckId = 'structure' | 'proof' | 'issuer-key' | 'status' | 'validity' | 'issuer-identity';
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped';

export interface Check {
  id: CheckId;
  status: CheckStatus;
  title: string;
  /** Plain words for someone who is not an expert. */
  message: string;
  details?: object;
}

export type VerificationResult = 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'suspended' | 'invalid';

export interface KnownIssuer {
  organisationId: string;
  name: string;
}

export interface VerificationReport {
  result: VerificationResult;
  format: ParsedCredential['format'];
  source: ParsedCredential['source'];
  credential: JsonObject;
  issuer: { id?: string; name?: string; known?: KnownIssuer };
  checks: Check[];
}

export interface VerifyDeps {
  now: Date;
  /** Fetches did:web documents and https keys (the app passes the SSRF-safe fetcher). */
  fetchJson: FetchJson;
  /** Loads a status list credential; defaults to `fetchJson`. The app answers its own URLs from the database. */
  loadStatusList?: (url: string) => Promise<unknown>;
  /** The Cairn organisation behind an issuer id, if any. */
  knownIssuer?: (issuerId: string) => Promise<KnownIssuer | undefined>;
}

const TITLES: Record<CheckId, string> = {
  structure: 'Credential format',
  proof: 'Signature',
  'issuer-key': "Issuer's key",
  status: 'Revocation',
  validity: 'Validity dates',
  'issuer-identity': 'Issuer',
};

function check(id: CheckId, status: CheckStatus, message: string, details?: object): Check {
  return { id, status, title: TITLES[id], message, ...(details === undefined ? {} : { details }) };
}

function issuerIdOf(credential: JsonObject): string | undefined {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

function issuerNameOf(credential: JsonObject): string | undefined {
  const { issuer } = credential;
  return isObject(issuer) && typeof issuer.name === 'string' ? issuer.name : undefined;
}

const typesOf = (value: unknown): string[] =>
  asArray(value).filter((t): t is string => typeof t === 'string');

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** "3 March 2026" (UTC). */
const formatDay = (ms: number) => DAY.format(new Date(ms));

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !XSD_DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

// ---------------------------------------------------------------- structure

const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';
const SCHEMA_FILES = {
  AchievementCredential: 'ob_v3p0_achievementcredential_schema.json',
  EndorsementCredential: 'ob_v3p0_endorsementcredential_schema.json',
} as const;
type SchemaName = keyof typeof SCHEMA_FILES;

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
let validators: Record<SchemaName, ValidateFunction> | undefined;

/** The official 1EdTech schemas are JSON Schema 2019-09; compiled once, on first use. */
function schemaValidators(): Record<SchemaName, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const load = (file: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, 'ob3', 'schemas', file), 'utf8')) as object;
  validators = {
    AchievementCredential: ajv.compile(load(SCHEMA_FILES.AchievementCredential)),
    EndorsementCredential: ajv.compile(load(SCHEMA_FILES.EndorsementCredential)),
  };
  return validators;
}

interface Problem {
  pointer: string;
  message: string;
}

const MAX_PROBLEMS = 5;

function basicVcProblems(c: JsonObject): Problem[] {
  const problems: Problem[] = [];
  const contexts = asArray(c['@context']);
  if (contexts[0] !== CREDENTIALS_V2) {
    problems.push({ pointer: '/@context', message: `must start with ${CREDENTIALS_V2}` });
  }
  if (!typesOf(c.type).includes('VerifiableCredential')) {
    problems.push({ pointer: '/type', message: 'must include VerifiableCredential' });
  }
  if (issuerIdOf(c) === undefined)
    problems.push({ pointer: '/issuer', message: 'must be an id or an object with an id' });
  const subjects = asArray(c.credentialSubject);
  if (subjects.length === 0 || !subjects.every(isObject)) {
    problems.push({ pointer: '/credentialSubject', message: 'must be an object' });
  }
  if (parseDateTime(c.validFrom) === undefined) {
    problems.push({ pointer: '/validFrom', message: 'must be a date-time' });
  }
  if (c.validUntil !== undefined && parseDateTime(c.validUntil) === undefined) {
    problems.push({ pointer: '/validUntil', message: 'must be a date-time' });
  }
  return problems;
}

function checkStructure(parsed: ParsedCredential): Check {
  const c = parsed.credential;
  const types = typesOf(c.type);
  const unknownContexts = asArray(c['@context']).filter(
    (ctx): ctx is string => typeof ctx === 'string' && !BUNDLED_CONTEXT_URLS.includes(ctx),
  );
  const contextNote =
    unknownContexts.length === 0
      ? ''
      : `It uses a JSON-LD context Cairn does not have a pinned copy of (${unknownContexts.join(', ')}), so the meaning of its fields cannot be checked safely.`;
  // Only Data Integrity proofs depend on contexts; a JWT signs the JSON bytes.
  if (contextNote !== '' && parsed.format === 'ldp') {
    return check('structure', 'failed', contextNote, { unknownContexts });
  }

  let schema: SchemaName | 'VerifiableCredential';
  let problems: Problem[];
  if (types.includes('AchievementCredential') || types.includes('OpenBadgeCredential'))
    schema = 'AchievementCredential';
  else if (types.includes('EndorsementCredential')) schema = 'EndorsementCredential';
  else schema = 'VerifiableCredential';
  if (schema === 'VerifiableCredential') problems = basicVcProblems(c);
  else {
    const validate = schemaValidators()[schema];
    // VC 2.0 allows a single proof object; the OB 3.0 schema only describes the array form.
    const subject = isObject(c.proof) ? { ...c, proof: [c.proof] } : c;
    problems = validate(subject)
      ? []
      : (validate.errors ?? []).map((e) => ({
          pointer: e.instancePath === '' ? '/' : e.instancePath,
          message: e.message ?? e.keyword,
        }));
  }
  const label =
    schema === 'VerifiableCredential' ? 'a W3C Verifiable Credential (2.0)' : `an Open Badges 3.0 ${schema}`;
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
    return check(
      'structure',
      'failed',
      `The credential is not laid out as ${label} should be: ${shown.map((p) => `${p.pointer} ${p.message}`).join('; ')}${more}.`,
      { schema, errors: shown, errorCount: problems.length },
    );
  }
  if (contextNote !== '')
    return check('structure', 'warning', `It is laid out as ${label}. ${contextNote}`, {
      schema,
      unknownContexts,
    });
  return check('structure', 'passed', `The credential is laid out as ${label}.`, { schema });
}

// ---------------------------------------------------------------- proof and key

/** Each proof and status entry may cost a fetch; a credential cannot make Cairn do unbounded work. */
const MAX_PROOFS = 5;
const MAX_STATUS_ENTRIES = 10;

interface KeyLookup {
  verificationMethod: string;
  ok: boolean;
  via?: ResolvedVia;
  url?: string;
  keyType?: string;
  controller?: string;
  error?: string;
}

interface ProofOutcome {
  ok: boolean;
  message: string;
  details: object;
  key?: KeyLookup;
}

function lookupFailure(vm: string, err: unknown): KeyLookup {
  if (err instanceof KeyResolutionFailed) {
    return {
      verificationMethod: vm,
      ok: false,
      error: err.message,
      ...(err.via === undefined ? {} : { via: err.via }),
      ...(err.url === undefined ? {} : { url: err.url }),
    };
  }
  return { verificationMethod: vm, ok: false, error: errorMessage(err) };
}

function plainDataIntegrityFailure(message: string, key: KeyLookup | undefined): string {
  if (message === 'The document has no proof.') {
    return 'The credential has no signature (proof), so nothing shows who issued it or that it is unchanged.';
  }
  if (message.startsWith('Signature does not match')) {
    return 'The signature does not match the content: the credential was changed after it was signed, or the signature is broken.';
  }
  const controller = /^Key controller (\S+) does not match issuer (\S+)\.$/.exec(message);
  if (controller) {
    return `The credential is signed by a key that does not belong to the issuer: the key belongs to ${controller[1] ?? ''}, the credential names ${controller[2] ?? ''}.`;
  }
  if (message.startsWith('Cannot resolve verification method')) {
    return `The issuer's key could not be found: ${key?.error ?? message}`;
  }
  if (message.startsWith('Unsupported cryptosuite') || message.startsWith('Unsupported proof type')) {
    return `The signature uses a method Cairn does not check (${message.replace(/^Unsupported \w+ /, '').replace(/\.$/, '')}); Cairn checks eddsa-rdfc-2022 Data Integrity proofs and VC-JWTs.`;
  }
  if (message.startsWith('Cannot canonicalise')) {
    return `The credential could not be processed as linked data, so its signature cannot be checked: ${message.replace(/^Cannot canonicalise: /, '')}`;
  }
  return `The signature could not be verified: ${message}`;
}

async function verifyLdpProof(credential: JsonObject, resolver: DidResolver): Promise<ProofOutcome> {
  const proofCount = asArray(credential.proof).length;
  if (proofCount > MAX_PROOFS) {
    return {
      ok: false,
      message: `The credential carries ${proofCount} proofs; Cairn checks at most ${MAX_PROOFS}.`,
      details: { method: 'Data Integrity (eddsa-rdfc-2022)' },
    };
  }
  let key: KeyLookup | undefined;
  const resolveKey: ResolveKey = async (vm) => {
    try {
      const resolved = await resolver.resolveMethod(vm);
      key = {
        verificationMethod: vm,
        ok: true,
        via: resolved.via,
        keyType: resolved.keyType,
        controller: resolved.method.controller,
        ...(resolved.url === undefined ? {} : { url: resolved.url }),
      };
      return dataIntegrityKey(resolved);
    } catch (err) {
      key = lookupFailure(vm, err);
      throw err;
    }
  };
  const result = await verifyDataIntegrity(credential, { documentLoader: defaultDocumentLoader, resolveKey });
  const details = { method: 'Data Integrity (eddsa-rdfc-2022)', proofs: result.checks };
  if (result.verified) {
    return {
      ok: true,
      message: 'The signature is valid: the credential has not been changed since it was signed.',
      details,
      ...(key ? { key } : {}),
    };
  }
  const first = result.checks.find((c) => !c.ok)?.message ?? 'The signature does not verify.';
  if (key?.ok === true && /^Key controller/.test(first)) {
    key = {
      ...key,
      ok: false,
      error: `The key ${key.verificationMethod} belongs to ${key.controller ?? '?'}, not to the issuer.`,
    };
  }
  return { ok: false, message: plainDataIntegrityFailure(first, key), details, ...(key ? { key } : {}) };
}

async function verifyJwtProof(
  jwt: string,
  credential: JsonObject,
  resolver: DidResolver,
  now: Date,
): Promise<ProofOutcome> {
  const issuerId = issuerIdOf(credential);
  let key: KeyLookup | undefined;
  const resolveKey = async (kid: string, alg: VcJwtVerifyAlg) => {
    // A relative kid ("#key-1") is relative to the issuer's DID.
    const vm = kid.startsWith('#') && issuerId !== undefined ? `${issuerId}${kid}` : kid;
    try {
      const resolved = await resolver.resolveMethod(vm);
      key = {
        verificationMethod: vm,
        ok: true,
        via: resolved.via,
        keyType: resolved.keyType,
        controller: resolved.method.controller,
        ...(resolved.url === undefined ? {} : { url: resolved.url }),
      };
      if (resolved.method.controller !== issuerId) {
        key = {
          ...key,
          ok: false,
          error: `The key ${vm} belongs to ${resolved.method.controller}, not to the issuer ${String(issuerId)}.`,
        };
        throw new Error(key.error);
      }
      return jwtKey(resolved, alg);
    } catch (err) {
      if (key?.ok !== false) key = lookupFailure(vm, err);
      throw err;
    }
  };
  const result = await verifyVcJwt(jwt, { resolveKey, now });
  const header = decodeJwtPart(jwt.split('.')[0] ?? '');
  const alg = typeof header?.alg === 'string' ? header.alg : undefined;
  const details = { method: 'VC-JWT', alg, kid: header?.kid, checks: result.checks };
  const signatureChecks = new Set(['format', 'algorithm', 'header', 'key', 'proof', 'claims']);
  const failed = result.checks.find((c) => !c.ok && signatureChecks.has(c.id));
  const withKey = key ? { key } : {};
  if (failed === undefined) {
    return {
      ok: true,
      message: `The signature is valid (JWT, ${alg ?? '?'}): the credential has not been changed since it was signed.`,
      details,
      ...withKey,
    };
  }
  let message: string;
  switch (failed.id) {
    case 'algorithm':
      message =
        alg === undefined || alg.toLowerCase() === 'none'
          ? 'The JWT is not signed (alg "none"), so nothing shows who issued it or that it is unchanged.'
          : `The JWT is signed with ${alg}, which Cairn does not accept (it accepts EdDSA, ES256 and RS256).`;
      break;
    case 'key':
      message =
        key && key.controller !== undefined && key.controller !== issuerId
          ? `The credential is signed by a key that does not belong to the issuer: ${key.error ?? ''}`
          : `The issuer's key could not be found: ${key?.error ?? failed.message}`;
      break;
    case 'proof':
      message =
        'The signature does not match the content: the credential was changed after it was signed, or it was signed with another key.';
      break;
    case 'claims':
      message = `The JWT's own fields do not match the credential inside it: ${failed.message}`;
      break;
    case 'format':
    case 'header':
    case 'validFrom':
    case 'expiry':
      message = `The JWT is not usable: ${failed.message}`;
      break;
  }
  return { ok: false, message, details, ...withKey };
}

async function verifyProof(
  parsed: ParsedCredential,
  resolver: DidResolver,
  now: Date,
): Promise<ProofOutcome> {
  if (parsed.format === 'jwt') {
    if (parsed.jwt === undefined) throw new TypeError('A jwt-format credential needs its jwt.');
    return verifyJwtProof(parsed.jwt, parsed.credential, resolver, now);
  }
  return verifyLdpProof(parsed.credential, resolver);
}

function checkIssuerKey(key: KeyLookup | undefined, proofMessage: string): Check {
  if (key === undefined) {
    return check(
      'issuer-key',
      'skipped',
      `No key was looked up, because the signature could not be checked: ${proofMessage}`,
    );
  }
  const details = key;
  if (!key.ok) return check('issuer-key', 'failed', key.error ?? 'The key could not be found.', details);
  switch (key.via) {
    case 'did:key':
      return check(
        'issuer-key',
        'passed',
        `The ${key.keyType ?? ''} key is written into the issuer's identifier itself (did:key), so it was read without contacting anyone.`,
        details,
      );
    case 'did:web':
      return check(
        'issuer-key',
        'passed',
        `The key was found in the issuer's DID document at ${key.url ?? '?'} (did:web).`,
        details,
      );
    case 'https':
    case undefined:
      return check(
        'issuer-key',
        'passed',
        `The key was found in the issuer's key document at ${key.url ?? '?'}.`,
        details,
      );
  }
}

// ---------------------------------------------------------------- status

interface StatusOutcome {
  check: Check;
  revoked: boolean;
  suspended: boolean;
  /** The status information exists but is provably broken (bad proof, bad index, wrong purpose). */
  broken: boolean;
}

interface EntryResult {
  url?: string;
  index?: number;
  purpose?: string;
  /** `set`: the bit is 1; `clear`: 0; `unchecked`: could not be checked (a warning); `broken`: a failure. */
  state: 'set' | 'clear' | 'unchecked' | 'broken' | 'unsupported';
  message: string;
}

function parseStatusListValue(value: unknown): ParsedCredential | undefined {
  try {
    if (typeof value === 'string') return parseText(value, 'json');
    if (isObject(value)) return parseJsonText(JSON.stringify(value), 'json');
  } catch {
    return undefined;
  }
  return undefined;
}

async function checkEntry(
  entry: unknown,
  issuerId: string | undefined,
  load: (url: string) => Promise<ParsedCredential>,
  resolver: DidResolver,
  now: Date,
): Promise<EntryResult> {
  if (!isObject(entry)) return { state: 'broken', message: 'A status entry is not an object.' };
  if (entry.type !== 'BitstringStatusListEntry') {
    return {
      state: 'unsupported',
      message: `It uses a status method Cairn does not check (${JSON.stringify(entry.type)}).`,
    };
  }
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : undefined;
  const url = typeof entry.statusListCredential === 'string' ? entry.statusListCredential : undefined;
  const rawIndex = entry.statusListIndex;
  const index =
    typeof rawIndex === 'string' && /^\d{1,15}$/.test(rawIndex)
      ? Number(rawIndex)
      : typeof rawIndex === 'number' && Number.isSafeInteger(rawIndex) && rawIndex >= 0
        ? rawIndex
        : undefined;
  const at = {
    ...(url === undefined ? {} : { url }),
    ...(index === undefined ? {} : { index }),
    ...(purpose === undefined ? {} : { purpose }),
  };
  if (purpose === undefined || url === undefined || index === undefined) {
    return {
      ...at,
      state: 'broken',
      message: 'A status entry lacks its statusPurpose, statusListCredential or a valid statusListIndex.',
    };
  }
  if (entry.statusSize !== undefined && entry.statusSize !== 1 && entry.statusSize !== '1') {
    return {
      ...at,
      state: 'unsupported',
      message: `The status list at ${url} uses status messages (statusSize ${JSON.stringify(entry.statusSize)}), which Cairn does not read.`,
    };
  }
  let list: ParsedCredential;
  try {
    list = await load(url);
  } catch (err) {
    return {
      ...at,
      state: 'unchecked',
      message: `The status list at ${url} could not be loaded (${errorMessage(err)}).`,
    };
  }
  const proof = await verifyProof(list, resolver, now);
  if (!proof.ok)
    return {
      ...at,
      state: 'broken',
      message: `The status list at ${url} has a bad signature: ${proof.message}`,
    };
  const c = list.credential;
  const subject = isObject(c.credentialSubject) ? c.credentialSubject : {};
  if (!typesOf(c.type).includes('BitstringStatusListCredential') || subject.type !== 'BitstringStatusList') {
    return { ...at, state: 'broken', message: `${url} is not a Bitstring status list.` };
  }
  if (!asArray(subject.statusPurpose).includes(purpose)) {
    return {
      ...at,
      state: 'broken',
      message: `The status list at ${url} is for ${String(subject.statusPurpose)}, not ${purpose}.`,
    };
  }
  const listFrom = parseDateTime(c.validFrom);
  const listUntil = parseDateTime(c.validUntil);
  if (listUntil !== undefined && listUntil <= now.getTime()) {
    return {
      ...at,
      state: 'unchecked',
      message: `The status list at ${url} expired on ${formatDay(listUntil)}, so it no longer says whether the credential is ${purpose === 'suspension' ? 'suspended' : 'revoked'}.`,
    };
  }
  if (listFrom !== undefined && listFrom > now.getTime()) {
    return {
      ...at,
      state: 'unchecked',
      message: `The status list at ${url} is not valid until ${formatDay(listFrom)}.`,
    };
  }
  const listIssuer = issuerIdOf(c);
  if (listIssuer !== issuerId) {
    return {
      ...at,
      state: 'broken',
      message: `The status list at ${url} was issued by ${String(listIssuer)}, not by the credential's issuer.`,
    };
  }
  let bits: Bitstring;
  try {
    bits = Bitstring.decode(typeof subject.encodedList === 'string' ? subject.encodedList : '');
  } catch (err) {
    const reason = err instanceof InvalidStatusList ? err.message : errorMessage(err);
    return { ...at, state: 'broken', message: `The status list at ${url} cannot be decoded: ${reason}` };
  }
  if (index >= bits.length) {
    return {
      ...at,
      state: 'broken',
      message: `Position ${index} is outside the status list at ${url} (${bits.length} entries).`,
    };
  }
  // Bit 0 is the most significant bit of the first byte (status-list.ts, as the spec says).
  const set = bits.get(index);
  return { ...at, state: set ? 'set' : 'clear', message: '' };
}

/**
 * Decisions: a status list that cannot be loaded (network, expired list) gives a `warning`, and the
 * result stays what the other checks say: an issuer's server being down must not make every
 * credential invalid, and the report says plainly that revocation was not checked. A status list
 * that loads but is provably wrong (bad signature, another issuer, wrong purpose, index outside
 * the list, undecodable) `failed` and makes the result `invalid`: it cannot be trusted either way.
 */
async function checkStatus(
  credential: JsonObject,
  deps: VerifyDeps,
  resolver: DidResolver,
): Promise<StatusOutcome> {
  const entries = asArray(credential.credentialStatus);
  if (entries.length === 0) {
    return {
      check: check('status', 'skipped', 'This credential cannot be revoked (it has no status list).'),
      revoked: false,
      suspended: false,
      broken: false,
    };
  }
  if (entries.length > MAX_STATUS_ENTRIES) {
    return {
      check: check(
        'status',
        'failed',
        `The credential lists ${entries.length} status entries; Cairn checks at most ${MAX_STATUS_ENTRIES}, so its revocation cannot be trusted.`,
      ),
      revoked: false,
      suspended: false,
      broken: true,
    };
  }
  const loadRaw = deps.loadStatusList ?? deps.fetchJson;
  const cache = new Map<string, Promise<ParsedCredential>>();
  const load = (url: string): Promise<ParsedCredential> => {
    let pending = cache.get(url);
    if (!pending) {
      pending = loadRaw(url).then((value) => {
        const parsed = parseStatusListValue(value);
        if (parsed === undefined) throw new Error('it is not a credential');
        return parsed;
      });
      cache.set(url, pending);
    }
    return pending;
  };
  const issuerId = issuerIdOf(credential);
  const results: EntryResult[] = [];
  for (const entry of entries) results.push(await checkEntry(entry, issuerId, load, resolver, deps.now));
  const revoked = results.some((r) => r.state === 'set' && r.purpose === 'revocation');
  const suspended = results.some((r) => r.state === 'set' && r.purpose === 'suspension');
  const broken = results.filter((r) => r.state === 'broken');
  const unchecked = results.filter((r) => r.state === 'unchecked' || r.state === 'unsupported');
  const details = { entries: results };
  let result: Check;
  if (broken.length > 0) {
    result = check(
      'status',
      'failed',
      `Whether this credential was revoked cannot be trusted: ${broken.map((r) => r.message).join(' ')}`,
      details,
    );
  } else if (revoked) {
    result = check('status', 'failed', 'The issuer has revoked this credential.', details);
  } else if (suspended) {
    result = check('status', 'failed', 'The issuer has suspended this credential for now.', details);
  } else if (unchecked.length > 0) {
    result = check(
      'status',
      'warning',
      `Could not check whether this credential has been revoked: ${unchecked.map((r) => r.message).join(' ')} The other checks still apply.`,
      details,
    );
  } else {
    const purposes = [...new Set(results.map((r) => r.purpose))].join(' or ');
    result = check('status', 'passed', `The issuer's status list shows no ${purposes}.`, details);
  }
  return { check: result, revoked, suspended, broken: broken.length > 0 };
}

// ---------------------------------------------------------------- validity and identity

/** A JWT NumericDate in milliseconds, when it is a number a Date can hold. */
function numericDateMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12
    ? value * 1000
    : undefined;
}

function checkValidity(
  parsed: ParsedCredential,
  now: Date,
): { check: Check; notYetValid: boolean; expired: boolean } {
  const c = parsed.credential;
  let from = parseDateTime(c.validFrom ?? c.issuanceDate);
  let until = parseDateTime(c.validUntil ?? c.expirationDate);
  if (parsed.jwt !== undefined) {
    // The JWT's nbf/exp bind too; the stricter of each pair wins.
    const payload = decodeJwtPart(parsed.jwt.split('.')[1] ?? '');
    const nbf = numericDateMs(payload?.nbf);
    const exp = numericDateMs(payload?.exp);
    if (nbf !== undefined) from = Math.max(from ?? -Infinity, nbf);
    if (exp !== undefined) until = Math.min(until ?? Infinity, exp);
  }
  const t = now.getTime();
  const details = {
    ...(from === undefined ? {} : { validFrom: new Date(from).toISOString() }),
    ...(until === undefined ? {} : { validUntil: new Date(until).toISOString() }),
  };
  if (from !== undefined && from > t) {
    return {
      check: check('validity', 'warning', `Not valid yet: it becomes valid on ${formatDay(from)}.`, details),
      notYetValid: true,
      expired: false,
    };
  }
  if (until !== undefined && until <= t) {
    return {
      check: check(
        'validity',
        'warning',
        `Expired on ${formatDay(until)}; it was valid before that.`,
        details,
      ),
      notYetValid: false,
      expired: true,
    };
  }
  const since = from === undefined ? 'Valid' : `Valid since ${formatDay(from)}`;
  const message =
    until === undefined ? `${since}; it does not expire.` : `${since}, until ${formatDay(until)}.`;
  return { check: check('validity', 'passed', message, details), notYetValid: false, expired: false };
}

async function checkIssuerIdentity(
  issuerId: string | undefined,
  proofOk: boolean,
  deps: VerifyDeps,
): Promise<{ check: Check; known?: KnownIssuer }> {
  if (issuerId === undefined) {
    return { check: check('issuer-identity', 'skipped', 'The credential does not name an issuer.') };
  }
  if (!proofOk) {
    return {
      check: check(
        'issuer-identity',
        'skipped',
        `The credential names ${issuerId} as its issuer, but as the signature did not verify, that is only a claim.`,
      ),
    };
  }
  let known: KnownIssuer | undefined;
  try {
    known = await deps.knownIssuer?.(issuerId);
  } catch {
    return {
      check: check(
        'issuer-identity',
        'warning',
        'Could not check whether the issuer is registered with Cairn.',
        { issuerId },
      ),
    };
  }
  if (known) {
    return {
      check: check(
        'issuer-identity',
        'passed',
        `Issued by ${known.name}, an organisation registered with Cairn.`,
        { issuerId, ...known },
      ),
      known,
    };
  }
  return {
    check: check(
      'issuer-identity',
      'warning',
      'The issuer is not known to Cairn; the signature shows only that the holder of this key issued it.',
      { issuerId },
    ),
  };
}

// ---------------------------------------------------------------- verifyCredential

/**
 * Checks a parsed credential: structure (OB 3.0 JSON Schema or basic VC 2.0), signature (Data
 * Integrity eddsa-rdfc-2022 or VC-JWT), the issuer's key, revocation/suspension (Bitstring Status
 * List), validity dates and whether Cairn knows the issuer. Never throws for a bad credential:
 * every finding is a check.
 *
 * Result precedence: a failed structure, signature or key check (or a provably broken status list)
 * → `invalid`; then `revoked`, `suspended`, `not-yet-valid`, `expired`, `valid`.
 */
export async function verifyCredential(
  parsed: ParsedCredential,
  deps: VerifyDeps,
): Promise<VerificationReport> {
  const resolver = createDidResolver({ fetchJson: deps.fetchJson });
  const { credential } = parsed;
  const issuerId = issuerIdOf(credential);
  const issuerName = issuerNameOf(credential);

  const structure = checkStructure(parsed);
  const proof = await verifyProof(parsed, resolver, deps.now);
  const proofCheck = check('proof', proof.ok ? 'passed' : 'failed', proof.message, proof.details);
  const keyCheck = checkIssuerKey(proof.key, proof.message);
  const status = await checkStatus(credential, deps, resolver);
  const validity = checkValidity(parsed, deps.now);
  const identity = await checkIssuerIdentity(issuerId, proof.ok, deps);

  const invalid = [structure, proofCheck, keyCheck].some((c) => c.status === 'failed') || status.broken;
  const result: VerificationResult = invalid
    ? 'invalid'
    : status.revoked
      ? 'revoked'
      : status.suspended
        ? 'suspended'
        : validity.notYetValid
          ? 'not-yet-valid'
          : validity.expired
            ? 'expired'
            : 'valid';
  return {
    result,
    format: parsed.format,
    source: parsed.source,
    credential,
    issuer: {
      ...(issuerId === undefined ? {} : { id: issuerId }),
      ...(issuerName === undefined ? {} : { name: issuerName }),
      ...(identity.known === undefined ? {} : { known: identity.known }),
    },
    checks: [structure, proofCheck, keyCheck, status.check, validity.check, identity.check],
  };
}
