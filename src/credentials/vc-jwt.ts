/**
 * Open Badges 3.0 VC-JWT (JSON Web Token Proof Format): the payload is the credential JSON itself
 * plus the registered claims `iss`, `jti`, `nbf`, `sub` and (optionally) `exp`.
 * Verification never throws; it returns a log of checks. The clock and key lookup are injected.
 * @see https://www.imsglobal.org/spec/ob/v3p0 §JSON Web Token Proof Format
 */
import { KeyObject, verify as verifySignatureBytes } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { DomainError } from '../domain/errors.js';

export type VcJwtSignAlg = 'EdDSA' | 'ES256';
export type VcJwtVerifyAlg = 'EdDSA' | 'ES256' | 'RS256';
const ACCEPTED_ALGS: readonly string[] = ['EdDSA', 'ES256', 'RS256'] satisfies VcJwtVerifyAlg[];
const ALLOWED_HEADERS = new Set(['alg', 'kid', 'typ']);
const JWT_CLAIMS = ['iss', 'jti', 'nbf', 'sub', 'exp', 'iat'] as const;

/** The credential lacks what a VC-JWT needs (`id`, `issuer.id`, `validFrom`). */
export class CredentialNotSignable extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'credential-not-signable';
  readonly title = 'Credential cannot be signed';

  constructor(field: string, message: string) {
    super(message, { field });
  }
}

export interface SignVcJwtOptions {
  privateKey: KeyObject;
  alg: VcJwtSignAlg;
  /** URI that dereferences to the public JWK (e.g. `did:web:…#key-1`). */
  kid: string;
}

export interface VcJwtCheck {
  id: 'format' | 'algorithm' | 'header' | 'key' | 'proof' | 'claims' | 'validFrom' | 'expiry';
  ok: boolean;
  message: string;
}

export interface VcJwtResult {
  verified: boolean;
  credential?: Record<string, unknown>;
  checks: VcJwtCheck[];
}

export interface VerifyVcJwtOptions {
  /** Returns the public key for `kid`, or undefined when it is unknown. May be async. */
  resolveKey: (kid: string, alg: VcJwtVerifyAlg) => KeyObject | undefined | Promise<KeyObject | undefined>;
  now: Date;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

function numericDate(iso: unknown, field: string): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms))
    throw new CredentialNotSignable(field, `The credential's ${field} is not a valid date-time.`);
  return Math.floor(ms / 1000);
}

/**
 * Signs `credential` as a compact JWS with header `{ alg, kid, typ: 'JWT' }`.
 * Add any embedded Data Integrity proof before calling this.
 * @throws CredentialNotSignable when `id`, `issuer.id` or `validFrom` is missing or invalid;
 *   jose's TypeError/JOSENotSupported when `privateKey` does not fit `alg`.
 */
export async function signVcJwt(credential: Json, options: SignVcJwtOptions): Promise<string> {
  const { id } = credential;
  const iss = idOf(credential.issuer);
  if (typeof id !== 'string' || id === '')
    throw new CredentialNotSignable('id', 'The credential needs an id.');
  if (iss === undefined)
    throw new CredentialNotSignable('issuer', 'The credential needs an issuer with an id.');
  const payload: Json = { ...credential, iss, jti: id, nbf: numericDate(credential.validFrom, 'validFrom') };
  const sub = isObject(credential.credentialSubject) ? credential.credentialSubject.id : undefined;
  if (typeof sub === 'string') payload.sub = sub;
  if (credential.validUntil !== undefined) payload.exp = numericDate(credential.validUntil, 'validUntil');

  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: options.alg, kid: options.kid, typ: 'JWT' })
    .sign(options.privateKey);
}

