import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bakePng, bakeSvg, crc32 } from './bake.js';
import { signDataIntegrity, type JsonObject } from './data-integrity.js';
import { didKeyFromP256PublicKey, didKeyP256VerificationMethod, type FetchJson } from './did-resolver.js';
import { generateEd25519KeyPair, type Ed25519KeyPair } from './multikey.js';
import { CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT } from './ob3/achievement.js';
import { Bitstring, statusEntry, statusListCredentialBody, type StatusPurpose } from './status-list.js';
import { signVcJwt } from './vc-jwt.js';
import {
  parseCredentialInput,
  UnusableCredentialInput,
  verifyCredential,
  type CheckId,
  type VerificationReport,
  type VerifyDeps,
} from './verify.js';

const now = new Date('2026-06-01T00:00:00Z');
const issuerKey = generateEd25519KeyPair();
const otherKey = generateEd25519KeyPair();

const noFetch: FetchJson = (url) => Promise.reject(new Error(`failed: no network in tests (${url})`));
const mapFetch =
  (docs: Record<string, unknown>): FetchJson =>
  async (url) => {
    if (url in docs) return structuredClone(docs[url]);
    throw new Error(`failed: ${url} answered HTTP 404`);
  };
const deps = (extra: Partial<VerifyDeps> = {}): VerifyDeps => ({ now, fetchJson: noFetch, ...extra });

function aCredential(issuerId: string, extra: JsonObject = {}): JsonObject {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT],
    id: 'urn:uuid:2f5d1c4e-8f0b-4a59-9a3c-5d6a1d1c2b3a',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Example Polytechnic' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Teamwork',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.com/achievements/teamwork',
        type: ['Achievement'],
        criteria: { narrative: 'Nominated by peers.' },
        description: 'Collaborates within a group.',
        name: 'Teamwork',
      },
    },
    ...extra,
  };
}

const signDi = (
  doc: JsonObject,
  key: Ed25519KeyPair = issuerKey,
  verificationMethod = key.verificationMethod,
) =>
  signDataIntegrity(doc, { privateKey: key.privateKey, verificationMethod, created: '2026-01-01T00:00:00Z' });

const checkOf = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id)!;

async function verifyJson(doc: unknown, extra: Partial<VerifyDeps> = {}): Promise<VerificationReport> {
  return verifyCredential(parseCredentialInput({ text: JSON.stringify(doc) }), deps(extra));
}

