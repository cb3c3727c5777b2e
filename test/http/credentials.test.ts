/**
 * Issuing, status and verification through the HTTP API on a real database, checked by
 * independent implementations: the official JSON Schema (Ajv), the Digital Bazaar stack for Data
 * Integrity proofs and jose for VC-JWTs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetcher } from '../../src/adapters/safe-fetch.js';
import { seedDemo } from '../../src/app/seed-demo.js';
import { unbakePng, unbakeSvg } from '../../src/credentials/bake.js';
import { createDocumentLoader } from '../../src/credentials/document-loader.js';
import {
  decodePublicKeyMultibase,
  p256PublicKeyFromMultibase,
  publicKeyObject,
} from '../../src/credentials/multikey.js';
import { Bitstring } from '../../src/credentials/status-list.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import {
  browser,
  createTestApp,
  personWithOrganisation,
  type Browser,
  type TestApp,
} from '../support/app.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const schemaFile = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../src/credentials/ob3/schemas', name), 'utf8'),
  ) as object;
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validAchievementCredential = ajv.compile(schemaFile('ob_v3p0_achievementcredential_schema.json'));
const validEndorsementCredential = ajv.compile(schemaFile('ob_v3p0_endorsementcredential_schema.json'));

type Json = Record<string, unknown>;
interface CredentialView {
  id: string;
  state: string;
  public: boolean;
  credential: Json & { credentialStatus: { statusListCredential: string; statusListIndex: string } };
  record?: { statusListId: string; statusIndex: number; history: { action: string; reason: string }[] };
}
interface Report {
  result: string;
  checks: { id: string; status: string; message: string }[];
  issuer: { known?: { name: string } };
}

const LEARNER = 'priya.raman@ridgeline.example';
const PASSWORD = 'cairn-demo';

/** The Digital Bazaar stack with our bundled contexts; did:web and status lists answered by the app itself. */
function digitalBazaar(t: TestApp) {
  const bundled = createDocumentLoader({
    resolve: async (url) => {
      const base = t.deps.config.publicUrl;
      if (url.startsWith('did:web:')) {
        const path = url.split('#')[0]?.slice('did:web:'.length).split(':').slice(1).join('/') ?? '';
        const res = await t.app.inject({ url: `/${path}/did.json` });
        const doc = res.json<Json & { verificationMethod: Json[] }>();
        if (!url.includes('#')) return doc;
        return { '@context': doc['@context'], ...doc.verificationMethod.find((m) => m.id === url) };
      }
      if (url.startsWith(base)) return (await t.app.inject({ url: url.slice(base.length) })).json();
      return undefined;
    },
  });
  return {
    verify: async (credential: unknown) =>
      (await vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader: bundled,
        checkStatus: async () => ({ verified: true }),
      })) as { verified: boolean; error?: unknown },
  };
}

/** jose, given the public key named by the JWT's kid (a did:key, Ed25519 or P-256). */
async function joseVerify(jwt: string) {
  const { kid, alg } = decodeProtectedHeader(jwt);
  const multibase = (kid ?? '').split('#')[1] ?? '';
  const key =
    alg === 'ES256'
      ? p256PublicKeyFromMultibase(multibase)
      : publicKeyObject(decodePublicKeyMultibase(multibase));
  const { payload } = await compactVerify(jwt, key, { algorithms: [alg ?? 'none'] });
  return JSON.parse(new TextDecoder().decode(payload)) as Json;
}

async function signIn(t: TestApp, email: string): Promise<Browser> {
  const b = browser(t.app);
  const res = await b.post('/api/v1/auth/sign-in', { email, password: PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return b;
}

async function achievementId(t: TestApp, code: string): Promise<string> {
  const page = (await t.app.inject({ url: `/api/v1/achievements?q=${code}` })).json<{
    items: { id: string; code?: string }[];
  }>();
  const id = page.items[0]?.id;
  if (!id) throw new Error(`no ${code} in the catalogue`);
  return id;
}

async function verifyOverHttp(t: TestApp, body: unknown, contentType = 'application/json') {
  const payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    payload,
    headers: { 'content-type': contentType },
  });
}

