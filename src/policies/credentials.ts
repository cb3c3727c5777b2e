import { hasRole, hasScope, isPlatformAdmin, type Actor } from '../domain/actor.js';

/** Keys speak for the whole organisation: its admins (or a platform admin) manage them. */
export function canManageIssuerKeys(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, organisationId, 'org_admin');
}

/** Issuing in an organisation's name: its admins and assessors, or its API keys with the scope. */
export function canIssueCredentials(actor: Actor, organisationId: string): boolean {
  return (
    isPlatformAdmin(actor) ||
    hasRole(actor, organisationId, 'org_admin') ||
    hasRole(actor, organisationId, 'assessor') ||
    hasScope(actor, organisationId, 'credentials:issue')
  );
}

/** Revoking, suspending and reinstating: the issuer's admins and moderators (educator oversight). */
export function canChangeCredentialStatus(actor: Actor, organisationId: string): boolean {
  return (
    isPlatformAdmin(actor) ||
    hasRole(actor, organisationId, 'org_admin') ||
    hasRole(actor, organisationId, 'moderator') ||
    hasScope(actor, organisationId, 'credentials:revoke')
  );
}

/** Listing what an organisation issued: its members with a stake in it, and its keys. */
export function canListIssuedCredentials(actor: Actor, organisationId: string): boolean {
  return (
    canIssueCredentials(actor, organisationId) ||
    canChangeCredentialStatus(actor, organisationId) ||
    hasScope(actor, organisationId, 'credentials:read')
  );
}

/**
 * A credential's full record (recipient email, history): its holder and its issuer's staff. Its
 * public page shows less, and only while the holder keeps it public.
 */
export function canSeeCredentialRecord(
  actor: Actor,
  credential: { organisationId: string; recipientEmail: string; recipientUserId: string | null },
): boolean {
  if (actor.kind === 'user') {
    if (actor.user.id === credential.recipientUserId || actor.user.email === credential.recipientEmail)
      return true;
  }
  return canListIssuedCredentials(actor, credential.organisationId);
}

export function isCredentialHolder(
  actor: Actor,
  credential: { recipientEmail: string; recipientUserId: string | null },
): boolean {
  return (
    actor.kind === 'user' &&
    (actor.user.id === credential.recipientUserId || actor.user.email === credential.recipientEmail)
  );
}
