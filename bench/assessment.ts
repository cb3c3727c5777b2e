/**
 * Assessment throughput: decisions per second end to end — an assessor's `decide` (competent, every
 * criterion met), held by a policy that moderates every decision before issue, then the moderator's
 * `moderate` (confirmed), which issues and stores the signed credential — with 10,000 submissions
 * queued (scale 1), on PGlite and on PostgreSQL.
 *
 *  - Setup: the demo data (seedDemo), a policy of moderateAll before issue on one demo
 *    micro-credential, and N learners with one submitted submission each. A few go through the
 *    learner's use cases (enrol, createSubmission, addEvidence, submitSubmission), timed; the rest
 *    are written in bulk SQL with the same rows, checked against the use cases' ones.
 *  - Measured, the real use cases only: one app process deciding and moderating a sample of the
 *    queue oldest first, one at a time; on PostgreSQL also 4 app processes (workers) sharing it.
 *  - The assessor's queue, first page (listAssessmentQueue, 50 a page as the API's default), with the
 *    full queue: p50 / p95, against the repository query alone.
 *  - Baselines, same run and database, interleaved with the end-to-end rounds: issueCredential for a
 *    direct award (the signing and storing without the assessment bookkeeping), and SELECT 1.
 *
 *   npm run bench -- assessment          (BENCH_SCALE=0.1 for a quick run)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { decide, listAssessmentQueue } from '../src/app/assessing.js';
import { moderate } from '../src/app/moderating.js';
import { approveAssessmentStaff, setAssessmentPolicy } from '../src/app/assessment-settings.js';
import { issueCredential } from '../src/app/issue-credential.js';
import type { Deps } from '../src/app/ports.js';
import { seedDemo } from '../src/app/seed-demo.js';
import { addEvidence, createSubmission, enrol, submitSubmission } from '../src/app/submissions.js';
import { verifyCredentialInput } from '../src/app/verify-credential.js';
import { loadDemoData } from '../src/demo/load-demo-data.js';
import type { Actor } from '../src/domain/actor.js';
import type { AssessmentPolicy } from '../src/domain/assessment.js';
import {
  actorFor,
  decideAndModerate,
  flowActors,
  sharedDeps,
  type FlowJob,
  type FlowSample,
} from './support/assessment-flow.js';
import type { WorkerResult } from './support/assessment-worker.js';
import { DATABASE_LABEL, benchTargets, openBenchDatabase, type BenchDatabase } from './support/databases.js';
import {
  benchScale,
  heading,
  ms,
  progress,
  ratio,
  record,
  say,
  seconds,
  summarise,
  table,
  timed,
  type Summary,
} from './support/measure.js';

/** Every decision waits for a moderator, who confirms it before the credential is issued. */
const POLICY: AssessmentPolicy = {
  sampleRate: 0,
  newAssessorFirstN: 0,
  moderateAllRpl: true,
  moderateAll: true,
  timing: 'before_issue',
  forbidOwnStaff: true,
  appealWindowDays: 28,
};
/** The demo micro-credential assessed (no demo policy of its own), its assessors and moderator. */
const MICRO_CREDENTIAL = 'mc-02';
const ASSESSORS = ['per-08', 'per-09'];
const MODERATOR = 'per-07';
/** Learners whose submission goes through the learner's use cases; the rest are bulk-loaded. */
const VIA_USE_CASES = 5;
const BATCH = 1000;
const ROUNDS = 4;
const WORKERS = 4;
/** The API's default page of the assessment queue. */
const PAGE = 50;

const root = join(import.meta.dirname, '..');
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

interface Fixture {
  achievementId: string;
  versionId: string;
  criterionIds: string[];
  assessorIds: string[];
  moderatorId: string;
  /** Learners made, and how long it took. */
  queued: number;
  seedMs: number;
  useCaseMsPerSubmission: number;
  bulkMs: number;
  setupMs: number;
}

// ---------------------------------------------------------------------------------------------
// Setup

