import { hasRole, isPlatformAdmin, type Actor } from '../domain/actor.js';
import type { PathwayStatus } from '../domain/pathways.js';

/** Authors (and admins) of the owning organisation design its pathways. */
export function canEditPathway(actor: Actor, ownerOrganisationId: string): boolean {
  return (
    isPlatformAdmin(actor) ||
    hasRole(actor, ownerOrganisationId, 'author') ||
    hasRole(actor, ownerOrganisationId, 'org_admin')
  );
}

/** Retiring takes a pathway away from learners: the owner's admins. */
export function canRetirePathway(actor: Actor, ownerOrganisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ownerOrganisationId, 'org_admin');
}

/** Drafts are their designers' business; published, superseded and retired versions are public. */
export function canViewPathwayVersion(
  actor: Actor,
  ownerOrganisationId: string,
  status: PathwayStatus,
): boolean {
  return status !== 'draft' || canEditPathway(actor, ownerOrganisationId);
}
