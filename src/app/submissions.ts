/**
 * The learner's side of earning a badge: enrol, build a submission of evidence against the
 * criteria (text, links, files, a supervisor's attestation), submit, withdraw, resubmit, appeal.
 * Every change locks the submission, moves it only along the state machine, and is audited.
 */
import type { Actor } from '../domain/actor.js';
import {
  AlreadyAppealed,
  ATTESTATION_LINK_DAYS,
  AttestationClosed,
  NotOpenForEnrolment,
  SubmissionAlreadyOpen,
  SubmissionNotEditable,
  type EnrolmentSource,
  type SubmissionRoute,
} from '../domain/assessment.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { checkSubmissionFileBudget, safeFilename, sniffEvidenceFile } from '../domain/evidence-files.js';
import {
  checkAppealGrounds,
  checkCriterion,
  checkEvidenceLink,
  checkEvidenceText,
  checkSupervisor,
  ensureAppealOpen,
  ensureComplete,
  nextSubmissionState,
} from '../domain/submission-workflow.js';
import { canEnrol } from '../policies/assessment.js';
import { ensure } from '../policies/ensure.js';
import type { EnrolmentRecord, SubmissionRecord } from '../domain/assessment.js';
import {
  assessorsOf,
  ensureLearner,
  loadSubmission,
  moderatorsOf,
  notify,
  policyFor,
  requirePerson,
  submissionPath,
  type LoadedSubmission,
} from './assessment-support.js';
import { recordAudit } from './audit-trail.js';
import type { Deps, Store } from './ports.js';
import { queueEmail } from './queue-email.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const RPL_KIND_MAX = 60;

/** The published version a learner can enrol in, by micro-credential id or a version id. */
async function publishedVersion(store: Store, achievementOrVersionId: string) {
  let achievementId = achievementOrVersionId;
  if (!(await store.achievements.findAchievement(achievementId))) {
    const version = await store.achievements.findVersion(achievementOrVersionId);
    if (!version) throw new NotFound('micro-credential', achievementOrVersionId);
    achievementId = version.achievementId;
  }
  const achievement = await store.achievements.findAchievement(achievementId);
  if (!achievement) throw new NotFound('micro-credential', achievementOrVersionId);
  const published = (await store.achievements.listVersions(achievementId)).find(
    (v) => v.status === 'published',
  );
  return { achievement, published };
}

/**
 * Enrols the caller, or (for an employer's admins and a learning system's key) the person with
 * `learnerEmail`. Enrolling again returns the existing enrolment (`created: false`).
 * @throws NotFound, NotAllowed, SignInRequired, NotOpenForEnrolment
 */
