/**
 * Earning a badge through the HTTP API on a real database: enrol, evidence (text, files,
 * supervisor attestation), submit, assess, moderate, appeal, issue and revoke — and every refusal
 * leaves nothing changed. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/app/audit-trail.js';
import { seedDemo } from '../../src/app/seed-demo.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { browser, createTestApp, linkTokenFromOutbox, type Browser, type TestApp } from '../support/app.js';

const PASSWORD = 'cairn-demo';
const AROHA = 'aroha.tipene@kowhai-dc.example';
const MEI = 'mei.chen@harbourview-cc.example';
const DANIEL = 'daniel.hughes@harbourview-cc.example';
const RAWIRI = 'rawiri.potae@harbourview-cc.example';
const BRUCE = 'bruce.whitcombe@kowhai-dc.example';
const HELEN = 'helen.walsh@totara-poly.example';
const GRANT = 'grant.mackenzie@kowhai-dc.example';

/** A real (tiny) PNG: signature, IHDR, IDAT, IEND. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Json = Record<string, unknown>;
interface Submission {
  id: string;
  state: string;
  attempt: number;
  credentialId: string | null;
  achievement: { criteria: { id: string; title: string }[] };
  evidence: { id: string; kind: string; file: { downloadUrl: string; sha256: string } | null }[];
  missingCriteria: string[];
  decisions: { id: string; outcome: string; moderation: { id: string; outcome: string | null } | null }[];
  timeline: { kind: string }[];
  abilities: Record<string, boolean>;
}

async function signIn(t: TestApp, email: string): Promise<Browser> {
  const b = browser(t.app);
  const res = await b.post('/api/v1/auth/sign-in', { email, password: PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return b;
}

async function achievementId(t: TestApp, code: string): Promise<string> {
  const page = (await t.app.inject({ url: `/api/v1/achievements?q=${code}` })).json<{
    items: { id: string; code?: string; title: string }[];
  }>();
  const id = page.items[0]?.id;
  if (!id) throw new Error(`no ${code} in the catalogue`);
  return id;
}

const rubric = (s: Submission, met = true) =>
  s.achievement.criteria.map((c) => ({
    criterionId: c.id,
    met,
    feedback: met ? '' : 'Show this with an example.',
  }));

async function get(b: Browser, id: string): Promise<Submission> {
  const res = await b.get(`/api/v1/submissions/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Submission>();
}

/** Enrols, starts a submission and gives every criterion written evidence. */
async function draftWithEvidence(b: Browser, achievement: string, route = 'assessed'): Promise<Submission> {
  const enrolled = await b.post(`/api/v1/achievements/${achievement}/enrolments`, {});
  expect([200, 201], enrolled.body).toContain(enrolled.statusCode);
  const created = await b.post(`/api/v1/enrolments/${enrolled.json<{ id: string }>().id}/submissions`, {
    route,
  });
  expect(created.statusCode, created.body).toBe(201);
  const s = created.json<Submission>();
  for (const c of s.achievement.criteria) {
    const added = await b.post(`/api/v1/submissions/${s.id}/evidence`, {
      criterionId: c.id,
      kind: 'text',
      text: `How I meet "${c.title}" at work.`,
    });
    expect(added.statusCode, added.body).toBe(201);
  }
  return get(b, s.id);
}