describe('verifyCredential: Data Integrity', () => {
  it('finds a did:key credential valid and says so check by check', async () => {
    const report = await verifyJson(await signDi(aCredential(issuerKey.did)));
    expect(report.result).toBe('valid');
    expect(report.format).toBe('ldp');
    expect(report.issuer).toEqual({ id: issuerKey.did, name: 'Example Polytechnic' });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['structure', 'passed'],
      ['proof', 'passed'],
      ['issuer-key', 'passed'],
      ['status', 'skipped'],
      ['validity', 'passed'],
      ['issuer-identity', 'warning'],
    ]);
    expect(checkOf(report, 'issuer-key').message).toMatch(/did:key.*without contacting anyone/);
    expect(checkOf(report, 'status').message).toBe(
      'This credential cannot be revoked (it has no status list).',
    );
    expect(checkOf(report, 'validity').message).toBe('Valid since 1 January 2026; it does not expire.');
    expect(checkOf(report, 'issuer-identity').message).toBe(
      'The issuer is not known to Cairn; the signature shows only that the holder of this key issued it.',
    );
  });

  it('names an issuer Cairn knows', async () => {
    const report = await verifyJson(await signDi(aCredential(issuerKey.did)), {
      knownIssuer: async (id) =>
        id === issuerKey.did ? { organisationId: 'org-1', name: 'Tūhono Polytechnic' } : undefined,
    });
    expect(report.result).toBe('valid');
    expect(report.issuer.known).toEqual({ organisationId: 'org-1', name: 'Tūhono Polytechnic' });
    expect(checkOf(report, 'issuer-identity')).toMatchObject({
      status: 'passed',
      message: 'Issued by Tūhono Polytechnic, an organisation registered with Cairn.',
    });
  });

  it('finds a tampered credential invalid and does not vouch for its issuer', async () => {
    const signed = await signDi(aCredential(issuerKey.did));
    const report = await verifyJson(
      { ...signed, name: 'Leadership' },
      {
        knownIssuer: async () => ({ organisationId: 'org-1', name: 'Known' }),
      },
    );
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'proof')).toMatchObject({ status: 'failed' });
    expect(checkOf(report, 'proof').message).toMatch(/changed after it was signed/);
    expect(checkOf(report, 'issuer-identity').status).toBe('skipped');
    expect(report.issuer.known).toBeUndefined();
  });

  it('refuses a credential signed by a key that is not the issuer’s', async () => {
    const report = await verifyJson(await signDi(aCredential(issuerKey.did), otherKey));
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'proof').message).toMatch(/signed by a key that does not belong to the issuer/);
    expect(checkOf(report, 'issuer-key').status).toBe('failed');
  });

  it('says plainly when there is no proof', async () => {
    const report = await verifyJson(aCredential(issuerKey.did));
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'proof').message).toMatch(/has no signature/);
    expect(checkOf(report, 'issuer-key').status).toBe('skipped');
  });

  it('verifies the 1EdTech implementation-guide test vector (https key URL)', async () => {
    const fixtures = join(import.meta.dirname, '../../test/fixtures/ob3');
    const vector = readFileSync(join(fixtures, 'impl-guide-test-vector.json'), 'utf8');
    const keys = JSON.parse(
      readFileSync(join(fixtures, 'impl-guide-test-vector.keys.json'), 'utf8'),
    ) as Record<string, JsonObject>;
    const [keyId, method] = Object.entries(keys)[0]!;
    const issuer = 'https://example.edu/issuers/565049';
    const fetchJson = mapFetch({
      [issuer]: { id: issuer, type: 'Profile', verificationMethod: [method], assertionMethod: [keyId] },
    });
    const report = await verifyCredential(
      parseCredentialInput({ bytes: new TextEncoder().encode(vector) }),
      deps({ fetchJson }),
    );
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'issuer-key').message).toBe(
      `The key was found in the issuer's key document at ${issuer}.`,
    );
  });

  it('resolves did:web keys through the injected fetchJson', async () => {
    const did = 'did:web:badges.example.org:issuers:42';
    const vm = `${did}#key-1`;
    const fetchJson = mapFetch({
      'https://badges.example.org/issuers/42/did.json': {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: did,
        verificationMethod: [
          { id: vm, type: 'Multikey', controller: did, publicKeyMultibase: issuerKey.publicKeyMultibase },
        ],
        assertionMethod: [vm],
      },
    });
    const report = await verifyJson(await signDi(aCredential(did), issuerKey, vm), { fetchJson });
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'issuer-key').message).toBe(
      "The key was found in the issuer's DID document at https://badges.example.org/issuers/42/did.json (did:web).",
    );
  });

  it('explains a did:web whose fetch is refused', async () => {
    const did = 'did:web:localhost';
    const fetchJson: FetchJson = () =>
      Promise.reject(new Error('refused: localhost resolves to 127.0.0.1, which is a loopback address'));
    const report = await verifyJson(await signDi(aCredential(did), issuerKey, `${did}#key-1`), { fetchJson });
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'issuer-key')).toMatchObject({
      status: 'failed',
      message:
        'Could not fetch the DID document of did:web:localhost from https://localhost/.well-known/did.json: refused: localhost resolves to 127.0.0.1, which is a loopback address.',
    });
    expect(checkOf(report, 'proof').message).toMatch(/^The issuer's key could not be found: Could not fetch/);
  });
});

