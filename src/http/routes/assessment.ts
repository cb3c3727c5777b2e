/**
 * Earning a badge over HTTP: enrol, build and submit evidence, assess, moderate, appeal
 * (docs/assessment.md). Routes validate, call app/ and present; the rules live in the domain.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { declareConflict, decide, listAssessmentQueue, listMyConflicts } from '../../app/assessing.js';
import {
  approveAssessmentStaff,
  getAssessmentPolicy,
  listAssessmentStaff,
  listMyNotifications,
  markNotificationsRead,
  myAssessmentRoles,
  removeAssessmentStaff,
  setAssessmentPolicy,
} from '../../app/assessment-settings.js';
import {
  assessorAgreement,
  decideAppeal,
  listAppeals,
  listModerationQueue,
  moderate,
} from '../../app/moderating.js';
import { getSubmission, listMySubmissions } from '../../app/submission-view.js';
import {
  addEvidence,
  answerAttestation,
  appealDecision,
  createSubmission,
  downloadEvidenceFile,
  enrol,
  getAttestationRequest,
  listMyEnrolments,
  removeEvidence,
  requestAttestation,
  resubmitSubmission,
  submitSubmission,
  uploadEvidenceFile,
  withdrawSubmission,
} from '../../app/submissions.js';
import {
  ATTESTATION_STATES,
  DECISION_OUTCOMES,
  ENROLMENT_SOURCES,
  EVIDENCE_KINDS,
  MODERATION_OUTCOMES,
  MODERATION_SELECTIONS,
  MODERATION_TIMINGS,
  SUBMISSION_ROUTES,
  SUBMISSION_STATES,
  APPEAL_STATES,
} from '../../domain/assessment.js';
import { EVIDENCE_FILE_MAX_BYTES } from '../../domain/evidence-files.js';
import { toWire } from '../presenters.js';
import { Body, DateTime, Email, PersonRef, Uuid } from '../schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Object({ id: Uuid });
const Person = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() });
const AchievementLabel = Type.Object({
  id: Type.String(),
  title: Type.String(),
  code: Type.String(),
  version: Type.String(),
});
const RubricRowSchema = Type.Object(
  {
    criterionId: Type.String({ minLength: 1, maxLength: 100 }),
    met: Type.Boolean(),
    feedback: Type.String({ maxLength: 8000 }),
  },
  { additionalProperties: false },
);
const DecisionSummary = Type.Object({
  id: Type.String(),
  attempt: Type.Integer(),
  assessor: PersonRef,
  outcome: Type.Enum(DECISION_OUTCOMES),
  feedback: Type.String(),
  rubric: Type.Array(RubricRowSchema),
  decidedAt: DateTime,
});
const ModerationView = Type.Object({
  id: Type.String(),
  selection: Type.Enum(MODERATION_SELECTIONS),
  outcome: Nullable(Type.Enum(MODERATION_OUTCOMES)),
  moderator: Nullable(PersonRef),
  reason: Nullable(Type.String()),
  selectedAt: DateTime,
  moderatedAt: Nullable(DateTime),
});
const AppealView = Type.Object({
  id: Type.String(),
  grounds: Type.String(),
  state: Type.Enum(APPEAL_STATES),
  reason: Nullable(Type.String()),
  lodgedAt: DateTime,
  decidedAt: Nullable(DateTime),
});
const FileView = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  downloadUrl: Type.String(),
});
const AttestationView = Type.Object({
  id: Type.String(),
  supervisorName: Type.String(),
  supervisorEmail: Type.String(),
  statement: Type.String(),
  state: Type.Enum(ATTESTATION_STATES),
  responseComment: Nullable(Type.String()),
  requestedAt: DateTime,
  respondedAt: Nullable(DateTime),
});
const EvidenceView = Type.Object({
  id: Type.String(),
  criterionId: Type.String(),
  kind: Type.Enum(EVIDENCE_KINDS),
  text: Nullable(Type.String()),
  url: Nullable(Type.String()),
  file: Nullable(FileView),
  attestation: Nullable(AttestationView),
  rplKind: Nullable(Type.String()),
  createdAt: DateTime,
});
const SubmissionSummary = Type.Object({
  id: Type.String(),
  state: Type.Enum(SUBMISSION_STATES),
  route: Type.Enum(SUBMISSION_ROUTES),
  attempt: Type.Integer(),
  achievementId: Type.String(),
  versionId: Type.String(),
  createdAt: DateTime,
  submittedAt: Nullable(DateTime),
  decidedAt: Nullable(DateTime),
  updatedAt: DateTime,
  credentialId: Nullable(Type.String()),
});
const SubmissionView = Type.Object({
  ...SubmissionSummary.properties,
  achievement: Type.Object({
    id: Type.String(),
    versionId: Type.String(),
    version: Type.String(),
    title: Type.String(),
    code: Type.String(),
    rplAllowed: Type.Boolean(),
    rplEvidence: Type.String(),
    criteria: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        evidenceRequirements: Type.Array(Type.String()),
      }),
    ),
  }),
  learner: Person,
  evidence: Type.Array(EvidenceView),
  missingCriteria: Type.Array(Type.String()),
  decisions: Type.Array(
    Type.Object({
      ...DecisionSummary.properties,
      moderation: Nullable(ModerationView),
      appeal: Nullable(AppealView),
    }),
  ),
  credential: Nullable(Type.Object({ id: Type.String(), url: Type.String() })),
  appealDeadline: Nullable(DateTime),
  timeline: Type.Array(
    Type.Object({
      at: DateTime,
      kind: Type.String(),
      actor: Nullable(Type.String()),
      summary: Type.String(),
    }),
  ),
  abilities: Type.Object({
    edit: Type.Boolean(),
    submit: Type.Boolean(),
    withdraw: Type.Boolean(),
    resubmit: Type.Boolean(),
    appeal: Type.Boolean(),
    decide: Type.Boolean(),
  }),
});
const EnrolmentView = Type.Object({
  id: Type.String(),
  achievement: AchievementLabel,
  learner: Person,
  source: Type.Enum(ENROLMENT_SOURCES),
  createdAt: DateTime,
  submission: Nullable(
    Type.Object({ id: Type.String(), state: Type.Enum(SUBMISSION_STATES), attempt: Type.Integer() }),
  ),
  credentialId: Nullable(Type.String()),
});
const PolicySchema = Type.Object(
  {
    sampleRate: Type.Number({ minimum: 0, maximum: 1 }),
    newAssessorFirstN: Type.Integer({ minimum: 0, maximum: 1000 }),
    moderateAllRpl: Type.Boolean(),
    moderateAll: Type.Boolean(),
    timing: Type.Enum(MODERATION_TIMINGS),
    forbidOwnStaff: Type.Boolean(),
    appealWindowDays: Type.Integer({ minimum: 0, maximum: 365 }),
  },
  { additionalProperties: false },
);
const StaffRoleSchema = Type.Enum(['assessor', 'moderator'] as const);
const Page = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
const Reason = Type.String({ maxLength: 4000 });

type Loaded = Awaited<ReturnType<typeof getSubmission>>;

function presentSubmission(view: Loaded) {
  const { submission: s, version: v } = view;
  return toWire({
    id: s.id,
    state: s.state,
    route: s.route,
    attempt: s.attempt,
    achievementId: s.achievementId,
    versionId: s.versionId,
    createdAt: s.createdAt,
    submittedAt: s.submittedAt,
    decidedAt: s.decidedAt,
    updatedAt: s.updatedAt,
    credentialId: s.credentialId,
    achievement: {
      id: s.achievementId,
      versionId: v.id,
      version: v.version,
      title: v.content.title,
      code: v.content.code,
      rplAllowed: v.content.rplAllowed,
      rplEvidence: v.content.rplEvidence,
      criteria: v.content.criteria,
    },
    learner: s.learner,
    evidence: view.evidence.map((e) => ({
      id: e.id,
      criterionId: e.criterionId,
      kind: e.kind,
      text: e.body,
      url: e.url,
      file: e.file
        ? {
            id: e.file.id,
            filename: e.file.filename,
            mediaType: e.file.mediaType,
            sizeBytes: e.file.sizeBytes,
            sha256: e.file.sha256,
            downloadUrl: `/api/v1/submissions/${s.id}/files/${e.file.id}`,
          }
        : null,
      attestation: e.attestation,
      rplKind: e.rplKind,
      createdAt: e.createdAt,
    })),
    missingCriteria: view.missingCriteria,
    decisions: view.decisions.map(({ decision, moderation, appeal }) => ({
      ...decision,
      moderation,
      appeal,
    })),
    credential: s.credentialId ? { id: s.credentialId, url: `/credentials/${s.credentialId}` } : null,
    appealDeadline: view.appealDeadline,
    timeline: view.timeline,
    abilities: view.abilities,
  });
}

const summary = (s: Loaded['submission']) =>
  toWire({
    id: s.id,
    state: s.state,
    route: s.route,
    attempt: s.attempt,
    achievementId: s.achievementId,
    versionId: s.versionId,
    createdAt: s.createdAt,
    submittedAt: s.submittedAt,
    decidedAt: s.decidedAt,
    updatedAt: s.updatedAt,
    credentialId: s.credentialId,
  });

/** Raw file uploads: any type is read as bytes here and judged by its content in the domain. */
const evidenceFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: EVIDENCE_FILE_MAX_BYTES + 1024 },
    (_req, body, done) => {
      done(null, body);
    },
  );
  app.post(
    '/submissions/:id/files',
    {
      bodyLimit: EVIDENCE_FILE_MAX_BYTES + 1024,
      schema: {
        operationId: 'uploadEvidenceFile',
        tags: ['assessment'],
        summary: 'Upload a file as evidence for one criterion (the raw bytes as the body)',
        description:
          'Send the file itself as the request body with its media type (or application/octet-stream). ' +
          'The content is sniffed: PDF, PNG, JPEG, GIF, WebP, MP4/QuickTime, Word/Excel/PowerPoint, plain text and CSV are accepted, up to 20 MiB.',
        params: Id,
        querystring: Type.Object(
          {
            criterionId: Type.String({ minLength: 1, maxLength: 100 }),
            filename: Type.String({ minLength: 1, maxLength: 255 }),
            rplKind: Type.Optional(Type.String({ maxLength: 60 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
      const id = await uploadEvidenceFile(app.deps, req.actor, req.params.id, {
        criterionId: req.query.criterionId,
        filename: req.query.filename,
        mediaType: req.headers['content-type']?.split(';')[0]?.trim() ?? null,
        bytes,
        ...(req.query.rplKind ? { rplKind: req.query.rplKind } : {}),
      });
      return reply.code(201).send({ id });
    },
  );
};

export const assessmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(evidenceFileRoutes);

  app.post(
    '/achievements/:id/enrolments',
    {
      schema: {
        operationId: 'enrol',
        tags: ['assessment'],
        summary:
          'Enrol in a micro-credential (yourself, a member of your organisation, or a learner by an LMS key)',
        params: Id,
        body: Body({ learnerEmail: Type.Optional(Email) }),
        response: { 200: EnrolmentView, 201: EnrolmentView },
      },
    },
    async (req, reply) => {
      const { enrolment, created } = await enrol(app.deps, req.actor, req.params.id, req.body);
      const version = (await app.deps.store.achievements.listVersions(enrolment.achievementId)).find(
        (v) => v.status === 'published',
      );
      reply.code(created ? 201 : 200);
      return toWire({
        id: enrolment.id,
        achievement: {
          id: enrolment.achievementId,
          title: version?.content.title ?? '',
          code: version?.content.code ?? '',
          version: version?.version ?? '',
        },
        learner: enrolment.learner,
        source: enrolment.source,
        createdAt: enrolment.createdAt,
        submission: null,
        credentialId: null,
      });
    },
  );

  app.get(
    '/me/enrolments',
    {
      schema: {
        operationId: 'listMyEnrolments',
        tags: ['assessment'],
        summary: 'Your enrolments with the state of your latest submission',
        response: { 200: Type.Object({ items: Type.Array(EnrolmentView) }) },
      },
    },
    async (req) => {
      const items = await listMyEnrolments(app.deps, req.actor);
      return {
        items: items.map(({ enrolment, latest, version }) =>
          toWire({
            id: enrolment.id,
            achievement: {
              id: enrolment.achievementId,
              title: version?.content.title ?? '',
              code: version?.content.code ?? '',
              version: version?.version ?? '',
            },
            learner: enrolment.learner,
            source: enrolment.source,
            createdAt: enrolment.createdAt,
            submission: latest ? { id: latest.id, state: latest.state, attempt: latest.attempt } : null,
            credentialId: latest?.credentialId ?? null,
          }),
        ),
      };
    },
  );

  app.post(
    '/enrolments/:id/submissions',
    {
      schema: {
        operationId: 'createSubmission',
        tags: ['assessment'],
        summary: 'Start a submission: assessed, or recognition of prior learning (rpl) where allowed',
        params: Id,
        body: Body({ route: Type.Enum(SUBMISSION_ROUTES) }),
        response: { 201: SubmissionView },
      },
    },
    async (req, reply) => {
      const s = await createSubmission(app.deps, req.actor, req.params.id, req.body.route);
      reply.code(201);
      return presentSubmission(await getSubmission(app.deps, req.actor, s.id));
    },
  );

  app.get(
    '/me/submissions',
    {
      schema: {
        operationId: 'listMySubmissions',
        tags: ['assessment'],
        summary: 'Your submissions, most recently changed first',
        response: { 200: Type.Object({ items: Type.Array(SubmissionSummary) }) },
      },
    },
    async (req) => ({ items: (await listMySubmissions(app.deps, req.actor)).map(summary) }),
  );

  app.get(
    '/submissions/:id',
    {
      schema: {
        operationId: 'getSubmission',
        tags: ['assessment'],
        summary: 'A submission with its evidence, decisions, moderation, appeal and timeline',
        params: Id,
        response: { 200: SubmissionView },
      },
    },
    async (req) => presentSubmission(await getSubmission(app.deps, req.actor, req.params.id)),
  );

  app.post(
    '/submissions/:id/evidence',
    {
      schema: {
        operationId: 'addEvidence',
        tags: ['assessment'],
        summary: 'Add written or linked evidence for one criterion (while the submission is a draft)',
        params: Id,
        body: Body({
          criterionId: Type.String({ minLength: 1, maxLength: 100 }),
          kind: Type.Enum(['text', 'link'] as const),
          text: Type.Optional(Type.String({ maxLength: 20000 })),
          url: Type.Optional(Type.String({ maxLength: 2000 })),
          rplKind: Type.Optional(Type.String({ maxLength: 60 })),
        }),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const id = await addEvidence(app.deps, req.actor, req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/submissions/:id/files/:fileId',
    {
      schema: {
        operationId: 'downloadEvidenceFile',
        tags: ['assessment'],
        summary: 'Download an evidence file (its learner, assessors, moderators and the owner’s admins)',
        params: Type.Object({ id: Uuid, fileId: Uuid }),
      },
    },
    async (req, reply) => {
      const file = await downloadEvidenceFile(app.deps, req.actor, req.params.id, req.params.fileId);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.filename.replace(/["\\]/g, '_')}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('x-evidence-sha256', file.sha256)
        .send(Buffer.from(file.content));
    },
  );

  app.delete(
    '/submissions/:id/evidence/:evidenceId',
    {
      schema: {
        operationId: 'removeEvidence',
        tags: ['assessment'],
        summary: 'Remove one evidence item (and its file or attestation) from a draft',
        params: Type.Object({ id: Uuid, evidenceId: Uuid }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await removeEvidence(app.deps, req.actor, req.params.id, req.params.evidenceId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/submissions/:id/attestations',
    {
      schema: {
        operationId: 'requestAttestation',
        tags: ['assessment'],
        summary: 'Ask a supervisor by email to confirm workplace evidence (they need no account)',
        params: Id,
        body: Body({
          criterionId: Type.String({ minLength: 1, maxLength: 100 }),
          supervisorEmail: Email,
          supervisorName: Type.String({ minLength: 1, maxLength: 200 }),
          statement: Type.String({ minLength: 1, maxLength: 20000 }),
        }),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const id = await requestAttestation(app.deps, req.actor, req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );

  const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) });
  app.get(
    '/attestations/:token',
    {
      schema: {
        operationId: 'getAttestationRequest',
        tags: ['assessment'],
        summary: 'What a supervisor is asked to confirm (public, by the emailed link)',
        security: [],
        params: TokenParams,
        response: {
          200: Type.Object({
            learnerName: Type.String(),
            achievementTitle: Type.String(),
            criterionTitle: Type.String(),
            supervisorName: Type.String(),
            statement: Type.String(),
            state: Type.Enum(ATTESTATION_STATES),
            expiresAt: DateTime,
            expired: Type.Boolean(),
          }),
        },
      },
    },
    async (req) => toWire(await getAttestationRequest(app.deps, req.params.token)),
  );

  app.post(
    '/attestations/:token',
    {
      schema: {
        operationId: 'answerAttestation',
        tags: ['assessment'],
        summary: 'A supervisor confirms or declines (public, by the emailed link; once)',
        security: [],
        params: TokenParams,
        body: Body({ confirm: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 4000 })) }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await answerAttestation(app.deps, req.params.token, req.body);
      return reply.code(204).send(null);
    },
  );

  for (const [path, operationId, summaryText, run] of [
    [
      'submit',
      'submitSubmission',
      'Submit for assessment (every criterion needs evidence)',
      submitSubmission,
    ],
    ['withdraw', 'withdrawSubmission', 'Withdraw a draft or an undecided submission', withdrawSubmission],
    [
      'resubmit',
      'resubmitSubmission',
      'Reopen a "not yet competent" submission as the next attempt',
      resubmitSubmission,
    ],
  ] as const) {
    app.post(
      `/submissions/:id/${path}`,
      {
        schema: {
          operationId,
          tags: ['assessment'],
          summary: summaryText,
          params: Id,
          response: { 200: SubmissionView },
        },
      },
      async (req) => {
        await run(app.deps, req.actor, req.params.id);
        return presentSubmission(await getSubmission(app.deps, req.actor, req.params.id));
      },
    );
  }

  app.post(
    '/submissions/:id/appeal',
    {
      schema: {
        operationId: 'appeal',
        tags: ['assessment'],
        summary: 'Appeal a "not yet competent" decision within the appeal window',
        params: Id,
        body: Body({ grounds: Type.String({ maxLength: 8000 }) }),
        response: { 200: SubmissionView },
      },
    },
    async (req) => {
      await appealDecision(app.deps, req.actor, req.params.id, req.body.grounds);
      return presentSubmission(await getSubmission(app.deps, req.actor, req.params.id));
    },
  );

  app.get(
    '/assessment/queue',
    {
      schema: {
        operationId: 'listAssessmentQueue',
        tags: ['assessment'],
        summary: 'Submissions waiting for an assessor you are approved as, oldest first',
        querystring: Type.Object(
          {
            ...Page.properties,
            achievementId: Type.Optional(Uuid),
            route: Type.Optional(Type.Enum(SUBMISSION_ROUTES)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                submissionId: Type.String(),
                learner: PersonRef,
                achievement: AchievementLabel,
                route: Type.Enum(SUBMISSION_ROUTES),
                attempt: Type.Integer(),
                submittedAt: Nullable(DateTime),
                evidenceCount: Type.Integer(),
                conflict: Nullable(Type.String()),
              }),
            ),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const { limit, offset, achievementId, route } = req.query;
      const page = await listAssessmentQueue(app.deps, req.actor, {
        limit,
        offset,
        ...(achievementId ? { achievementId } : {}),
        ...(route ? { route } : {}),
      });
      return {
        total: page.total,
        items: page.items.map((i) =>
          toWire({
            submissionId: i.submission.id,
            learner: { id: i.submission.learner.id, name: i.submission.learner.name },
            achievement: i.achievement,
            route: i.submission.route,
            attempt: i.submission.attempt,
            submittedAt: i.submission.submittedAt,
            evidenceCount: i.evidenceCount,
            conflict: i.conflict,
          }),
        ),
      };
    },
  );

  app.post(
    '/submissions/:id/decision',
    {
      schema: {
        operationId: 'decide',
        tags: ['assessment'],
        summary: 'Record an assessor’s decision: a rubric row per criterion and an overall outcome',
        description:
          'One decision per attempt: when two assessors decide at once, one wins and the other gets 409. ' +
          'A competent decision issues the credential unless the moderation policy holds it for a moderator.',
        params: Id,
        body: Body({
          outcome: Type.Enum(DECISION_OUTCOMES),
          feedback: Type.String({ maxLength: 8000 }),
          rubric: Type.Array(RubricRowSchema, { maxItems: 100 }),
        }),
        response: { 200: SubmissionView },
      },
    },
    async (req) => {
      await decide(app.deps, req.actor, req.params.id, req.body);
      return presentSubmission(await getSubmission(app.deps, req.actor, req.params.id));
    },
  );

  const QueueDecision = Type.Object({
    id: Type.String(),
    outcome: Type.Enum(DECISION_OUTCOMES),
    assessor: PersonRef,
    decidedAt: DateTime,
    feedback: Type.String(),
  });
  app.get(
    '/moderation/queue',
    {
      schema: {
        operationId: 'listModerationQueue',
        tags: ['assessment'],
        summary: 'Decisions selected for your moderation, oldest first',
        querystring: Page,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                submissionId: Type.String(),
                selection: Type.Enum(MODERATION_SELECTIONS),
                selectedAt: DateTime,
                decision: QueueDecision,
                learner: PersonRef,
                achievement: AchievementLabel,
                route: Type.Enum(SUBMISSION_ROUTES),
                state: Type.Enum(SUBMISSION_STATES),
              }),
            ),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const page = await listModerationQueue(app.deps, req.actor, req.query);
      return {
        total: page.total,
        items: page.items.map((i) =>
          toWire({
            id: i.moderation.id,
            submissionId: i.submission.id,
            selection: i.moderation.selection,
            selectedAt: i.moderation.selectedAt,
            decision: {
              id: i.decision.id,
              outcome: i.decision.outcome,
              assessor: i.decision.assessor,
              decidedAt: i.decision.decidedAt,
              feedback: i.decision.feedback,
            },
            learner: { id: i.submission.learner.id, name: i.submission.learner.name },
            achievement: i.achievement,
            route: i.submission.route,
            state: i.submission.state,
          }),
        ),
      };
    },
  );

  app.post(
    '/moderations/:id',
    {
      schema: {
        operationId: 'moderate',
        tags: ['assessment'],
        summary: 'Confirm or overturn a decision (an overturned issued credential is revoked)',
        params: Id,
        body: Body({ outcome: Type.Enum(MODERATION_OUTCOMES), reason: Reason }),
        response: { 200: SubmissionSummary },
      },
    },
    async (req) => summary(await moderate(app.deps, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/appeals',
    {
      schema: {
        operationId: 'listAppeals',
        tags: ['assessment'],
        summary: 'Open appeals on micro-credentials you moderate',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                submissionId: Type.String(),
                grounds: Type.String(),
                lodgedAt: DateTime,
                decision: QueueDecision,
                learner: PersonRef,
                achievement: AchievementLabel,
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: (await listAppeals(app.deps, req.actor)).map((i) =>
        toWire({
          id: i.appeal.id,
          submissionId: i.submission.id,
          grounds: i.appeal.grounds,
          lodgedAt: i.appeal.lodgedAt,
          decision: {
            id: i.decision.id,
            outcome: i.decision.outcome,
            assessor: i.decision.assessor,
            decidedAt: i.decision.decidedAt,
            feedback: i.decision.feedback,
          },
          learner: { id: i.submission.learner.id, name: i.submission.learner.name },
          achievement: i.achievement,
        }),
      ),
    }),
  );

  app.post(
    '/appeals/:id/decision',
    {
      schema: {
        operationId: 'decideAppeal',
        tags: ['assessment'],
        summary: 'Uphold (the learner is competent and the credential issued) or dismiss an appeal',
        params: Id,
        body: Body({ outcome: Type.Enum(['upheld', 'dismissed'] as const), reason: Reason }),
        response: { 200: SubmissionSummary },
      },
    },
    async (req) => summary(await decideAppeal(app.deps, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/moderation/agreement',
    {
      schema: {
        operationId: 'getAssessorAgreement',
        tags: ['assessment'],
        summary: 'How often moderators confirm each assessor, overall and by month (lowest first)',
        querystring: Type.Object({ achievementId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            assessors: Type.Array(
              Type.Object({
                assessorId: Type.String(),
                assessorName: Type.String(),
                total: Type.Integer(),
                confirmed: Type.Integer(),
                rate: Type.Number(),
                series: Type.Array(
                  Type.Object({
                    period: Type.String(),
                    total: Type.Integer(),
                    confirmed: Type.Integer(),
                    rate: Type.Number(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ assessors: await assessorAgreement(app.deps, req.actor, req.query.achievementId) }),
  );

  app.get(
    '/achievements/:id/assessment-policy',
    {
      schema: {
        operationId: 'getAssessmentPolicy',
        tags: ['assessment'],
        summary: 'How a micro-credential is assessed and moderated',
        params: Id,
        response: { 200: Type.Object({ policy: PolicySchema, canManage: Type.Boolean() }) },
      },
    },
    async (req) => getAssessmentPolicy(app.deps, req.actor, req.params.id),
  );

  app.put(
    '/achievements/:id/assessment-policy',
    {
      schema: {
        operationId: 'setAssessmentPolicy',
        tags: ['assessment'],
        summary: 'Set the moderation policy (the owning organisation’s admins)',
        params: Id,
        body: PolicySchema,
        response: { 200: Type.Object({ policy: PolicySchema, canManage: Type.Boolean() }) },
      },
    },
    async (req) => ({
      policy: await setAssessmentPolicy(app.deps, req.actor, req.params.id, req.body),
      canManage: true,
    }),
  );

  const StaffView = Type.Object({
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    role: StaffRoleSchema,
    approvedAt: DateTime,
  });
  app.get(
    '/achievements/:id/assessment-staff',
    {
      schema: {
        operationId: 'listAssessmentStaff',
        tags: ['assessment'],
        summary: 'Approved assessors and moderators of a micro-credential',
        params: Id,
        response: { 200: Type.Object({ items: Type.Array(StaffView) }) },
      },
    },
    async (req) => ({
      items: (await listAssessmentStaff(app.deps, req.actor, req.params.id)).map((s) => toWire(s)),
    }),
  );

  app.post(
    '/achievements/:id/assessment-staff',
    {
      schema: {
        operationId: 'approveAssessmentStaff',
        tags: ['assessment'],
        summary: 'Approve a person (of any organisation) as an assessor or moderator',
        params: Id,
        body: Body({ email: Email, role: StaffRoleSchema }),
        response: { 200: Type.Object({ items: Type.Array(StaffView) }) },
      },
    },
    async (req) => {
      await approveAssessmentStaff(app.deps, req.actor, req.params.id, req.body);
      return { items: (await listAssessmentStaff(app.deps, req.actor, req.params.id)).map((s) => toWire(s)) };
    },
  );

  app.delete(
    '/achievements/:id/assessment-staff/:userId/:role',
    {
      schema: {
        operationId: 'removeAssessmentStaff',
        tags: ['assessment'],
        summary: 'Remove an assessor or moderator approval',
        params: Type.Object({ id: Uuid, userId: Uuid, role: StaffRoleSchema }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await removeAssessmentStaff(app.deps, req.actor, req.params.id, req.params.userId, req.params.role);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/conflicts',
    {
      schema: {
        operationId: 'listMyConflicts',
        tags: ['assessment'],
        summary: 'Learners you declared a conflict of interest with',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ learner: Person, reason: Type.String(), declaredAt: DateTime })),
          }),
        },
      },
    },
    async (req) => ({ items: (await listMyConflicts(app.deps, req.actor)).map((c) => toWire(c)) }),
  );

  app.post(
    '/me/conflicts',
    {
      schema: {
        operationId: 'declareConflict',
        tags: ['assessment'],
        summary: 'Declare a conflict of interest: you will never assess this learner',
        body: Body({ learnerEmail: Email, reason: Type.String({ maxLength: 500 }) }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await declareConflict(app.deps, req.actor, req.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/assessment-roles',
    {
      schema: {
        operationId: 'getMyAssessmentRoles',
        tags: ['assessment'],
        summary: 'The micro-credentials you assess or moderate',
        response: {
          200: Type.Object({
            assessorOf: Type.Array(Type.String()),
            moderatorOf: Type.Array(Type.String()),
            moderatesByRole: Type.Boolean(),
          }),
        },
      },
    },
    async (req) => myAssessmentRoles(app.deps, req.actor),
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        operationId: 'listMyNotifications',
        tags: ['assessment'],
        summary: 'Your notifications, newest first, with the unread count',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.String(),
                title: Type.String(),
                body: Type.String(),
                link: Nullable(Type.String()),
                createdAt: DateTime,
                readAt: Nullable(DateTime),
              }),
            ),
            unread: Type.Integer(),
          }),
        },
      },
    },
    async (req) => toWire(await listMyNotifications(app.deps, req.actor)),
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['assessment'],
        summary: 'Mark notifications read (all of them when no ids are given)',
        body: Body({ ids: Type.Optional(Type.Array(Uuid, { maxItems: 200 })) }),
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (req) => ({ marked: await markNotificationsRead(app.deps, req.actor, req.body.ids) }),
  );
};
