/**
 * What the use cases need from the outside world. src/store implements Store against PostgreSQL
 * (or PGlite); tests may pass the same real store on a throwaway database.
 */
import type { ApiKey, ApiKeyScope } from '../domain/api-keys.js';
import type { EventDetail, SecurityEvent, SecurityEventKind } from '../domain/audit.js';
import type { Invitation } from '../domain/invitations.js';
import type { Organisation, OrganisationKind, Role, User } from '../domain/identity.js';
import type { OutboxEmail, OutboxStatus } from '../domain/email.js';
import type { AchievementRepository, CatalogueRepository, FrameworkRepository } from './catalogue-ports.js';
import type { AssessmentRepository, AuditLogRepository, NotificationRepository } from './assessment-ports.js';
import type { PathwayRepository } from './pathway-ports.js';
import type {
  CredentialRepository,
  IssuerKeyRepository,
  RemoteDocuments,
  Vault,
} from './credential-ports.js';

export interface Clock {
  now(): Date;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** With no hash (no such user) it still does the work, so timing does not reveal who has an account. */
  verify(hash: string | undefined, password: string): Promise<boolean>;
}

export interface Secrets {
  /** A URL-safe random token with at least 256 bits of entropy. */
  randomToken(): string;
  /** A short random lower-case identifier, for key prefixes. */
  randomId(length: number): string;
  /** A one-way digest for tokens we must recognise but never reveal. */
  digest(token: string): string;
  /** Hex SHA-256 of stored bytes (uploads), for integrity checks. */
  sha256Hex(bytes: Uint8Array): string;
  /** A random version-4 UUID. */
  uuid(): string;
  /** A uniformly random whole number in [0, max), from a CSPRNG: for unguessable status list indexes. */
  randomInt(max: number): number;
}

export interface UserRepository {
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined>;
  /** @returns undefined when the email is taken. */
  insert(user: {
    email: string;
    name: string;
    passwordHash: string;
    isPlatformAdmin: boolean;
  }): Promise<User | undefined>;
  updatePassword(id: string, passwordHash: string, at: Date): Promise<void>;
  setPlatformAdmin(id: string, isPlatformAdmin: boolean): Promise<void>;
  /** The person's own DID, if they gave one: credentials issued to them name it as the subject. */
  findDid(id: string): Promise<string | null>;
  setDid(id: string, did: string | null): Promise<void>;
}