function decodeSegment(segment: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * The JWS signature check on a node:crypto KeyObject, one shot and synchronous: what jose's
 * compactVerify checks for these algorithms (a public key of the algorithm's type, P-256 for
 * ES256, RSA of at least 2048 bits for RS256, ECDSA signatures in IEEE P1363 form), without its
 * WebCrypto round trip, which costs more than the signature itself. The header is already checked
 * (only alg, kid, typ: no crit, no b64), so the signing input is the first two parts as they are.
 */
function verifyJws(alg: VcJwtVerifyAlg, key: KeyObject, signingInput: string, signature: Buffer): boolean {
  if (key.type !== 'public') return false;
  const data = Buffer.from(signingInput, 'ascii');
  const details = key.asymmetricKeyDetails;
  try {
    switch (alg) {
      case 'EdDSA':
        return key.asymmetricKeyType === 'ed25519' && verifySignatureBytes(null, data, key, signature);
      case 'ES256':
        return (
          key.asymmetricKeyType === 'ec' &&
          details?.namedCurve === 'prime256v1' &&
          signature.length === 64 &&
          verifySignatureBytes('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
        );
      case 'RS256':
        return (
          key.asymmetricKeyType === 'rsa' &&
          (details?.modulusLength ?? 0) >= 2048 &&
          verifySignatureBytes('sha256', data, key, signature)
        );
    }
  } catch {
    return false;
  }
}

/**
 * Verifies an OB 3.0 VC-JWT (or a legacy VCDM 1.1 JWT with a `vc` claim). Never throws.
 * `verified` is true only when every check passed.
 */
export async function verifyVcJwt(jwt: string, options: VerifyVcJwtOptions): Promise<VcJwtResult> {
  const checks: VcJwtCheck[] = [];
  const fail = (id: VcJwtCheck['id'], message: string): VcJwtResult => {
    checks.push({ id, ok: false, message });
    return { verified: false, checks };
  };

  // 1. Shape of the compact JWS.
  const token = jwt.trim();
  const parts = token.split('.');
  if (
    parts.length !== 3 ||
    !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p)) ||
    parts[0] === '' ||
    parts[1] === ''
  ) {
    return fail('format', 'Not a compact JWT: expected three base64url parts separated by dots.');
  }
  const [headerPart = '', payloadPart = ''] = parts;
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (header === undefined) return fail('format', 'The JWT header is not a JSON object.');
  if (payload === undefined) return fail('format', 'The JWT payload is not a JSON object.');
  checks.push({ id: 'format', ok: true, message: 'Compact JWT with JSON header and payload.' });

  // 2. Algorithm and header.
  const { alg, kid, typ } = header;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') {
    return fail('algorithm', 'Unsecured JWTs (alg "none") are refused: the credential carries no signature.');
  }
  if (!ACCEPTED_ALGS.includes(alg)) {
    return fail('algorithm', `Algorithm ${alg} is not accepted; use one of ${ACCEPTED_ALGS.join(', ')}.`);
  }
  checks.push({ id: 'algorithm', ok: true, message: `Algorithm ${alg} is accepted.` });
  const extra = Object.keys(header).filter((k) => !ALLOWED_HEADERS.has(k));
  if (typ !== undefined && typ !== 'JWT')
    return fail('header', `Header typ must be "JWT" when present; got ${JSON.stringify(typ)}.`);
  if (extra.length > 0)
    return fail('header', `Header has parameters OB 3.0 does not allow: ${extra.join(', ')}.`);
  if (typeof kid !== 'string' || kid === '')
    return fail('header', 'Header has no kid naming the signing key.');
  checks.push({ id: 'header', ok: true, message: 'Header holds only alg, kid and typ.' });

  // 3. Key.
  let key: KeyObject | undefined;
  try {
    key = await options.resolveKey(kid, alg as VcJwtVerifyAlg);
  } catch {
    return fail('key', `Could not resolve key ${kid}.`);
  }
  if (key === undefined) return fail('key', `Unknown key ${kid}.`);
  checks.push({ id: 'key', ok: true, message: `Resolved key ${kid}.` });

  // 4. Signature. A key that is not a KeyObject (a CryptoKey from a JavaScript caller) goes through jose.
  let signatureOk: boolean;
  if (key instanceof KeyObject) {
    const signingInput = token.slice(0, token.lastIndexOf('.'));
    const signature = Buffer.from(parts[2] ?? '', 'base64url');
    signatureOk = verifyJws(alg as VcJwtVerifyAlg, key, signingInput, signature);
  } else {
    signatureOk = await compactVerify(token, key, { algorithms: [alg] }).then(
      () => true,
      () => false,
    );
  }
  if (!signatureOk) return fail('proof', `The signature does not verify with key ${kid}.`);
  checks.push({ id: 'proof', ok: true, message: `Signature verified with ${kid} (${alg}).` });

  // 5. Credential and claims.
  const legacy = isObject(payload.vc);
  let credential: Json;
  if (isObject(payload.vc)) {
    credential = { ...payload.vc };
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
    if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
  } else {
    credential = { ...payload };
    for (const claim of JWT_CLAIMS) Reflect.deleteProperty(credential, claim);
  }
  const mismatches: string[] = [];
  const issuerId = idOf(credential.issuer);
  if (issuerId === undefined) mismatches.push('the credential has no issuer id');
  else if (payload.iss !== issuerId)
    mismatches.push(`iss ${String(payload.iss)} is not issuer.id ${issuerId}`);
  if (typeof credential.id !== 'string') mismatches.push('the credential has no id');
  else if (payload.jti !== credential.id)
    mismatches.push(`jti ${String(payload.jti)} is not the credential id ${credential.id}`);
  const subjectId = isObject(credential.credentialSubject) ? credential.credentialSubject.id : undefined;
  if (payload.sub !== undefined && typeof subjectId === 'string' && payload.sub !== subjectId) {
    mismatches.push(`sub ${JSON.stringify(payload.sub)} is not credentialSubject.id ${subjectId}`);
  }
  if (mismatches.length > 0) {
    checks.push({
      id: 'claims',
      ok: false,
      message: `JWT claims do not match the credential: ${mismatches.join('; ')}.`,
    });
  } else {
    const kind = legacy ? 'legacy VCDM 1.1 JWT (vc claim)' : 'OB 3.0 VC-JWT';
    checks.push({ id: 'claims', ok: true, message: `${kind}: iss and jti match the credential.` });
  }

  // 6. Validity window from the JWT claims.
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const { nbf, exp } = payload;
  if (nbf !== undefined && typeof nbf !== 'number') {
    checks.push({ id: 'validFrom', ok: false, message: 'nbf is not a NumericDate.' });
  } else if (typeof nbf === 'number' && nbf > nowSeconds) {
    checks.push({ id: 'validFrom', ok: false, message: `Not valid yet: valid from ${iso(nbf)}.` });
  } else {
    checks.push({
      id: 'validFrom',
      ok: true,
      message: nbf === undefined ? 'No nbf claim.' : `Valid since ${iso(nbf)}.`,
    });
  }
  if (exp !== undefined && typeof exp !== 'number') {
    checks.push({ id: 'expiry', ok: false, message: 'exp is not a NumericDate.' });
  } else if (typeof exp === 'number' && exp <= nowSeconds) {
    checks.push({ id: 'expiry', ok: false, message: `Expired at ${iso(exp)}.` });
  } else {
    checks.push({
      id: 'expiry',
      ok: true,
      message: exp === undefined ? 'No expiry.' : `Valid until ${iso(exp)}.`,
    });
  }

  return { verified: checks.every((c) => c.ok), credential, checks };
}
