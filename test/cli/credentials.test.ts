/**
 * `cairn credential …`, `cairn keys …` and `cairn verify` as an integrator uses them: the real
 * bin/cairn.mjs on its own embedded database, and every file it writes checked with independent
 * tools (the Digital Bazaar stack for Data Integrity, jose for VC-JWT).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { unbakePng, unbakeSvg } from '../../src/credentials/bake.js';
import { createDocumentLoader } from '../../src/credentials/document-loader.js';
import { decodePublicKeyMultibase, publicKeyObject } from '../../src/credentials/multikey.js';
import type { VerificationReport } from '../../src/credentials/verify.js';

const root = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'cairn-cli-credentials-'));
const work = mkdtempSync(join(tmpdir(), 'cairn-cli-credential-files-'));
const file = (name: string) => join(work, name);

/** Runs `cairn …` as a person would, with the same configuration variables. */
function cairn(args: string[]) {
  const res = spawnSync(process.execPath, [join(root, 'bin/cairn.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CAIRN_DATA_DIR: dataDir, CAIRN_DEMO: '0', DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/**
 * Runs several `cairn …` at once; only for commands that must fail before opening the database
 * (one that did open it would find it in use by its sibling and say so).
 */
function cairnConcurrently(runs: string[][]) {
  return Promise.all(
    runs.map(
      (args) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
          const child = spawn(process.execPath, [join(root, 'bin/cairn.mjs'), ...args], {
            cwd: root,
            env: { ...process.env, CAIRN_DATA_DIR: dataDir, CAIRN_DEMO: '0', DATABASE_URL: '' },
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: 120_000,
          });
          let out = '';
          let err = '';
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
          child.once('error', reject);
          child.once('close', (code) => {
            resolve({ code, out, err });
          });
        }),
    ),
  );
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

type Json = Record<string, unknown>;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;
const subjectOf = (c: Json) => c.credentialSubject as Json;
const issuerIdOf = (c: Json) => (c.issuer as Json).id as string;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The credential id printed by `cairn credential issue`, and whether it was new. */
function issued(out: string): { id: string; created: boolean } {
  const m = new RegExp(`^(Issued|Already issued) credential (${UUID}):`).exec(out);
  if (!m?.[2]) throw new Error(`no credential id in: ${out}`);
  return { id: m[2], created: m[1] === 'Issued' };
}

/** Verifies a Data Integrity credential with @digitalbazaar/vc, as another verifier would. */
async function digitalBazaarVerify(credential: Json) {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: createDocumentLoader(),
    // The status list lives on this (unstarted) server; `cairn verify` covers revocation.
    checkStatus: () => Promise.resolve({ verified: true }),
  });
}

/** Verifies a VC-JWT with jose and the Ed25519 key written into the did:key of its header kid. */
async function joseVerify(jws: string): Promise<{ payload: Json; did: string }> {
  expect(jws).toMatch(COMPACT_JWS);
  const header = decodeProtectedHeader(jws);
  expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
  const m = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)#(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(header.kid ?? '');
  if (!m?.[1] || m[2] !== m[1]) throw new Error(`kid is not an Ed25519 did:key: ${String(header.kid)}`);
  const key = publicKeyObject(decodePublicKeyMultibase(m[1]));
  const { payload } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
  return { payload: JSON.parse(new TextDecoder().decode(payload)) as Json, did: `did:key:${m[1]}` };
}

function report(out: string): VerificationReport {
  return JSON.parse(out) as VerificationReport;
}

/** A valid 1x1 PNG that carries no credential. */
const PLAIN_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const ISSUE = ['credential', 'issue', '--achievement', 'IAM-101', '--recipient', 'learner@example.org'];

