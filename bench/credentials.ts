/**
 * Credential signing and verification throughput, on one realistic Open Badges 3.0
 * AchievementCredential (an issuer Profile, a hashed-email IdentityObject, credentialSchema, a
 * BitstringStatusListEntry, evidence) and one did:key Ed25519 key.
 *
 *  - Data Integrity eddsa-rdfc-2022, issue and verify: Cairn's signDataIntegrity/verifyDataIntegrity
 *    against the Digital Bazaar stack's vc.issue/vc.verifyCredential, both with Cairn's bundled
 *    document loader. Each verifies what the other signed once first; the run fails if not.
 *  - VC-JWT, sign and verify, EdDSA (Ed25519) and ES256 (P-256): signVcJwt/verifyVcJwt, with the
 *    key lookup cached as the app would.
 *  - The limit: raw Ed25519 sign and verify with node:crypto over the same bytes the VC-JWT signs.
 *
 * Contenders of a comparison run in interleaved rounds, so a busy spell on the machine hits both.
 *
 *   npx tsx bench/credentials.ts          (or `npm run bench -- credentials`)
 */
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { AchievementContent } from '../src/domain/achievements.js';
import {
  signDataIntegrity,
  verifyDataIntegrity,
  type JsonObject,
} from '../src/credentials/data-integrity.js';
import { createDocumentLoader } from '../src/credentials/document-loader.js';
import { encodeSecretKeyMultibase, keyPairFromSecretKeyMultibase } from '../src/credentials/multikey.js';
import {
  buildAchievement,
  CREDENTIALS_V2_CONTEXT,
  OB_V3_CONTEXT,
} from '../src/credentials/ob3/achievement.js';
import { statusEntry } from '../src/credentials/status-list.js';
import { signVcJwt, verifyVcJwt, type VcJwtVerifyAlg } from '../src/credentials/vc-jwt.js';
import {
  benchScale,
  heading,
  ms,
  progress,
  ratio,
  record,
  say,
  summarise,
  table,
  verdict,
  type Summary,
} from './support/measure.js';

/** Seconds of measurement per contender at scale 1, split over ROUNDS interleaved rounds. */
const SECONDS = 3;
const ROUNDS = 3;
/** Seconds of warm-up per contender at scale 1, before any round. */
const WARM_UP_SECONDS = 1;
/** …and at least this many operations (the first Data Integrity calls process the contexts). */
const WARM_UP_MIN_OPS = 20;

const EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const CREATED = '2026-03-02T09:30:00Z';
const NOW = new Date('2026-03-03T00:00:00Z');

// ---------------------------------------------------------------------------------------------
// The credential

const content: AchievementContent = {
  title: 'Risk and Criticality for Infrastructure Assets',
  summary: 'Assess the criticality of infrastructure assets and manage the risks of their failure.',
  description: 'Failure modes, consequence and likelihood scoring, criticality and risk registers.',
  criteriaNarrative:
    'The learner completes a criticality assessment of a real network and presents a risk register to a panel.',
  achievementType: 'MicroCredential',
  code: 'IAM-203',
  competencies: [
    { frameworkId: 'iam', code: 'RSK-01', targetLevel: 3 },
    { frameworkId: 'iam', code: 'RSK-02', targetLevel: 3 },
    { frameworkId: 'iam', code: 'CRT-04', targetLevel: 2 },
  ],
  nzqfLevel: 5,
  credits: 5,
  assessmentMethods: ['Workplace project', 'Panel presentation'],
  criteria: [
    {
      id: 'c1',
      title: 'Criticality',
      evidenceRequirements: ['A criticality register for at least 200 assets', 'The scoring method used'],
    },
    {
      id: 'c2',
      title: 'Risk',
      evidenceRequirements: ['A risk register with treatments and owners'],
    },
  ],
  rplAllowed: true,
  rplEvidence: 'Two years of asset risk work with a manager’s statement.',
  tags: ['core_am', 'risk', 'criticality'],
  language: 'en-NZ',
  badge: { shape: 'hexagon', colour: '#0f766e' },
  nzqa: { nzscedCode: '030999' },
};

