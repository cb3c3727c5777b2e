// One function per API operation, so pages never build URLs by hand.
import { apiRequest } from './client';
import type {
  AcceptedInvitation,
  ApiKey,
  ApiKeyScope,
  AuditPage,
  CreatedApiKey,
  Health,
  Invitation,
  ItemList,
  Me,
  Member,
  Organisation,
  OrganisationKind,
  OutboxMessage,
  PublicInvitation,
  Role,
  User,
} from './types';

const v1 = '/api/v1';
const segment = encodeURIComponent;

function auditQuery(before: string | null, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (before) params.set('before', before);
  return params.toString();
}

export const cairnApi = {
  // Auth and the session
  signUp: (body: { email: string; password: string; name: string }) =>
    apiRequest<{ user: User }>('POST', `${v1}/auth/sign-up`, { body }),
  signIn: (body: { email: string; password: string }) =>
    apiRequest<{ user: User }>('POST', `${v1}/auth/sign-in`, { body, expectUnauthorised: true }),
  signOut: () => apiRequest<undefined>('POST', `${v1}/auth/sign-out`, { expectUnauthorised: true }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    apiRequest<undefined>('POST', `${v1}/auth/password`, { body, expectUnauthorised: true }),
  requestPasswordReset: (body: { email: string }) =>
    apiRequest<undefined>('POST', `${v1}/auth/password-reset`, { body }),
  confirmPasswordReset: (body: { token: string; newPassword: string }) =>
    apiRequest<undefined>('POST', `${v1}/auth/password-reset/confirm`, { body }),
  me: (signal?: AbortSignal) => apiRequest<Me>('GET', `${v1}/me`, { signal, expectUnauthorised: true }),
  myDid: (signal?: AbortSignal) => apiRequest<{ did: string | null }>('GET', `${v1}/me/did`, { signal }),
  setMyDid: (did: string | null) =>
    apiRequest<{ did: string | null }>('PUT', `${v1}/me/did`, { body: { did } }),

  // Organisations
  listOrganisations: (signal?: AbortSignal) =>
    apiRequest<ItemList<Organisation>>('GET', `${v1}/organisations`, { signal }),
  createOrganisation: (body: { name: string; kind: OrganisationKind }) =>
    apiRequest<Organisation>('POST', `${v1}/organisations`, { body }),
  getOrganisation: (orgId: string, signal?: AbortSignal) =>
    apiRequest<Organisation>('GET', `${v1}/organisations/${segment(orgId)}`, { signal }),

  // Members and invitations
  listMembers: (orgId: string, signal?: AbortSignal) =>
    apiRequest<ItemList<Member>>('GET', `${v1}/organisations/${segment(orgId)}/members`, { signal }),
  setMemberRoles: (orgId: string, userId: string, roles: Role[]) =>
    apiRequest<Member>('PUT', `${v1}/organisations/${segment(orgId)}/members/${segment(userId)}/roles`, {
      body: { roles },
    }),
  removeMember: (orgId: string, userId: string) =>
    apiRequest<undefined>('DELETE', `${v1}/organisations/${segment(orgId)}/members/${segment(userId)}`),
  listInvitations: (orgId: string, signal?: AbortSignal) =>
    apiRequest<ItemList<Invitation>>('GET', `${v1}/organisations/${segment(orgId)}/invitations`, { signal }),
  createInvitation: (orgId: string, body: { email: string; roles: Role[] }) =>
    apiRequest<Invitation>('POST', `${v1}/organisations/${segment(orgId)}/invitations`, { body }),
  revokeInvitation: (orgId: string, invitationId: string) =>
    apiRequest<undefined>(
      'DELETE',
      `${v1}/organisations/${segment(orgId)}/invitations/${segment(invitationId)}`,
    ),
  getInvitation: (token: string, signal?: AbortSignal) =>
    apiRequest<PublicInvitation>('GET', `${v1}/invitations/${segment(token)}`, {
      signal,
      expectUnauthorised: true,
    }),
  acceptInvitation: (token: string) =>
    apiRequest<AcceptedInvitation>('POST', `${v1}/invitations/${segment(token)}/accept`),

  // API keys
  listApiKeys: (orgId: string, signal?: AbortSignal) =>
    apiRequest<ItemList<ApiKey>>('GET', `${v1}/organisations/${segment(orgId)}/api-keys`, { signal }),
  createApiKey: (orgId: string, body: { name: string; scopes: string[] }) =>
    apiRequest<CreatedApiKey>('POST', `${v1}/organisations/${segment(orgId)}/api-keys`, { body }),
  revokeApiKey: (orgId: string, keyId: string) =>
    apiRequest<undefined>('DELETE', `${v1}/organisations/${segment(orgId)}/api-keys/${segment(keyId)}`),
  listApiKeyScopes: (signal?: AbortSignal) =>
    apiRequest<ItemList<ApiKeyScope>>('GET', `${v1}/api-key-scopes`, { signal }),

  // Audit and platform administration
  listAuditEvents: (orgId: string, before: string | null, limit = 50, signal?: AbortSignal) =>
    apiRequest<AuditPage>(
      'GET',
      `${v1}/organisations/${segment(orgId)}/audit-events?${auditQuery(before, limit)}`,
      {
        signal,
      },
    ),
  listPlatformAuditEvents: (before: string | null, limit = 50, signal?: AbortSignal) =>
    apiRequest<AuditPage>('GET', `${v1}/admin/audit-events?${auditQuery(before, limit)}`, { signal }),
  listOutbox: (signal?: AbortSignal) =>
    apiRequest<ItemList<OutboxMessage>>('GET', `${v1}/admin/outbox`, { signal }),
  health: (signal?: AbortSignal) => apiRequest<Health>('GET', '/healthz', { signal }),
};