async function findDemo(deps: Deps, target: BenchDatabase) {
  const data = loadDemoData();
  const personId = async (key: string) => {
    const email = data.people.find((p) => p.key === key)?.email;
    const user = email && (await deps.store.users.findByEmail(email));
    if (!user) throw new Error(`assessment bench: demo person ${key} is missing`);
    return user.id;
  };
  const mc = data.microCredentials?.find((m) => m.key === MICRO_CREDENTIAL);
  const owner = data.organisations.find((o) => o.key === mc?.owner);
  if (!mc || !owner)
    throw new Error(`assessment bench: demo micro-credential ${MICRO_CREDENTIAL} is missing`);
  const [row] = await target.db.query<{ version_id: string; achievement_id: string }>(
    `SELECT v.id AS version_id, v.achievement_id FROM achievement_versions v
       JOIN achievements a ON a.id = v.achievement_id JOIN organisations o ON o.id = a.owner_organisation_id
      WHERE v.status = 'published' AND v.code = $1 AND o.slug = $2`,
    [mc.content.code, owner.slug],
  );
  if (!row) throw new Error(`assessment bench: no published ${mc.content.code} of ${owner.slug}`);
  const version = await deps.store.achievements.findVersion(row.version_id);
  if (!version) throw new Error(`assessment bench: version ${row.version_id} is missing`);
  return {
    achievementId: row.achievement_id,
    versionId: row.version_id,
    criterionIds: version.content.criteria.map((c) => c.id),
    assessorIds: await Promise.all(ASSESSORS.map(personId)),
    moderatorId: await personId(MODERATOR),
    emails: Object.fromEntries(data.people.map((p) => [p.key, p.email])),
  };
}

const evidenceText = (criterion: string) =>
  `Workplace evidence for ${criterion}: the asset register extract, the method used and my manager's sign-off.`;

/**
 * The demo data, the policy, and `n` learners each with one submitted submission. The first few go
 * through the learner's use cases; the rest are bulk rows like theirs (checked), without the audit
 * entries, notifications and emails those use cases also write.
 */
