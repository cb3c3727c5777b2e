/**
 * Educator oversight: moderators confirm or overturn sampled decisions (an overturned "competent"
 * after issue revokes the credential), decide appeals, and watch each assessor's agreement rate.
 */
import type { Actor } from '../domain/actor.js';
import type { ModerationOutcome } from '../domain/assessment.js';
import { NotAllowed, NotFound } from '../domain/errors.js';
import { agreementRates, checkModerationReason } from '../domain/moderation.js';
import { nextSubmissionState, SubmissionStateConflict } from '../domain/submission-workflow.js';
import { canManageAssessment, canModerate } from '../policies/assessment.js';
import { ensure } from '../policies/ensure.js';
import type { SubmissionRecord } from '../domain/assessment.js';
import { loadSubmission, notify, requirePerson, standingOf, submissionPath } from './assessment-support.js';
import { recordAudit } from './audit-trail.js';
import { awardSubmission, revokeAward } from './award-submission.js';
import type { Deps, Store } from './ports.js';

/**
 * The micro-credentials the caller moderates: those they are approved for, and those owned by an
 * organisation where they hold the moderator role.
 */
async function moderatedAchievements(store: Store, actor: Actor): Promise<string[]> {
  const me = requirePerson(actor);
  const approved = await store.assessment.staffAchievements(me.id, 'moderator');
  const owned: string[] = [];
  if (actor.kind === 'user') {
    const orgs = [...actor.rolesByOrganisation.entries()]
      .filter(([, roles]) => roles.includes('moderator'))
      .map(([org]) => org);
    if (orgs.length > 0) {
      const mine = await store.achievements.listForOrganisations(orgs);
      owned.push(...mine.filter((m) => orgs.includes(m.achievement.owner.id)).map((m) => m.achievement.id));
    }
  }
  return [...new Set([...approved, ...owned])];
}

export async function listModerationQueue(deps: Deps, actor: Actor, page: { limit: number; offset: number }) {
  const achievementIds = await moderatedAchievements(deps.store, actor);
  return deps.store.assessment.moderationQueue({ achievementIds, ...page });
}

export async function listAppeals(deps: Deps, actor: Actor) {
  const achievementIds = await moderatedAchievements(deps.store, actor);
  return deps.store.assessment.appealQueue({ achievementIds, limit: 200 });
}

async function ensureModerator(store: Store, actor: Actor, submission: SubmissionRecord, what: string) {
  const standing = await standingOf(store, actor, submission.achievementId);
  ensure(canModerate(actor, submission.organisationId, standing), actor, what);
}

/**
 * Confirms or overturns a decision selected for moderation. Confirming a held "competent" issues
 * the credential; overturning an issued one revokes it with the moderator's reason; overturning a
 * "not yet competent" makes the learner competent and issues it.
 * @throws NotFound, NotAllowed, InvalidInput, SubmissionStateConflict
 */
export async function moderate(
  deps: Deps,
  actor: Actor,
  moderationId: string,
  input: { outcome: ModerationOutcome; reason: string },
): Promise<SubmissionRecord> {
  const me = requirePerson(actor);
  const reason = checkModerationReason(input.outcome, input.reason);
  const now = deps.clock.now();
  const found = await deps.store.assessment.findModeration(moderationId);
  if (!found) throw new NotFound('moderation', moderationId);
  const result = await deps.store.transaction(async (store) => {
    const { submission, version } = await loadSubmission(store, actor, found.submissionId, { lock: true });
    await ensureModerator(store, actor, submission, 'moderate decisions on this micro-credential');
    const decision = (await store.assessment.listDecisions(submission.id)).find(
      (d) => d.id === found.decisionId,
    );
    if (!decision) throw new NotFound('decision', found.decisionId);
    if (decision.assessor.id === me.id) throw new NotAllowed('moderate your own decision');
    if (decision.attempt !== submission.attempt) {
      throw new SubmissionStateConflict(
        submission.state,
        input.outcome === 'confirmed' ? 'moderation_confirm' : 'moderation_overturn',
      );
    }
    const to = nextSubmissionState(
      submission.state,
      input.outcome === 'confirmed' ? 'moderation_confirm' : 'moderation_overturn',
    );
    if (
      !(await store.assessment.recordModeration(moderationId, {
        outcome: input.outcome,
        moderatorId: me.id,
        reason: reason || null,
        at: now,
      }))
    ) {
      throw new SubmissionStateConflict(submission.state, 'moderation_confirm');
    }
    if (to !== submission.state) {
      await store.assessment.moveSubmission(submission.id, submission.state, to, { at: now });
    }
    await recordAudit(deps, store, {
      kind: 'moderation_recorded',
      actor,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submission.id,
      detail: {
        moderationId,
        decisionId: decision.id,
        outcome: input.outcome,
        from: submission.state,
        to,
        reason,
      },
    });
    const title = version.content.title;
    await notify(deps, store, submission.learner, {
      kind: 'moderation_outcome',
      title: `Moderation ${input.outcome === 'confirmed' ? 'confirmed' : 'changed'} your result: ${title}`,
      body:
        input.outcome === 'confirmed'
          ? 'A moderator confirmed your assessor’s decision.'
          : `A moderator overturned your assessor’s decision: ${reason}`,
      link: submissionPath(submission.id),
    });
    const assessor = await store.users.findById(decision.assessor.id);
    if (assessor) {
      await notify(
        deps,
        store,
        { id: assessor.id, name: assessor.name, email: assessor.email },
        {
          kind: 'moderation_outcome',
          title: `Your decision was ${input.outcome}: ${title}`,
          body: reason ? `The moderator’s note: ${reason}` : 'The moderator agreed with your decision.',
          link: `/assess/${submission.id}`,
        },
      );
    }
    return { from: submission.state, to };
  });
  const after = await deps.store.assessment.findSubmission(found.submissionId);
  if (!after) throw new NotFound('submission', found.submissionId);
  if (result.to === 'competent') await awardSubmission(deps, after);
  if (result.from === 'competent' && result.to === 'not_yet_competent') {
    await revokeAward(deps, actor, after, `Assessment overturned on moderation: ${reason}`);
  }
  return (await deps.store.assessment.findSubmission(found.submissionId)) ?? after;
}

