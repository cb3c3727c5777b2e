/**
 * The industry assessor's side: a queue of submissions they may assess, conflicts of interest, and
 * the decision (a rubric row per criterion, an overall outcome) — which may go to a moderator and
 * may issue the credential.
 */
import type { Actor } from '../domain/actor.js';
import type { DecisionOutcome, RubricRow, SubmissionRoute } from '../domain/assessment.js';
import {
  AssessorConflict,
  checkConflictReason,
  findAssessorConflict,
  type ConflictReason,
} from '../domain/assessment-conflicts.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { selectForModeration } from '../domain/moderation.js';
import {
  checkDecisionFeedback,
  checkRubric,
  nextSubmissionState,
  SubmissionStateConflict,
} from '../domain/submission-workflow.js';
import { canAssess } from '../policies/assessment.js';
import { ensure } from '../policies/ensure.js';
import type { SubmissionRecord } from '../domain/assessment.js';
import {
  loadSubmission,
  moderatorsOf,
  notify,
  policyFor,
  requirePerson,
  submissionPath,
} from './assessment-support.js';
import { recordAudit } from './audit-trail.js';
import { awardSubmission } from './award-submission.js';
import type { Deps, Store } from './ports.js';

/** The conflict, if any, between this assessor and this submission's learner. */
async function conflictFor(
  store: Store,
  assessorId: string,
  submission: SubmissionRecord,
  context?: { declared: ReadonlySet<string>; assessorOrgs: readonly string[] },
): Promise<ConflictReason | null> {
  const policy = await policyFor(store, submission.achievementId);
  const declared =
    context?.declared ??
    new Set((await store.assessment.declaredConflicts(assessorId)).map((c) => c.learner.id));
  const assessorOrgs = context?.assessorOrgs ?? (await store.assessment.organisationsOf(assessorId));
  const decisions = await store.assessment.listDecisions(submission.id);
  return findAssessorConflict({
    assessorId,
    learnerId: submission.learner.id,
    declaredLearnerIds: declared,
    forbidOwnStaff: policy.forbidOwnStaff,
    assessorOrganisationIds: assessorOrgs,
    learnerOrganisationIds: policy.forbidOwnStaff
      ? await store.assessment.organisationsOf(submission.learner.id)
      : [],
    decidedThisAttempt: decisions.some(
      (d) => d.attempt === submission.attempt && d.assessor.id === assessorId,
    ),
  });
}

/** Submissions waiting for the caller's decision, oldest first, each with any conflict marked. */
export async function listAssessmentQueue(
  deps: Deps,
  actor: Actor,
  query: { achievementId?: string; route?: SubmissionRoute; limit: number; offset: number },
) {
  const me = requirePerson(actor);
  const achievementIds = await deps.store.assessment.staffAchievements(me.id, 'assessor');
  const page = await deps.store.assessment.assessmentQueue({ achievementIds, ...query });
  const declared = new Set((await deps.store.assessment.declaredConflicts(me.id)).map((c) => c.learner.id));
  const assessorOrgs = await deps.store.assessment.organisationsOf(me.id);
  const items = [];
  for (const item of page.items) {
    const conflict = await conflictFor(deps.store, me.id, item.submission, { declared, assessorOrgs });
    items.push({ ...item, conflict });
  }
  return { items, total: page.total, assessorOf: achievementIds.length };
}

/**
 * Records an assessor's decision. Exactly one decision per attempt: of two assessors deciding at
 * once, one wins and the other gets a conflict. A competent decision issues the credential unless
 * the moderation policy holds it for a moderator first.
 * @throws NotFound, NotAllowed, AssessorConflict, InvalidFields, SubmissionStateConflict
 */