// One embedded database, shared by the steps below in order (the CLI runs one process at a time on it).
describe(
  'issuing, verifying, revoking and rotating keys with the cairn command line',
  { timeout: 600_000 },
  () => {
    let credentialId = '';
    let versionId = '';
    let issuerBefore = '';
    let keptId = '';

    it('loads the demo data', () => {
      const res = cairn(['seed', '--demo']);
      expect(res.code, res.err).toBe(0);
    });

    it('issues a Data Integrity credential that the Digital Bazaar stack verifies', async () => {
      const res = cairn([...ISSUE, '--out', file('badge.json')]);
      expect(res.code, res.err).toBe(0);
      const first = issued(res.out);
      expect(first.created).toBe(true);
      credentialId = first.id;
      expect(res.out).toContain(`Wrote ${file('badge.json')}`);

      const credential = readJson(file('badge.json'));
      expect(credential.id).toBe(`urn:uuid:${credentialId}`);
      expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect((credential.issuer as Json).name).toBe(
        'Infrastructure Asset Management Society of Aotearoa (IAMSA)',
      );
      issuerBefore = issuerIdOf(credential);
      expect(issuerBefore).toMatch(/^did:key:z6Mk/);
      expect(credential.credentialStatus).toMatchObject({ statusPurpose: 'revocation' });
      const achievementId = (subjectOf(credential).achievement as Json).id as string;
      const m = new RegExp(`/(${UUID})/ob3$`).exec(achievementId);
      if (!m?.[1]) throw new Error(`achievement id without a version id: ${achievementId}`);
      versionId = m[1];

      const result = await digitalBazaarVerify(credential);
      expect(result.error, JSON.stringify(result.error)).toBeUndefined();
      expect(result.verified).toBe(true);
    });

    it('writes the same award again as a VC-JWT ("Already issued") that jose verifies', async () => {
      const res = cairn([...ISSUE, '--out', file('badge.jwt')]);
      expect(res.code, res.err).toBe(0);
      expect(issued(res.out)).toEqual({ id: credentialId, created: false });
      expect(res.out).toMatch(/^Already issued/);

      const { payload, did } = await joseVerify(readFileSync(file('badge.jwt'), 'utf8').trim());
      const json = readJson(file('badge.json'));
      expect(did).toBe(issuerIdOf(json));
      expect(payload).toMatchObject({ iss: issuerIdOf(json), jti: `urn:uuid:${credentialId}` });
      expect(typeof payload.nbf).toBe('number');
      // The same credential as the .json, less its embedded proof, plus the JWT claims.
      const { iss: _iss, jti: _jti, nbf: _nbf, ...credential } = payload;
      const { proof: _proof, ...unsigned } = json;
      expect(credential).toEqual(unsigned);
    });

    it('bakes the Data Integrity credential into a PNG and an SVG', () => {
      const json = readJson(file('badge.json'));
      const png = cairn([...ISSUE, '--out', file('badge.png')]);
      expect(png.code, png.err).toBe(0);
      expect(issued(png.out).id).toBe(credentialId);
      const fromPng = unbakePng(new Uint8Array(readFileSync(file('badge.png'))));
      expect(JSON.parse(fromPng ?? 'null')).toEqual(json);
      // The chunk is an iTXt named openbadgecredential, as OB 3.0 baking requires.
      expect(readFileSync(file('badge.png')).includes(Buffer.from('iTXtopenbadgecredential\0'))).toBe(true);

      const svg = cairn([...ISSUE, '--out', file('badge.svg')]);
      expect(svg.code, svg.err).toBe(0);
      expect(issued(svg.out).id).toBe(credentialId);
      const fromSvg = unbakeSvg(readFileSync(file('badge.svg'), 'utf8'));
      expect(JSON.parse(fromSvg ?? 'null')).toEqual(json);
    });

    it('bakes a VC-JWT into a PNG and an SVG with --format jwt', async () => {
      const png = cairn([...ISSUE, '--format', 'jwt', '--out', file('badge-jwt.png')]);
      expect(png.code, png.err).toBe(0);
      const fromPng = unbakePng(new Uint8Array(readFileSync(file('badge-jwt.png')))) ?? '';
      expect((await joseVerify(fromPng)).payload.jti).toBe(`urn:uuid:${credentialId}`);

      const svg = cairn([...ISSUE, '--format', 'jwt', '--out', file('badge-jwt.svg')]);
      expect(svg.code, svg.err).toBe(0);
      expect(readFileSync(file('badge-jwt.svg'), 'utf8')).toMatch(/<openbadges:credential verify="/);
      const fromSvg = unbakeSvg(readFileSync(file('badge-jwt.svg'), 'utf8')) ?? '';
      expect((await joseVerify(fromSvg)).payload.jti).toBe(`urn:uuid:${credentialId}`);
    });

    it('accepts a published version id for --achievement, and --award-id for a second award', async () => {
      const res = cairn([
        'credential',
        'issue',
        '--achievement',
        versionId,
        '--recipient',
        'learner@example.org',
        '--award-id',
        'second-sitting',
        '--out',
        file('kept.json'),
      ]);
      expect(res.code, res.err).toBe(0);
      const second = issued(res.out);
      expect(second.created).toBe(true);
      expect(second.id).not.toBe(credentialId);
      keptId = second.id;
      const kept = readJson(file('kept.json'));
      expect((subjectOf(kept).achievement as Json).id).toBe(
        (subjectOf(readJson(file('badge.json'))).achievement as Json).id,
      );
      expect((await digitalBazaarVerify(kept)).verified).toBe(true);
    });

    it('verifies every file it wrote (exit 0)', () => {
      const json = cairn(['verify', file('badge.json'), '--json']);
      expect(json.code, json.err).toBe(0);
      const r = report(json.out);
      expect(r).toMatchObject({ result: 'valid', format: 'ldp', source: 'json' });
      expect(r.credential.id).toBe(`urn:uuid:${credentialId}`);
      expect(r.issuer.known?.name).toBe('Infrastructure Asset Management Society of Aotearoa (IAMSA)');
      expect(r.checks.map((c) => c.id)).toEqual(
        expect.arrayContaining(['structure', 'proof', 'issuer-key', 'status', 'validity']),
      );
      for (const c of r.checks) expect(c.status, `${c.id}: ${c.message}`).toBe('passed');

      const expected: [string, Partial<VerificationReport>][] = [
        ['badge.jwt', { format: 'jwt', source: 'jwt' }],
        ['badge.svg', { format: 'ldp', source: 'svg' }],
        ['badge-jwt.png', { format: 'jwt', source: 'png' }],
        ['badge-jwt.svg', { format: 'jwt', source: 'svg' }],
      ];
      for (const [name, form] of expected) {
        const res = cairn(['verify', file(name), '--json']);
        expect(res.code, `${name}: ${res.err}`).toBe(0);
        expect(report(res.out), name).toMatchObject({ result: 'valid', ...form });
      }

      // And in words, for a person.
      const png = cairn(['verify', file('badge.png')]);
      expect(png.code, png.err).toBe(0);
      expect(png.out).toMatch(/^VALID: /);
      expect(png.out).toContain('Form: Data Integrity (read from png)');
    });

    it('finds a tampered credential invalid (exit 1), as the Digital Bazaar stack does', async () => {
      const original = readJson(file('badge.json'));
      const tampered = structuredClone(original);
      subjectOf(tampered).creditsEarned = Number(subjectOf(original).creditsEarned) + 10;
      writeFileSync(file('tampered.json'), JSON.stringify(tampered, null, 2));

      const res = cairn(['verify', file('tampered.json'), '--json']);
      expect(res.code).toBe(1);
      const r = report(res.out);
      expect(r.result).toBe('invalid');
      expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('failed');

      expect((await digitalBazaarVerify(tampered)).verified).toBe(false);
      expect((await digitalBazaarVerify({ ...original, name: 'Something I did not earn' })).verified).toBe(
        false,
      );
    });

    it('refuses a file that holds no credential with exit 2 and says why', () => {
      writeFileSync(file('truncated.json'), readFileSync(file('badge.json'), 'utf8').slice(0, 300));
      writeFileSync(file('empty.json'), '');
      writeFileSync(file('plain.png'), PLAIN_PNG);
      const cases: [string, RegExp][] = [
        ['truncated.json', /truncated or malformed/],
        ['empty.json', /empty/],
        ['plain.png', /carries no Open Badges credential/],
      ];
      for (const [name, message] of cases) {
        const res = cairn(['verify', file(name)]);
        expect(res.code, `${name}: ${res.out}${res.err}`).toBe(2);
        expect(res.err, name).toMatch(/^cairn: /);
        expect(res.err, name).toMatch(message);
        expect(res.err, name).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
      }
    });

    it('revokes for good: verification then says revoked (exit 1)', () => {
      const res = cairn(['credential', 'revoke', credentialId, '--reason', 'issued in error']);
      expect(res.code, res.err).toBe(0);
      expect(res.out).toContain(`Revoked credential ${credentialId}`);

      const after = cairn(['verify', file('badge.json'), '--json']);
      expect(after.code).toBe(1);
      const r = report(after.out);
      expect(r.result).toBe('revoked');
      expect(r.checks.find((c) => c.id === 'status')?.status).toBe('failed');
      expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed');

      const again = cairn(['credential', 'revoke', credentialId, '--reason', 'twice']);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/cannot be undone/);
    });

    it('rotates keys: what the old key signed still verifies, new credentials name the new key', async () => {
      const rotate = cairn(['keys', 'rotate', '--org', 'iamsa']);
      expect(rotate.code, rotate.err).toBe(0);
      expect(rotate.out).toContain('Rotated the keys of iamsa');
      expect(rotate.out).toMatch(/Ed25519 did:key:z6Mk/);
      expect(rotate.out).not.toContain(issuerBefore);
      expect(rotate.out).toMatch(/[1-9]\d* retired key\(s\) still verify/);

      const before = cairn(['verify', file('kept.json')]);
      expect(before.code, before.out + before.err).toBe(0);
      expect(before.out).toMatch(/^VALID: /);

      const res = cairn([...ISSUE, '--award-id', 'after-rotation', '--out', file('after.json')]);
      expect(res.code, res.err).toBe(0);
      expect(issued(res.out).created).toBe(true);
      const after = readJson(file('after.json'));
      expect(issuerIdOf(after)).toMatch(/^did:key:z6Mk/);
      expect(issuerIdOf(after)).not.toBe(issuerBefore);
      expect(rotate.out).toContain(issuerIdOf(after));
      expect((await digitalBazaarVerify(after)).verified).toBe(true);

      const verified = cairn(['verify', file('after.json'), '--json']);
      expect(verified.code, verified.err).toBe(0);
      expect(report(verified.out)).toMatchObject({ result: 'valid', issuer: { id: issuerIdOf(after) } });
    });

    it('refuses to issue what it cannot find or accept, with exit 1 and the reason', () => {
      const unknown = cairn([
        'credential',
        'issue',
        '--achievement',
        'NOPE-999',
        '--recipient',
        'learner@example.org',
        '--out',
        file('x.json'),
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toMatch(/published micro-credential/);
      expect(unknown.err).toContain('NOPE-999');

      const badEmail = cairn([
        'credential',
        'issue',
        '--achievement',
        'IAM-101',
        '--recipient',
        'not-an-email',
        '--out',
        file('x.json'),
      ]);
      expect(badEmail.code).toBe(1);
      expect(badEmail.err).toContain('"not-an-email" is not an email address');
      expect(existsSync(file('x.json'))).toBe(false);
    });

    it('says what is wrong with its usage before opening the database (exit 2)', async () => {
      writeFileSync(file('huge.json'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
      const cases: [string[], RegExp][] = [
        [['verify', file('missing.json')], /Cannot read .*missing\.json: no such file/],
        [['verify', file('huge.json')], /larger than 10 MB/],
        [[...ISSUE, '--out', file('badge.txt')], /--out must end in \.json, \.jwt, \.png or \.svg/],
        [[...ISSUE, '--format', 'xml', '--out', file('x.json')], /--format is ldp or jwt \(got "xml"\)/],
        [[...ISSUE, '--format', 'jwt', '--out', file('x.json')], /VC-JWT is written to a \.jwt file/],
        [['credential', 'revoke', 'not-a-uuid', '--reason', 'x'], /"not-a-uuid" is not a credential id/],
        [['credential', 'revoke', keptId], /required option '--reason <text>'/],
      ];
      const results = await cairnConcurrently(cases.map(([args]) => args));
      results.forEach((res, i) => {
        const [args, message] = cases[i] ?? [[], /$^/];
        const what = args.join(' ');
        expect(res.code, `${what}: ${res.err}`).toBe(2);
        expect(res.err, what).toMatch(message);
        expect(res.err, what).not.toMatch(/\n\s+at /);
      });
      expect(existsSync(file('badge.txt'))).toBe(false);
      expect(existsSync(file('x.json'))).toBe(false);
    });
  },
);