describe('verifyCredential: never throws for bad credentials', () => {
  it.each([
    {},
    { proof: 'x', issuer: 5, credentialStatus: 'x', validUntil: 12 },
    { '@context': 7, type: {}, proof: [{ type: 'DataIntegrityProof' }], credentialStatus: [null, 1] },
    { ...aCredential('did:key:zNotAKey'), proof: { type: 'Ed25519Signature2020', proofValue: 'z1' } },
  ])('reports %j as invalid', async (credential) => {
    const report = await verifyCredential({ format: 'ldp', credential, source: 'json' }, deps());
    expect(report.result).toBe('invalid');
    expect(report.checks).toHaveLength(6);
  });

  it('reports a JWT with absurd dates without throwing', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const jwt = `${b64({ alg: 'EdDSA', kid: issuerKey.verificationMethod })}.${b64({ nbf: 1e300, exp: 'x' })}.c2ln`;
    const report = await verifyCredential(parseCredentialInput({ text: jwt }), deps());
    expect(report.result).toBe('invalid');
  });
});

describe('verifyCredential: structure', () => {
  it('reports schema errors with their JSON pointer', async () => {
    const credential = aCredential(issuerKey.did);
    const { achievement: _a, ...subject } = credential.credentialSubject as JsonObject;
    const report = await verifyJson(
      await signDi({ ...credential, credentialSubject: subject, validFrom: 'soon' }),
    );
    expect(report.result).toBe('invalid');
    const structure = checkOf(report, 'structure');
    expect(structure.status).toBe('failed');
    expect(structure.message).toMatch(
      /^The credential is not laid out as an Open Badges 3.0 AchievementCredential should be: /,
    );
    expect(structure.details).toMatchObject({
      schema: 'AchievementCredential',
      errors: expect.arrayContaining([
        { pointer: '/credentialSubject', message: "must have required property 'achievement'" },
        { pointer: '/validFrom', message: 'must match format "date-time"' },
      ]) as unknown,
    });
  });

  it('refuses contexts Cairn has no pinned copy of', async () => {
    const credential = aCredential(issuerKey.did, {
      '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT, 'https://evil.example/context.json'],
    });
    const report = await verifyJson({ ...credential, proof: [] });
    expect(checkOf(report, 'structure')).toMatchObject({
      status: 'failed',
      message:
        'It uses a JSON-LD context Cairn does not have a pinned copy of (https://evil.example/context.json), so the meaning of its fields cannot be checked safely.',
    });
    expect(report.result).toBe('invalid');
  });

  it('gives other credentials a basic VC 2.0 check', async () => {
    const list = await signedStatusList('revocation', []);
    const report = await verifyJson(list);
    expect(checkOf(report, 'structure')).toMatchObject({
      status: 'passed',
      message: 'The credential is laid out as a W3C Verifiable Credential (2.0).',
    });
    expect(report.result).toBe('valid');
    const broken = await verifyJson({
      ...list,
      type: ['BitstringStatusListCredential'],
      validFrom: undefined,
    });
    expect(checkOf(broken, 'structure').message).toMatch(
      /\/type must include VerifiableCredential; \/validFrom must be a date-time/,
    );
  });
});