export async function enrol(
  deps: Deps,
  actor: Actor,
  achievementId: string,
  input: { learnerEmail?: string },
): Promise<{ enrolment: EnrolmentRecord; created: boolean }> {
  const { achievement, published } = await publishedVersion(deps.store, achievementId);
  if (!published) {
    throw new NotOpenForEnrolment('This micro-credential has no published version to enrol in.', {
      achievementId: achievement.id,
    });
  }
  let learner: { id: string; name: string; email: string } | undefined;
  if (input.learnerEmail !== undefined) {
    const found = await deps.store.users.findByEmail(input.learnerEmail.trim().toLowerCase());
    if (!found) {
      throw new InvalidInput(
        'learnerEmail',
        `No one has a Cairn account with ${input.learnerEmail}: invite them to your organisation first.`,
      );
    }
    learner = { id: found.id, name: found.name, email: found.email };
  } else {
    const me = requirePerson(actor);
    learner = { id: me.id, name: me.name, email: me.email };
  }
  const learnerOrganisationIds = await deps.store.assessment.organisationsOf(learner.id);
  ensure(
    canEnrol(actor, {
      learnerId: learner.id,
      learnerOrganisationIds,
      ownerOrganisationId: achievement.owner.id,
    }),
    actor,
    `enrol ${learner.name} in this micro-credential`,
  );
  const source: EnrolmentSource =
    actor.kind === 'api_key'
      ? 'lms'
      : actor.kind === 'user' && actor.user.id === learner.id
        ? 'self'
        : 'employer';
  const now = deps.clock.now();
  const id = deps.secrets.uuid();
  const target = learner;
  const created = await deps.store.transaction(async (store) => {
    const inserted = await store.assessment.insertEnrolment({
      id,
      achievementId: achievement.id,
      learnerId: target.id,
      source,
      enrolledBy: actor.kind === 'user' ? actor.user.id : null,
      enrolledByApiKey: actor.kind === 'api_key' ? actor.keyId : null,
      at: now,
    });
    if (!inserted) {
      const existing = await store.assessment.findEnrolmentFor(achievement.id, target.id);
      if (existing?.withdrawnAt) await store.assessment.setEnrolmentWithdrawn(existing.id, null);
      return false;
    }
    await recordAudit(deps, store, {
      kind: 'enrolment_created',
      actor,
      organisationId: achievement.owner.id,
      subjectType: 'enrolment',
      subjectId: id,
      detail: { achievementId: achievement.id, learnerId: target.id, source },
    });
    if (source !== 'self') {
      await notify(deps, store, target, {
        kind: 'enrolled',
        title: `You are enrolled in ${published.content.title}`,
        body: `You were enrolled in ${published.content.code} ${published.content.title}. Open My learning to start your submission.`,
        link: '/learning',
      });
    }
    return true;
  });
  const enrolment = await deps.store.assessment.findEnrolmentFor(achievement.id, target.id);
  if (!enrolment) throw new NotFound('enrolment', id);
  return { enrolment, created };
}

/** The caller's enrolments with their latest submission. */
export async function listMyEnrolments(deps: Deps, actor: Actor) {
  const me = requirePerson(actor);
  const [enrolments, submissions] = await Promise.all([
    deps.store.assessment.listEnrolments(me.id),
    deps.store.assessment.listSubmissionsForLearner(me.id),
  ]);
  const items = [];
  for (const e of enrolments) {
    const latest = submissions.find((s) => s.enrolmentId === e.id);
    const { published } = await publishedVersion(deps.store, e.achievementId);
    const version = latest ? await deps.store.achievements.findVersion(latest.versionId) : published;
    items.push({ enrolment: e, latest, version });
  }
  return items;
}

/**
 * Starts a submission against the published version: `assessed` (learning then assessment) or
 * `rpl` (recognition of prior learning, when the micro-credential allows it).
 * @throws NotFound, NotAllowed, InvalidInput, SubmissionAlreadyOpen, NotOpenForEnrolment
 */
export async function createSubmission(
  deps: Deps,
  actor: Actor,
  enrolmentId: string,
  route: SubmissionRoute,
): Promise<SubmissionRecord> {
  const me = requirePerson(actor);
  const enrolment = await deps.store.assessment.findEnrolment(enrolmentId);
  if (!enrolment || enrolment.learner.id !== me.id) throw new NotFound('enrolment', enrolmentId);
  const { achievement, published } = await publishedVersion(deps.store, enrolment.achievementId);
  if (!published) {
    throw new NotOpenForEnrolment('This micro-credential has no published version to submit against.');
  }
  if (route === 'rpl' && !published.content.rplAllowed) {
    throw new InvalidInput('route', 'This micro-credential does not offer recognition of prior learning.');
  }
  const id = deps.secrets.uuid();
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const inserted = await store.assessment.insertSubmission({
      id,
      enrolmentId,
      achievementId: achievement.id,
      versionId: published.id,
      learnerId: me.id,
      route,
      at: now,
    });
    if (!inserted) {
      const open = (await store.assessment.listSubmissionsForLearner(me.id)).find(
        (s) =>
          s.enrolmentId === enrolmentId &&
          ['draft', 'submitted', 'awaiting_moderation', 'appealed'].includes(s.state),
      );
      throw new SubmissionAlreadyOpen(open?.id ?? '');
    }
    if (enrolment.withdrawnAt) await store.assessment.setEnrolmentWithdrawn(enrolmentId, null);
    await recordAudit(deps, store, {
      kind: 'submission_created',
      actor,
      organisationId: achievement.owner.id,
      subjectType: 'submission',
      subjectId: id,
      detail: { achievementId: achievement.id, versionId: published.id, route },
    });
  });
  const submission = await deps.store.assessment.findSubmission(id);
  if (!submission) throw new NotFound('submission', id);
  return submission;
}