const BASE = 'https://cairn.example/api/v1';

function achievementCredential(issuerDid: string): JsonObject {
  const achievement = buildAchievement(
    {
      versionId: '7d1c0b6e-4f0a-4c51-9d8e-2a6b1f3c9e70',
      version: '1.2.0',
      content,
      creator: { id: 'iamsa', name: 'Infrastructure Asset Management Skills Aotearoa' },
      competencies: [
        {
          code: 'RSK-01',
          name: 'Asset risk identification',
          frameworkId: 'iam',
          frameworkTitle: 'IAM Competency Framework',
          targetLevel: 3,
        },
        {
          code: 'RSK-02',
          name: 'Risk treatment planning',
          frameworkId: 'iam',
          frameworkTitle: 'IAM Competency Framework',
          targetLevel: 3,
        },
        {
          code: 'CRT-04',
          name: 'Asset criticality assessment',
          frameworkId: 'iam',
          frameworkTitle: 'IAM Competency Framework',
          targetLevel: 2,
        },
      ],
      otherVersions: [
        { versionId: '1b9f4a2c-0e7d-4d6b-8c3a-5f2e9d1a7b40', version: '1.0.0' },
        { versionId: '3c5e7a9b-2d4f-4a6c-8e1b-7d9f0a2c4e61', version: '1.1.0' },
      ],
    },
    {
      achievement: (id) => `${BASE}/achievements/${id}`,
      image: (id) => `${BASE}/achievement-versions/${id}/image`,
      profile: (id) => `${BASE}/issuers/${id}`,
      competency: (fw, code) => `https://cairn.example/frameworks/${fw}#${code}`,
      criteria: (id) => `https://cairn.example/catalogue/${id}#criteria`,
    },
  );
  const salt = 'b1f3c5d7e9a0b2c4';
  const identityHash = `sha256$${createHash('sha256').update(`ana.ngata@example.nz${salt}`).digest('hex')}`;
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT, EXTENSIONS_CONTEXT],
    id: 'urn:uuid:2f1c7a7e-7f0b-4d55-9a3e-3c1f0f6a9b10',
    type: ['VerifiableCredential', 'AchievementCredential'],
    name: content.title,
    issuer: {
      id: issuerDid,
      type: ['Profile'],
      name: 'Infrastructure Asset Management Skills Aotearoa',
      url: 'https://iamsa.example.nz',
      email: 'credentials@iamsa.example.nz',
      image: { id: `${BASE}/issuers/iamsa/image`, type: 'Image', caption: 'IAMSA logo' },
    },
    validFrom: '2026-03-02T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityHash, identityType: 'emailAddress', hashed: true, salt },
      ],
      achievement,
      activityEndDate: '2026-02-27T00:00:00Z',
      creditsEarned: 5,
    },
    credentialSchema: [
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ],
    credentialStatus: statusEntry({
      listUrl: `${BASE}/status-lists/iamsa-revocation-1`,
      index: 40213,
      purpose: 'revocation',
    }),
    evidence: [
      {
        id: `${BASE}/evidence/5e8a1c3f-9b2d-4e6f-a7c9-0d1e3f5a7b92`,
        type: ['Evidence'],
        name: 'Criticality register, Whanganui stormwater network',
        description: 'Register of 412 assets with consequence and likelihood scores.',
        genre: 'Workplace project',
        audience: 'Assessment panel',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface Figures {
  summary: Summary;
  opsPerSecond: number;
}

interface Contender {
  name: string;
  run: () => unknown;
}

/**
 * Warms every contender up, then runs them in ROUNDS interleaved rounds of `seconds / ROUNDS`
 * each. ops/s is operations over the time spent in them; mean and p95 are per operation.
 */
async function compare(title: string, contenders: readonly Contender[]): Promise<Map<string, Figures>> {
  const scale = benchScale();
  const warmMs = WARM_UP_SECONDS * 1000 * scale;
  const rates = new Map<string, number>();
  for (const c of contenders) {
    let n = 0;
    const began = performance.now();
    while (performance.now() - began < warmMs || n < WARM_UP_MIN_OPS) {
      await c.run();
      n++;
    }
    rates.set(c.name, n / ((performance.now() - began) / 1000));
  }
  // Operations per round from the warm-up rate, so a round lasts about seconds / ROUNDS.
  const perRound = new Map(
    contenders.map((c) => [
      c.name,
      Math.max(10, Math.round(((rates.get(c.name) ?? 1) * SECONDS * scale) / ROUNDS)),
    ]),
  );
  const total = contenders.reduce((s, c) => s + (perRound.get(c.name) ?? 0) * ROUNDS, 0);
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  const bar = progress(title);
  let done = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const list = samples.get(c.name) ?? [];
      const n = perRound.get(c.name) ?? 0;
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await c.run();
        list.push(performance.now() - started);
        done++;
        if (done % 16 === 0) bar.update(done, total);
      }
    }
  }
  bar.update(total, total);
  bar.stop();
  return new Map(
    contenders.map((c) => {
      const list = samples.get(c.name) ?? [];
      const summary = summarise(list);
      return [c.name, { summary, opsPerSecond: 1000 / summary.mean }];
    }),
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as { errors?: unknown[] }).errors;
    return Array.isArray(inner) && inner.length > 0 ? inner.map(describe).join('; ') : error.message;
  }
  if (Array.isArray(error))
    return error.map((e) => describe((e as { error?: unknown }).error ?? e)).join('; ');
  return JSON.stringify(error);
}