describe('verifyCredential: VC-JWT', () => {
  it('verifies an EdDSA JWT signed with an Ed25519 did:key', async () => {
    const jwt = await signVcJwt(aCredential(issuerKey.did), {
      privateKey: issuerKey.privateKey,
      alg: 'EdDSA',
      kid: issuerKey.verificationMethod,
    });
    const parsed = parseCredentialInput({ text: jwt });
    expect(parsed).toMatchObject({ format: 'jwt', source: 'jwt', jwt });
    const report = await verifyCredential(parsed, deps());
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'proof').message).toMatch(/JWT, EdDSA/);
  });

  it('verifies an ES256 JWT signed with a P-256 did:key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const did = didKeyFromP256PublicKey(publicKey);
    const jwt = await signVcJwt(aCredential(did), {
      privateKey,
      alg: 'ES256',
      kid: didKeyP256VerificationMethod(publicKey),
    });
    const report = await verifyCredential(parseCredentialInput({ text: JSON.stringify(jwt) }), deps());
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'issuer-key').message).toMatch(
      /^The P-256 key is written into the issuer's identifier/,
    );
  });

  it('refuses alg "none"', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const credential = aCredential(issuerKey.did);
    const jwt = `${b64({ alg: 'none', kid: issuerKey.verificationMethod })}.${b64({ ...credential, iss: issuerKey.did, jti: credential.id })}.`;
    const report = await verifyCredential(parseCredentialInput({ text: jwt }), deps());
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'proof').message).toBe(
      'The JWT is not signed (alg "none"), so nothing shows who issued it or that it is unchanged.',
    );
    expect(checkOf(report, 'issuer-key').status).toBe('skipped');
  });

  it('refuses a JWT whose kid is not the issuer’s key', async () => {
    const jwt = await signVcJwt(aCredential(issuerKey.did), {
      privateKey: otherKey.privateKey,
      alg: 'EdDSA',
      kid: otherKey.verificationMethod,
    });
    const report = await verifyCredential(parseCredentialInput({ text: jwt }), deps());
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'proof').message).toMatch(
      /^The credential is signed by a key that does not belong to the issuer/,
    );
    expect(checkOf(report, 'issuer-key').status).toBe('failed');
  });

  it('refuses a JWT with a changed payload', async () => {
    const jwt = await signVcJwt(aCredential(issuerKey.did), {
      privateKey: issuerKey.privateKey,
      alg: 'EdDSA',
      kid: issuerKey.verificationMethod,
    });
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as JsonObject;
    const forged = `${h!}.${Buffer.from(JSON.stringify({ ...payload, name: 'Leadership' })).toString('base64url')}.${s!}`;
    const report = await verifyCredential(parseCredentialInput({ text: forged }), deps());
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'proof').message).toMatch(/changed after it was signed/);
  });
});

// ---------------------------------------------------------------- status

const LIST_URL = 'https://cairn.example/status/1';

async function signedStatusList(purpose: StatusPurpose, set: number[], key: Ed25519KeyPair = issuerKey) {
  const bits = new Bitstring();
  for (const i of set) bits.set(i, true);
  const body = statusListCredentialBody({
    id: LIST_URL,
    issuer: key.did,
    purpose,
    encodedList: bits.encode(),
    validFrom: new Date('2026-01-01T00:00:00Z'),
  });
  return signDi(body as unknown as JsonObject, key);
}

async function withStatus(purpose: StatusPurpose, index: number) {
  return signDi(
    aCredential(issuerKey.did, { credentialStatus: statusEntry({ listUrl: LIST_URL, index, purpose }) }),
  );
}

describe('verifyCredential: status', () => {
  it('passes when the bit is clear', async () => {
    const list = await signedStatusList('revocation', [7]);
    const report = await verifyJson(await withStatus('revocation', 8), {
      loadStatusList: mapFetch({ [LIST_URL]: list }),
    });
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'status')).toMatchObject({
      status: 'passed',
      message: "The issuer's status list shows no revocation.",
    });
  });

  it('finds a revoked credential revoked', async () => {
    const list = await signedStatusList('revocation', [8]);
    const report = await verifyJson(await withStatus('revocation', 8), {
      loadStatusList: mapFetch({ [LIST_URL]: list }),
    });
    expect(report.result).toBe('revoked');
    expect(checkOf(report, 'status')).toMatchObject({
      status: 'failed',
      message: 'The issuer has revoked this credential.',
    });
  });

  it('finds a suspended credential suspended, with the list fetched through fetchJson', async () => {
    const list = await signedStatusList('suspension', [131_071]);
    const report = await verifyJson(await withStatus('suspension', 131_071), {
      fetchJson: mapFetch({ [LIST_URL]: list }),
    });
    expect(report.result).toBe('suspended');
  });

  it('finds the credential invalid when the status list has a bad signature', async () => {
    const list = await signedStatusList('revocation', [8]);
    const forged = {
      ...list,
      credentialSubject: { ...(list.credentialSubject as JsonObject), encodedList: new Bitstring().encode() },
    };
    const report = await verifyJson(await withStatus('revocation', 8), {
      loadStatusList: mapFetch({ [LIST_URL]: forged }),
    });
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'status').status).toBe('failed');
    expect(checkOf(report, 'status').message).toMatch(
      /status list at https:\/\/cairn.example\/status\/1 has a bad signature/,
    );
  });

  it('finds the credential invalid when another issuer signed the status list', async () => {
    const list = await signedStatusList('revocation', [], otherKey);
    const report = await verifyJson(await withStatus('revocation', 8), {
      loadStatusList: mapFetch({ [LIST_URL]: list }),
    });
    expect(report.result).toBe('invalid');
    expect(checkOf(report, 'status').message).toMatch(
      /was issued by did:key:.*, not by the credential's issuer/,
    );
  });

  it('warns, and keeps the result, when the status list cannot be loaded', async () => {
    const report = await verifyJson(await withStatus('revocation', 8), { loadStatusList: mapFetch({}) });
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'status')).toMatchObject({ status: 'warning' });
    expect(checkOf(report, 'status').message).toMatch(
      /^Could not check whether this credential has been revoked: .*HTTP 404/,
    );
  });
});