async function prepare(target: BenchDatabase, deps: Deps, n: number): Promise<Fixture> {
  const began = performance.now();
  const seeded = await timed(() => seedDemo(deps, loadDemoData()));
  const demo = await findDemo(deps, target);
  await setAssessmentPolicy(deps, undefined, demo.achievementId, POLICY);
  // seedDemo approves them when it loads the catalogue; an earlier benchmark may have loaded it.
  for (const [key, role] of [
    ...ASSESSORS.map((k) => [k, 'assessor'] as const),
    [MODERATOR, 'moderator'] as const,
  ]) {
    const id = key === MODERATOR ? demo.moderatorId : demo.assessorIds[ASSESSORS.indexOf(key)];
    if (id && !(await deps.store.assessment.isStaff(demo.achievementId, id, role)))
      await approveAssessmentStaff(deps, undefined, demo.achievementId, {
        email: demo.emails[key] ?? '',
        role,
      });
  }

  const run = Date.now().toString(36);
  const email = (i: number) => `learner-${run}-${i}@learners.bench.example`;
  const name = (i: number) => `Bench Learner ${run}-${i}`;
  const passwordHash = await deps.passwords.hash('not used: bench learners never sign in');

  // The learner's own use cases, for a few.
  const viaUseCases = Math.min(VIA_USE_CASES, n);
  const useCaseIds: string[] = [];
  const useCasesBegan = performance.now();
  for (let i = 0; i < viaUseCases; i++) {
    const user = await deps.store.users.insert({
      email: email(i),
      name: name(i),
      passwordHash,
      isPlatformAdmin: false,
    });
    if (!user) throw new Error(`assessment bench: could not create ${email(i)}`);
    const learner: Actor = await actorFor(deps, user.id);
    const { enrolment } = await enrol(deps, learner, demo.achievementId, {});
    const submission = await createSubmission(deps, learner, enrolment.id, 'assessed');
    for (const criterionId of demo.criterionIds)
      await addEvidence(deps, learner, submission.id, {
        criterionId,
        kind: 'text',
        text: evidenceText(criterionId),
      });
    await submitSubmission(deps, learner, submission.id);
    useCaseIds.push(submission.id);
  }
  const useCaseMs = performance.now() - useCasesBegan;

  // The rest in bulk, oldest first after the ones above (submitted_at a millisecond apart).
  const bulkBegan = performance.now();
  const bar = progress(`${target.label}: queueing ${n.toLocaleString('en')} submissions`);
  const base = Date.now() - 30 * 24 * 3600 * 1000;
  let bulkId: string | undefined;
  for (let start = viaUseCases; start < n; start += BATCH) {
    const end = Math.min(n, start + BATCH);
    const users: string[] = [];
    const emails: string[] = [];
    const names: string[] = [];
    const enrolments: string[] = [];
    const submissions: string[] = [];
    const stamps: string[] = [];
    const evidence: { id: string; submission: string; criterion: string; body: string; at: string }[] = [];
    for (let i = start; i < end; i++) {
      const at = new Date(base + i * 1000).toISOString();
      const submissionId = randomUUID();
      users.push(randomUUID());
      emails.push(email(i));
      names.push(name(i));
      enrolments.push(randomUUID());
      submissions.push(submissionId);
      stamps.push(at);
      for (const criterion of demo.criterionIds)
        evidence.push({
          id: randomUUID(),
          submission: submissionId,
          criterion,
          body: evidenceText(criterion),
          at,
        });
    }
    bulkId ??= submissions[0];
    await target.db.query(
      `INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at)
       SELECT id, email, name, $4, at, at FROM unnest($1::uuid[], $2::text[], $3::text[], $5::timestamptz[]) AS t(id, email, name, at)`,
      [users, emails, names, passwordHash, stamps],
    );
    await target.db.query(
      `INSERT INTO enrolments (id, achievement_id, learner_user_id, source, enrolled_by, enrolled_by_api_key, created_at)
       SELECT id, $3, learner, 'self', learner, NULL, at FROM unnest($1::uuid[], $2::uuid[], $4::timestamptz[]) AS t(id, learner, at)`,
      [enrolments, users, demo.achievementId, stamps],
    );
    await target.db.query(
      `INSERT INTO submissions (id, enrolment_id, achievement_id, version_id, learner_user_id, route, state,
          attempt, created_at, submitted_at, decided_at, updated_at, credential_id)
       SELECT id, enrolment, $4, $5, learner, 'assessed', 'submitted', 1, at, at, NULL, at, NULL
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $6::timestamptz[]) AS t(id, enrolment, learner, at)`,
      [submissions, enrolments, users, demo.achievementId, demo.versionId, stamps],
    );
    await target.db.query(
      `INSERT INTO evidence_items (id, submission_id, criterion_id, kind, body, url, file_id, attestation_id, rpl_kind, created_at)
       SELECT id, submission, criterion, 'text', body, NULL, NULL, NULL, NULL, at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS t(id, submission, criterion, body, at)`,
      [
        evidence.map((e) => e.id),
        evidence.map((e) => e.submission),
        evidence.map((e) => e.criterion),
        evidence.map((e) => e.body),
        evidence.map((e) => e.at),
      ],
    );
    bar.update(end - viaUseCases, n - viaUseCases);
  }
  bar.stop();
  if (bulkId && useCaseIds[0]) await checkBulkRows(target, useCaseIds[0], bulkId);
  // What autovacuum would have done by the time a queue this deep is worked through.
  await target.db.query('VACUUM ANALYZE');
  const bulkMs = performance.now() - bulkBegan;

  return {
    achievementId: demo.achievementId,
    versionId: demo.versionId,
    criterionIds: demo.criterionIds,
    assessorIds: demo.assessorIds,
    moderatorId: demo.moderatorId,
    queued: n,
    seedMs: seeded.ms,
    useCaseMsPerSubmission: viaUseCases > 0 ? useCaseMs / viaUseCases : NaN,
    bulkMs,
    setupMs: performance.now() - began,
  };
}