export interface StoredSession {
  userId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionRepository {
  insert(session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<void>;
  find(tokenHash: string): Promise<StoredSession | undefined>;
  touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  deleteForUser(userId: string, exceptTokenHash?: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface SignInAttemptRepository {
  record(attempt: { email: string; ip: string | null; succeeded: boolean; at: Date }): Promise<void>;
  /** Failures for the email since `since` and after its last success. */
  failuresForEmail(email: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
  failuresForIp(ip: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
  deleteOlderThan(at: Date): Promise<number>;
}

export interface PasswordResetRepository {
  insert(reset: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** Marks the token used and returns its user, if it exists, is unused and has not expired. */
  consume(tokenHash: string, now: Date): Promise<string | undefined>;
  countSince(userId: string, since: Date): Promise<number>;
}

export interface MemberView {
  user: { id: string; email: string; name: string };
  roles: Role[];
  joinedAt: Date;
}

export interface OrganisationRepository {
  /** @returns undefined when the slug is taken. */
  insert(org: { slug: string; name: string; kind: OrganisationKind }): Promise<Organisation | undefined>;
  freeSlug(base: string): Promise<string>;
  findById(id: string): Promise<Organisation | undefined>;
  findBySlug(slug: string): Promise<Organisation | undefined>;
  listAll(): Promise<Organisation[]>;
  listForUser(userId: string): Promise<Organisation[]>;
  rename(id: string, name: string): Promise<void>;
  requiredSignOffKinds(id: string): Promise<OrganisationKind[]>;
  setRequiredSignOffKinds(id: string, kinds: OrganisationKind[]): Promise<void>;
}

export interface MembershipRepository {
  rolesOf(userId: string): Promise<Map<string, Role[]>>;
  find(organisationId: string, userId: string): Promise<MemberView | undefined>;
  findByEmail(organisationId: string, email: string): Promise<MemberView | undefined>;
  listForOrganisation(organisationId: string): Promise<MemberView[]>;
  /** Adds the person, or merges the roles into the ones they already hold. */
  grant(organisationId: string, userId: string, roles: Role[]): Promise<void>;
  setRoles(organisationId: string, userId: string, roles: Role[]): Promise<void>;
  remove(organisationId: string, userId: string): Promise<void>;
  /** Locks the organisation's admin memberships for the rest of the transaction and counts them. */
  countAdminsForUpdate(organisationId: string): Promise<number>;
}

export interface InvitationRepository {
  insert(invitation: {
    organisationId: string;
    email: string;
    roles: Role[];
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  }): Promise<Invitation>;
  findById(id: string): Promise<Invitation | undefined>;
  findByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  listForOrganisation(organisationId: string): Promise<Invitation[]>;
  /** Conditional update: false when it was no longer open (someone else got there first). */
  markAccepted(id: string, userId: string, at: Date): Promise<boolean>;
  markRevoked(id: string, at: Date): Promise<boolean>;
  revokeOpenFor(organisationId: string, email: string, at: Date): Promise<void>;
}

export interface ApiKeyRepository {
  insert(key: {
    organisationId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    scopes: ApiKeyScope[];
    createdBy: string;
  }): Promise<ApiKey>;
  findByTokenHash(tokenHash: string): Promise<ApiKey | undefined>;
  findById(id: string): Promise<ApiKey | undefined>;
  listForOrganisation(organisationId: string): Promise<ApiKey[]>;
  revoke(id: string, at: Date): Promise<boolean>;
  touch(id: string, at: Date): Promise<void>;
}

export interface NewSecurityEvent {
  kind: SecurityEventKind;
  organisationId?: string | null;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  subject?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: EventDetail;
  at: Date;
}

export interface SecurityEventRepository {
  append(event: NewSecurityEvent): Promise<void>;
  /** Newest first; `organisationId: null` means every organisation and platform-wide events. */
  list(query: { organisationId: string | null; before?: string; limit: number }): Promise<SecurityEvent[]>;
}

export interface OutboxRepository {
  enqueue(email: {
    to: string;
    subject: string;
    text: string;
    kind: string;
    status: OutboxStatus;
    at: Date;
  }): Promise<string>;
  list(limit: number): Promise<OutboxEmail[]>;
  /** Claims due pending emails for delivery, leasing them so another process skips them. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxEmail[]>;
  markSent(id: string, at: Date): Promise<void>;
  markAttemptFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void>;
}

export interface Store {
  /** Runs `fn` in one database transaction; everything it writes lands together or not at all. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  users: UserRepository;
  sessions: SessionRepository;
  signInAttempts: SignInAttemptRepository;
  passwordResets: PasswordResetRepository;
  organisations: OrganisationRepository;
  memberships: MembershipRepository;
  invitations: InvitationRepository;
  apiKeys: ApiKeyRepository;
  securityEvents: SecurityEventRepository;
  outbox: OutboxRepository;
  frameworks: FrameworkRepository;
  achievements: AchievementRepository;
  catalogue: CatalogueRepository;
  issuerKeys: IssuerKeyRepository;
  credentials: CredentialRepository;
  assessment: AssessmentRepository;
  notifications: NotificationRepository;
  auditLog: AuditLogRepository;
  pathways: PathwayRepository;
}

export interface AppConfig {
  /** Where people reach the web app; links in emails start here. */
  publicUrl: string;
  /** 'smtp' sends queued email; 'hold' keeps it in the outbox for an admin to read. */
  emailDelivery: 'smtp' | 'hold';
}

/** Who did it and from where: recorded with every security event. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export interface Deps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  secrets: Secrets;
  config: AppConfig;
  /** Seals issuer private keys at rest. */
  vault: Vault;
  /** Guarded fetching of other issuers' keys and status lists. */
  remote: RemoteDocuments;
  /** Called for every email queued, e.g. to print reset links in development. */
  onEmailQueued?: (email: { to: string; subject: string; text: string }) => void;
}
