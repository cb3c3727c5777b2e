import { sql, type SQL } from 'drizzle-orm';
import type {
  AppealState,
  AssessmentPolicy,
  AttestationState,
  DecisionOutcome,
  EnrolmentSource,
  EvidenceKind,
  ModerationOutcome,
  ModerationSelection,
  ModerationTiming,
  RubricRow,
  SubmissionRoute,
  SubmissionState,
} from '../../domain/assessment.js';
import type {
  AppealQueueItem,
  AppealRecord,
  AttestationRecord,
  DecisionRecord,
  EnrolmentRecord,
  EvidenceFileRecord,
  EvidenceRecord,
  ModerationQueueItem,
  ModerationRecord,
  QueueSubmission,
  StaffRole,
  SubmissionRecord,
} from '../../domain/assessment.js';
import type { Orm } from '../db.js';
import { rows, toDate } from './sql.js';

type Stamp = Date | string;
const maybeDate = (v: Stamp | null) => (v === null ? null : toDate(v));
const uuids = (ids: readonly string[]) =>
  sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
/** `= ANY(ARRAY[]::uuid[])` is false for an empty list, which is what an empty scope means. */
const inIds = (column: SQL, ids: readonly string[]) =>
  ids.length === 0 ? sql`false` : sql`${column} = ANY(${uuids(ids)})`;

interface SubmissionRow extends Record<string, unknown> {
  id: string;
  enrolment_id: string;
  achievement_id: string;
  version_id: string;
  organisation_id: string;
  learner_user_id: string;
  learner_name: string;
  learner_email: string;
  route: SubmissionRoute;
  state: SubmissionState;
  attempt: number;
  created_at: Stamp;
  submitted_at: Stamp | null;
  decided_at: Stamp | null;
  updated_at: Stamp;
  credential_id: string | null;
}

const SUBMISSION = sql`SELECT s.*, a.owner_organisation_id AS organisation_id,
    u.name AS learner_name, u.email AS learner_email
  FROM submissions s
  JOIN achievements a ON a.id = s.achievement_id
  JOIN users u ON u.id = s.learner_user_id`;

const toSubmission = (r: SubmissionRow): SubmissionRecord => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  achievementId: r.achievement_id,
  versionId: r.version_id,
  organisationId: r.organisation_id,
  learner: { id: r.learner_user_id, name: r.learner_name, email: r.learner_email },
  route: r.route,
  state: r.state,
  attempt: r.attempt,
  createdAt: toDate(r.created_at),
  submittedAt: maybeDate(r.submitted_at),
  decidedAt: maybeDate(r.decided_at),
  updatedAt: toDate(r.updated_at),
  credentialId: r.credential_id,
});

interface DecisionRow extends Record<string, unknown> {
  id: string;
  submission_id: string;
  attempt: number;
  assessor_user_id: string;
  assessor_name: string;
  outcome: DecisionOutcome;
  feedback: string;
  rubric: RubricRow[];
  decided_at: Stamp;
}

const DECISION = sql`SELECT d.*, u.name AS assessor_name FROM decisions d
  JOIN users u ON u.id = d.assessor_user_id`;

/** A decision as one JSON column, for queue rows that carry their decision (joined as d, du). */
const DECISION_JSON = sql`json_build_object('id', d.id, 'submission_id', d.submission_id, 'attempt', d.attempt,
    'assessor_user_id', d.assessor_user_id, 'assessor_name', du.name, 'outcome', d.outcome,
    'feedback', d.feedback, 'rubric', d.rubric, 'decided_at', d.decided_at) AS decision`;

const toDecision = (r: DecisionRow): DecisionRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  attempt: r.attempt,
  assessor: { id: r.assessor_user_id, name: r.assessor_name },
  outcome: r.outcome,
  feedback: r.feedback,
  rubric: r.rubric,
  decidedAt: toDate(r.decided_at),
});

interface ModerationRow extends Record<string, unknown> {
  id: string;
  decision_id: string;
  submission_id: string;
  achievement_id: string;
  selection: ModerationSelection;
  outcome: ModerationOutcome | null;
  moderator_user_id: string | null;
  moderator_name: string | null;
  reason: string | null;
  selected_at: Stamp;
  moderated_at: Stamp | null;
}