export async function decide(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  input: { outcome: DecisionOutcome; feedback: string; rubric: RubricRow[] },
): Promise<SubmissionRecord> {
  const me = requirePerson(actor);
  const feedback = checkDecisionFeedback(input.feedback);
  const now = deps.clock.now();
  const decided = await deps.store.transaction(async (store) => {
    const { submission, version, standing } = await loadSubmission(store, actor, submissionId, {
      lock: true,
    });
    ensure(canAssess(actor, standing), actor, 'assess submissions for this micro-credential');
    const conflict = await conflictFor(store, me.id, submission);
    if (conflict) throw new AssessorConflict(conflict);
    // Checked before the rubric: "someone else decided" explains more than a rubric complaint.
    nextSubmissionState(
      submission.state,
      input.outcome === 'competent' ? 'decide_competent' : 'decide_not_yet_competent',
      {},
    );
    const rubric = checkRubric(version.content.criteria, input.rubric, input.outcome);
    const policy = await policyFor(store, submission.achievementId);
    const decisionId = deps.secrets.uuid();
    const selection = selectForModeration(policy, {
      id: decisionId,
      route: submission.route,
      assessorPriorDecisions: await store.assessment.countAssessorDecisions(me.id, submission.achievementId),
    });
    const hold = selection !== null && policy.timing === 'before_issue' && input.outcome === 'competent';
    const to = nextSubmissionState(
      submission.state,
      input.outcome === 'competent' ? 'decide_competent' : 'decide_not_yet_competent',
      { holdForModeration: hold },
    );
    const inserted = await store.assessment.insertDecision({
      id: decisionId,
      submissionId,
      attempt: submission.attempt,
      assessorId: me.id,
      outcome: input.outcome,
      feedback,
      rubric,
      decidedAt: now,
    });
    if (
      !inserted ||
      !(await store.assessment.moveSubmission(submissionId, submission.state, to, {
        at: now,
        decidedAt: now,
      }))
    ) {
      throw new SubmissionStateConflict('competent', 'decide_competent');
    }
    if (selection) {
      await store.assessment.insertModeration({
        id: deps.secrets.uuid(),
        decisionId,
        submissionId,
        achievementId: submission.achievementId,
        selection,
        at: now,
      });
    }
    await recordAudit(deps, store, {
      kind: 'decision_recorded',
      actor,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submissionId,
      detail: {
        decisionId,
        attempt: submission.attempt,
        outcome: input.outcome,
        moderation: selection,
        state: to,
        rubric: rubric.map((r) => `${r.criterionId}:${r.met ? 'met' : 'not_met'}`),
      },
    });
    const title = version.content.title;
    await notify(deps, store, submission.learner, {
      kind: 'decision',
      title: input.outcome === 'competent' ? `Competent: ${title}` : `Not yet competent: ${title}`,
      body:
        input.outcome === 'competent'
          ? hold
            ? 'Your assessor judged you competent. A moderator checks the decision before your badge is issued.'
            : 'Your assessor judged you competent. Your badge is being issued.'
          : `Your assessor's feedback: ${feedback}\n\nYou can add evidence and resubmit, or appeal the decision.`,
      link: submissionPath(submissionId),
    });
    if (selection) {
      for (const moderator of await moderatorsOf(store, submission.achievementId)) {
        await notify(deps, store, moderator, {
          kind: 'moderation_requested',
          title: `Decision to moderate: ${title}`,
          body: `${me.name} decided ${input.outcome === 'competent' ? 'competent' : 'not yet competent'} for ${submission.learner.name}.`,
          link: '/moderation',
        });
      }
    }
    return { to };
  });
  const after = await deps.store.assessment.findSubmission(submissionId);
  if (!after) throw new NotFound('submission', submissionId);
  if (decided.to === 'competent') await awardSubmission(deps, after);
  return (await deps.store.assessment.findSubmission(submissionId)) ?? after;
}

/** An assessor says they know a learner; from now on they never assess them. */
export async function declareConflict(
  deps: Deps,
  actor: Actor,
  input: { learnerEmail: string; reason: string },
): Promise<void> {
  const me = requirePerson(actor);
  const reason = checkConflictReason(input.reason);
  const learner = await deps.store.users.findByEmail(input.learnerEmail.trim().toLowerCase());
  if (!learner)
    throw new InvalidInput('learnerEmail', `No one has a Cairn account with ${input.learnerEmail}.`);
  if (learner.id === me.id) throw new InvalidInput('learnerEmail', 'You never assess yourself anyway.');
  await deps.store.transaction(async (store) => {
    await store.assessment.declareConflict(me.id, learner.id, reason, deps.clock.now());
    await recordAudit(deps, store, {
      kind: 'conflict_declared',
      actor,
      organisationId: null,
      subjectType: 'user',
      subjectId: me.id,
      detail: { learnerId: learner.id, reason },
    });
  });
}

export async function listMyConflicts(deps: Deps, actor: Actor) {
  const me = requirePerson(actor);
  return deps.store.assessment.declaredConflicts(me.id);
}
