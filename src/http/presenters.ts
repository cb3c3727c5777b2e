/** Domain objects -> wire shapes, with what the caller may do with each (abilities). */
import type { Actor } from '../domain/actor.js';
import type { ApiKey } from '../domain/api-keys.js';
import type { SecurityEvent } from '../domain/audit.js';
import type { OutboxEmail } from '../domain/email.js';
import type { Organisation, User } from '../domain/identity.js';
import { invitationStatus, type Invitation } from '../domain/invitations.js';
import type { MemberView } from '../app/ports.js';
import { memberAbilities, organisationAbilities } from '../policies/organisations.js';

export function presentUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentOrganisationRef(org: Organisation) {
  return { id: org.id, slug: org.slug, name: org.name, kind: org.kind };
}

export function presentOrganisation(actor: Actor, org: Organisation) {
  return {
    ...presentOrganisationRef(org),
    createdAt: org.createdAt.toISOString(),
    abilities: organisationAbilities(actor, org.id),
  };
}

export function presentMember(actor: Actor, organisationId: string, member: MemberView) {
  return {
    user: member.user,
    roles: member.roles,
    joinedAt: member.joinedAt.toISOString(),
    abilities: memberAbilities(actor, organisationId, member.user.id),
  };
}

export function presentInvitation(invitation: Invitation, now: Date) {
  return {
    id: invitation.id,
    email: invitation.email,
    roles: invitation.roles,
    status: invitationStatus(invitation, now),
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export function presentApiKey(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function presentSecurityEvent(event: SecurityEvent) {
  return { ...event, occurredAt: event.occurredAt.toISOString() };
}

export function presentOutboxEmail(email: OutboxEmail) {
  return {
    id: email.id,
    to: email.to,
    subject: email.subject,
    text: email.text,
    kind: email.kind,
    status: email.status,
    attempts: email.attempts,
    lastError: email.lastError,
    createdAt: email.createdAt.toISOString(),
    sentAt: email.sentAt?.toISOString() ?? null,
  };
}

/** A value as JSON carries it: every Date an ISO 8601 string. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Turns every Date inside a value into its ISO string, for responses built from records. */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.toISOString() as Wire<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => toWire(v)) as Wire<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)])) as Wire<T>;
  }
  return value as Wire<T>;
}