const MODERATION = sql`SELECT m.*, u.name AS moderator_name FROM moderations m
  LEFT JOIN users u ON u.id = m.moderator_user_id`;

const toModeration = (r: ModerationRow): ModerationRecord => ({
  id: r.id,
  decisionId: r.decision_id,
  submissionId: r.submission_id,
  achievementId: r.achievement_id,
  selection: r.selection,
  outcome: r.outcome,
  moderator: r.moderator_user_id ? { id: r.moderator_user_id, name: r.moderator_name ?? '' } : null,
  reason: r.reason,
  selectedAt: toDate(r.selected_at),
  moderatedAt: maybeDate(r.moderated_at),
});

interface AppealRow extends Record<string, unknown> {
  id: string;
  submission_id: string;
  decision_id: string;
  grounds: string;
  state: AppealState;
  decided_by: string | null;
  decided_by_name: string | null;
  reason: string | null;
  lodged_at: Stamp;
  decided_at: Stamp | null;
}

const APPEAL = sql`SELECT p.*, u.name AS decided_by_name FROM appeals p
  LEFT JOIN users u ON u.id = p.decided_by`;

const toAppeal = (r: AppealRow): AppealRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  decisionId: r.decision_id,
  grounds: r.grounds,
  state: r.state,
  decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
  reason: r.reason,
  lodgedAt: toDate(r.lodged_at),
  decidedAt: maybeDate(r.decided_at),
});

interface AttestationRow extends Record<string, unknown> {
  id: string;
  submission_id: string;
  criterion_id: string;
  supervisor_email: string;
  supervisor_name: string;
  statement: string;
  state: AttestationState;
  response_comment: string | null;
  requested_at: Stamp;
  expires_at: Stamp;
  responded_at: Stamp | null;
}

const toAttestation = (r: AttestationRow): AttestationRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  criterionId: r.criterion_id,
  supervisorEmail: r.supervisor_email,
  supervisorName: r.supervisor_name,
  statement: r.statement,
  state: r.state,
  responseComment: r.response_comment,
  requestedAt: toDate(r.requested_at),
  expiresAt: toDate(r.expires_at),
  respondedAt: maybeDate(r.responded_at),
});

interface EnrolmentRow extends Record<string, unknown> {
  id: string;
  achievement_id: string;
  learner_user_id: string;
  learner_name: string;
  learner_email: string;
  source: EnrolmentSource;
  enrolled_by: string | null;
  created_at: Stamp;
  withdrawn_at: Stamp | null;
}

const ENROLMENT = sql`SELECT e.*, u.name AS learner_name, u.email AS learner_email
  FROM enrolments e JOIN users u ON u.id = e.learner_user_id`;

const toEnrolment = (r: EnrolmentRow): EnrolmentRecord => ({
  id: r.id,
  achievementId: r.achievement_id,
  learner: { id: r.learner_user_id, name: r.learner_name, email: r.learner_email },
  source: r.source,
  enrolledBy: r.enrolled_by,
  createdAt: toDate(r.created_at),
  withdrawnAt: maybeDate(r.withdrawn_at),
});

interface FileRow extends Record<string, unknown> {
  id: string;
  submission_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Stamp;
}

const toFile = (r: FileRow): EvidenceFileRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  filename: r.filename,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedAt: toDate(r.uploaded_at),
});

interface AchievementLabelRow extends Record<string, unknown> {
  title: string;
  code: string;
  version: string;
}

/** The version a submission answers, for queue rows. */
const VERSION_LABEL = sql`v.title AS a_title, v.code AS a_code, v.version AS a_version`;
const label = (r: Record<string, unknown>): AchievementLabelRow => ({
  title: r.a_title as string,
  code: r.a_code as string,
  version: r.a_version as string,
});