/** Runs a learner's change on their draft under the submission's lock. */
async function changeDraft<T>(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  action: string,
  change: (store: Store, loaded: LoadedSubmission) => Promise<T>,
): Promise<T> {
  return deps.store.transaction(async (store) => {
    const loaded = await loadSubmission(store, actor, submissionId, { lock: true });
    ensureLearner(actor, loaded.submission, action);
    if (loaded.submission.state !== 'draft') {
      throw new SubmissionNotEditable(
        'Evidence can be changed only while the submission is a draft. Resubmit after a decision to change it.',
        { submissionId, state: loaded.submission.state },
      );
    }
    return change(store, loaded);
  });
}

function checkRplKind(loaded: LoadedSubmission, rplKind: string | undefined): string | null {
  if (rplKind === undefined || rplKind.trim() === '') return null;
  if (loaded.submission.route !== 'rpl') {
    throw new InvalidInput('rplKind', 'Only prior-learning (RPL) evidence says what kind of evidence it is.');
  }
  const kind = rplKind.trim();
  if (kind.length > RPL_KIND_MAX)
    throw new InvalidInput('rplKind', `Keep the kind under ${RPL_KIND_MAX} characters.`);
  return kind;
}

/** @throws NotFound, NotAllowed, InvalidInput, SubmissionNotEditable */
export async function addEvidence(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  input: { criterionId: string; kind: 'text' | 'link'; text?: string; url?: string; rplKind?: string },
): Promise<string> {
  return changeDraft(deps, actor, submissionId, 'add evidence to this submission', async (store, loaded) => {
    checkCriterion(loaded.version.content.criteria, input.criterionId);
    const rplKind = checkRplKind(loaded, input.rplKind);
    const id = deps.secrets.uuid();
    if (input.kind === 'text') {
      const body = checkEvidenceText(input.text ?? '');
      await store.assessment.insertEvidence({
        id,
        submissionId,
        criterionId: input.criterionId,
        kind: 'text',
        body,
        rplKind,
        at: deps.clock.now(),
      });
    } else {
      const url = checkEvidenceLink(input.url ?? '');
      await store.assessment.insertEvidence({
        id,
        submissionId,
        criterionId: input.criterionId,
        kind: 'link',
        url,
        rplKind,
        at: deps.clock.now(),
      });
    }
    await recordAudit(deps, store, {
      kind: 'evidence_added',
      actor,
      organisationId: loaded.submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: { evidenceId: id, criterionId: input.criterionId, kind: input.kind },
    });
    return id;
  });
}

/**
 * Stores an uploaded file as evidence after sniffing what it really is; its SHA-256 is recorded
 * and shown to assessors.
 * @throws NotFound, NotAllowed, InvalidInput, UnsupportedEvidenceFile, MislabelledEvidenceFile,
 *   EvidenceFileTooLarge, SubmissionNotEditable
 */