/**
 * Decides an appeal against a "not yet competent": upheld makes the learner competent and issues
 * the credential; dismissed keeps the decision. The assessor who decided may not decide the appeal.
 * @throws NotFound, NotAllowed, InvalidInput, SubmissionStateConflict
 */
export async function decideAppeal(
  deps: Deps,
  actor: Actor,
  appealId: string,
  input: { outcome: 'upheld' | 'dismissed'; reason: string },
): Promise<SubmissionRecord> {
  const me = requirePerson(actor);
  const reason = checkModerationReason('overturned', input.reason);
  const now = deps.clock.now();
  const appeal = await deps.store.assessment.findAppeal(appealId);
  if (!appeal) throw new NotFound('appeal', appealId);
  const to = await deps.store.transaction(async (store) => {
    const { submission, version } = await loadSubmission(store, actor, appeal.submissionId, { lock: true });
    await ensureModerator(store, actor, submission, 'decide appeals on this micro-credential');
    const decision = (await store.assessment.listDecisions(submission.id)).find(
      (d) => d.id === appeal.decisionId,
    );
    if (decision?.assessor.id === me.id) throw new NotAllowed('decide an appeal against your own decision');
    const next = nextSubmissionState(
      submission.state,
      input.outcome === 'upheld' ? 'appeal_upheld' : 'appeal_dismissed',
    );
    if (
      !(await store.assessment.decideAppeal(appealId, { state: input.outcome, by: me.id, reason, at: now }))
    ) {
      throw new SubmissionStateConflict(submission.state, 'appeal_upheld');
    }
    await store.assessment.moveSubmission(submission.id, submission.state, next, { at: now });
    await recordAudit(deps, store, {
      kind: 'appeal_decided',
      actor,
      organisationId: submission.organisationId,
      subjectType: 'submission',
      subjectId: submission.id,
      detail: { appealId, outcome: input.outcome, reason },
    });
    await notify(deps, store, submission.learner, {
      kind: 'appeal_outcome',
      title: `Your appeal was ${input.outcome}: ${version.content.title}`,
      body:
        input.outcome === 'upheld'
          ? `Your badge is being issued. ${reason}`
          : `The decision stands: ${reason}`,
      link: submissionPath(submission.id),
    });
    return next;
  });
  const after = await deps.store.assessment.findSubmission(appeal.submissionId);
  if (!after) throw new NotFound('submission', appeal.submissionId);
  if (to === 'competent') await awardSubmission(deps, after);
  return (await deps.store.assessment.findSubmission(appeal.submissionId)) ?? after;
}

/**
 * How often moderators confirm each assessor, month by month, across the micro-credentials the
 * caller moderates or manages (or one of them).
 */
export async function assessorAgreement(deps: Deps, actor: Actor, achievementId?: string) {
  let ids = await moderatedAchievements(deps.store, actor);
  if (achievementId !== undefined) {
    const achievement = await deps.store.achievements.findAchievement(achievementId);
    if (!achievement) throw new NotFound('micro-credential', achievementId);
    const standing = await standingOf(deps.store, actor, achievementId);
    ensure(
      canModerate(actor, achievement.owner.id, standing) || canManageAssessment(actor, achievement.owner.id),
      actor,
      'see assessor agreement for this micro-credential',
    );
    ids = [achievementId];
  }
  return agreementRates(await deps.store.assessment.moderatedDecisions(ids));
}