const secs = (x: number): string => `${Number(x.toFixed(2))} s`;

function fail(message: string): never {
  throw new Error(`credentials bench: ${message}`);
}

async function main(): Promise<void> {
  const scale = benchScale();
  heading('Credential signing and verification');

  // One Ed25519 key, from a fixed seed, in both stacks' forms.
  const seed = createHash('sha256').update('cairn credentials bench').digest();
  const cairnKey = keyPairFromSecretKeyMultibase(encodeSecretKeyMultibase(new Uint8Array(seed)));
  const dbKey = await Ed25519Multikey.generate({ seed, controller: cairnKey.did });
  if (dbKey.id !== cairnKey.verificationMethod)
    fail(`key ids differ: ${dbKey.id} / ${cairnKey.verificationMethod}`);

  const credential = achievementCredential(cairnKey.did);
  const loader = createDocumentLoader();
  const bytes = Buffer.byteLength(JSON.stringify(credential));
  say(
    `An OB 3.0 AchievementCredential of ${bytes.toLocaleString('en')} bytes of JSON (contexts: credentials v2, OB 3.0.3, and OB extensions for the credentialSchema type), one did:key Ed25519 key; about ${secs(SECONDS * scale)} per figure after ${secs(WARM_UP_SECONDS * scale)} of warm-up, in ${ROUNDS} interleaved rounds (scale ${scale}).`,
  );

  // --- Data Integrity ---------------------------------------------------------------------------
  const cairnSign = () =>
    signDataIntegrity(credential, {
      privateKey: cairnKey.privateKey,
      verificationMethod: cairnKey.verificationMethod,
      created: CREATED,
      documentLoader: loader,
    });
  const signer = dbKey.signer();
  const dbIssue = () =>
    vc.issue({
      // vc.issue adds the proof to the object it is given: a shallow copy keeps ours clean.
      credential: { ...credential },
      suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: CREATED }),
      documentLoader: loader,
      now: NOW,
    });
  const notRevoked = () => Promise.resolve({ verified: true });
  const cairnVerify = async (signed: JsonObject) => {
    const r = await verifyDataIntegrity(signed, { documentLoader: loader });
    if (!r.verified) fail(`Cairn did not verify: ${JSON.stringify(r.checks)}`);
  };
  const dbVerify = async (signed: JsonObject) => {
    const r = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: loader,
      // verifyDataIntegrity does not look at the status list either; this only satisfies vc.
      checkStatus: notRevoked,
      now: NOW,
    });
    if (!r.verified) fail(`Digital Bazaar did not verify: ${describe(r.error ?? r.results)}`);
  };

  const cairnSigned = await cairnSign();
  const dbSigned = await dbIssue();
  // Same key, same proof options, deterministic Ed25519: the two proofs must be the same bytes.
  const cairnProof = (cairnSigned.proof as JsonObject[])[0];
  const sameProof = cairnProof?.proofValue === (dbSigned.proof as JsonObject).proofValue;
  await cairnVerify(dbSigned);
  await dbVerify(cairnSigned);
  await cairnVerify(cairnSigned);
  await dbVerify(dbSigned);
  say(
    `\nCross-checks: Cairn verifies the Digital Bazaar credential and Digital Bazaar verifies Cairn's; the proof values are ${sameProof ? 'identical' : 'different'}.`,
  );
  if (!sameProof) fail('the two stacks signed the same credential with the same key differently');

  say('');
  const diIssue = await compare('Data Integrity issue', [
    { name: 'cairn', run: cairnSign },
    { name: 'db', run: dbIssue },
  ]);
  const diVerify = await compare('Data Integrity verify', [
    { name: 'cairn', run: () => cairnVerify(cairnSigned) },
    { name: 'db', run: () => dbVerify(cairnSigned) },
  ]);

  // --- VC-JWT -----------------------------------------------------------------------------------
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kids = {
    EdDSA: `${cairnKey.did}#${cairnKey.publicKeyMultibase}`,
    ES256: 'did:web:cairn.example#es256',
  };
  const publicKeys = new Map<string, KeyObject>([
    [kids.EdDSA, cairnKey.publicKey],
    [kids.ES256, ec.publicKey],
  ]);
  // The app resolves a kid once and keeps the KeyObject.
  const resolveKey = (kid: string, _alg: VcJwtVerifyAlg) => publicKeys.get(kid);
  const jwtSign = (alg: 'EdDSA' | 'ES256') => () =>
    signVcJwt(credential, {
      privateKey: alg === 'EdDSA' ? cairnKey.privateKey : ec.privateKey,
      alg,
      kid: kids[alg],
    });
  const edJwt = await jwtSign('EdDSA')();
  const esJwt = await jwtSign('ES256')();
  const jwtVerify = (jwt: string) => async () => {
    const r = await verifyVcJwt(jwt, { resolveKey, now: NOW });
    if (!r.verified) fail(`VC-JWT did not verify: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
  };
  // The limit: what the JWS signs, header.payload, straight through node:crypto.
  const signingInput = Buffer.from(edJwt.slice(0, edJwt.lastIndexOf('.')), 'ascii');
  const rawSignature = sign(null, signingInput, cairnKey.privateKey);
  const rawSign = () => sign(null, signingInput, cairnKey.privateKey);
  const rawVerify = () => {
    if (!verify(null, signingInput, cairnKey.publicKey, rawSignature)) fail('raw Ed25519 did not verify');
  };

  const signing = await compare('VC-JWT and Ed25519 sign', [
    { name: 'EdDSA', run: jwtSign('EdDSA') },
    { name: 'ES256', run: jwtSign('ES256') },
    { name: 'raw', run: rawSign },
  ]);
  const verifying = await compare('VC-JWT and Ed25519 verify', [
    { name: 'EdDSA', run: jwtVerify(edJwt) },
    { name: 'ES256', run: jwtVerify(esJwt) },
    { name: 'raw', run: rawVerify },
  ]);

  const get = (m: Map<string, Figures>, name: string): Figures =>
    m.get(name) ?? fail(`no figures for ${name}`);
  const rows: [string, Figures][] = [
    ['Data Integrity issue — Cairn signDataIntegrity', get(diIssue, 'cairn')],
    ['Data Integrity issue — Digital Bazaar vc.issue', get(diIssue, 'db')],
    ['Data Integrity verify — Cairn verifyDataIntegrity', get(diVerify, 'cairn')],
    ['Data Integrity verify — Digital Bazaar vc.verifyCredential', get(diVerify, 'db')],
    ['VC-JWT sign — EdDSA (Ed25519)', get(signing, 'EdDSA')],
    ['VC-JWT sign — ES256 (P-256)', get(signing, 'ES256')],
    ['VC-JWT verify — EdDSA (Ed25519)', get(verifying, 'EdDSA')],
    ['VC-JWT verify — ES256 (P-256)', get(verifying, 'ES256')],
    [`raw Ed25519 sign, node:crypto (${signingInput.length} bytes)`, get(signing, 'raw')],
    [`raw Ed25519 verify, node:crypto (${signingInput.length} bytes)`, get(verifying, 'raw')],
  ];
  say('\nThroughput, one operation at a time');
  say(
    table(
      ['operation', 'n', 'ops/s', 'mean ms', 'p95 ms'],
      rows.map(([name, f]) => [
        name,
        String(f.summary.n),
        f.opsPerSecond.toFixed(0),
        ms(f.summary.mean),
        ms(f.summary.p95),
      ]),
    ),
  );
  for (const [name, f] of rows) {
    record({
      benchmark: 'credentials',
      database: '–',
      metric: `${name}: ops/s (mean / p95 ms)`,
      value: `${f.opsPerSecond.toFixed(0)} (${ms(f.summary.mean)} / ${ms(f.summary.p95)} ms)`,
    });
  }

  const issueRatio = get(diIssue, 'cairn').opsPerSecond / get(diIssue, 'db').opsPerSecond;
  const verifyRatio = get(diVerify, 'cairn').opsPerSecond / get(diVerify, 'db').opsPerSecond;
  const jwtShare = get(verifying, 'EdDSA').opsPerSecond / get(verifying, 'raw').opsPerSecond;
  const jwtSignShare = get(signing, 'EdDSA').opsPerSecond / get(signing, 'raw').opsPerSecond;
  const verifyPass = verifyRatio >= 1;
  const jwtPass = jwtShare >= 0.5;
  say('\nRatios (same run)');
  say(`  Data Integrity issue, Cairn ÷ Digital Bazaar: ${ratio(issueRatio)}`);
  say(
    `  Data Integrity verify, Cairn ÷ Digital Bazaar: ${ratio(verifyRatio)} against a target of ≥ 1.0×: ${verdict(verifyPass)}`,
  );
  say(
    `  VC-JWT EdDSA verify ÷ raw Ed25519 verify: ${(100 * jwtShare).toFixed(0)}% against a target of ≥ 50%: ${verdict(jwtPass)}`,
  );
  say(`  VC-JWT EdDSA sign ÷ raw Ed25519 sign: ${(100 * jwtSignShare).toFixed(0)}%`);
  record({
    benchmark: 'credentials',
    database: '–',
    metric: 'Data Integrity issue: Cairn ÷ Digital Bazaar',
    value: ratio(issueRatio),
  });
  record({
    benchmark: 'credentials',
    database: '–',
    metric: 'Data Integrity verify: Cairn ÷ Digital Bazaar',
    value: ratio(verifyRatio),
    target: '≥ 1.0×',
    verdict: verdict(verifyPass),
  });
  record({
    benchmark: 'credentials',
    database: '–',
    metric: 'VC-JWT EdDSA verify ÷ raw Ed25519 verify',
    value: `${(100 * jwtShare).toFixed(0)}%`,
    target: '≥ 50%',
    verdict: verdict(jwtPass),
  });
}

await main();