export async function uploadEvidenceFile(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  input: {
    criterionId: string;
    filename: string;
    mediaType: string | null;
    bytes: Uint8Array;
    rplKind?: string;
  },
): Promise<string> {
  const filename = safeFilename(input.filename);
  const sniffed = sniffEvidenceFile(input.bytes, { filename, mediaType: input.mediaType });
  const sha256 = deps.secrets.sha256Hex(input.bytes);
  return changeDraft(deps, actor, submissionId, 'add evidence to this submission', async (store, loaded) => {
    checkCriterion(loaded.version.content.criteria, input.criterionId);
    const rplKind = checkRplKind(loaded, input.rplKind);
    checkSubmissionFileBudget(await store.assessment.fileBudget(submissionId), input.bytes.length);
    const fileId = deps.secrets.uuid();
    const id = deps.secrets.uuid();
    const now = deps.clock.now();
    await store.assessment.insertFile({
      id: fileId,
      submissionId,
      filename,
      mediaType: sniffed.mediaType,
      sizeBytes: input.bytes.length,
      sha256,
      uploadedAt: now,
      content: input.bytes,
    });
    await store.assessment.insertEvidence({
      id,
      submissionId,
      criterionId: input.criterionId,
      kind: 'file',
      fileId,
      rplKind,
      at: now,
    });
    await recordAudit(deps, store, {
      kind: 'evidence_added',
      actor,
      organisationId: loaded.submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: {
        evidenceId: id,
        criterionId: input.criterionId,
        kind: 'file',
        filename,
        mediaType: sniffed.mediaType,
        sha256,
        sizeBytes: input.bytes.length,
      },
    });
    return id;
  });
}

/** @throws NotFound (also for people who may not see the submission) */
export async function downloadEvidenceFile(deps: Deps, actor: Actor, submissionId: string, fileId: string) {
  await loadSubmission(deps.store, actor, submissionId);
  const file = await deps.store.assessment.fileContent(submissionId, fileId);
  if (!file) throw new NotFound('evidence file', fileId);
  return file;
}

/** @throws NotFound, NotAllowed, SubmissionNotEditable */
export async function removeEvidence(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  evidenceId: string,
): Promise<void> {
  await changeDraft(deps, actor, submissionId, 'change this submission', async (store, loaded) => {
    if (!(await store.assessment.deleteEvidence(submissionId, evidenceId))) {
      throw new NotFound('evidence', evidenceId);
    }
    await recordAudit(deps, store, {
      kind: 'evidence_removed',
      actor,
      organisationId: loaded.submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: { evidenceId },
    });
  });
}

/**
 * Asks a supervisor, by an emailed link that needs no account, to confirm the learner's workplace
 * evidence for one criterion. Only a digest of the link's token is stored.
 * @throws NotFound, NotAllowed, InvalidInput, SubmissionNotEditable
 */
export async function requestAttestation(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  input: { criterionId: string; supervisorEmail: string; supervisorName: string; statement: string },
): Promise<string> {
  const supervisor = checkSupervisor({ email: input.supervisorEmail, name: input.supervisorName });
  const statement = checkEvidenceText(input.statement);
  return changeDraft(deps, actor, submissionId, 'ask for an attestation', async (store, loaded) => {
    const { submission, version } = loaded;
    checkCriterion(version.content.criteria, input.criterionId);
    if (supervisor.email === submission.learner.email) {
      throw new InvalidInput('supervisorEmail', 'Ask someone else: you cannot attest your own work.');
    }
    const token = deps.secrets.randomToken();
    const attestationId = deps.secrets.uuid();
    const id = deps.secrets.uuid();
    const now = deps.clock.now();
    await store.assessment.insertAttestation({
      id: attestationId,
      submissionId,
      criterionId: input.criterionId,
      supervisorEmail: supervisor.email,
      supervisorName: supervisor.name,
      statement,
      tokenHash: deps.secrets.digest(token),
      requestedAt: now,
      expiresAt: new Date(now.getTime() + ATTESTATION_LINK_DAYS * DAY_MS),
    });
    await store.assessment.insertEvidence({
      id,
      submissionId,
      criterionId: input.criterionId,
      kind: 'attestation',
      attestationId,
      at: now,
    });
    const criterion = version.content.criteria.find((c) => c.id === input.criterionId);
    await queueEmail(deps, store, {
      to: supervisor.email,
      subject: `${submission.learner.name} asks you to confirm their work`,
      text:
        `Kia ora ${supervisor.name},\n\n${submission.learner.name} is earning the micro-credential ` +
        `"${version.content.title}" and asks you to confirm this about their work` +
        (criterion ? ` (${criterion.title})` : '') +
        `:\n\n"${statement}"\n\nConfirm or decline here (no account needed; the link works for ` +
        `${ATTESTATION_LINK_DAYS} days):\n${deps.config.publicUrl}/attest/${token}\n\n— Cairn`,
      kind: 'attestation_request',
    });
    await recordAudit(deps, store, {
      kind: 'attestation_requested',
      actor,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: { attestationId, criterionId: input.criterionId, supervisorEmail: supervisor.email },
    });
    return id;
  });
}

