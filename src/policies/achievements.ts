import { hasRole, isPlatformAdmin, type Actor } from '../domain/actor.js';
import type { VersionStatus } from '../domain/achievements.js';
import { teamOrganisationsWithRole, workflowAbilities, type DesignTeam } from './design-team.js';

export function canCreateAchievement(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, organisationId, 'author');
}

/** Authors of the owner or of any co-designing organisation edit drafts together. */
export function canEditAchievement(actor: Actor, team: DesignTeam): boolean {
  return isPlatformAdmin(actor) || teamOrganisationsWithRole(actor, team, 'author').length > 0;
}

/** Submitting, returning to draft, publishing and starting new versions: the authors again. */
export function canMoveAchievement(actor: Actor, team: DesignTeam): boolean {
  return canEditAchievement(actor, team);
}

/** Retiring takes a micro-credential out of the catalogue: its owner's authors or admins only. */
export function canRetireAchievement(actor: Actor, team: DesignTeam): boolean {
  return (
    isPlatformAdmin(actor) ||
    hasRole(actor, team.ownerId, 'author') ||
    hasRole(actor, team.ownerId, 'org_admin')
  );
}

/** Reviewers: the team's authors and moderators, and endorsers looking before they endorse. */
export function canReviewAchievement(actor: Actor, team: DesignTeam): boolean {
  return (
    canEditAchievement(actor, team) ||
    teamOrganisationsWithRole(actor, team, 'moderator').length > 0 ||
    (actor.kind === 'user' &&
      [...actor.rolesByOrganisation.values()].some((roles) => roles.includes('endorser')))
  );
}

/** Drafts are the team's business; published, superseded and retired versions are public record. */
export function canViewVersion(actor: Actor, team: DesignTeam, status: VersionStatus): boolean {
  if (status === 'published' || status === 'superseded' || status === 'retired') return true;
  return canReviewAchievement(actor, team);
}

/** Endorsing speaks for a professional body: an endorser of that body. */
export function canEndorseFor(actor: Actor, organisationId: string): boolean {
  return hasRole(actor, organisationId, 'endorser');
}

export function achievementAbilities(actor: Actor, team: DesignTeam, status: VersionStatus) {
  return {
    ...workflowAbilities(actor, team, status, {
      edit: canEditAchievement(actor, team),
      move: canMoveAchievement(actor, team),
      review: canReviewAchievement(actor, team),
    }),
    startNewVersion: status === 'published' && canMoveAchievement(actor, team),
    retire: status === 'published' && canRetireAchievement(actor, team),
    endorse:
      status === 'published' &&
      actor.kind === 'user' &&
      [...actor.rolesByOrganisation.values()].some((r) => r.includes('endorser')),
  };
}

/** Frameworks belong to an organisation (or, with no owner, to the platform). */
export function canEditFramework(actor: Actor, ownerId: string | null): boolean {
  if (isPlatformAdmin(actor)) return true;
  if (ownerId === null) return false;
  return hasRole(actor, ownerId, 'author') || hasRole(actor, ownerId, 'org_admin');
}

export function canImportFramework(actor: Actor, organisationId: string): boolean {
  return canEditFramework(actor, organisationId);
}
