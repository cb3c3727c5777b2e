import { hasRole, hasScope, isMember, isPlatformAdmin, type Actor } from '../domain/actor.js';
import type { OrganisationKind } from '../domain/identity.js';

/** Any signed-in person may start an organisation; only platform admins make platform ones. */
export function canCreateOrganisation(actor: Actor, kind: OrganisationKind): boolean {
  if (actor.kind !== 'user') return false;
  return kind !== 'platform' || actor.user.isPlatformAdmin;
}

export function canReadOrganisation(actor: Actor, organisationId: string): boolean {
  return (
    isPlatformAdmin(actor) || isMember(actor, organisationId) || hasScope(actor, organisationId, 'organisation:read')
  );
}

export function canUpdateOrganisation(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, organisationId, 'org_admin');
}

export function canReadMembers(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || isMember(actor, organisationId) || hasScope(actor, organisationId, 'members:read');
}

/** Invite people, change roles, remove members. */
export function canManageMembers(actor: Actor, organisationId: string): boolean {
  return (
    isPlatformAdmin(actor) ||
    hasRole(actor, organisationId, 'org_admin') ||
    hasScope(actor, organisationId, 'members:write')
  );
}

/** Anyone may leave an organisation; admins may remove others. */
export function canRemoveMember(actor: Actor, organisationId: string, memberUserId: string): boolean {
  if (actor.kind === 'user' && actor.user.id === memberUserId && isMember(actor, organisationId)) return true;
  return canManageMembers(actor, organisationId);
}

/** Keys are made by people only: a key that could mint keys would outlive its revocation. */
export function canManageApiKeys(actor: Actor, organisationId: string): boolean {
  return actor.kind === 'user' && (actor.user.isPlatformAdmin || hasRole(actor, organisationId, 'org_admin'));
}

export function canReadAudit(actor: Actor, organisationId: string): boolean {
  return (
    isPlatformAdmin(actor) || hasRole(actor, organisationId, 'org_admin') || hasScope(actor, organisationId, 'audit:read')
  );
}

export interface OrganisationAbilities {
  update: boolean;
  manageMembers: boolean;
  manageApiKeys: boolean;
  readAudit: boolean;
}

export function organisationAbilities(actor: Actor, organisationId: string): OrganisationAbilities {
  return {
    update: canUpdateOrganisation(actor, organisationId),
    manageMembers: canManageMembers(actor, organisationId),
    manageApiKeys: canManageApiKeys(actor, organisationId),
    readAudit: canReadAudit(actor, organisationId),
  };
}

export function memberAbilities(actor: Actor, organisationId: string, memberUserId: string) {
  return {
    changeRoles: canManageMembers(actor, organisationId),
    remove: canRemoveMember(actor, organisationId, memberUserId),
  };
}
