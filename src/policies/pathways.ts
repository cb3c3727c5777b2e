import { hasRole, isPlatformAdmin, type Actor } from '../domain/actor.js';
import type { PathwayStatus } from '../domain/pathways.js';
import { teamOrganisationsWithRole, workflowAbilities, type DesignTeam } from './design-team.js';

/**
 * Pathways are co-designed like micro-credentials: the owner's authors and admins, and the authors
 * of every collaborating organisation, edit drafts and move them through review.
 */
export function canEditPathway(actor: Actor, team: DesignTeam): boolean {
  return (
    isPlatformAdmin(actor) ||
    hasRole(actor, team.ownerId, 'org_admin') ||
    teamOrganisationsWithRole(actor, team, 'author').length > 0
  );
}

/** Starting a pathway makes the organisation its owner: its authors and admins. */
export function canCreatePathway(actor: Actor, organisationId: string): boolean {
  return canEditPathway(actor, { ownerId: organisationId, collaboratorIds: [] });
}

/** Reviewers: the design team's editors and moderators. */
export function canReviewPathway(actor: Actor, team: DesignTeam): boolean {
  return canEditPathway(actor, team) || teamOrganisationsWithRole(actor, team, 'moderator').length > 0;
}

/** Retiring takes a pathway away from learners: the owner's admins. */
export function canRetirePathway(actor: Actor, team: DesignTeam): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, team.ownerId, 'org_admin');
}

/** Drafts and versions in review are the team's business; the others are public record. */
export function canViewPathwayVersion(actor: Actor, team: DesignTeam, status: PathwayStatus): boolean {
  if (status === 'published' || status === 'superseded' || status === 'retired') return true;
  return canReviewPathway(actor, team);
}

/** The buttons a pathway version shows; `openVersion` is whether a draft or review is under way. */
export function pathwayAbilities(
  actor: Actor,
  team: DesignTeam,
  status: PathwayStatus,
  openVersion: boolean,
) {
  const edit = canEditPathway(actor, team);
  return {
    ...workflowAbilities(actor, team, status, { edit, move: edit, review: canReviewPathway(actor, team) }),
    newVersion: edit && status === 'published' && !openVersion,
    retire: status === 'published' && canRetirePathway(actor, team),
  };
}