/** The bulk rows must say what the learner's use cases write, or the queue is not a real one. */
async function checkBulkRows(target: BenchDatabase, viaUseCases: string, bulk: string): Promise<void> {
  const found = await target.db.query<Record<string, unknown>>(
    `SELECT s.id, e.source, e.enrolled_by = e.learner_user_id AS self_enrolled, e.enrolled_by_api_key,
        e.withdrawn_at, e.achievement_id AS enrolment_achievement, s.achievement_id, s.version_id, s.route,
        s.state, s.attempt, s.decided_at, s.credential_id, s.submitted_at IS NOT NULL AS submitted,
        (SELECT string_agg(i.criterion_id || ':' || i.kind || ':' || coalesce(i.body, '') || ':'
            || coalesce(i.url, '') || ':' || coalesce(i.rpl_kind, ''), ' | ' ORDER BY i.criterion_id)
           FROM evidence_items i WHERE i.submission_id = s.id) AS evidence
       FROM submissions s JOIN enrolments e ON e.id = s.enrolment_id WHERE s.id IN ($1, $2)`,
    [viaUseCases, bulk],
  );
  const a = found.find((r) => r.id === viaUseCases);
  const b = found.find((r) => r.id === bulk);
  if (!a || !b) throw new Error('assessment bench: a checked submission is missing');
  const differ = Object.keys(a).filter((k) => k !== 'id' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (differ.length > 0)
    throw new Error(
      `assessment bench: the bulk rows no longer match what the learner's use cases write (${differ.join(', ')}); update bench/assessment.ts`,
    );
}

/** The oldest `count` submissions of the queue after `skip`, as an assessor works through it. */
async function queueSlice(target: BenchDatabase, f: Fixture, skip: number, count: number): Promise<string[]> {
  const found = await target.db.query<{ id: string }>(
    `SELECT id FROM submissions WHERE state = 'submitted' AND achievement_id = $1
      ORDER BY submitted_at, id OFFSET $2 LIMIT $3`,
    [f.achievementId, skip, count],
  );
  return found.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Counting round trips (PostgreSQL: every query of every pooled client goes through pg.Client)

let queries = 0;
function countQueries(): void {
  const proto = pg.Client.prototype as unknown as { query: (this: unknown, ...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]): unknown {
    queries++;
    return original.apply(this, args);
  };
}

async function countOf(fn: () => Promise<unknown>): Promise<number> {
  const before = queries;
  await fn();
  return queries - before;
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface Sequential {
  flow: { decide: Summary; moderate: Summary; total: Summary };
  flowPerSecond: number;
  issue: Summary;
  issuePerSecond: number;
  select1: Summary;
  /** What refreshForCredential loads on every issue of a micro-credential in a published pathway. */
  pathwayCatalogue: Summary;
  pathwayCatalogueRows: number;
  wallSeconds: number;
  failures: string[];
}

/**
 * One app process: the sample, one submission at a time, in ROUNDS rounds, each followed by the
 * same share of direct-award issues (the baseline), so a busy spell on the machine hits both.
 */
async function measureSequential(
  target: BenchDatabase,
  deps: Deps,
  f: Fixture,
  ids: readonly string[],
  issueCount: number,
): Promise<Sequential> {
  const job: FlowJob = {
    assessorIds: f.assessorIds,
    moderatorId: f.moderatorId,
    criterionIds: f.criterionIds,
    warmUp: [],
    measured: [...ids],
  };
  const { assessors, moderator } = await flowActors(deps, job);
  const run = Date.now().toString(36);
  const issueOne = async (i: number) => {
    const { created } = await issueCredential(deps, undefined, {
      achievementId: f.achievementId,
      recipientEmail: `direct-${run}-${i}@recipients.bench.example`,
      recipientName: `Direct Recipient ${i}`,
    });
    if (!created) throw new Error('assessment bench: a direct award was not new');
  };
  const flow: FlowSample[] = [];
  const issue: number[] = [];
  const failures: string[] = [];
  const bar = progress(`${target.label}: ${ids.length} decisions + ${issueCount} direct issues`);
  const total = ids.length + issueCount;
  let flowAt = 0;
  let issueAt = 0;
  const began = performance.now();
  let flowMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const flowEnd = Math.round(((round + 1) * ids.length) / ROUNDS);
    for (; flowAt < flowEnd; flowAt++) {
      const id = ids[flowAt] ?? '';
      const started = performance.now();
      try {
        flow.push(
          await decideAndModerate(
            deps,
            assessors[flowAt % assessors.length] ?? moderator,
            moderator,
            id,
            f.criterionIds,
          ),
        );
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
      flowMs += performance.now() - started;
      bar.update(flowAt + issueAt + 1, total);
    }
    const issueEnd = Math.round(((round + 1) * issueCount) / ROUNDS);
    for (; issueAt < issueEnd; issueAt++) {
      issue.push((await timed(() => issueOne(issueAt))).ms);
      bar.update(flowAt + issueAt + 1, total);
    }
  }
  bar.stop();
  const wallSeconds = (performance.now() - began) / 1000;
  const select1: number[] = [];
  for (let i = 0; i < 200; i++) select1.push((await timed(() => target.db.query('SELECT 1'))).ms);
  const pathwayCatalogue: number[] = [];
  let pathwayCatalogueRows = 0;
  for (let i = 0; i < 20; i++) {
    const c = await timed(() => deps.store.pathways.catalogue());
    pathwayCatalogue.push(c.ms);
    pathwayCatalogueRows = c.value.length;
  }
  const issueSummary = summarise(issue);
  return {
    flow: {
      decide: summarise(flow.map((s) => s.decide)),
      moderate: summarise(flow.map((s) => s.moderate)),
      total: summarise(flow.map((s) => s.total)),
    },
    // Failed attempts count in the time, not in the decisions.
    flowPerSecond: flow.length / (flowMs / 1000),
    issue: issueSummary,
    issuePerSecond: 1000 / issueSummary.mean,
    select1: summarise(select1),
    pathwayCatalogue: summarise(pathwayCatalogue),
    pathwayCatalogueRows,
    wallSeconds,
    failures,
  };
}

interface QueueFigures {
  app: Summary;
  repository: Summary;
  total: number;
  items: number;
}

/** The assessor's first page with the full queue: the use case and its repository query alone. */
async function measureQueue(deps: Deps, f: Fixture, runs: number): Promise<QueueFigures> {
  const assessor = await actorFor(deps, f.assessorIds[0] ?? '');
  const query = { limit: PAGE, offset: 0 };
  const achievementIds = await deps.store.assessment.staffAchievements(f.assessorIds[0] ?? '', 'assessor');
  for (let i = 0; i < 5; i++) await listAssessmentQueue(deps, assessor, query);
  const app: number[] = [];
  const repository: number[] = [];
  let total = 0;
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const a = await timed(() => listAssessmentQueue(deps, assessor, query));
    app.push(a.ms);
    total = a.value.total;
    items = a.value.items.length;
    repository.push(
      (await timed(() => deps.store.assessment.assessmentQueue({ achievementIds, ...query }))).ms,
    );
  }
  return { app: summarise(app), repository: summarise(repository), total, items };
}

interface Concurrent {
  perSecond: number;
  total: Summary;
  decided: number;
  wallSeconds: number;
  failures: string[];
}

/** WORKERS app processes on one PostgreSQL, each deciding its share of the sample, started together. */
async function measureConcurrent(f: Fixture, warmUp: string[][], shares: string[][]): Promise<Concurrent> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-assessment-bench-'));
  try {
    const workers = shares.map((measured, w) => {
      const file = join(dir, `job-${w}.json`);
      const job: FlowJob = {
        assessorIds: [f.assessorIds[w % f.assessorIds.length] ?? ''],
        moderatorId: f.moderatorId,
        criterionIds: f.criterionIds,
        warmUp: warmUp[w] ?? [],
        measured,
      };
      writeFileSync(file, JSON.stringify(job));
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench', 'support', 'assessment-worker.ts'), file],
        { cwd: root, env: process.env, stdio: ['pipe', 'pipe', 'inherit'] },
      );
      const lines = createInterface({ input: child.stdout });
      let onReady: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => {
        onReady = resolve;
      });
      const done = { count: 0 };
      const result = new Promise<WorkerResult>((resolve, reject) => {
        lines.on('line', (l) => {
          if (l === 'READY') onReady();
          else if (l.startsWith('DONE ')) done.count = Number(l.slice(5));
          else if (l.startsWith('RESULT ')) resolve(JSON.parse(l.slice(7)) as WorkerResult);
        });
        child.on('exit', (code) => {
          reject(new Error(`assessment bench: worker ${w} exited with ${String(code)} before its result`));
        });
      });
      // Settles `ready` too if the worker dies while warming up.
      void result.catch(() => {
        onReady();
      });
      return { child, ready, result, done };
    });
    await Promise.all(workers.map((w) => w.ready));
    const planned = shares.reduce((s, x) => s + x.length, 0);
    const bar = progress(`PostgreSQL: ${planned} decisions by ${WORKERS} app processes`);
    const began = performance.now();
    for (const w of workers) w.child.stdin.write('go\n');
    const ticker = setInterval(() => {
      bar.update(
        workers.reduce((s, w) => s + w.done.count, 0),
        planned,
      );
    }, 250);
    let results: WorkerResult[];
    try {
      results = await Promise.all(workers.map((w) => w.result));
    } finally {
      clearInterval(ticker);
    }
    const wall = performance.now() - began;
    bar.update(planned, planned);
    bar.stop();
    const samples = results.flatMap((r) => r.samples);
    return {
      perSecond: samples.length / (wall / 1000),
      total: summarise(samples.map((s) => s.total)),
      decided: samples.length,
      wallSeconds: wall / 1000,
      failures: results.flatMap((r) => r.failures),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One issued credential must verify, or the throughput is of something else. */
async function checkOneCredential(target: BenchDatabase, deps: Deps, f: Fixture): Promise<string> {
  const [row] = await target.db.query<{ credential_id: string }>(
    `SELECT credential_id FROM submissions WHERE achievement_id = $1 AND credential_id IS NOT NULL LIMIT 1`,
    [f.achievementId],
  );
  const credential = row && (await deps.store.credentials.findById(row.credential_id));
  if (!credential) return 'no credential to verify';
  const report = await verifyCredentialInput(deps, { text: JSON.stringify(credential.document) });
  return report.result;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const scale = benchScale();
  const queueDepth = Math.max(200, Math.round(10_000 * scale));
  const sample = Math.max(50, Math.round(500 * scale));
  const issueCount = sample;
  const queueRuns = Math.max(20, Math.round(100 * scale));
  const warmUp = 5;
  heading('Assessment: decide → moderate → credential issued and stored');
  say(
    `${queueDepth.toLocaleString('en')} submissions queued on one micro-credential whose policy moderates every decision before issue; ${sample} decided and moderated one at a time after ${warmUp} to warm up, in ${ROUNDS} rounds interleaved with ${issueCount} direct-award issues (the baseline); on PostgreSQL also ${sample} by ${WORKERS} app processes. ${availableParallelism()} cores (scale ${scale}).`,
  );
  countQueries();

  const overall: string[][] = [];
  for (const t of benchTargets()) {
    const label = DATABASE_LABEL[t.kind];
    if (t.skipped) {
      say(`\n${label}: skipped — ${t.skipped}`);
      record({
        benchmark: 'assessment',
        database: label,
        metric: 'decisions/s end to end',
        value: 'skipped',
        note: t.skipped,
      });
      continue;
    }
    const target = await openBenchDatabase(t.kind);
    try {
      say(`\n${target.version}`);
      const deps = sharedDeps(target);
      const f = await prepare(target, deps, queueDepth);
      const bulkCount = Math.max(0, f.queued - VIA_USE_CASES);
      say(
        `  setup ${seconds(f.setupMs)}: demo data ${seconds(f.seedMs)}; ${Math.min(VIA_USE_CASES, f.queued)} submissions through the learner's use cases at ${ms(f.useCaseMsPerSubmission)} ms each (${seconds(f.useCaseMsPerSubmission * f.queued)} for all ${f.queued.toLocaleString('en')} that way); ${bulkCount.toLocaleString('en')} in bulk SQL in ${seconds(f.bulkMs)} (with VACUUM ANALYZE)`,
      );

      // The queue, full.
      say(`  load average ${load()} before measuring`);
      const q = await measureQueue(deps, f, queueRuns);
      say(
        `  assessment queue: ${q.total.toLocaleString('en')} waiting for the assessor, first page of ${q.items}`,
      );

      // Warm-up: keys, status list, contexts, plans.
      const warm = await queueSlice(target, f, 0, warmUp);
      const { assessors, moderator } = await flowActors(deps, {
        assessorIds: f.assessorIds,
        moderatorId: f.moderatorId,
        criterionIds: f.criterionIds,
        warmUp: [],
        measured: [],
      });
      for (const [i, id] of warm.entries())
        await decideAndModerate(
          deps,
          assessors[i % assessors.length] ?? moderator,
          moderator,
          id,
          f.criterionIds,
        );
      await issueCredential(deps, undefined, {
        achievementId: f.achievementId,
        recipientEmail: `warm-${Date.now().toString(36)}@recipients.bench.example`,
      });

      // Round trips of one decision, on PostgreSQL (pg.Client counts them).
      let roundTrips: { decide: number; moderate: number; issue: number; queue: number } | undefined;
      if (t.kind === 'postgres') {
        const [one = ''] = await queueSlice(target, f, 0, 1);
        const assessor = assessors[0] ?? moderator;
        const decideCount = await countOf(() =>
          decide(deps, assessor, one, {
            outcome: 'competent',
            feedback: 'Every criterion is met.',
            rubric: f.criterionIds.map((criterionId) => ({ criterionId, met: true, feedback: '' })),
          }),
        );
        const moderateCount = await countOf(async () => {
          const pending = (await deps.store.assessment.moderationsFor(one)).find((m) => m.outcome === null);
          await moderate(deps, moderator, pending?.id ?? '', { outcome: 'confirmed', reason: '' });
        });
        const issue = await countOf(() =>
          issueCredential(deps, undefined, {
            achievementId: f.achievementId,
            recipientEmail: `count-${Date.now().toString(36)}@recipients.bench.example`,
          }),
        );
        const queue = await countOf(() => listAssessmentQueue(deps, assessor, { limit: PAGE, offset: 0 }));
        roundTrips = { decide: decideCount, moderate: moderateCount, issue, queue };
      }

      const ids = await queueSlice(target, f, 0, sample);
      say(`  load average ${load()} before the decisions`);
      const s = await measureSequential(target, deps, f, ids, issueCount);
      const issueShare = s.issue.mean / s.flow.total.mean;

      let c: Concurrent | undefined;
      if (t.kind === 'postgres') {
        const shareCount = Math.ceil(sample / WORKERS);
        const next = await queueSlice(target, f, 0, sample + WORKERS * 3);
        const warmUps = Array.from({ length: WORKERS }, (_, w) => next.slice(w * 3, w * 3 + 3));
        const rest = next.slice(WORKERS * 3);
        const shares = Array.from({ length: WORKERS }, (_, w) =>
          rest.slice(w * shareCount, (w + 1) * shareCount),
        );
        say(`  load average ${load()} before the ${WORKERS} app processes`);
        c = await measureConcurrent(f, warmUps, shares);
      }
      const verified = await checkOneCredential(target, deps, f);
      const [left] = await target.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM submissions WHERE achievement_id = $1 AND state = 'submitted'`,
        [f.achievementId],
      );

      say(`\n  ${target.label}, one app process (ms a submission)`);
      say(
        table(
          ['measured', 'n', 'per s', 'mean', 'p50', 'p95', 'max'],
          (
            [
              ['decide → moderate → issued, end to end', s.flow.total, s.flowPerSecond],
              ['  decide (held for moderation)', s.flow.decide, 1000 / s.flow.decide.mean],
              ['  moderate (confirm, issue, store)', s.flow.moderate, 1000 / s.flow.moderate.mean],
              ['baseline: issueCredential, direct award', s.issue, s.issuePerSecond],
              ['baseline: SELECT 1 round trip', s.select1, 1000 / s.select1.mean],
              [
                `refreshForCredential: pathway catalogue (${s.pathwayCatalogueRows} rows)`,
                s.pathwayCatalogue,
                1000 / s.pathwayCatalogue.mean,
              ],
              [`listAssessmentQueue, first page of ${PAGE}`, q.app, 1000 / q.app.mean],
              ['  its repository query alone', q.repository, 1000 / q.repository.mean],
            ] as const
          ).map(([name, x, rate]) => [
            name,
            String(x.n),
            rate.toFixed(1),
            ms(x.mean),
            ms(x.p50),
            ms(x.p95),
            ms(x.max),
          ]),
          '  ',
        ),
      );
      if (c) {
        say(`\n  ${target.label}, ${WORKERS} app processes at once`);
        say(
          table(
            ['measured', 'n', 'per s', 'p50', 'p95', 'max', 'wall'],
            [
              [
                'decide → moderate → issued, end to end',
                String(c.decided),
                c.perSecond.toFixed(1),
                ms(c.total.p50),
                ms(c.total.p95),
                ms(c.total.max),
                seconds(c.wallSeconds * 1000),
              ],
            ],
            '  ',
          ),
        );
      }
      say('\n  Ratios (same run and database)');
      say(
        `    a direct issue is ${Math.round(100 * issueShare)}% of an end-to-end decision (mean); the assessment bookkeeping (decide, moderate's checks, audit, notifications, linking) is the other ${Math.round(100 * (1 - issueShare))}%, ${ms(s.flow.total.mean - s.issue.mean)} ms`,
      );
      say(`    end to end ÷ direct issue: ${ratio(s.flow.total.mean / s.issue.mean)} the time`);
      say(
        `    queue page: the use case is ${ratio(q.app.p50 / q.repository.p50)} its repository query at p50 (a conflict check per row)`,
      );
      if (c)
        say(
          `    ${WORKERS} processes ÷ one: ${ratio(c.perSecond / s.flowPerSecond)} the decisions per second (${availableParallelism()} cores); p50 latency ${ratio(c.total.p50 / s.flow.total.p50)}`,
        );
      if (roundTrips)
        say(
          `    round trips to PostgreSQL: decide ${roundTrips.decide}, moderate ${roundTrips.moderate} (of which a direct issue takes about ${roundTrips.issue}), queue page ${roundTrips.queue}`,
        );
      say(
        `    checks: one issued credential verifies as "${verified}"; ${left?.n ?? '?'} submissions still queued; failures ${s.failures.length + (c?.failures.length ?? 0)}`,
      );
      for (const failure of [...s.failures, ...(c?.failures ?? [])].slice(0, 5)) say(`      ${failure}`);

      overall.push([
        target.label,
        s.flowPerSecond.toFixed(1),
        c ? c.perSecond.toFixed(1) : '–',
        s.issuePerSecond.toFixed(1),
        `${Math.round(100 * issueShare)}%`,
        `${ms(q.app.p50)} / ${ms(q.app.p95)}`,
        seconds(f.setupMs),
      ]);
      const db = target.label;
      const rec = (metric: string, value: string, note?: string) => {
        record({ benchmark: 'assessment', database: db, metric, value, ...(note ? { note } : {}) });
      };
      rec(
        'decisions/s end to end, one process (mean / p95 ms)',
        `${s.flowPerSecond.toFixed(1)} (${ms(s.flow.total.mean)} / ${ms(s.flow.total.p95)} ms)`,
        `${f.queued.toLocaleString('en')} queued`,
      );
      if (c)
        rec(
          `decisions/s end to end, ${WORKERS} processes (p50 / p95 ms)`,
          `${c.perSecond.toFixed(1)} (${ms(c.total.p50)} / ${ms(c.total.p95)} ms)`,
          `${ratio(c.perSecond / s.flowPerSecond)} one process`,
        );
      rec(
        'baseline issueCredential/s, direct award',
        `${s.issuePerSecond.toFixed(1)} (${ms(s.issue.mean)} ms)`,
      );
      rec('direct issue share of an end-to-end decision', `${Math.round(100 * issueShare)}%`);
      rec(
        `listAssessmentQueue first page p50 / p95`,
        `${ms(q.app.p50)} / ${ms(q.app.p95)} ms`,
        `${q.total.toLocaleString('en')} queued`,
      );
      rec('setup (demo data, queue)', seconds(f.setupMs));
      if (s.failures.length + (c?.failures.length ?? 0) > 0)
        rec('failed decisions', String(s.failures.length + (c?.failures.length ?? 0)));
    } finally {
      await target.close();
    }
  }
  if (overall.length > 0) {
    say('\nAssessment, end to end');
    say(
      table(
        [
          'database',
          'decisions/s',
          `${WORKERS} processes`,
          'direct issues/s',
          'issue share',
          'queue p50 / p95 ms',
          'setup',
        ],
        overall,
      ),
    );
  }
}

await main();
