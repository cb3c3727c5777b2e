/**
 * What the owning organisation decides about assessing one micro-credential: its moderation
 * policy, and who assesses and moderates it.
 */
import type { Actor } from '../domain/actor.js';
import type { AssessmentPolicy } from '../domain/assessment.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { checkAssessmentPolicy } from '../domain/moderation.js';
import { canManageAssessment, canModerate } from '../policies/assessment.js';
import { ensure } from '../policies/ensure.js';
import type { StaffRole } from '../domain/assessment.js';
import { policyFor, requirePerson, standingOf } from './assessment-support.js';
import { recordAudit } from './audit-trail.js';
import type { Deps } from './ports.js';

async function ownedAchievement(deps: Deps, achievementId: string) {
  const achievement = await deps.store.achievements.findAchievement(achievementId);
  if (!achievement) throw new NotFound('micro-credential', achievementId);
  return achievement;
}

/** The policy in force (the defaults until the owner saves one), for its owner and its staff. */
export async function getAssessmentPolicy(deps: Deps, actor: Actor, achievementId: string) {
  const achievement = await ownedAchievement(deps, achievementId);
  const standing = await standingOf(deps.store, actor, achievementId);
  ensure(
    canManageAssessment(actor, achievement.owner.id) ||
      standing.assessor ||
      canModerate(actor, achievement.owner.id, standing),
    actor,
    'see how this micro-credential is assessed',
  );
  return {
    policy: await policyFor(deps.store, achievementId),
    canManage: canManageAssessment(actor, achievement.owner.id),
  };
}

/** `actor` undefined: the operator (demo data, command line). @throws NotFound, NotAllowed, InvalidFields */
export async function setAssessmentPolicy(
  deps: Deps,
  actor: Actor | undefined,
  achievementId: string,
  input: AssessmentPolicy,
): Promise<AssessmentPolicy> {
  const achievement = await ownedAchievement(deps, achievementId);
  if (actor)
    ensure(
      canManageAssessment(actor, achievement.owner.id),
      actor,
      'change how this micro-credential is assessed',
    );
  const policy = checkAssessmentPolicy(input);
  await deps.store.transaction(async (store) => {
    await store.assessment.savePolicy(
      achievementId,
      policy,
      actor?.kind === 'user' ? actor.user.id : null,
      deps.clock.now(),
    );
    await recordAudit(deps, store, {
      kind: 'assessment_policy_changed',
      actor: actor ?? null,
      organisationId: achievement.owner.id,
      subjectType: 'achievement',
      subjectId: achievementId,
      detail: { ...policy },
    });
  });
  return policy;
}

export async function listAssessmentStaff(deps: Deps, actor: Actor, achievementId: string) {
  await getAssessmentPolicy(deps, actor, achievementId);
  return deps.store.assessment.staff(achievementId);
}

/** Approves a person (of any organisation) to assess or moderate. @throws NotFound, NotAllowed, InvalidInput */
export async function approveAssessmentStaff(
  deps: Deps,
  actor: Actor | undefined,
  achievementId: string,
  input: { email: string; role: StaffRole },
): Promise<void> {
  const achievement = await ownedAchievement(deps, achievementId);
  if (actor)
    ensure(
      canManageAssessment(actor, achievement.owner.id),
      actor,
      'approve assessors for this micro-credential',
    );
  const person = await deps.store.users.findByEmail(input.email.trim().toLowerCase());
  if (!person) throw new InvalidInput('email', `No one has a Cairn account with ${input.email}.`);
  await deps.store.transaction(async (store) => {
    await store.assessment.addStaff(
      achievementId,
      person.id,
      input.role,
      actor?.kind === 'user' ? actor.user.id : null,
      deps.clock.now(),
    );
    await recordAudit(deps, store, {
      kind: 'assessor_approved',
      actor: actor ?? null,
      organisationId: achievement.owner.id,
      subjectType: 'achievement',
      subjectId: achievementId,
      detail: { userId: person.id, role: input.role },
    });
  });
}

export async function removeAssessmentStaff(
  deps: Deps,
  actor: Actor,
  achievementId: string,
  userId: string,
  role: StaffRole,
): Promise<void> {
  const achievement = await ownedAchievement(deps, achievementId);
  ensure(
    canManageAssessment(actor, achievement.owner.id),
    actor,
    'remove assessors from this micro-credential',
  );
  await deps.store.transaction(async (store) => {
    if (!(await store.assessment.removeStaff(achievementId, userId, role))) {
      throw new NotFound(`${role} of this micro-credential`, userId);
    }
    await recordAudit(deps, store, {
      kind: 'assessor_removed',
      actor,
      organisationId: achievement.owner.id,
      subjectType: 'achievement',
      subjectId: achievementId,
      detail: { userId, role },
    });
  });
}

/** Which micro-credentials the caller assesses, moderates or manages: for navigation. */
export async function myAssessmentRoles(deps: Deps, actor: Actor) {
  const me = requirePerson(actor);
  const [assessorOf, moderatorOf] = await Promise.all([
    deps.store.assessment.staffAchievements(me.id, 'assessor'),
    deps.store.assessment.staffAchievements(me.id, 'moderator'),
  ]);
  const moderatesByRole =
    actor.kind === 'user' &&
    [...actor.rolesByOrganisation.values()].some((roles) => roles.includes('moderator'));
  return { assessorOf, moderatorOf, moderatesByRole };
}

export async function listMyNotifications(deps: Deps, actor: Actor) {
  const me = requirePerson(actor);
  return deps.store.notifications.list(me.id, 50);
}

export async function markNotificationsRead(deps: Deps, actor: Actor, ids?: string[]) {
  const me = requirePerson(actor);
  return deps.store.notifications.markRead(me.id, ids ?? 'all', deps.clock.now());
}
