import type { ApiKeyScope } from './api-keys.js';
import type { Role, User } from './identity.js';

/**
 * Who is asking. People act through a session; machines (an LMS, a script) through an API key
 * that belongs to one organisation and carries scopes instead of roles.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: User; rolesByOrganisation: ReadonlyMap<string, readonly Role[]> }
  | {
      kind: 'api_key';
      keyId: string;
      name: string;
      organisationId: string;
      scopes: ReadonlySet<ApiKeyScope>;
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.user.isPlatformAdmin;
}

export function hasRole(actor: Actor, organisationId: string, role: Role): boolean {
  return actor.kind === 'user' && (actor.rolesByOrganisation.get(organisationId)?.includes(role) ?? false);
}

export function isMember(actor: Actor, organisationId: string): boolean {
  return actor.kind === 'user' && actor.rolesByOrganisation.has(organisationId);
}

export function hasScope(actor: Actor, organisationId: string, scope: ApiKeyScope): boolean {
  return actor.kind === 'api_key' && actor.organisationId === organisationId && actor.scopes.has(scope);
}
