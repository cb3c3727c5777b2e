import { InvalidInput } from './errors.js';

/** What a machine may do with a key. Each scope names one kind of access to its own organisation. */
export const API_KEY_SCOPES = {
  'organisation:read': 'Read the organisation profile.',
  'members:read': 'List members and their roles.',
  'members:write': 'Invite members, change their roles and remove them.',
  'audit:read': 'Read the organisation security audit log.',
  'credentials:issue': "Issue credentials in the organisation's name.",
  'credentials:revoke': 'Revoke, suspend and reinstate credentials the organisation issued.',
  'credentials:read': 'List the credentials the organisation issued.',
  'enrolments:write':
    "Enrol learners in the organisation's micro-credentials (a learning management system).",
} as const;
export type ApiKeyScope = keyof typeof API_KEY_SCOPES;

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return Object.hasOwn(API_KEY_SCOPES, value);
}

/** @throws InvalidInput */
export function checkScopes(scopes: readonly string[]): ApiKeyScope[] {
  if (scopes.length === 0) throw new InvalidInput('scopes', 'Give the key at least one scope.');
  const unknown = scopes.filter((s) => !isApiKeyScope(s));
  if (unknown.length > 0) {
    throw new InvalidInput('scopes', `Unknown scope(s): ${unknown.join(', ')}.`);
  }
  return (Object.keys(API_KEY_SCOPES) as ApiKeyScope[]).filter((s) => scopes.includes(s));
}

/**
 * Key secrets look like `cairn_<prefix>_<secret>`. The prefix is stored in clear so a person can
 * tell keys apart; only a hash of the whole token is stored.
 */
export const API_KEY_TOKEN = /^cairn_([a-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

export interface ApiKey {
  id: string;
  organisationId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
