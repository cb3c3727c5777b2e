import type { Actor } from '../domain/actor.js';
import { NotFound } from '../domain/errors.js';
import {
  AlreadyMember,
  checkEmail,
  InvitationEmailMismatch,
  InvitationNotPending,
  normaliseRoles,
  type Organisation,
  type Role,
} from '../domain/identity.js';
import { INVITATION_LIFETIME_DAYS, invitationStatus, type Invitation } from '../domain/invitations.js';
import { ensure } from '../policies/ensure.js';
import { canManageMembers } from '../policies/organisations.js';
import { actorIds } from './manage-members.js';
import type { Deps, RequestContext } from './ports.js';
import { queueEmail } from './queue-email.js';

const ROLE_NAMES: Record<Role, string> = {
  learner: 'learner',
  author: 'author',
  assessor: 'assessor',
  moderator: 'moderator',
  endorser: 'endorser',
  mentor: 'mentor',
  org_admin: 'organisation admin',
};

/**
 * Invites a person by email; a newer invitation replaces any open one for the same address.
 * @throws NotFound | NotAllowed | AlreadyMember | InvalidInput
 */
export async function inviteMember(
  deps: Deps,
  actor: Actor,
  input: { organisationId: string; email: string; roles: Role[] },
  ctx: RequestContext,
): Promise<Invitation> {
  ensure(canManageMembers(actor, input.organisationId), actor, 'invite people to this organisation');
  const org = await deps.store.organisations.findById(input.organisationId);
  if (!org) throw new NotFound('organisation', input.organisationId);
  const email = checkEmail(input.email);
  const roles = normaliseRoles(input.roles);
  if (await deps.store.memberships.findByEmail(org.id, email)) throw new AlreadyMember(email);
  const token = deps.secrets.randomToken();
  const now = deps.clock.now();
  const inviterName =
    actor.kind === 'user' ? actor.user.name : actor.kind === 'api_key' ? actor.name : 'Someone';
  return deps.store.transaction(async (store) => {
    await store.invitations.revokeOpenFor(org.id, email, now);
    const invitation = await store.invitations.insert({
      organisationId: org.id,
      email,
      roles,
      tokenHash: deps.secrets.digest(token),
      invitedBy: actor.kind === 'user' ? actor.user.id : null,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 86_400_000),
    });
    await store.securityEvents.append({
      kind: 'invitation_created',
      organisationId: org.id,
      ...actorIds(actor),
      subject: email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { roles },
      at: now,
    });
    await queueEmail(deps, store, {
      to: email,
      kind: 'invitation',
      subject: `${inviterName} invites you to ${org.name} on Cairn`,
      text:
        `Kia ora,\n\n${inviterName} invites you to join ${org.name} on Cairn as ` +
        `${roles.map((r) => ROLE_NAMES[r]).join(', ')}.\n\n` +
        `Accept within ${INVITATION_LIFETIME_DAYS} days:\n\n${deps.config.publicUrl}/invitations/${token}\n\n` +
        `Cairn is where industry and educators co-design micro-credentials and learners earn verifiable badges.\n`,
    });
    return invitation;
  });
}

/** @throws NotFound | NotAllowed */
export async function listInvitations(
  deps: Deps,
  actor: Actor,
  organisationId: string,
): Promise<Invitation[]> {
  ensure(canManageMembers(actor, organisationId), actor, 'see the invitations of this organisation');
  return deps.store.invitations.listForOrganisation(organisationId);
}

/** @throws NotFound | NotAllowed | InvitationNotPending */
export async function revokeInvitation(
  deps: Deps,
  actor: Actor,
  input: { organisationId: string; invitationId: string },
  ctx: RequestContext,
): Promise<void> {
  ensure(canManageMembers(actor, input.organisationId), actor, 'revoke invitations');
  const invitation = await deps.store.invitations.findById(input.invitationId);
  if (invitation?.organisationId !== input.organisationId)
    throw new NotFound('invitation', input.invitationId);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    if (!(await store.invitations.markRevoked(invitation.id, now))) {
      throw new InvitationNotPending(invitationStatus(invitation, now));
    }
    await store.securityEvents.append({
      kind: 'invitation_revoked',
      organisationId: invitation.organisationId,
      ...actorIds(actor),
      subject: invitation.email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: now,
    });
  });
}

export interface InvitationPreview {
  invitation: Invitation;
  organisation: Organisation;
  status: ReturnType<typeof invitationStatus>;
}

/** What the holder of an invitation link may see before signing in. @throws NotFound */
export async function previewInvitation(deps: Deps, token: string): Promise<InvitationPreview> {
  const invitation = await deps.store.invitations.findByTokenHash(deps.secrets.digest(token));
  const organisation = invitation && (await deps.store.organisations.findById(invitation.organisationId));
  if (!invitation || !organisation) throw new NotFound('invitation', 'with that link');
  return { invitation, organisation, status: invitationStatus(invitation, deps.clock.now()) };
}

/**
 * Joins the organisation with the invited roles (merged into any the person already holds).
 * @throws NotFound | SignInRequired | InvitationEmailMismatch | InvitationNotPending
 */
export async function acceptInvitation(
  deps: Deps,
  actor: Actor,
  token: string,
  ctx: RequestContext,
): Promise<{ organisation: Organisation; roles: Role[] }> {
  ensure(actor.kind === 'user', actor, 'accept invitations');
  if (actor.kind !== 'user') throw new Error('unreachable');
  const { invitation, organisation, status } = await previewInvitation(deps, token);
  if (invitation.email !== actor.user.email) throw new InvitationEmailMismatch();
  if (status !== 'pending') throw new InvitationNotPending(status);
  const now = deps.clock.now();
  return deps.store.transaction(async (store) => {
    if (!(await store.invitations.markAccepted(invitation.id, actor.user.id, now))) {
      throw new InvitationNotPending('no longer open');
    }
    await store.memberships.grant(organisation.id, actor.user.id, invitation.roles);
    await store.securityEvents.append({
      kind: 'invitation_accepted',
      organisationId: organisation.id,
      actorUserId: actor.user.id,
      subject: invitation.email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { roles: invitation.roles },
      at: now,
    });
    const member = await store.memberships.find(organisation.id, actor.user.id);
    return { organisation, roles: member?.roles ?? invitation.roles };
  });
}
