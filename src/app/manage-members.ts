import type { Actor } from '../domain/actor.js';
import { NotFound } from '../domain/errors.js';
import { LastAdmin, normaliseRoles, type Role } from '../domain/identity.js';
import { ensure } from '../policies/ensure.js';
import { canManageMembers, canRemoveMember } from '../policies/organisations.js';
import type { Deps, MemberView, RequestContext } from './ports.js';

function actorIds(actor: Actor) {
  return {
    actorUserId: actor.kind === 'user' ? actor.user.id : null,
    actorApiKeyId: actor.kind === 'api_key' ? actor.keyId : null,
  };
}

export { actorIds };

/**
 * Replaces a member's roles. An organisation always keeps at least one admin; the admin rows are
 * locked first so two admins demoting each other at once cannot both succeed.
 * @throws NotFound | NotAllowed | LastAdmin | InvalidInput
 */
export async function changeMemberRoles(
  deps: Deps,
  actor: Actor,
  input: { organisationId: string; userId: string; roles: Role[] },
  ctx: RequestContext,
): Promise<MemberView> {
  ensure(canManageMembers(actor, input.organisationId), actor, "change members' roles");
  const roles = normaliseRoles(input.roles);
  return deps.store.transaction(async (store) => {
    const admins = await store.memberships.countAdminsForUpdate(input.organisationId);
    const member = await store.memberships.find(input.organisationId, input.userId);
    if (!member) throw new NotFound('member', input.userId);
    if (member.roles.includes('org_admin') && !roles.includes('org_admin') && admins <= 1)
      throw new LastAdmin();
    await store.memberships.setRoles(input.organisationId, input.userId, roles);
    await store.securityEvents.append({
      kind: 'role_changed',
      organisationId: input.organisationId,
      ...actorIds(actor),
      subject: member.user.email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { from: member.roles, to: roles },
      at: deps.clock.now(),
    });
    return { ...member, roles };
  });
}

/** @throws NotFound | NotAllowed | LastAdmin */
export async function removeMember(
  deps: Deps,
  actor: Actor,
  input: { organisationId: string; userId: string },
  ctx: RequestContext,
): Promise<void> {
  ensure(canRemoveMember(actor, input.organisationId, input.userId), actor, 'remove this member');
  await deps.store.transaction(async (store) => {
    const admins = await store.memberships.countAdminsForUpdate(input.organisationId);
    const member = await store.memberships.find(input.organisationId, input.userId);
    if (!member) throw new NotFound('member', input.userId);
    if (member.roles.includes('org_admin') && admins <= 1) throw new LastAdmin();
    await store.memberships.remove(input.organisationId, input.userId);
    await store.securityEvents.append({
      kind: 'member_removed',
      organisationId: input.organisationId,
      ...actorIds(actor),
      subject: member.user.email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { roles: member.roles },
      at: deps.clock.now(),
    });
  });
}