describe('Open Badges 3.0 credentials (did:key)', () => {
  let t: TestApp;
  let issuer: Browser;
  let iam101: string;
  let issued: CredentialView;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    iam101 = await achievementId(t, 'IAM-101');
    // IAM-101 belongs to IAMSA; Anahera administers it.
    issuer = await signIn(t, 'anahera.kingi@iamsa.example');
    const res = await issuer.post('/api/v1/credentials', {
      achievementId: iam101,
      recipientEmail: LEARNER,
      route: 'assessed',
      evidence: [
        { name: 'Asset register walkthrough', narrative: 'Presented a walkthrough of the register.' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    issued = res.json<CredentialView>();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('issues a credential that passes the official AchievementCredential schema', () => {
    const c = issued.credential;
    expect(validAchievementCredential(c), JSON.stringify(validAchievementCredential.errors)).toBe(true);
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.proof).toBeInstanceOf(Array);
    expect((c.credentialSchema as Json[])[0]).toMatchObject({ type: '1EdTechJsonSchemaValidator2019' });
    const subject = c.credentialSubject as Json & { identifier: Json[]; achievement: Json };
    // The email is never in the credential, only its salted hash.
    expect(JSON.stringify(c)).not.toContain(LEARNER);
    expect(subject.identifier[0]).toMatchObject({
      type: 'IdentityObject',
      hashed: true,
      identityType: 'emailAddress',
    });
    expect(subject.achievement.id).toMatch(/\/api\/v1\/achievements\/[0-9a-f-]{36}\/ob3$/);
    expect(c.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    expect(c.evidence).toEqual([
      expect.objectContaining({ type: ['Evidence'], name: 'Asset register walkthrough' }),
    ]);
  });

  it('embeds signed endorsements that pass the EndorsementCredential schema and verify independently', async () => {
    const endorsements = issued.credential.endorsement as Json[] | undefined;
    expect(endorsements?.length).toBeGreaterThan(0);
    for (const e of endorsements ?? []) {
      expect(validEndorsementCredential(e), JSON.stringify(validEndorsementCredential.errors)).toBe(true);
      expect((await digitalBazaar(t).verify(e)).verified).toBe(true);
    }
  });

  it('publishes each endorsement as its signed EndorsementCredential, signed when endorsed', async () => {
    const detail = (await t.app.inject({ url: `/api/v1/achievements/${iam101}` })).json<{
      endorsements: { id: string }[];
    }>();
    const first = detail.endorsements[0]?.id ?? '';
    const res = await t.app.inject({ url: `/api/v1/endorsements/${first}/credential` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/vc+ld+json');
    const endorsement = res.json<Json>();
    expect(issued.credential.endorsement).toContainEqual(endorsement);
    expect(
      (await t.app.inject({ url: '/api/v1/endorsements/00000000-0000-4000-8000-000000000000/credential' }))
        .statusCode,
    ).toBe(404);

    // A new endorsement is signed at once, before anything is issued for its version.
    const body = await personWithOrganisation(t.app, 'professional_body');
    const roles = await body.browser.put(
      `/api/v1/organisations/${body.organisationId}/members/${body.userId}/roles`,
      {
        roles: ['org_admin', 'endorser'],
      },
    );
    expect(roles.statusCode, roles.body).toBe(200);
    const iam102 = await achievementId(t, 'IAM-102');
    const { versionId } = (await t.app.inject({ url: `/api/v1/achievements/${iam102}` })).json<{
      versionId: string;
    }>();
    const endorsed = await body.browser.post(`/api/v1/achievement-versions/${versionId}/endorsements`, {
      organisationId: body.organisationId,
      statement: 'We endorse this micro-credential for our members.',
    });
    expect(endorsed.statusCode, endorsed.body).toBe(201);
    const mine = endorsed
      .json<{ endorsements: { id: string; organisation: { id: string } }[] }>()
      .endorsements.find((e) => e.organisation.id === body.organisationId);
    const signed = await t.app.inject({ url: `/api/v1/endorsements/${mine?.id ?? ''}/credential` });
    expect(signed.statusCode, signed.body).toBe(200);
    const credential = signed.json<Json>();
    expect(validEndorsementCredential(credential), JSON.stringify(validEndorsementCredential.errors)).toBe(
      true,
    );
    expect((await digitalBazaar(t).verify(credential)).verified).toBe(true);
  });

  it('names the learner’s own DID as the subject once they set it', async () => {
    const grant = await signIn(t, 'grant.mackenzie@kowhai-dc.example');
    expect((await grant.put('/api/v1/me/did', { did: 'not a did' })).statusCode).toBe(422);
    expect((await grant.get('/api/v1/me/did')).json()).toEqual({ did: null });
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    expect((await grant.put('/api/v1/me/did', { did })).json()).toEqual({ did });
    const res = await issuer.post('/api/v1/credentials', {
      achievementId: iam101,
      recipientEmail: 'grant.mackenzie@kowhai-dc.example',
    });
    expect(res.statusCode, res.body).toBe(201);
    const subject = res.json<CredentialView>().credential.credentialSubject as Json;
    expect(subject.id).toBe(did);
    expect(validAchievementCredential(res.json<CredentialView>().credential)).toBe(true);
    expect((await grant.put('/api/v1/me/did', { did: null })).json()).toEqual({ did: null });
  });

  it('verifies with the Digital Bazaar stack, and fails there once any field changes', async () => {
    const db = digitalBazaar(t);
    expect((await db.verify(issued.credential)).verified).toBe(true);
    const tampered = structuredClone(issued.credential) as unknown as Json & { credentialSubject: Json };
    tampered.credentialSubject.creditsEarned = 40;
    expect((await db.verify(tampered)).verified).toBe(false);
    const renamed = { ...structuredClone(issued.credential), name: 'Something else' };
    expect((await db.verify(renamed)).verified).toBe(false);
  });

  it('serves VC-JWTs (EdDSA and ES256) that jose verifies, with the OB 3.0 claims', async () => {
    for (const format of ['jwt', 'jwt-es256'] as const) {
      const res = await t.app.inject({ url: `/api/v1/credentials/${issued.id}/download/${format}` });
      expect(res.statusCode).toBe(200);
      const jwt = res.body;
      expect(decodeProtectedHeader(jwt)).toMatchObject({
        alg: format === 'jwt' ? 'EdDSA' : 'ES256',
        typ: 'JWT',
      });
      const payload = await joseVerify(jwt);
      expect(payload).toMatchObject({ jti: issued.credential.id, iss: (payload.issuer as Json).id });
      expect(typeof payload.nbf).toBe('number');
      // A changed payload under the same signature is refused.
      const [h, , s] = jwt.split('.');
      const forged = `${h ?? ''}.${Buffer.from(JSON.stringify({ ...payload, name: 'Forged' })).toString('base64url')}.${s ?? ''}`;
      await expect(joseVerify(forged)).rejects.toThrow();
    }
  });

  it('bakes the credential into PNG and SVG badges that Cairn verifies', async () => {
    const png = await t.app.inject({ url: `/api/v1/credentials/${issued.id}/download/png` });
    expect(png.headers['content-type']).toBe('image/png');
    const fromPng = unbakePng(new Uint8Array(png.rawPayload));
    expect(JSON.parse(fromPng ?? '{}')).toEqual(issued.credential);
    const svg = await t.app.inject({ url: `/api/v1/credentials/${issued.id}/download/svg` });
    expect(JSON.parse(unbakeSvg(svg.body) ?? '{}')).toEqual(issued.credential);

    for (const [body, type] of [
      [png.rawPayload, 'image/png'],
      [svg.body, 'image/svg+xml'],
    ] as const) {
      const res = await verifyOverHttp(t, body, type);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Report>().result).toBe('valid');
    }
  });

  it('is idempotent: the same award answers with the same credential, also when asked at once', async () => {
    const again = await issuer.post('/api/v1/credentials', {
      achievementId: iam101,
      recipientEmail: LEARNER,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<CredentialView>().id).toBe(issued.id);

    const racing = await Promise.all(
      Array.from({ length: 6 }, () =>
        issuer.post('/api/v1/credentials', { achievementId: iam101, recipientEmail: 'racer@example.org' }),
      ),
    );
    const ids = new Set(racing.map((r) => r.json<CredentialView>().id));
    expect(ids.size).toBe(1);
    expect(racing.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('gives every credential its own status index, not in issue order', async () => {
    const views = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        issuer
          .post('/api/v1/credentials', {
            achievementId: iam101,
            recipientEmail: `many-${String(i)}@example.org`,
          })
          .then((r) => r.json<CredentialView>()),
      ),
    );
    const indexes = views.map((v) => Number(v.credential.credentialStatus.statusListIndex));
    expect(new Set(indexes).size).toBe(indexes.length);
    const sorted = [...indexes].sort((a, b) => a - b);
    expect(indexes).not.toEqual(sorted.map((_, i) => sorted[0] ?? 0 + i));
  });

  it('revokes with a reason: the published list shows it at once and every verifier says revoked', async () => {
    const target = (
      await issuer.post('/api/v1/credentials', {
        achievementId: iam101,
        recipientEmail: 'revoke-me@example.org',
      })
    ).json<CredentialView>();
    const listUrl = target.credential.credentialStatus.statusListCredential;
    const index = Number(target.credential.credentialStatus.statusListIndex);
    const path = listUrl.slice(t.deps.config.publicUrl.length);
    const before = await t.app.inject({ url: path });
    expect(before.headers['cache-control']).toContain('no-cache');
    const etag = before.headers.etag as string;
    expect((await t.app.inject({ url: path, headers: { 'if-none-match': etag } })).statusCode).toBe(304);

    const res = await issuer.post(`/api/v1/credentials/${target.id}/revoke`, {
      reason: 'Issued to the wrong person',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CredentialView>()).toMatchObject({ state: 'revoked' });
    expect(res.json<CredentialView>().record?.history).toEqual([
      expect.objectContaining({ action: 'revoke', reason: 'Issued to the wrong person' }),
    ]);

    const after = await t.app.inject({ url: path });
    expect(after.headers.etag).not.toBe(etag);
    const list = after.json<Json & { credentialSubject: { encodedList: string; statusPurpose: string } }>();
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    const bits = Bitstring.decode(list.credentialSubject.encodedList);
    expect(bits.get(index)).toBe(true);
    expect(bits.length).toBeGreaterThanOrEqual(131_072);
    expect((await digitalBazaar(t).verify(list)).verified).toBe(true);

    const report = (await verifyOverHttp(t, { credential: target.credential })).json<Report>();
    expect(report.result).toBe('revoked');
    // Revocation is final.
    const reinstate = await issuer.post(`/api/v1/credentials/${target.id}/reinstate`, {
      reason: 'changed my mind',
    });
    expect(reinstate.statusCode).toBe(409);
    expect(reinstate.headers['content-type']).toContain('application/problem+json');
  });

  it('suspends and reinstates; verifying reports each state', async () => {
    const target = (
      await issuer.post('/api/v1/credentials', {
        achievementId: iam101,
        recipientEmail: 'pause-me@example.org',
      })
    ).json<CredentialView>();
    expect(
      (await issuer.post(`/api/v1/credentials/${target.id}/suspend`, { reason: 'Under review' })).statusCode,
    ).toBe(200);
    expect((await verifyOverHttp(t, { credential: target.credential })).json<Report>().result).toBe(
      'suspended',
    );
    const back = await issuer.post(`/api/v1/credentials/${target.id}/reinstate`, {
      reason: 'Review cleared',
    });
    expect(back.json<CredentialView>().state).toBe('active');
    expect((await verifyOverHttp(t, { credential: target.credential })).json<Report>().result).toBe('valid');
  });

  it('keeps earlier credentials verifiable after a key rotation', async () => {
    const orgId = (issued.credential.issuer as Json).url as string;
    const iamsa = new URL(orgId).searchParams.get('provider') ?? '';
    const rotated = await issuer.post(`/api/v1/organisations/${iamsa}/keys/rotate`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const keys = rotated.json<{ items: { algorithm: string; retiredAt: string | null }[] }>().items;
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(2);
    expect(keys.filter((k) => k.retiredAt !== null).length).toBeGreaterThanOrEqual(2);

    const fresh = (
      await issuer.post('/api/v1/credentials', {
        achievementId: iam101,
        recipientEmail: 'after-rotation@example.org',
      })
    ).json<CredentialView>();
    expect((fresh.credential.issuer as Json).id).not.toBe((issued.credential.issuer as Json).id);
    for (const c of [issued.credential, fresh.credential]) {
      expect((await digitalBazaar(t).verify(c)).verified).toBe(true);
      expect((await verifyOverHttp(t, { credential: c })).json<Report>().result).toBe('valid');
    }
    // Private keys never leave the server.
    expect(rotated.body).not.toMatch(/secret|sealed|"d"/i);
  });

  it('shows an expired credential as expired, not invalid', async () => {
    // Give the micro-credential a validity period, then move the clock past it.
    await t.database.db.query(
      `UPDATE achievement_versions SET content = jsonb_set(content, '{validityDays}', '30')
       WHERE achievement_id = $1 AND status = 'published'`,
      [iam101],
    );
    const short = (
      await issuer.post('/api/v1/credentials', {
        achievementId: iam101,
        recipientEmail: 'short-lived@example.org',
      })
    ).json<CredentialView>();
    expect(short.credential.validUntil).toBeDefined();
    t.clock.advance(31 * 24 * 60 * 60 * 1000);
    try {
      const report = (await verifyOverHttp(t, { credential: short.credential })).json<Report>();
      expect(report.result).toBe('expired');
      expect(report.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
      // Anonymously: a session would not survive the jump of the clock.
      const view = (await t.app.inject({ url: `/api/v1/credentials/${short.id}` })).json<CredentialView>();
      expect(view.state).toBe('expired');
    } finally {
      t.clock.advance(-31 * 24 * 60 * 60 * 1000);
    }
  });

  it("lists the learner's wallet and lets only the holder hide a credential", async () => {
    const learner = await signIn(t, LEARNER);
    const wallet = (await learner.get('/api/v1/me/credentials')).json<{ items: { id: string }[] }>();
    expect(wallet.items.map((i) => i.id)).toContain(issued.id);

    expect(
      (await issuer.put(`/api/v1/credentials/${issued.id}/visibility`, { public: false })).statusCode,
    ).toBe(403);
    expect(
      (await learner.put(`/api/v1/credentials/${issued.id}/visibility`, { public: false })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/credentials/${issued.id}` })).statusCode).toBe(404);
    expect((await learner.get(`/api/v1/credentials/${issued.id}`)).statusCode).toBe(200);
    expect(
      (await learner.put(`/api/v1/credentials/${issued.id}/visibility`, { public: true })).statusCode,
    ).toBe(200);
    const anonymous = (
      await t.app.inject({ url: `/api/v1/credentials/${issued.id}` })
    ).json<CredentialView>();
    expect(anonymous.record).toBeUndefined();
    expect(JSON.stringify(anonymous)).not.toContain(LEARNER);
  });

  it("exports the learner's record as a signed CLR 2.0 ClrCredential bundling their credentials", async () => {
    const learner = await signIn(t, LEARNER);
    const res = await learner.get('/api/v1/me/clr');
    expect(res.statusCode, res.body).toBe(200);
    const { jwt, count } = res.json<{ jwt: string; count: number }>();
    expect(count).toBeGreaterThan(0);
    const clr = await joseVerify(jwt);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    const subject = clr.credentialSubject as { type: string[]; verifiableCredential: Json[] };
    expect(subject.type).toEqual(['ClrSubject']);
    expect(subject.verifiableCredential.map((c) => c.id)).toContain(issued.credential.id);
    // Each bundled credential keeps its own issuer's proof.
    for (const c of subject.verifiableCredential)
      expect((await digitalBazaar(t).verify(c)).verified).toBe(true);
    const report = (await verifyOverHttp(t, jwt, 'text/plain')).json<Report>();
    expect(report.checks.find((c) => c.id === 'proof')?.status).toBe('passed');
    expect((await t.app.inject({ url: '/api/v1/me/clr' })).statusCode).toBe(401);
  });

  it('lets only the issuer staff issue and change status', async () => {
    const learner = await signIn(t, LEARNER);
    const denied = await learner.post('/api/v1/credentials', {
      achievementId: iam101,
      recipientEmail: LEARNER,
    });
    expect(denied.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/credentials/${issued.id}/revoke`,
      payload: { reason: 'no' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await learner.post(`/api/v1/credentials/${issued.id}/revoke`, { reason: 'mine' })).statusCode,
    ).toBe(403);
  });

  it('refuses bad issuing input with a problem and writes nothing', async () => {
    const cases = [
      { achievementId: iam101, recipientEmail: 'not-an-email' },
      { achievementId: iam101 },
      { achievementId: 'nope', recipientEmail: LEARNER },
      { achievementId: iam101, recipientEmail: LEARNER, route: 'bribery' },
      { achievementId: iam101, recipientEmail: LEARNER, surprise: true },
    ];
    for (const body of cases) {
      const res = await issuer.post('/api/v1/credentials', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const unknown = await issuer.post('/api/v1/credentials', {
      achievementId: '00000000-0000-4000-8000-000000000000',
      recipientEmail: LEARNER,
    });
    expect(unknown.statusCode).toBe(404);
    const shortReason = await issuer.post(`/api/v1/credentials/${issued.id}/suspend`, { reason: 'x' });
    expect(shortReason.statusCode).toBe(422);
    expect((await issuer.get(`/api/v1/credentials/${issued.id}`)).json<CredentialView>().state).toBe(
      'active',
    );
  });

  it('answers bad input to verify clearly: never a 500, never a hang', async () => {
    const text = JSON.stringify(issued.credential);
    const truncated = await verifyOverHttp(t, text.slice(0, 200), 'text/plain');
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json<{ detail: string }>().detail).toMatch(/truncated|malformed/i);
    expect((await verifyOverHttp(t, text.slice(0, 200))).statusCode).toBe(400);

    const wrongTypes = await verifyOverHttp(t, {
      credential: { ...issued.credential, type: 42, issuer: [] },
    });
    expect(wrongTypes.statusCode).toBe(200);
    expect(wrongTypes.json<Report>().result).toBe('invalid');

    // A real 1×1 PNG with no credential in it.
    const plainPng = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const noCredential = await verifyOverHttp(t, plainPng, 'image/png');
    expect(noCredential.statusCode).toBe(422);
    expect(noCredential.json<{ detail: string }>().detail).toMatch(/no open badges credential|carries no/i);

    const huge = await verifyOverHttp(t, Buffer.alloc(50 * 1024 * 1024, 0x20), 'image/png');
    expect(huge.statusCode).toBe(413);

    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...issued.credential, iss: 'did:example:x' })).toString(
      'base64url',
    );
    const unsigned = await verifyOverHttp(t, { credential: `${header}.${payload}.` });
    expect(unsigned.statusCode).toBe(200);
    expect(unsigned.json<Report>().result).toBe('invalid');
  });
});

describe('did:web issuers and remote keys', () => {
  let t: TestApp;
  let issuer: Browser;
  let issued: CredentialView;

  beforeAll(async () => {
    // The real guarded fetcher: nothing here is reachable, and private addresses are refused.
    t = await createTestApp({
      publicUrl: 'https://cairn.test',
      fetchJson: createSafeFetcher({ timeoutMs: 2000 }),
    });
    await seedDemo(t.deps, loadDemoData());
    issuer = await signIn(t, 'anahera.kingi@iamsa.example');
    const res = await issuer.post('/api/v1/credentials', {
      achievementId: await achievementId(t, 'IAM-101'),
      recipientEmail: LEARNER,
    });
    expect(res.statusCode, res.body).toBe(201);
    issued = res.json<CredentialView>();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('names a did:web issuer whose document is served where did:web resolution looks', async () => {
    const did = (issued.credential.issuer as Json).id as string;
    expect(did).toMatch(/^did:web:cairn\.test:issuers:[0-9a-f-]{36}$/);
    const orgId = did.split(':').pop() ?? '';
    const doc = await t.app.inject({ url: `/issuers/${orgId}/did.json` });
    expect(doc.statusCode).toBe(200);
    expect(doc.json<Json>()).toMatchObject({ id: did });
    expect((await digitalBazaar(t).verify(issued.credential)).verified).toBe(true);
    const report = (await verifyOverHttp(t, { credential: issued.credential })).json<Report>();
    expect(report.result).toBe('valid');
    expect(report.issuer.known?.name).toContain('IAMSA');
  });

  it('keeps retired keys in the DID document, so earlier credentials still verify', async () => {
    const did = (issued.credential.issuer as Json).id as string;
    const orgId = did.split(':').pop() ?? '';
    expect((await issuer.post(`/api/v1/organisations/${orgId}/keys/rotate`)).statusCode).toBe(200);
    const doc = (await t.app.inject({ url: `/issuers/${orgId}/did.json` })).json<{
      assertionMethod: string[];
    }>();
    expect(doc.assertionMethod.length).toBeGreaterThanOrEqual(4);
    expect((await digitalBazaar(t).verify(issued.credential)).verified).toBe(true);
    expect((await verifyOverHttp(t, { credential: issued.credential })).json<Report>().result).toBe('valid');
  });

  it('refuses to fetch keys from a private address, and says so', async () => {
    const forged = structuredClone(issued.credential) as unknown as Json & { issuer: Json; proof: Json[] };
    forged.issuer.id = 'did:web:127.0.0.1%3A8443';
    for (const p of forged.proof) p.verificationMethod = 'did:web:127.0.0.1%3A8443#key-1';
    const started = Date.now();
    const res = await verifyOverHttp(t, { credential: forged });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode).toBe(200);
    const report = res.json<Report>();
    expect(report.result).toBe('invalid');
    expect(JSON.stringify(report.checks)).toMatch(/private|loopback|refused/i);
  });

  it('refuses a link to a private address too', async () => {
    const res = await verifyOverHttp(t, { url: 'https://localhost/credential.json' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ detail: string }>().detail).toMatch(/refused|loopback|private/i);
  });
});