async function openAttestation(deps: Deps, store: Store, token: string) {
  const attestation = await store.assessment.findAttestationByToken(deps.secrets.digest(token));
  if (!attestation) throw new NotFound('attestation request', 'from this link');
  const submission = await store.assessment.findSubmission(attestation.submissionId);
  if (!submission) throw new NotFound('attestation request', 'from this link');
  const version = await store.achievements.findVersion(submission.versionId);
  if (!version) throw new NotFound('attestation request', 'from this link');
  return { attestation, submission, version };
}

/** What the supervisor's link shows: enough to decide, nothing more. @throws NotFound */
export async function getAttestationRequest(deps: Deps, token: string) {
  const { attestation, submission, version } = await openAttestation(deps, deps.store, token);
  const criterion = version.content.criteria.find((c) => c.id === attestation.criterionId);
  return {
    learnerName: submission.learner.name,
    achievementTitle: version.content.title,
    criterionTitle: criterion?.title ?? attestation.criterionId,
    supervisorName: attestation.supervisorName,
    statement: attestation.statement,
    state: attestation.state,
    expiresAt: attestation.expiresAt,
    expired: attestation.expiresAt.getTime() <= deps.clock.now().getTime(),
  };
}

/** The supervisor confirms or declines, once. @throws NotFound, AttestationClosed, InvalidInput */
export async function answerAttestation(
  deps: Deps,
  token: string,
  input: { confirm: boolean; comment?: string },
): Promise<void> {
  const comment = input.comment?.trim() ?? '';
  if (comment.length > 4000) throw new InvalidInput('comment', 'Keep the comment under 4,000 characters.');
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const { attestation, submission } = await openAttestation(deps, store, token);
    if (attestation.state !== 'requested') {
      throw new AttestationClosed('This request has already been answered. Thank you.');
    }
    if (attestation.expiresAt.getTime() <= now.getTime()) {
      throw new AttestationClosed('This link has expired: the learner can send a new request.');
    }
    const state = input.confirm ? 'confirmed' : 'declined';
    if (
      !(await store.assessment.answerAttestation(attestation.id, {
        state,
        comment: comment || null,
        at: now,
      }))
    ) {
      throw new AttestationClosed('This request has already been answered. Thank you.');
    }
    await recordAudit(deps, store, {
      kind: 'attestation_answered',
      actor: null,
      actorLabel: `${attestation.supervisorName} <${attestation.supervisorEmail}> (supervisor link)`,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submission.id,
      detail: { attestationId: attestation.id, state },
    });
    await notify(deps, store, submission.learner, {
      kind: 'attestation_answered',
      title: `${attestation.supervisorName} ${state} your workplace evidence`,
      body: comment ? `Their comment: ${comment}` : 'Open your submission to see it.',
      link: submissionPath(submission.id),
    });
  });
}

