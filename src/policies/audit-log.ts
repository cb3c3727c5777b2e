import { hasRole, isPlatformAdmin, type Actor } from '../domain/actor.js';

/**
 * The assessment audit log (enrolments, submissions, decisions, credentials): platform admins read
 * all of it; org admins and moderators read their organisation's entries. Entries without an
 * organisation are platform-wide, so only platform admins see them.
 */
export function canReadAuditLog(actor: Actor, organisationId: string | null): boolean {
  if (isPlatformAdmin(actor)) return true;
  if (organisationId === null) return false;
  return hasRole(actor, organisationId, 'org_admin') || hasRole(actor, organisationId, 'moderator');
}

/** Checking the whole hash chain reads every entry, so it is for platform admins only. */
export function canVerifyAuditLog(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

/** The organisations whose entries this person may read; `null` means every entry. */
export function readableAuditOrganisations(actor: Actor): string[] | null {
  if (isPlatformAdmin(actor)) return null;
  if (actor.kind !== 'user') return [];
  return [...actor.rolesByOrganisation.keys()].filter((id) => canReadAuditLog(actor, id));
}
