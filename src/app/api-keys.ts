import type { Actor } from '../domain/actor.js';
import { API_KEY_TOKEN, checkScopes, type ApiKey } from '../domain/api-keys.js';
import { NotFound } from '../domain/errors.js';
import { checkDisplayName } from '../domain/identity.js';
import { ensure } from '../policies/ensure.js';
import { canManageApiKeys } from '../policies/organisations.js';
import type { Deps, RequestContext } from './ports.js';

const TOUCH_AFTER_MS = 60_000;

/**
 * Creates a key and returns its secret. The secret is never stored or shown again.
 * @throws NotFound | NotAllowed | InvalidInput
 */
export async function createApiKey(
  deps: Deps,
  actor: Actor,
  input: { organisationId: string; name: string; scopes: string[] },
  ctx: RequestContext,
): Promise<{ apiKey: ApiKey; secret: string }> {
  ensure(canManageApiKeys(actor, input.organisationId), actor, 'create API keys for this organisation');
  if (actor.kind !== 'user') throw new Error('unreachable: the policy admits only people');
  if (!(await deps.store.organisations.findById(input.organisationId))) {
    throw new NotFound('organisation', input.organisationId);
  }
  const name = checkDisplayName(input.name, 'name');
  const scopes = checkScopes(input.scopes);
  const prefix = deps.secrets.randomId(8);
  const secret = `cairn_${prefix}_${deps.secrets.randomToken()}`;
  const apiKey = await deps.store.transaction(async (store) => {
    const key = await store.apiKeys.insert({
      organisationId: input.organisationId,
      name,
      prefix,
      tokenHash: deps.secrets.digest(secret),
      scopes,
      createdBy: actor.user.id,
    });
    await store.securityEvents.append({
      kind: 'api_key_created',
      organisationId: input.organisationId,
      actorUserId: actor.user.id,
      subject: `${name} (${prefix})`,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { keyId: key.id, scopes },
      at: deps.clock.now(),
    });
    return key;
  });
  return { apiKey, secret };
}

/** @throws NotAllowed */
export async function listApiKeys(deps: Deps, actor: Actor, organisationId: string): Promise<ApiKey[]> {
  ensure(canManageApiKeys(actor, organisationId), actor, 'see the API keys of this organisation');
  return deps.store.apiKeys.listForOrganisation(organisationId);
}

/** Revoking twice is harmless: the second call changes nothing. @throws NotFound | NotAllowed */
export async function revokeApiKey(
  deps: Deps,
  actor: Actor,
  input: { organisationId: string; keyId: string },
  ctx: RequestContext,
): Promise<void> {
  ensure(canManageApiKeys(actor, input.organisationId), actor, 'revoke API keys of this organisation');
  const key = await deps.store.apiKeys.findById(input.keyId);
  if (key?.organisationId !== input.organisationId) throw new NotFound('API key', input.keyId);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    if (!(await store.apiKeys.revoke(key.id, now))) return;
    await store.securityEvents.append({
      kind: 'api_key_revoked',
      organisationId: key.organisationId,
      actorUserId: actor.kind === 'user' ? actor.user.id : null,
      subject: `${key.name} (${key.prefix})`,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { keyId: key.id },
      at: now,
    });
  });
}

/** The machine behind a bearer token, or undefined when the token is unknown or revoked. */
export async function authenticateApiKey(deps: Deps, token: string): Promise<Actor | undefined> {
  if (!API_KEY_TOKEN.test(token)) return undefined;
  const key = await deps.store.apiKeys.findByTokenHash(deps.secrets.digest(token));
  if (!key || key.revokedAt) return undefined;
  const now = deps.clock.now();
  // Recorded at most once a minute, so a busy integration does not write on every request.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await deps.store.apiKeys.touch(key.id, now);
  }
  return {
    kind: 'api_key',
    keyId: key.id,
    name: key.name,
    organisationId: key.organisationId,
    scopes: new Set(key.scopes),
  };
}
