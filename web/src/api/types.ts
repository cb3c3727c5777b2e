// Shapes of the Cairn HTTP API (v1), as the server presents them.

export const ROLES = [
  'learner',
  'author',
  'assessor',
  'moderator',
  'endorser',
  'mentor',
  'org_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  'employer',
  'education_provider',
  'professional_body',
  'platform',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  createdAt: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export interface Membership {
  organisation: OrganisationSummary;
  roles: Role[];
}

export interface Me {
  user: User;
  memberships: Membership[];
  abilities: {
    createOrganisation: boolean;
    readPlatformAudit: boolean;
    readOutbox: boolean;
  };
}

export interface Organisation extends OrganisationSummary {
  createdAt: string;
  abilities: {
    update: boolean;
    manageMembers: boolean;
    manageApiKeys: boolean;
    readAudit: boolean;
  };
}

export interface Member {
  user: { id: string; email: string; name: string };
  roles: Role[];
  joinedAt: string;
  abilities: { changeRoles: boolean; remove: boolean };
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  roles: Role[];
  status: InvitationStatus;
  invitedBy: PersonRef;
  createdAt: string;
  expiresAt: string;
}

export interface PublicInvitation {
  organisation: { id: string; name: string; kind: OrganisationKind };
  email: string;
  roles: Role[];
  status: InvitationStatus;
  expiresAt: string;
}

export interface AcceptedInvitation {
  organisation: OrganisationSummary;
  roles: Role[];
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: PersonRef;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export interface ApiKeyScope {
  scope: string;
  description: string;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  kind: string;
  actor: PersonRef | null;
  apiKey: PersonRef | null;
  subject: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
  /** Only on the platform-wide feed. */
  organisation?: { id: string; name: string } | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: string | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'held';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  status: OutboxStatus;
}

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
}

export interface ItemList<T> {
  items: T[];
}