describe('verifyCredential: several status entries', () => {
  it('reads each entry; a set suspension bit on a second list suspends', async () => {
    const suspensionUrl = 'https://cairn.example/status/2';
    const revocations = await signedStatusList('revocation', []);
    const suspensions = { ...(await signedStatusList('suspension', [3])), id: suspensionUrl };
    const credential = {
      '@context': [CREDENTIALS_V2_CONTEXT],
      id: 'urn:uuid:7f1e7c7a-1111-4b8e-9a3c-1d6a1d1c2b3a',
      type: ['VerifiableCredential'],
      issuer: issuerKey.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
      credentialStatus: [
        statusEntry({ listUrl: LIST_URL, index: 3, purpose: 'revocation' }),
        statusEntry({ listUrl: suspensionUrl, index: 3, purpose: 'suspension' }),
      ],
    };
    // The suspension list's id changed after signing, so re-sign it.
    const { proof: _proof, ...unsigned } = suspensions;
    const report = await verifyJson(await signDi(credential), {
      loadStatusList: mapFetch({ [LIST_URL]: revocations, [suspensionUrl]: await signDi(unsigned) }),
    });
    expect(report.result).toBe('suspended');
    expect(checkOf(report, 'status').details).toMatchObject({
      entries: [
        { state: 'clear', purpose: 'revocation' },
        { state: 'set', purpose: 'suspension' },
      ],
    });
  });
});

describe('verifyCredential: unsupported status methods', () => {
  it('warns about a status method Cairn does not read', async () => {
    const credential = aCredential(issuerKey.did, {
      credentialStatus: { id: 'https://legacy.example/list#1', type: '1EdTechRevocationList' },
    });
    const jwt = await signVcJwt(credential, {
      privateKey: issuerKey.privateKey,
      alg: 'EdDSA',
      kid: issuerKey.verificationMethod,
    });
    const report = await verifyCredential(parseCredentialInput({ text: jwt }), deps());
    expect(report.result).toBe('valid');
    expect(checkOf(report, 'status')).toMatchObject({
      status: 'warning',
      message:
        'Could not check whether this credential has been revoked: It uses a status method Cairn does not check ("1EdTechRevocationList"). The other checks still apply.',
    });
  });
});

describe('verifyCredential: validity', () => {
  it('finds an expired credential expired, not invalid', async () => {
    const report = await verifyJson(
      await signDi(aCredential(issuerKey.did, { validUntil: '2026-03-03T12:00:00Z' })),
    );
    expect(report.result).toBe('expired');
    expect(checkOf(report, 'proof').status).toBe('passed');
    expect(checkOf(report, 'validity')).toMatchObject({
      status: 'warning',
      message: 'Expired on 3 March 2026; it was valid before that.',
    });
  });

  it('finds a future credential not yet valid', async () => {
    const report = await verifyJson(
      await signDi(aCredential(issuerKey.did, { validFrom: '2026-09-01T00:00:00Z' })),
    );
    expect(report.result).toBe('not-yet-valid');
    expect(checkOf(report, 'validity').message).toBe('Not valid yet: it becomes valid on 1 September 2026.');
  });

  it('puts revocation before expiry', async () => {
    const list = await signedStatusList('revocation', [8]);
    const credential = await signDi(
      aCredential(issuerKey.did, {
        validUntil: '2026-03-03T00:00:00Z',
        credentialStatus: statusEntry({ listUrl: LIST_URL, index: 8, purpose: 'revocation' }),
      }),
    );
    const report = await verifyJson(credential, { loadStatusList: mapFetch({ [LIST_URL]: list }) });
    expect(report.result).toBe('revoked');
  });
});

