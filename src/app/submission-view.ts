/** One submission as its learner, assessors and moderators see it: evidence, decisions, timeline. */
import type { Actor } from '../domain/actor.js';
import type { AuditKind } from '../domain/audit-chain.js';
import { allowedSubmissionActions, appealDeadline, missingEvidence } from '../domain/submission-workflow.js';
import { canAssess } from '../policies/assessment.js';
import { loadSubmission, policyFor } from './assessment-support.js';
import type { Deps } from './ports.js';

const TIMELINE_WORDS: Partial<Record<AuditKind, string>> = {
  submission_created: 'Started the submission',
  evidence_added: 'Added evidence',
  evidence_removed: 'Removed evidence',
  attestation_requested: 'Asked a supervisor to confirm workplace evidence',
  attestation_answered: 'The supervisor answered',
  submission_submitted: 'Submitted for assessment',
  submission_withdrawn: 'Withdrew the submission',
  submission_resubmitted: 'Reopened the submission for another attempt',
  decision_recorded: 'Assessor recorded a decision',
  moderation_recorded: 'Moderator reviewed the decision',
  appeal_lodged: 'Appealed the decision',
  appeal_decided: 'Appeal decided',
  credential_issued: 'Credential issued',
};

/** @throws NotFound, SignInRequired */
export async function getSubmission(deps: Deps, actor: Actor, submissionId: string) {
  const { submission, version, standing } = await loadSubmission(deps.store, actor, submissionId);
  const [evidence, decisions, moderations, appeals, audit, policy] = await Promise.all([
    deps.store.assessment.listEvidence(submissionId),
    deps.store.assessment.listDecisions(submissionId),
    deps.store.assessment.moderationsFor(submissionId),
    deps.store.assessment.appealsFor(submissionId),
    deps.store.auditLog.list({
      organisationIds: null,
      subject: { type: 'submission', id: submissionId },
      limit: 500,
    }),
    policyFor(deps.store, submission.achievementId),
  ]);
  const issued = submission.credentialId
    ? await deps.store.auditLog.list({
        organisationIds: null,
        subject: { type: 'credential', id: submission.credentialId },
        limit: 50,
      })
    : [];
  const isLearner = actor.kind === 'user' && actor.user.id === submission.learner.id;
  const allowed = new Set(allowedSubmissionActions(submission.state));
  const latest = decisions.find((d) => d.attempt === submission.attempt);
  const deadline =
    submission.state === 'not_yet_competent' && latest
      ? appealDeadline(submission.decidedAt ?? latest.decidedAt, policy.appealWindowDays)
      : null;
  const now = deps.clock.now();
  const appealable =
    deadline !== null &&
    deadline.getTime() > now.getTime() &&
    !appeals.some((a) => a.decisionId === latest?.id);
  const timeline = [...audit, ...issued]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({
      at: e.occurredAt,
      kind: e.kind,
      actor: e.actorLabel,
      summary:
        e.kind === 'decision_recorded'
          ? `Assessor decided ${e.detail.outcome === 'competent' ? 'competent' : 'not yet competent'}`
          : e.kind === 'moderation_recorded'
            ? `Moderator ${String(e.detail.outcome)} the decision`
            : e.kind === 'appeal_decided'
              ? `Appeal ${String(e.detail.outcome)}`
              : e.kind === 'attestation_answered'
                ? `The supervisor ${String(e.detail.state)} the workplace evidence`
                : (TIMELINE_WORDS[e.kind] ?? e.kind),
    }));
  return {
    submission,
    version,
    evidence,
    missingCriteria: missingEvidence(
      version.content.criteria,
      evidence.map((e) => ({
        criterionId: e.criterionId,
        kind: e.kind,
        ...(e.attestation ? { attestationState: e.attestation.state } : {}),
      })),
    ).map((c) => c.id),
    decisions: decisions.map((d) => ({
      decision: d,
      moderation: moderations.find((m) => m.decisionId === d.id) ?? null,
      appeal: appeals.find((a) => a.decisionId === d.id) ?? null,
    })),
    appealDeadline: deadline,
    timeline,
    abilities: {
      edit: isLearner && submission.state === 'draft',
      submit: isLearner && allowed.has('submit'),
      withdraw: isLearner && allowed.has('withdraw'),
      resubmit: isLearner && allowed.has('resubmit'),
      appeal: isLearner && allowed.has('appeal') && appealable,
      decide: canAssess(actor, standing) && submission.state === 'submitted' && !isLearner,
    },
  };
}

export async function listMySubmissions(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') return [];
  return deps.store.assessment.listSubmissionsForLearner(actor.user.id);
}