/** A state change by the learner, audited and announced. */
async function learnerMove(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  action: 'submit' | 'withdraw' | 'resubmit',
): Promise<SubmissionRecord> {
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const { submission, version } = await loadSubmission(store, actor, submissionId, { lock: true });
    ensureLearner(actor, submission, `${action} this submission`);
    const to = nextSubmissionState(submission.state, action);
    if (action === 'submit') {
      const evidence = await store.assessment.listEvidence(submissionId);
      ensureComplete(
        version.content.criteria,
        evidence.map((e) => ({
          criterionId: e.criterionId,
          kind: e.kind,
          ...(e.attestation ? { attestationState: e.attestation.state } : {}),
        })),
      );
    }
    await store.assessment.moveSubmission(submissionId, submission.state, to, {
      at: now,
      ...(action === 'submit' ? { submittedAt: now } : {}),
      ...(action === 'resubmit' ? { attempt: submission.attempt + 1, decidedAt: null } : {}),
    });
    await recordAudit(deps, store, {
      kind:
        action === 'submit'
          ? 'submission_submitted'
          : action === 'withdraw'
            ? 'submission_withdrawn'
            : 'submission_resubmitted',
      actor,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: {
        from: submission.state,
        to,
        attempt: action === 'resubmit' ? submission.attempt + 1 : submission.attempt,
      },
    });
    if (action === 'submit') {
      await notify(deps, store, submission.learner, {
        kind: 'submission_received',
        title: `Submission received: ${version.content.title}`,
        body: 'Your evidence is with the assessors. You will hear when a decision is made.',
        link: submissionPath(submissionId),
      });
      for (const assessor of await assessorsOf(store, submission.achievementId)) {
        if (assessor.id === submission.learner.id) continue;
        await notify(deps, store, assessor, {
          kind: 'submission_to_assess',
          title: `New submission to assess: ${version.content.title}`,
          body: `${submission.learner.name} submitted evidence (${submission.route === 'rpl' ? 'recognition of prior learning' : 'assessment'}).`,
          link: `/assess/${submissionId}`,
        });
      }
    }
  });
  const after = await deps.store.assessment.findSubmission(submissionId);
  if (!after) throw new NotFound('submission', submissionId);
  return after;
}

/** @throws SubmissionIncomplete, SubmissionStateConflict, NotFound, NotAllowed */
export const submitSubmission = (deps: Deps, actor: Actor, id: string) =>
  learnerMove(deps, actor, id, 'submit');
/** @throws SubmissionStateConflict, NotFound, NotAllowed */
export const withdrawSubmission = (deps: Deps, actor: Actor, id: string) =>
  learnerMove(deps, actor, id, 'withdraw');
/** Reopens a "not yet competent" submission as the draft of its next attempt; evidence stays. */
export const resubmitSubmission = (deps: Deps, actor: Actor, id: string) =>
  learnerMove(deps, actor, id, 'resubmit');

/**
 * Appeals the latest "not yet competent" decision within the policy's window; a moderator decides.
 * @throws AppealWindowClosed, SubmissionStateConflict, InvalidInput, NotFound, NotAllowed
 */
export async function appealDecision(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  groundsText: string,
): Promise<SubmissionRecord> {
  const grounds = checkAppealGrounds(groundsText);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const { submission, version } = await loadSubmission(store, actor, submissionId, { lock: true });
    ensureLearner(actor, submission, 'appeal this decision');
    const to = nextSubmissionState(submission.state, 'appeal');
    const decision = (await store.assessment.listDecisions(submissionId)).find(
      (d) => d.attempt === submission.attempt,
    );
    if (!decision) throw new NotFound('decision', submissionId);
    const policy = await policyFor(store, submission.achievementId);
    ensureAppealOpen(submission.decidedAt ?? decision.decidedAt, policy.appealWindowDays, now);
    const appealId = deps.secrets.uuid();
    if (
      !(await store.assessment.insertAppeal({
        id: appealId,
        submissionId,
        decisionId: decision.id,
        grounds,
        at: now,
      }))
    ) {
      throw new AlreadyAppealed('This decision was appealed already; resubmit to be assessed again.');
    }
    await store.assessment.moveSubmission(submissionId, submission.state, to, { at: now });
    await recordAudit(deps, store, {
      kind: 'appeal_lodged',
      actor,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: { appealId, decisionId: decision.id },
    });
    for (const moderator of await moderatorsOf(store, submission.achievementId)) {
      await notify(deps, store, moderator, {
        kind: 'appeal_lodged',
        title: `Appeal lodged: ${version.content.title}`,
        body: `${submission.learner.name} appealed a "not yet competent" decision.`,
        link: '/moderation',
      });
    }
  });
  const after = await deps.store.assessment.findSubmission(submissionId);
  if (!after) throw new NotFound('submission', submissionId);
  return after;
}
