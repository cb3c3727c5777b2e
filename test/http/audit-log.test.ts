/**
 * The hash-chained assessment audit log: recording inside transactions (also many at once), who may
 * read and export it, and verification finding an entry edited or removed behind the app's back.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_LABEL, recordAudit, type NewAuditEntry } from '../../src/app/audit-trail.js';
import type { Actor } from '../../src/domain/actor.js';
import { AuditChainVerifier, auditEntryHash, type AuditEntry } from '../../src/domain/audit-chain.js';
import { createTestApp, personWithOrganisation, signedUpPerson, type TestApp } from '../support/app.js';

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type, status });
}

interface EntryView {
  seq: number;
  occurredAt: string;
  kind: string;
  actor: { id: string | null; label: string } | null;
  organisationId: string | null;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
interface Page {
  items: EntryView[];
  nextBefore: number | null;
}
interface Verification {
  ok: boolean;
  checked: number;
  total: number;
  firstBroken: { seq: number; reason: string; message: string } | null;
}

describe('assessment audit log', () => {
  let t: TestApp;
  let orgA: Awaited<ReturnType<typeof personWithOrganisation>>;
  let orgB: Awaited<ReturnType<typeof personWithOrganisation>>;
  let moderator: Awaited<ReturnType<typeof signedUpPerson>>;
  let outsider: Awaited<ReturnType<typeof signedUpPerson>>;
  let platformAdmin: Awaited<ReturnType<typeof signedUpPerson>>;
  let adminActor: Actor;

  /** Records one entry in its own transaction, as a use case would. */
  const record = (entry: NewAuditEntry) => t.deps.store.transaction((tx) => recordAudit(t.deps, tx, entry));
  const all = () => t.deps.store.auditLog.range(0, 10_000);

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await personWithOrganisation(t.app);
    orgB = await personWithOrganisation(t.app);
    moderator = await signedUpPerson(t.app, 'Mo Derator');
    outsider = await signedUpPerson(t.app, 'Outsider');
    platformAdmin = await signedUpPerson(t.app, 'Platform Admin');
    await t.deps.store.users.setPlatformAdmin(platformAdmin.userId, true);
    await t.deps.store.memberships.grant(orgA.organisationId, moderator.userId, ['moderator']);
    // Another organisation's learner is no one in organisation A.
    await t.deps.store.memberships.grant(orgB.organisationId, outsider.userId, ['learner']);
    const adminUser = await t.deps.store.users.findById(orgA.userId);
    if (!adminUser) throw new Error('no admin');
    adminActor = {
      kind: 'user',
      user: adminUser,
      rolesByOrganisation: new Map([[orgA.organisationId, ['org_admin']]]),
    };

    // Twelve entries: A, B and platform-wide ones, by a person, an API key and the operator.
    const apiKey: Actor = {
      kind: 'api_key',
      keyId: '00000000-0000-4000-8000-00000000000b',
      name: 'LMS sync',
      organisationId: orgB.organisationId,
      scopes: new Set(),
    };
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      await record({
        kind: 'submission_created',
        actor: adminActor,
        organisationId: orgA.organisationId,
        subjectType: 'submission',
        subjectId: `sub-a-${String(i)}`,
        // Keys out of order, nesting, a Date and an undefined member: what jsonb and JSON do to these
        // must not change the hash.
        detail: {
          zeta: i,
          alpha: { y: [3, 1, 2], x: 'ä — 😀', when: new Date(1_700_000_000_123) },
          middle: null,
          gone: undefined,
          big: 12345678901234,
          fraction: 0.1 + 0.2,
        },
      });
      t.clock.advance(1000);
      await record({
        kind: 'enrolment_created',
        actor: apiKey,
        organisationId: orgB.organisationId,
        subjectType: 'enrolment',
        subjectId: `enr-b-${String(i)}`,
      });
      t.clock.advance(1000);
      await record({
        kind: i % 2 === 0 ? 'credential_revoked' : 'assessor_approved',
        actor: undefined,
        organisationId: i % 2 === 0 ? orgA.organisationId : null,
        subjectType: 'credential',
        subjectId: `cred-${String(i)}`,
        detail: { reason: 'issued in error' },
      });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('recording', () => {
    it('chains entries from 1 with hashes that survive the round trip through the database', async () => {
      const entries = await all();
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const verifier = new AuditChainVerifier();
      for (const e of entries) {
        expect(auditEntryHash(e.prevHash, e), `entry ${String(e.seq)}`).toBe(e.hash);
        expect(verifier.push(e)).toBeNull();
      }
      const first = entries[0];
      expect(first?.prevHash).toBe('0'.repeat(64));
      // jsonb stored what was hashed: the Date as its ISO string, no undefined member.
      expect(first?.detail).toEqual({
        zeta: 0,
        alpha: { y: [3, 1, 2], x: 'ä — 😀', when: '2023-11-14T22:13:20.123Z' },
        middle: null,
        big: 12345678901234,
        fraction: 0.1 + 0.2,
      });
    });

    it('keeps the time given, to the millisecond, and names who acted', async () => {
      const at = new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 678));
      const before = await t.deps.store.auditLog.count();
      const entry = await t.deps.store.transaction((tx) =>
        tx.auditLog.append({
          occurredAt: at,
          kind: 'conflict_declared',
          actorId: `user:${orgA.userId}`,
          actorLabel: 'Org Admin',
          organisationId: orgA.organisationId,
          subjectType: 'learner',
          subjectId: outsider.userId,
          detail: {},
        }),
      );
      expect(entry.seq).toBe(before + 1);
      const [stored] = await t.deps.store.auditLog.list({ organisationIds: null, limit: 1 });
      expect(stored).toEqual(entry);
      expect(stored?.occurredAt.toISOString()).toBe('2030-01-02T03:04:05.678Z');

      const byActor = (await all()).slice(0, 3).map((e) => [e.actorId, e.actorLabel]);
      expect(byActor).toEqual([
        [`user:${orgA.userId}`, 'Org Admin'],
        ['api_key:00000000-0000-4000-8000-00000000000b', 'LMS sync'],
        [null, OPERATOR_LABEL],
      ]);
    });

    it('drops the entry with the transaction that recorded it, leaving no gap', async () => {
      const before = await t.deps.store.auditLog.count();
      await expect(
        t.deps.store.transaction(async (tx) => {
          await recordAudit(t.deps, tx, {
            kind: 'decision_recorded',
            actor: adminActor,
            organisationId: orgA.organisationId,
            subjectType: 'submission',
            subjectId: 'rolled-back',
          });
          throw new Error('the decision failed');
        }),
      ).rejects.toThrow('the decision failed');
      expect(await t.deps.store.auditLog.count()).toBe(before);
      // Outside a transaction recordAudit opens its own.
      await recordAudit(t.deps, t.deps.store, {
        kind: 'decision_recorded',
        actor: adminActor,
        organisationId: orgA.organisationId,
        subjectType: 'submission',
        subjectId: 'sub-a-0',
        detail: { outcome: 'competent' },
      });
      const [last] = await t.deps.store.auditLog.list({ organisationIds: null, limit: 1 });
      expect(last).toMatchObject({ seq: before + 1, subjectId: 'sub-a-0' });
    });

    it('keeps the chain linear when twenty transactions record at once', async () => {
      const before = await t.deps.store.auditLog.count();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          record({
            kind: 'evidence_added',
            actor: adminActor,
            organisationId: orgA.organisationId,
            subjectType: 'submission',
            subjectId: `sub-a-${String(i % 4)}`,
            detail: { n: i },
          }),
        ),
      );
      const entries = await all();
      expect(entries.length).toBe(before + 20);
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
      entries.forEach((e, i) => {
        expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1]?.hash);
      });
      expect(new Set(entries.slice(before).map((e) => e.detail.n))).toEqual(
        new Set(Array.from({ length: 20 }, (_, i) => i)),
      );
    });
  });

  describe('reading', () => {
    const list = (who: { browser: { get(url: string): Promise<LightMyRequestResponse> } }, query = '') =>
      who.browser.get(`/api/v1/audit-log${query}`);

    it('shows a platform admin every entry, newest first, and pages with nextBefore', async () => {
      const total = await t.deps.store.auditLog.count();
      const res = await list(platformAdmin, '?limit=200');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page>();
      expect(page.items.length).toBe(total);
      expect(page.nextBefore).toBeNull();
      expect(page.items.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
      expect(new Set(page.items.map((e) => e.organisationId))).toEqual(
        new Set([orgA.organisationId, orgB.organisationId, null]),
      );
      const operator = page.items.find((e) => e.kind === 'assessor_approved');
      expect(operator).toMatchObject({ actor: { id: null, label: OPERATOR_LABEL }, organisationId: null });
      expect(page.items.at(-1)).toMatchObject({
        seq: 1,
        kind: 'submission_created',
        actor: { id: `user:${orgA.userId}`, label: 'Org Admin' },
        subjectType: 'submission',
        subjectId: 'sub-a-0',
        prevHash: '0'.repeat(64),
      });

      const seen: number[] = [];
      let before: number | null = null;
      for (let n = 0; n < 100; n++) {
        const p: Page = (
          await list(platformAdmin, `?limit=7${before ? `&before=${String(before)}` : ''}`)
        ).json();
        seen.push(...p.items.map((e) => e.seq));
        before = p.nextBefore;
        if (before === null) break;
        expect(before).toBe(p.items.at(-1)?.seq);
      }
      expect(seen).toEqual(page.items.map((e) => e.seq));
    });

    it("shows an org admin and a moderator only their organisation's entries", async () => {
      for (const who of [orgA, moderator]) {
        for (const query of ['?limit=200', `?limit=200&organisationId=${orgA.organisationId}`]) {
          const res = await list(who, query);
          expect(res.statusCode, res.body).toBe(200);
          const items = res.json<Page>().items;
          expect(items.length).toBeGreaterThan(20);
          expect(items.every((e) => e.organisationId === orgA.organisationId)).toBe(true);
        }
      }
      const b = (await list(orgB, '?limit=200')).json<Page>().items;
      expect(b.map((e) => e.subjectId)).toEqual(['enr-b-3', 'enr-b-2', 'enr-b-1', 'enr-b-0']);
    });

    it('filters by subject', async () => {
      const res = await list(orgA, '?subjectType=submission&subjectId=sub-a-0&limit=200');
      const items = res.json<Page>().items;
      expect(items.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['submission_created', 'decision_recorded', 'evidence_added']),
      );
      expect(items.every((e) => e.subjectType === 'submission' && e.subjectId === 'sub-a-0')).toBe(true);
      expectProblem(await list(orgA, '?subjectType=submission'), 422, '/problems/invalid-input');
    });

    it('refuses other organisations, outsiders (403) and anonymous callers (401)', async () => {
      expectProblem(await list(orgA, `?organisationId=${orgB.organisationId}`), 403, '/problems/not-allowed');
      expectProblem(
        await list(moderator, `?organisationId=${orgB.organisationId}`),
        403,
        '/problems/not-allowed',
      );
      expectProblem(await list(outsider), 403, '/problems/not-allowed');
      expectProblem(
        await list(outsider, `?organisationId=${orgA.organisationId}`),
        403,
        '/problems/not-allowed',
      );
      for (const url of ['/api/v1/audit-log', '/api/v1/audit-log/export', '/api/v1/audit-log/verification']) {
        expectProblem(await t.app.inject({ method: 'GET', url }), 401, '/problems/sign-in-required');
      }
    });

    it.each(['limit=0', 'limit=201', 'before=abc', 'before=0', 'organisationId=nope', 'offset=3'])(
      'answers ?%s with 400',
      async (query) => {
        expectProblem(await list(platformAdmin, `?${query}`), 400, '/problems/request-invalid');
      },
    );
  });

  describe('export', () => {
    const lines = (res: LightMyRequestResponse) =>
      res.body
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as EntryView);

    it('streams every entry as NDJSON, oldest first, as an attachment', async () => {
      const res = await platformAdmin.browser.get('/api/v1/audit-log/export');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="cairn-audit-log-[\d-]+\.ndjson"$/,
      );
      expect(res.body.endsWith('\n')).toBe(true);
      const exported = lines(res);
      const listed = (await platformAdmin.browser.get('/api/v1/audit-log?limit=200')).json<Page>().items;
      expect(exported).toEqual([...listed].reverse());
      // The export alone is enough to check the chain.
      const verifier = new AuditChainVerifier();
      for (const e of exported) {
        const broken = verifier.push({
          ...e,
          kind: e.kind as AuditEntry['kind'],
          occurredAt: new Date(e.occurredAt),
          actorId: e.actor?.id ?? null,
          actorLabel: e.actor?.label ?? null,
        });
        expect(broken).toBeNull();
      }
    });

    it("gives an org admin only their organisation's entries, and refuses others", async () => {
      const exported = lines(await orgB.browser.get('/api/v1/audit-log/export'));
      expect(exported.map((e) => e.subjectId)).toEqual(['enr-b-0', 'enr-b-1', 'enr-b-2', 'enr-b-3']);
      expectProblem(
        await orgB.browser.get(`/api/v1/audit-log/export?organisationId=${orgA.organisationId}`),
        403,
        '/problems/not-allowed',
      );
      expectProblem(await outsider.browser.get('/api/v1/audit-log/export'), 403, '/problems/not-allowed');
    });
  });

  describe('verification', () => {
    const verify = async () => {
      const res = await platformAdmin.browser.get('/api/v1/audit-log/verification');
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Verification>();
    };
    const query = <T extends Record<string, unknown> = Record<string, unknown>>(
      text: string,
      params: unknown[] = [],
    ) => t.database.db.query<T>(text, params);

    it('is for platform admins only', async () => {
      expectProblem(await orgA.browser.get('/api/v1/audit-log/verification'), 403, '/problems/not-allowed');
      expectProblem(
        await moderator.browser.get('/api/v1/audit-log/verification'),
        403,
        '/problems/not-allowed',
      );
    });

    it('finds an intact chain intact', async () => {
      const total = await t.deps.store.auditLog.count();
      expect(await verify()).toEqual({ ok: true, checked: total, total, firstBroken: null });
    });

    it('names an entry edited in the database, and is content again once it is put back', async () => {
      const [original] = await query<{ detail: unknown }>('SELECT detail FROM audit_log WHERE seq = 5');
      await query(`UPDATE audit_log SET detail = '{"reason": "no reason at all"}' WHERE seq = 5`);
      const total = await t.deps.store.auditLog.count();

      expect(await verify()).toEqual({
        ok: false,
        checked: 4,
        total,
        firstBroken: {
          seq: 5,
          reason: 'hash_mismatch',
          message: expect.stringMatching(/Entry 5 was altered/) as string,
        },
      });

      await query('UPDATE audit_log SET detail = $1::jsonb WHERE seq = 5', [
        JSON.stringify(original?.detail),
      ]);
      expect((await verify()).ok).toBe(true);
    });

    it('catches an edit that rehashed the entry at the next one', async () => {
      const [row] = await all().then((entries) => entries.filter((e) => e.seq === 6));
      if (!row) throw new Error('no entry 6');
      const forged = { ...row, subjectId: 'someone-else' };
      await query('UPDATE audit_log SET subject_id = $1, hash = $2 WHERE seq = 6', [
        forged.subjectId,
        auditEntryHash(row.prevHash, forged),
      ]);
      expect((await verify()).firstBroken).toMatchObject({ seq: 7, reason: 'prev_hash_mismatch' });
      await query('UPDATE audit_log SET subject_id = $1, hash = $2 WHERE seq = 6', [row.subjectId, row.hash]);
      expect((await verify()).ok).toBe(true);
    });

    it('catches a deleted entry', async () => {
      await query('DELETE FROM audit_log WHERE seq = 8');
      const result = await verify();
      expect(result).toMatchObject({
        ok: false,
        checked: 7,
        firstBroken: { seq: 9, reason: 'sequence_gap', message: 'Entry 8 is missing: entry 9 comes next.' },
      });
    });
  });
});
