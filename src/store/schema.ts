/** Drizzle table definitions mirroring migrations/*.sql. The SQL files are the source of truth. */
import {
  bigserial,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  customType,
} from 'drizzle-orm/pg-core';

/** bytea as Uint8Array on both drivers (node-postgres gives a Buffer, which is one). */
const customBytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Written with to_tsvector() in SQL, never read back as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
});

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  requiredSignOffKinds: text('required_sign_off_kinds')
    .array()
    .notNull()
    .default(['employer', 'education_provider']),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id').notNull(),
    roles: text('roles').array().notNull(),
    joinedAt: ts('joined_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
);

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const signInAttempts = pgTable('sign_in_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull(),
  ip: text('ip'),
  succeeded: boolean('succeeded').notNull(),
  attemptedAt: ts('attempted_at').notNull().defaultNow(),
});

export const passwordResetTokens = pgTable('password_reset_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  email: text('email').notNull(),
  roles: text('roles').array().notNull(),
  tokenHash: text('token_hash').notNull(),
  invitedBy: uuid('invited_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  acceptedAt: ts('accepted_at'),
  acceptedBy: uuid('accepted_by'),
  revokedAt: ts('revoked_at'),
});

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull(),
  scopes: text('scopes').array().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

export const securityEvents = pgTable('security_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  kind: text('kind').notNull(),
  organisationId: uuid('organisation_id'),
  actorUserId: uuid('actor_user_id'),
  actorApiKeyId: uuid('actor_api_key_id'),
  subject: text('subject'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  detail: jsonb('detail').notNull().$type<Record<string, unknown>>(),
});

export const outboxEmails = pgTable('outbox_emails', {
  id: uuid('id').primaryKey().defaultRandom(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
});

export const frameworks = pgTable('frameworks', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerOrganisationId: uuid('owner_organisation_id'),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  version: text('version').notNull(),
  language: text('language').notNull(),
  caseIdentifier: uuid('case_identifier').notNull(),
  scale: jsonb('scale').notNull().$type<{ level: number; name: string; description: string }[]>(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const competencyGroups = pgTable('competency_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: uuid('framework_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull(),
});

export const competencies = pgTable('competencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: uuid('framework_id').notNull(),
  groupId: uuid('group_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  tags: text('tags').array().notNull(),
  indicators: jsonb('indicators').notNull().$type<{ level: number; indicator: string }[]>(),
  alignments: jsonb('alignments')
    .notNull()
    .$type<{ framework: string; code: string; targetName?: string; targetUrl?: string }[]>(),
  position: integer('position').notNull(),
  caseIdentifier: uuid('case_identifier').notNull(),
});

export const achievements = pgTable('achievements', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerOrganisationId: uuid('owner_organisation_id').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const achievementCollaborators = pgTable(
  'achievement_collaborators',
  {
    achievementId: uuid('achievement_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.organisationId] })],
);

export const achievementVersions = pgTable('achievement_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  achievementId: uuid('achievement_id').notNull(),
  version: text('version').notNull(),
  status: text('status').notNull(),
  changeNote: text('change_note').notNull(),
  content: jsonb('content').notNull(),
  contentHash: text('content_hash').notNull(),
  code: text('code').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  credits: integer('credits').notNull(),
  nzqfLevel: integer('nzqf_level').notNull(),
  rplAllowed: boolean('rpl_allowed').notNull(),
  achievementType: text('achievement_type').notNull(),
  skillAreas: text('skill_areas').array().notNull(),
  competencyIds: uuid('competency_ids').array().notNull(),
  endorserIds: uuid('endorser_ids').array().notNull(),
  search: tsvector('search').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  publishedAt: ts('published_at'),
  /** false for a stacked credential's achievement: it is not one more micro-credential. */
  listed: boolean('listed').notNull().default(true),
});

export const achievementVersionCompetencies = pgTable(
  'achievement_version_competencies',
  {
    versionId: uuid('version_id').notNull(),
    competencyId: uuid('competency_id').notNull(),
    targetLevel: integer('target_level').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.competencyId] })],
);

export const versionSignOffs = pgTable(
  'version_sign_offs',
  {
    versionId: uuid('version_id').notNull(),
    userId: uuid('user_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    organisationKind: text('organisation_kind').notNull(),
    contentHash: text('content_hash').notNull(),
    signedAt: ts('signed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.userId, t.contentHash] })],
);

export const versionComments = pgTable('version_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  authorId: uuid('author_id'),
  body: text('body').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const versionTransitions = pgTable('version_transitions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  versionId: uuid('version_id').notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actorUserId: uuid('actor_user_id'),
  note: text('note').notNull(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
});

export const endorsements = pgTable('endorsements', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  endorserOrganisationId: uuid('endorser_organisation_id').notNull(),
  endorsedBy: uuid('endorsed_by'),
  statement: text('statement').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  withdrawnAt: ts('withdrawn_at'),
});

export const badgeImages = pgTable('badge_images', {
  versionId: uuid('version_id').primaryKey(),
  mediaType: text('media_type').notNull(),
  bytes: customBytea('bytes').notNull(),
  sha256: text('sha256').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});