// ---------------------------------------------------------------- parsing

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 1);
  v.setUint32(4, 1);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Uint8Array.of(0, 0))),
    chunk('IEND', new Uint8Array(0)),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>';

describe('parseCredentialInput', () => {
  it('reads JSON, a JWT and a JSON string holding a JWT', () => {
    expect(parseCredentialInput({ text: ' {"type":["VerifiableCredential"]} ' })).toEqual({
      format: 'ldp',
      credential: { type: ['VerifiableCredential'] },
      source: 'json',
    });
    const jwt = `${Buffer.from('{"alg":"EdDSA"}').toString('base64url')}.${Buffer.from('{"name":"x","iss":"did:x"}').toString('base64url')}.c2ln`;
    expect(parseCredentialInput({ text: jwt })).toEqual({
      format: 'jwt',
      credential: { name: 'x' },
      jwt,
      source: 'jwt',
    });
    expect(parseCredentialInput({ bytes: new TextEncoder().encode(JSON.stringify(jwt)) })).toMatchObject({
      format: 'jwt',
      source: 'jwt',
    });
  });

  it('reads credentials baked into PNG and SVG, as JSON or JWT', async () => {
    const signed = await signDi(aCredential(issuerKey.did));
    const png = parseCredentialInput({ bytes: bakePng(tinyPng(), signed), mediaType: 'image/png' });
    expect(png).toMatchObject({ format: 'ldp', source: 'png', credential: { id: signed.id } });
    expect((await verifyCredential(png, deps())).result).toBe('valid');
    const jwt = await signVcJwt(aCredential(issuerKey.did), {
      privateKey: issuerKey.privateKey,
      alg: 'EdDSA',
      kid: issuerKey.verificationMethod,
    });
    const svg = parseCredentialInput({ bytes: new TextEncoder().encode(bakeSvg(SVG, jwt)) });
    expect(svg).toMatchObject({ format: 'jwt', source: 'svg', jwt });
  });

  it.each([
    [{ text: '{"a":' }, 'The JSON is truncated or malformed at position 5.'],
    [{ text: '{"a":}' }, 'The JSON is truncated or malformed at position 5.'],
    [{ text: '{"a": 1,\n "b": tru }' }, 'The JSON is truncated or malformed at position 18.'],
    [{ text: '[{"a":1}]' }, 'The JSON is a list; paste one credential (a JSON object) at a time.'],
    [{ text: 'hello' }, 'Not JSON, a JWT, a PNG or an SVG.'],
    [{ text: '   ' }, 'The input is empty.'],
    [{ bytes: tinyPng() }, 'This PNG carries no Open Badges credential.'],
    [{ bytes: new TextEncoder().encode(SVG) }, 'This SVG carries no Open Badges credential.'],
    [{ bytes: Uint8Array.of(0xff, 0xfe, 0x00, 0x81) }, 'Not JSON, a JWT, a PNG or an SVG.'],
    [{ bytes: tinyPng().subarray(0, 20) }, /PNG/],
  ])('refuses %j: %s', (input, message) => {
    expect(() => parseCredentialInput(input)).toThrow(UnusableCredentialInput);
    expect(() => parseCredentialInput(input)).toThrow(message);
  });

  it('refuses inputs over 10 MB before parsing them', () => {
    expect(() => parseCredentialInput({ bytes: new Uint8Array(10 * 1024 * 1024 + 1) })).toThrow(
      'The file is larger than 10 MB.',
    );
  });

  it('carries the DomainError fields', () => {
    const error = (() => {
      try {
        parseCredentialInput({ text: 'nope' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ kind: 'invalid', slug: 'unusable-credential' });
  });
});