describe('earning a badge', () => {
  let t: TestApp;
  let aroha: Browser;
  let mei: Browser;
  let rawiri: Browser;
  let bruce: Browser;
  let helen: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    aroha = await signIn(t, AROHA);
    mei = await signIn(t, MEI);
    rawiri = await signIn(t, RAWIRI);
    bruce = await signIn(t, BRUCE);
    helen = await signIn(t, HELEN);
  }, 120_000);
  afterAll(async () => t.close());

  it('demo data gives every role something to do at once', async () => {
    const queue = (await rawiri.get('/api/v1/assessment/queue')).json<{
      items: { learner: { name: string }; route: string; conflict: string | null }[];
    }>();
    // Daniel's RPL claim for IAM-202 waits; IAM-202 forbids assessing one's own organisation's staff,
    // and Rawiri and Daniel both work at Harbourview, so Rawiri sees it marked.
    expect(queue.items.map((i) => [i.learner.name, i.route, i.conflict])).toEqual([
      ['Daniel Hughes', 'rpl', 'own_staff'],
    ]);
    expect(
      (await bruce.get('/api/v1/assessment/queue')).json<{ items: { conflict: string | null }[] }>().items,
    ).toEqual([expect.objectContaining({ conflict: null })]);
    const moderation = (await helen.get('/api/v1/moderation/queue')).json<{
      items: { learner: { name: string }; state: string; selection: string }[];
    }>();
    expect(moderation.items.map((i) => [i.learner.name, i.state, i.selection])).toEqual([
      ['Sione Taufa', 'awaiting_moderation', 'rpl'],
    ]);
    const mine = (await mei.get('/api/v1/me/enrolments')).json<{
      items: { submission: { state: string } }[];
    }>();
    expect(mine.items.map((i) => i.submission.state)).toEqual(['draft']);
    const drafts = (await aroha.get('/api/v1/me/submissions')).json<{ items: { state: string }[] }>();
    expect(drafts.items.map((i) => i.state)).toEqual(['draft']);
  });

  it('runs the whole loop: file evidence, submit, competent, issued, confirmed, verifiable', async () => {
    const id =
      (await aroha.get('/api/v1/me/submissions')).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    let s = await get(aroha, id);
    expect(s.missingCriteria).toEqual(['c3']);
    expect((await aroha.post(`/api/v1/submissions/${id}/submit`)).statusCode).toBe(422);

    const upload = await aroha.post(
      `/api/v1/submissions/${id}/files?criterionId=c3&filename=chart.png`,
      PNG,
      { 'content-type': 'image/png' },
    );
    expect(upload.statusCode, upload.body).toBe(201);
    s = await get(aroha, id);
    expect(s.missingCriteria).toEqual([]);
    const file = s.evidence.find((e) => e.kind === 'file')?.file;
    const download = await aroha.get(file?.downloadUrl ?? '');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(download.rawPayload).equals(PNG)).toBe(true);
    // Someone unrelated cannot even learn that it exists.
    const daniel = await signIn(t, DANIEL);
    expect((await daniel.get(file?.downloadUrl ?? '')).statusCode).toBe(404);

    const submitted = await aroha.post(`/api/v1/submissions/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await aroha.post(`/api/v1/submissions/${id}/submit`)).statusCode).toBe(409);
    // The assessor can now download the evidence.
    expect((await rawiri.get(file?.downloadUrl ?? '')).statusCode).toBe(200);

    const decided = await rawiri.post(`/api/v1/submissions/${id}/decision`, {
      outcome: 'competent',
      feedback: 'Clear growth calculation and a well-labelled chart.',
      rubric: rubric(s),
    });
    expect(decided.statusCode, decided.body).toBe(200);
    s = decided.json<Submission>();
    expect(s.state).toBe('competent');
    expect(s.credentialId).not.toBeNull();
    // A new assessor's first decisions are all moderated, after issue by default.
    expect(s.decisions[0]?.moderation).toMatchObject({ outcome: null });

    const credential = (await aroha.get(`/api/v1/credentials/${s.credentialId ?? ''}`)).json<{
      route: string;
      state: string;
      credential: Json & { credentialSubject: { result?: unknown[] }; evidence?: unknown[] };
    }>();
    expect(credential.route).toBe('assessed');
    expect(credential.credential.evidence).toHaveLength(3);
    expect(credential.credential.credentialSubject.result).toHaveLength(3);
    const report = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        payload: { credential: credential.credential },
      })
    ).json<{ result: string }>();
    expect(report.result).toBe('valid');

    const moderationId = s.decisions[0]?.moderation?.id ?? '';
    // The assessor cannot moderate, and the moderator's decision lands once.
    expect(
      (await rawiri.post(`/api/v1/moderations/${moderationId}`, { outcome: 'confirmed', reason: '' }))
        .statusCode,
    ).toBe(403);
    const confirmed = await helen.post(`/api/v1/moderations/${moderationId}`, {
      outcome: 'confirmed',
      reason: '',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(
      (
        await helen.post(`/api/v1/moderations/${moderationId}`, {
          outcome: 'overturned',
          reason: 'Second thoughts',
        })
      ).statusCode,
    ).toBe(409);

    const notes = (await aroha.get('/api/v1/me/notifications')).json<{
      items: { kind: string }[];
      unread: number;
    }>();
    expect(notes.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['submission_received', 'decision', 'credential_issued', 'moderation_outcome']),
    );
    expect((await aroha.post('/api/v1/me/notifications/read', {})).json<{ marked: number }>().marked).toBe(
      notes.unread,
    );
    s = await get(aroha, id);
    expect(s.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'submission_submitted',
        'decision_recorded',
        'credential_issued',
        'moderation_recorded',
      ]),
    );
  });

  it('holds a competent decision for the moderator, who confirms and so issues', async () => {
    const queue = (await helen.get('/api/v1/moderation/queue')).json<{
      items: { id: string; submissionId: string }[];
    }>();
    const item = queue.items.find((i) => i.submissionId);
    const before = await get(helen, item?.submissionId ?? '');
    expect(before.state).toBe('awaiting_moderation');
    expect(before.credentialId).toBeNull();
    const res = await helen.post(`/api/v1/moderations/${item?.id ?? ''}`, {
      outcome: 'confirmed',
      reason: 'Well evidenced.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await get(helen, item?.submissionId ?? '');
    expect(after.state).toBe('competent');
    expect(after.credentialId).not.toBeNull();
  });

  it('revokes an issued credential when a moderator overturns the decision', async () => {
    const iam102 = await achievementId(t, 'IAM-102');
    const daniel = await signIn(t, DANIEL);
    const s = await draftWithEvidence(daniel, iam102);
    expect((await daniel.post(`/api/v1/submissions/${s.id}/submit`)).statusCode).toBe(200);
    const decided = (
      await bruce.post(`/api/v1/submissions/${s.id}/decision`, {
        outcome: 'competent',
        feedback: 'Good.',
        rubric: rubric(s),
      })
    ).json<Submission>();
    expect(decided.state).toBe('competent');
    const moderationId = decided.decisions[0]?.moderation?.id ?? '';
    expect(
      (await helen.post(`/api/v1/moderations/${moderationId}`, { outcome: 'overturned', reason: '' }))
        .statusCode,
    ).toBe(422);
    const overturned = await helen.post(`/api/v1/moderations/${moderationId}`, {
      outcome: 'overturned',
      reason: 'The data-quality grading was copied from the template.',
    });
    expect(overturned.statusCode, overturned.body).toBe(200);
    expect(overturned.json<{ state: string }>().state).toBe('not_yet_competent');
    const credential = (await daniel.get(`/api/v1/credentials/${decided.credentialId ?? ''}`)).json<{
      state: string;
      revocationReason: string;
    }>();
    expect(credential.state).toBe('revoked');
    expect(credential.revocationReason).toContain('copied from the template');
  });

  it('lets a learner appeal "not yet competent"; an upheld appeal issues', async () => {
    const daniel = await signIn(t, DANIEL);
    const queue = (await bruce.get('/api/v1/assessment/queue?route=rpl')).json<{
      items: { submissionId: string; learner: { name: string } }[];
    }>();
    const id = queue.items.find((i) => i.learner.name === 'Daniel Hughes')?.submissionId ?? '';
    const s = await get(bruce, id);
    // Competent needs every criterion met.
    const bad = await bruce.post(`/api/v1/submissions/${id}/decision`, {
      outcome: 'competent',
      feedback: 'Mostly there.',
      rubric: rubric(s, false),
    });
    expect(bad.statusCode).toBe(422);
    const unknown = await bruce.post(`/api/v1/submissions/${id}/decision`, {
      outcome: 'not_yet_competent',
      feedback: 'Needs more.',
      rubric: [...rubric(s, false), { criterionId: 'c9', met: false, feedback: 'x' }],
    });
    expect(unknown.statusCode).toBe(422);
    expect((await get(bruce, id)).state).toBe('submitted');

    const nyc = await bruce.post(`/api/v1/submissions/${id}/decision`, {
      outcome: 'not_yet_competent',
      feedback: 'Show the GIS work in person.',
      rubric: rubric(s, false),
    });
    expect(nyc.statusCode, nyc.body).toBe(200);
    expect((await daniel.post(`/api/v1/submissions/${id}/appeal`, { grounds: 'too short' })).statusCode).toBe(
      422,
    );
    const appealed = await daniel.post(`/api/v1/submissions/${id}/appeal`, {
      grounds:
        'My supervisor watched me plan the reseal programme in the GIS viewer; it is in the reference.',
    });
    expect(appealed.statusCode, appealed.body).toBe(200);
    expect(appealed.json<Submission>().state).toBe('appealed');
    const appeals = (await helen.get('/api/v1/appeals')).json<{
      items: { id: string; submissionId: string }[];
    }>();
    const appeal = appeals.items.find((a) => a.submissionId === id);
    const upheld = await helen.post(`/api/v1/appeals/${appeal?.id ?? ''}/decision`, {
      outcome: 'upheld',
      reason: 'The reference covers criterion c3.',
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    const after = await get(daniel, id);
    expect(after.state).toBe('competent');
    const credential = (await daniel.get(`/api/v1/credentials/${after.credentialId ?? ''}`)).json<{
      route: string;
    }>();
    expect(credential.route).toBe('rpl');
  });

  it('lets exactly one of two assessors decide the same submission at once', async () => {
    const iam207 = await achievementId(t, 'IAM-207');
    const daniel = await signIn(t, DANIEL);
    const s = await draftWithEvidence(daniel, iam207);
    await daniel.post(`/api/v1/submissions/${s.id}/submit`);
    const body = { outcome: 'not_yet_competent', feedback: 'More detail, please.', rubric: rubric(s, false) };
    const results = await Promise.all([
      rawiri.post(`/api/v1/submissions/${s.id}/decision`, body),
      bruce.post(`/api/v1/submissions/${s.id}/decision`, body),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await get(daniel, s.id)).decisions).toHaveLength(1);
  });

  it('asks a supervisor to attest by an emailed link that needs no account', async () => {
    const iam206 = await achievementId(t, 'IAM-206');
    const daniel = await signIn(t, DANIEL);
    const enrolled = (await daniel.post(`/api/v1/achievements/${iam206}/enrolments`, {})).json<{
      id: string;
    }>();
    const s = (
      await daniel.post(`/api/v1/enrolments/${enrolled.id}/submissions`, { route: 'assessed' })
    ).json<Submission>();
    const asked = await daniel.post(`/api/v1/submissions/${s.id}/attestations`, {
      criterionId: 'c1',
      supervisorEmail: 'boss@harbourview.example',
      supervisorName: 'Pat Boss',
      statement: 'Daniel led the renewal options analysis for the Harbour Road bridge.',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const token = await linkTokenFromOutbox(t.deps, 'boss@harbourview.example', /\/attest\/([A-Za-z0-9_-]+)/);
    const page = await t.app.inject({ url: `/api/v1/attestations/${token}` });
    expect(page.json()).toMatchObject({ learnerName: 'Daniel Hughes', state: 'requested', expired: false });
    expect((await get(daniel, s.id)).missingCriteria).toContain('c1');
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/attestations/${token}`,
      payload: { confirm: true, comment: 'Yes, he did.' },
    });
    expect(answer.statusCode, answer.body).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/attestations/${token}`,
          payload: { confirm: false },
        })
      ).statusCode,
    ).toBe(409);
    expect((await get(daniel, s.id)).missingCriteria).not.toContain('c1');
  });

  it('refuses bad input with a clear problem and changes nothing', async () => {
    const id =
      (await aroha.get('/api/v1/me/submissions')).json<{ items: { id: string; state: string }[] }>().items[0]
        ?.id ?? '';
    const iam101 = await achievementId(t, 'IAM-101');
    const s = await draftWithEvidence(aroha, iam101);
    const before = await get(aroha, s.id);
    const mislabelled = await aroha.post(
      `/api/v1/submissions/${s.id}/files?criterionId=c1&filename=report.pdf`,
      PNG,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(mislabelled.statusCode).toBe(422);
    expect(mislabelled.json<{ type: string }>().type).toContain('mislabelled-file');
    const html = await aroha.post(
      `/api/v1/submissions/${s.id}/files?criterionId=c1&filename=notes.txt`,
      '<html><script>alert(1)</script></html>',
      {
        'content-type': 'text/plain',
      },
    );
    expect(html.statusCode).toBe(422);
    const huge = await aroha.post(
      `/api/v1/submissions/${s.id}/files?criterionId=c1&filename=big.png`,
      Buffer.alloc(21 * 1024 * 1024, 1),
      {
        'content-type': 'image/png',
      },
    );
    expect(huge.statusCode).toBe(413);
    const unknownCriterion = await aroha.post(`/api/v1/submissions/${s.id}/evidence`, {
      criterionId: 'c42',
      kind: 'text',
      text: 'x',
    });
    expect(unknownCriterion.statusCode).toBe(422);
    const badLink = await aroha.post(`/api/v1/submissions/${s.id}/evidence`, {
      criterionId: 'c1',
      kind: 'link',
      url: 'javascript:alert(1)',
    });
    expect(badLink.statusCode).toBe(422);
    expect((await get(aroha, s.id)).evidence).toHaveLength(before.evidence.length);
    // Deciding a draft, and deciding one's own work.
    expect(
      (
        await rawiri.post(`/api/v1/submissions/${s.id}/decision`, {
          outcome: 'competent',
          feedback: 'ok!',
          rubric: rubric(s),
        })
      ).statusCode,
    ).toBe(409);
    // RPL where it is not offered, a second open submission, someone else's submission.
    const enrolment = (await aroha.get('/api/v1/me/enrolments'))
      .json<{ items: { id: string; submission: { id: string } | null }[] }>()
      .items.find((e) => e.submission?.id === s.id);
    expect(
      (await aroha.post(`/api/v1/enrolments/${enrolment?.id ?? ''}/submissions`, { route: 'assessed' }))
        .statusCode,
    ).toBe(409);
    const grant = await signIn(t, GRANT);
    expect((await grant.post(`/api/v1/submissions/${s.id}/submit`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/submissions/${id}` })).statusCode).toBe(401);
    expect((await get(aroha, s.id)).state).toBe('draft');
  });

  it('keeps a hash-chained audit trail of all of it', async () => {
    const result = await verifyAuditLog(t.deps);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(40);
  });
});