export function assessmentRepository(db: Orm) {
  const one = async <T extends Record<string, unknown>>(q: SQL) => (await rows<T>(db, q))[0];

  return {
    async policy(achievementId: string) {
      const r = await one<{
        sample_rate: number;
        new_assessor_first_n: number;
        moderate_all_rpl: boolean;
        moderate_all: boolean;
        timing: ModerationTiming;
        forbid_own_staff: boolean;
        appeal_window_days: number;
      }>(sql`SELECT * FROM assessment_policies WHERE achievement_id = ${achievementId}`);
      if (!r) return undefined;
      return {
        // real is single precision: 0.2 comes back as 0.200000003.
        sampleRate: Math.round(r.sample_rate * 10000) / 10000,
        newAssessorFirstN: r.new_assessor_first_n,
        moderateAllRpl: r.moderate_all_rpl,
        moderateAll: r.moderate_all,
        timing: r.timing,
        forbidOwnStaff: r.forbid_own_staff,
        appealWindowDays: r.appeal_window_days,
      } satisfies AssessmentPolicy;
    },

    async savePolicy(achievementId: string, p: AssessmentPolicy, by: string | null, at: Date) {
      await db.execute(sql`INSERT INTO assessment_policies (achievement_id, sample_rate,
          new_assessor_first_n, moderate_all_rpl, moderate_all, timing, forbid_own_staff,
          appeal_window_days, updated_at, updated_by)
        VALUES (${achievementId}, ${p.sampleRate}, ${p.newAssessorFirstN}, ${p.moderateAllRpl},
          ${p.moderateAll}, ${p.timing}, ${p.forbidOwnStaff}, ${p.appealWindowDays}, ${at}, ${by})
        ON CONFLICT (achievement_id) DO UPDATE SET sample_rate = EXCLUDED.sample_rate,
          new_assessor_first_n = EXCLUDED.new_assessor_first_n,
          moderate_all_rpl = EXCLUDED.moderate_all_rpl, moderate_all = EXCLUDED.moderate_all,
          timing = EXCLUDED.timing, forbid_own_staff = EXCLUDED.forbid_own_staff,
          appeal_window_days = EXCLUDED.appeal_window_days, updated_at = EXCLUDED.updated_at,
          updated_by = EXCLUDED.updated_by`);
    },

    async staff(achievementId: string) {
      const found = await rows<{
        user_id: string;
        name: string;
        email: string;
        role: StaffRole;
        approved_at: Stamp;
      }>(
        db,
        sql`SELECT s.user_id, u.name, u.email, s.role, s.approved_at FROM assessment_staff s
          JOIN users u ON u.id = s.user_id WHERE s.achievement_id = ${achievementId}
          ORDER BY s.role, u.name`,
      );
      return found.map((r) => ({
        id: r.user_id,
        name: r.name,
        email: r.email,
        role: r.role,
        approvedAt: toDate(r.approved_at),
      }));
    },

    async staffAchievements(userId: string, role: StaffRole) {
      const found = await rows<{ achievement_id: string }>(
        db,
        sql`SELECT achievement_id FROM assessment_staff WHERE user_id = ${userId} AND role = ${role}`,
      );
      return found.map((r) => r.achievement_id);
    },

    async isStaff(achievementId: string, userId: string, role: StaffRole) {
      return (
        (await one(sql`SELECT 1 AS x FROM assessment_staff WHERE achievement_id = ${achievementId}
          AND user_id = ${userId} AND role = ${role}`)) !== undefined
      );
    },

    async addStaff(achievementId: string, userId: string, role: StaffRole, by: string | null, at: Date) {
      await db.execute(sql`INSERT INTO assessment_staff (achievement_id, user_id, role, approved_by, approved_at)
        VALUES (${achievementId}, ${userId}, ${role}, ${by}, ${at}) ON CONFLICT DO NOTHING`);
    },

    async removeStaff(achievementId: string, userId: string, role: StaffRole) {
      const gone = await rows(
        db,
        sql`DELETE FROM assessment_staff WHERE achievement_id = ${achievementId} AND user_id = ${userId}
          AND role = ${role} RETURNING user_id`,
      );
      return gone.length > 0;
    },

    async declaredConflicts(assessorId: string) {
      const found = await rows<{
        learner_user_id: string;
        name: string;
        email: string;
        reason: string;
        declared_at: Stamp;
      }>(
        db,
        sql`SELECT c.learner_user_id, u.name, u.email, c.reason, c.declared_at FROM assessor_conflicts c
          JOIN users u ON u.id = c.learner_user_id WHERE c.assessor_user_id = ${assessorId}
          ORDER BY c.declared_at DESC`,
      );
      return found.map((r) => ({
        learner: { id: r.learner_user_id, name: r.name, email: r.email },
        reason: r.reason,
        declaredAt: toDate(r.declared_at),
      }));
    },

    async declareConflict(assessorId: string, learnerId: string, reason: string, at: Date) {
      await db.execute(sql`INSERT INTO assessor_conflicts (assessor_user_id, learner_user_id, reason, declared_at)
        VALUES (${assessorId}, ${learnerId}, ${reason}, ${at})
        ON CONFLICT (assessor_user_id, learner_user_id) DO UPDATE SET reason = EXCLUDED.reason`);
    },

    async insertEnrolment(e: {
      id: string;
      achievementId: string;
      learnerId: string;
      source: EnrolmentSource;
      enrolledBy: string | null;
      enrolledByApiKey: string | null;
      at: Date;
    }) {
      const inserted = await rows(
        db,
        sql`INSERT INTO enrolments (id, achievement_id, learner_user_id, source, enrolled_by,
            enrolled_by_api_key, created_at)
          VALUES (${e.id}, ${e.achievementId}, ${e.learnerId}, ${e.source}, ${e.enrolledBy},
            ${e.enrolledByApiKey}, ${e.at})
          ON CONFLICT (achievement_id, learner_user_id) DO NOTHING RETURNING id`,
      );
      return inserted.length > 0;
    },

    async findEnrolment(id: string) {
      const r = await one<EnrolmentRow>(sql`${ENROLMENT} WHERE e.id = ${id}`);
      return r && toEnrolment(r);
    },

    async findEnrolmentFor(achievementId: string, learnerId: string) {
      const r = await one<EnrolmentRow>(
        sql`${ENROLMENT} WHERE e.achievement_id = ${achievementId} AND e.learner_user_id = ${learnerId}`,
      );
      return r && toEnrolment(r);
    },

    async listEnrolments(learnerId: string) {
      const found = await rows<EnrolmentRow>(
        db,
        sql`${ENROLMENT} WHERE e.learner_user_id = ${learnerId} ORDER BY e.created_at DESC`,
      );
      return found.map(toEnrolment);
    },

    async setEnrolmentWithdrawn(id: string, at: Date | null) {
      await db.execute(sql`UPDATE enrolments SET withdrawn_at = ${at} WHERE id = ${id}`);
    },

    async insertSubmission(s: {
      id: string;
      enrolmentId: string;
      achievementId: string;
      versionId: string;
      learnerId: string;
      route: SubmissionRoute;
      at: Date;
    }) {
      const inserted = await rows(
        db,
        sql`INSERT INTO submissions (id, enrolment_id, achievement_id, version_id, learner_user_id,
            route, state, attempt, created_at, updated_at)
          VALUES (${s.id}, ${s.enrolmentId}, ${s.achievementId}, ${s.versionId}, ${s.learnerId},
            ${s.route}, 'draft', 1, ${s.at}, ${s.at})
          ON CONFLICT DO NOTHING RETURNING id`,
      );
      return inserted.length > 0;
    },

    async findSubmission(id: string) {
      const r = await one<SubmissionRow>(sql`${SUBMISSION} WHERE s.id = ${id}`);
      return r && toSubmission(r);
    },

    async lockSubmission(id: string) {
      const r = await one<SubmissionRow>(sql`${SUBMISSION} WHERE s.id = ${id} FOR UPDATE OF s`);
      return r && toSubmission(r);
    },

    async listSubmissionsForLearner(learnerId: string) {
      const found = await rows<SubmissionRow>(
        db,
        sql`${SUBMISSION} WHERE s.learner_user_id = ${learnerId} ORDER BY s.updated_at DESC`,
      );
      return found.map(toSubmission);
    },

    async moveSubmission(
      id: string,
      from: SubmissionState,
      to: SubmissionState,
      c: { at: Date; submittedAt?: Date; decidedAt?: Date | null; attempt?: number },
    ) {
      const moved = await rows(
        db,
        sql`UPDATE submissions SET state = ${to}, updated_at = ${c.at},
            submitted_at = ${c.submittedAt === undefined ? sql`submitted_at` : sql`${c.submittedAt}`},
            decided_at = ${c.decidedAt === undefined ? sql`decided_at` : sql`${c.decidedAt}`},
            attempt = ${c.attempt === undefined ? sql`attempt` : sql`${c.attempt}`}
          WHERE id = ${id} AND state = ${from} RETURNING id`,
      );
      return moved.length > 0;
    },

    async setSubmissionCredential(id: string, credentialId: string) {
      await db.execute(sql`UPDATE submissions SET credential_id = ${credentialId} WHERE id = ${id}`);
    },

    async competentWithoutCredential(limit: number) {
      const found = await rows<SubmissionRow>(
        db,
        sql`${SUBMISSION} WHERE s.state = 'competent' AND s.credential_id IS NULL
          ORDER BY s.decided_at LIMIT ${limit}`,
      );
      return found.map(toSubmission);
    },

    async insertFile(f: EvidenceFileRecord & { content: Uint8Array }) {
      await db.execute(sql`INSERT INTO evidence_files (id, submission_id, filename, media_type,
          size_bytes, sha256, content, uploaded_at)
        VALUES (${f.id}, ${f.submissionId}, ${f.filename}, ${f.mediaType}, ${f.sizeBytes}, ${f.sha256},
          ${Buffer.from(f.content)}, ${f.uploadedAt})`);
    },

    async fileContent(submissionId: string, fileId: string) {
      const r = await one<FileRow & { content: Uint8Array }>(
        sql`SELECT * FROM evidence_files WHERE id = ${fileId} AND submission_id = ${submissionId}`,
      );
      return r && { ...toFile(r), content: new Uint8Array(r.content) };
    },

    async fileBudget(submissionId: string) {
      const r = await one<{ count: number | string; bytes: number | string | null }>(
        sql`SELECT count(*) AS count, sum(size_bytes) AS bytes FROM evidence_files
          WHERE submission_id = ${submissionId}`,
      );
      return { count: Number(r?.count ?? 0), bytes: Number(r?.bytes ?? 0) };
    },

    async insertAttestation(
      a: Omit<AttestationRecord, 'state' | 'responseComment' | 'respondedAt'> & { tokenHash: string },
    ) {
      await db.execute(sql`INSERT INTO attestations (id, submission_id, criterion_id, supervisor_email,
          supervisor_name, statement, token_hash, state, requested_at, expires_at)
        VALUES (${a.id}, ${a.submissionId}, ${a.criterionId}, ${a.supervisorEmail}, ${a.supervisorName},
          ${a.statement}, ${a.tokenHash}, 'requested', ${a.requestedAt}, ${a.expiresAt})`);
    },

    async findAttestationByToken(tokenHash: string) {
      const r = await one<AttestationRow>(sql`SELECT * FROM attestations WHERE token_hash = ${tokenHash}`);
      return r && toAttestation(r);
    },

    async answerAttestation(
      id: string,
      a: { state: 'confirmed' | 'declined'; comment: string | null; at: Date },
    ) {
      const done = await rows(
        db,
        sql`UPDATE attestations SET state = ${a.state}, response_comment = ${a.comment},
            responded_at = ${a.at}
          WHERE id = ${id} AND state = 'requested' RETURNING id`,
      );
      return done.length > 0;
    },

    async insertEvidence(e: {
      id: string;
      submissionId: string;
      criterionId: string;
      kind: EvidenceKind;
      body?: string;
      url?: string;
      fileId?: string;
      attestationId?: string;
      rplKind?: string | null;
      at: Date;
    }) {
      await db.execute(sql`INSERT INTO evidence_items (id, submission_id, criterion_id, kind, body, url,
          file_id, attestation_id, rpl_kind, created_at)
        VALUES (${e.id}, ${e.submissionId}, ${e.criterionId}, ${e.kind}, ${e.body ?? null},
          ${e.url ?? null}, ${e.fileId ?? null}, ${e.attestationId ?? null}, ${e.rplKind ?? null}, ${e.at})`);
    },

    async listEvidence(submissionId: string): Promise<EvidenceRecord[]> {
      const found = await rows<
        {
          id: string;
          submission_id: string;
          criterion_id: string;
          kind: EvidenceKind;
          body: string | null;
          url: string | null;
          rpl_kind: string | null;
          created_at: Stamp;
          file: FileRow | null;
          attestation: AttestationRow | null;
        } & Record<string, unknown>
      >(
        db,
        sql`SELECT i.id, i.submission_id, i.criterion_id, i.kind, i.body, i.url, i.rpl_kind, i.created_at,
            CASE WHEN f.id IS NULL THEN NULL ELSE json_build_object('id', f.id,
              'submission_id', f.submission_id, 'filename', f.filename, 'media_type', f.media_type,
              'size_bytes', f.size_bytes, 'sha256', f.sha256, 'uploaded_at', f.uploaded_at) END AS file,
            CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id,
              'submission_id', t.submission_id, 'criterion_id', t.criterion_id,
              'supervisor_email', t.supervisor_email, 'supervisor_name', t.supervisor_name,
              'statement', t.statement, 'state', t.state, 'response_comment', t.response_comment,
              'requested_at', t.requested_at, 'expires_at', t.expires_at,
              'responded_at', t.responded_at) END AS attestation
          FROM evidence_items i
          LEFT JOIN evidence_files f ON f.id = i.file_id
          LEFT JOIN attestations t ON t.id = i.attestation_id
          WHERE i.submission_id = ${submissionId}
          ORDER BY i.created_at, i.id`,
      );
      return found.map((r) => ({
        id: r.id,
        submissionId: r.submission_id,
        criterionId: r.criterion_id,
        kind: r.kind,
        body: r.body,
        url: r.url,
        file: r.file ? toFile(r.file) : null,
        attestation: r.attestation ? toAttestation(r.attestation) : null,
        rplKind: r.rpl_kind,
        createdAt: toDate(r.created_at),
      }));
    },

    async deleteEvidence(submissionId: string, evidenceId: string) {
      const gone = await rows<{ file_id: string | null; attestation_id: string | null }>(
        db,
        sql`DELETE FROM evidence_items WHERE id = ${evidenceId} AND submission_id = ${submissionId}
          RETURNING file_id, attestation_id`,
      );
      const item = gone[0];
      if (!item) return false;
      if (item.file_id) await db.execute(sql`DELETE FROM evidence_files WHERE id = ${item.file_id}`);
      if (item.attestation_id)
        await db.execute(sql`DELETE FROM attestations WHERE id = ${item.attestation_id}`);
      return true;
    },

    async insertDecision(d: Omit<DecisionRecord, 'assessor'> & { assessorId: string }) {
      const inserted = await rows(
        db,
        sql`INSERT INTO decisions (id, submission_id, attempt, assessor_user_id, outcome, feedback,
            rubric, decided_at)
          VALUES (${d.id}, ${d.submissionId}, ${d.attempt}, ${d.assessorId}, ${d.outcome}, ${d.feedback},
            ${JSON.stringify(d.rubric)}::jsonb, ${d.decidedAt})
          ON CONFLICT (submission_id, attempt) DO NOTHING RETURNING id`,
      );
      return inserted.length > 0;
    },

    async listDecisions(submissionId: string) {
      const found = await rows<DecisionRow>(
        db,
        sql`${DECISION} WHERE d.submission_id = ${submissionId} ORDER BY d.attempt`,
      );
      return found.map(toDecision);
    },

    async countAssessorDecisions(assessorId: string, achievementId: string) {
      const r = await one<{ n: number | string }>(
        sql`SELECT count(*) AS n FROM decisions d JOIN submissions s ON s.id = d.submission_id
          WHERE d.assessor_user_id = ${assessorId} AND s.achievement_id = ${achievementId}`,
      );
      return Number(r?.n ?? 0);
    },

    async insertModeration(m: {
      id: string;
      decisionId: string;
      submissionId: string;
      achievementId: string;
      selection: ModerationSelection;
      at: Date;
    }) {
      await db.execute(sql`INSERT INTO moderations (id, decision_id, submission_id, achievement_id,
          selection, selected_at)
        VALUES (${m.id}, ${m.decisionId}, ${m.submissionId}, ${m.achievementId}, ${m.selection}, ${m.at})`);
    },

    async findModeration(id: string) {
      const r = await one<ModerationRow>(sql`${MODERATION} WHERE m.id = ${id}`);
      return r && toModeration(r);
    },

    async moderationsFor(submissionId: string) {
      const found = await rows<ModerationRow>(
        db,
        sql`${MODERATION} WHERE m.submission_id = ${submissionId} ORDER BY m.selected_at`,
      );
      return found.map(toModeration);
    },

    async recordModeration(
      id: string,
      m: { outcome: ModerationOutcome; moderatorId: string; reason: string | null; at: Date },
    ) {
      const done = await rows(
        db,
        sql`UPDATE moderations SET outcome = ${m.outcome}, moderator_user_id = ${m.moderatorId},
            reason = ${m.reason}, moderated_at = ${m.at}
          WHERE id = ${id} AND outcome IS NULL RETURNING id`,
      );
      return done.length > 0;
    },

    async insertAppeal(a: {
      id: string;
      submissionId: string;
      decisionId: string;
      grounds: string;
      at: Date;
    }) {
      const inserted = await rows(
        db,
        sql`INSERT INTO appeals (id, submission_id, decision_id, grounds, state, lodged_at)
          VALUES (${a.id}, ${a.submissionId}, ${a.decisionId}, ${a.grounds}, 'open', ${a.at})
          ON CONFLICT (decision_id) DO NOTHING RETURNING id`,
      );
      return inserted.length > 0;
    },

    async findAppeal(id: string) {
      const r = await one<AppealRow>(sql`${APPEAL} WHERE p.id = ${id}`);
      return r && toAppeal(r);
    },

    async appealsFor(submissionId: string) {
      const found = await rows<AppealRow>(
        db,
        sql`${APPEAL} WHERE p.submission_id = ${submissionId} ORDER BY p.lodged_at`,
      );
      return found.map(toAppeal);
    },

    async decideAppeal(
      id: string,
      d: { state: 'upheld' | 'dismissed'; by: string; reason: string; at: Date },
    ) {
      const done = await rows(
        db,
        sql`UPDATE appeals SET state = ${d.state}, decided_by = ${d.by}, reason = ${d.reason},
            decided_at = ${d.at}
          WHERE id = ${id} AND state = 'open' RETURNING id`,
      );
      return done.length > 0;
    },

    async assessmentQueue(q: {
      achievementIds: readonly string[];
      achievementId?: string;
      route?: SubmissionRoute;
      limit: number;
      offset: number;
    }): Promise<{ items: QueueSubmission[]; total: number }> {
      const where = sql`s.state = 'submitted' AND ${inIds(sql`s.achievement_id`, q.achievementIds)}
        ${q.achievementId ? sql`AND s.achievement_id = ${q.achievementId}` : sql``}
        ${q.route ? sql`AND s.route = ${q.route}` : sql``}`;
      const found = await rows<SubmissionRow & { evidence_count: number | string }>(
        db,
        sql`SELECT s.*, a.owner_organisation_id AS organisation_id, u.name AS learner_name,
            u.email AS learner_email, ${VERSION_LABEL},
            (SELECT count(*) FROM evidence_items i WHERE i.submission_id = s.id) AS evidence_count
          FROM submissions s
          JOIN achievements a ON a.id = s.achievement_id
          JOIN users u ON u.id = s.learner_user_id
          JOIN achievement_versions v ON v.id = s.version_id
          WHERE ${where}
          ORDER BY s.submitted_at, s.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      );
      const total = await one<{ n: number | string }>(
        sql`SELECT count(*) AS n FROM submissions s WHERE ${where}`,
      );
      return {
        items: found.map((r) => ({
          submission: toSubmission(r),
          achievement: { id: r.achievement_id, ...label(r) },
          evidenceCount: Number(r.evidence_count),
        })),
        total: Number(total?.n ?? 0),
      };
    },

    async moderationQueue(q: {
      achievementIds: readonly string[];
      limit: number;
      offset: number;
    }): Promise<{ items: ModerationQueueItem[]; total: number }> {
      const where = sql`m.outcome IS NULL AND ${inIds(sql`m.achievement_id`, q.achievementIds)}`;
      const found = await rows<
        SubmissionRow & Record<string, unknown> & { moderation: ModerationRow; decision: DecisionRow }
      >(
        db,
        sql`SELECT s.*, a.owner_organisation_id AS organisation_id, u.name AS learner_name,
            u.email AS learner_email, ${VERSION_LABEL},
            row_to_json(m.*) AS moderation,
            ${DECISION_JSON}
          FROM moderations m
          JOIN decisions d ON d.id = m.decision_id
          JOIN users du ON du.id = d.assessor_user_id
          JOIN submissions s ON s.id = m.submission_id
          JOIN achievements a ON a.id = s.achievement_id
          JOIN users u ON u.id = s.learner_user_id
          JOIN achievement_versions v ON v.id = s.version_id
          WHERE ${where}
          ORDER BY m.selected_at, m.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      );
      const total = await one<{ n: number | string }>(
        sql`SELECT count(*) AS n FROM moderations m WHERE ${where}`,
      );
      return {
        items: found.map((r) => ({
          moderation: toModeration({ ...r.moderation, moderator_name: null }),
          decision: toDecision(r.decision),
          submission: toSubmission(r),
          achievement: { id: r.achievement_id, ...label(r) },
        })),
        total: Number(total?.n ?? 0),
      };
    },

    async appealQueue(q: { achievementIds: readonly string[]; limit: number }): Promise<AppealQueueItem[]> {
      const found = await rows<
        SubmissionRow & Record<string, unknown> & { appeal: AppealRow; decision: DecisionRow }
      >(
        db,
        sql`SELECT s.*, a.owner_organisation_id AS organisation_id, u.name AS learner_name,
            u.email AS learner_email, ${VERSION_LABEL},
            row_to_json(p.*) AS appeal,
            ${DECISION_JSON}
          FROM appeals p
          JOIN decisions d ON d.id = p.decision_id
          JOIN users du ON du.id = d.assessor_user_id
          JOIN submissions s ON s.id = p.submission_id
          JOIN achievements a ON a.id = s.achievement_id
          JOIN users u ON u.id = s.learner_user_id
          JOIN achievement_versions v ON v.id = s.version_id
          WHERE p.state = 'open' AND ${inIds(sql`s.achievement_id`, q.achievementIds)}
          ORDER BY p.lodged_at LIMIT ${q.limit}`,
      );
      return found.map((r) => ({
        appeal: toAppeal({ ...r.appeal, decided_by_name: null }),
        decision: toDecision(r.decision),
        submission: toSubmission(r),
        achievement: { id: r.achievement_id, ...label(r) },
      }));
    },

    async moderatedDecisions(achievementIds: readonly string[]) {
      const found = await rows<{
        assessor_user_id: string;
        name: string;
        moderated_at: Stamp;
        outcome: ModerationOutcome;
      }>(
        db,
        sql`SELECT d.assessor_user_id, u.name, m.moderated_at, m.outcome FROM moderations m
          JOIN decisions d ON d.id = m.decision_id JOIN users u ON u.id = d.assessor_user_id
          WHERE m.outcome IS NOT NULL AND ${inIds(sql`m.achievement_id`, achievementIds)}
          ORDER BY m.moderated_at`,
      );
      return found.map((r) => ({
        assessorId: r.assessor_user_id,
        assessorName: r.name,
        moderatedAt: toDate(r.moderated_at),
        outcome: r.outcome,
      }));
    },

    async organisationsOf(userId: string) {
      const found = await rows<{ organisation_id: string }>(
        db,
        sql`SELECT organisation_id FROM memberships WHERE user_id = ${userId}`,
      );
      return found.map((r) => r.organisation_id);
    },
  };
}
