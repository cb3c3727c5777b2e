/**
 * Who may take part in earning a badge. Assessors and moderators are approved per micro-credential
 * by its owning organisation (they may belong to any organisation); the callers pass what the
 * approvals say, so these stay pure.
 */
import { hasRole, hasScope, isPlatformAdmin, type Actor } from '../domain/actor.js';

export interface StaffStanding {
  assessor: boolean;
  moderator: boolean;
}

export function isUser(actor: Actor, userId: string): boolean {
  return actor.kind === 'user' && actor.user.id === userId;
}

/**
 * Enrolling: learners enrol themselves; an employer's admins enrol their own members; a learning
 * system enrols through the owning organisation's key.
 */
export function canEnrol(
  actor: Actor,
  target: { learnerId: string; learnerOrganisationIds: readonly string[]; ownerOrganisationId: string },
): boolean {
  if (isUser(actor, target.learnerId)) return true;
  if (hasScope(actor, target.ownerOrganisationId, 'enrolments:write')) return true;
  return target.learnerOrganisationIds.some((org) => hasRole(actor, org, 'org_admin'));
}

/** Setting the assessment policy and approving assessors and moderators: the owner's admins. */
export function canManageAssessment(actor: Actor, ownerOrganisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ownerOrganisationId, 'org_admin');
}

/** Moderating: approved moderators, and the owning organisation's own moderators. */
export function canModerate(actor: Actor, ownerOrganisationId: string, standing: StaffStanding): boolean {
  return standing.moderator || hasRole(actor, ownerOrganisationId, 'moderator');
}

export function canAssess(actor: Actor, standing: StaffStanding): boolean {
  return actor.kind === 'user' && standing.assessor;
}

/** A submission holds personal evidence: its learner, its assessors and moderators, the owner's admins. */
export function canSeeSubmission(
  actor: Actor,
  submission: { learnerId: string; ownerOrganisationId: string },
  standing: StaffStanding,
): boolean {
  return (
    isUser(actor, submission.learnerId) ||
    canAssess(actor, standing) ||
    canModerate(actor, submission.ownerOrganisationId, standing) ||
    canManageAssessment(actor, submission.ownerOrganisationId)
  );
}
