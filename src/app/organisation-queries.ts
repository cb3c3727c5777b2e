import type { Actor } from '../domain/actor.js';
import { NotFound, SignInRequired } from '../domain/errors.js';
import type { Organisation } from '../domain/identity.js';
import { ensure } from '../policies/ensure.js';
import { canReadMembers, canReadOrganisation } from '../policies/organisations.js';
import type { Deps, MemberView } from './ports.js';

/**
 * The caller's organisations: every one for a platform admin, its own for an API key.
 * Anonymous callers are told to sign in, not given an empty list that would hide a lost session.
 * @throws SignInRequired
 */
export async function listOrganisations(deps: Deps, actor: Actor): Promise<Organisation[]> {
  switch (actor.kind) {
    case 'anonymous':
      throw new SignInRequired();
    case 'api_key': {
      const org = await deps.store.organisations.findById(actor.organisationId);
      return org && canReadOrganisation(actor, org.id) ? [org] : [];
    }
    case 'user':
      return actor.user.isPlatformAdmin
        ? deps.store.organisations.listAll()
        : deps.store.organisations.listForUser(actor.user.id);
  }
}

/**
 * Unknown and unreadable organisations look the same from outside.
 * @throws NotFound | SignInRequired
 */
export async function getOrganisation(
  deps: Deps,
  actor: Actor,
  organisationId: string,
): Promise<Organisation> {
  const org = await deps.store.organisations.findById(organisationId);
  if (!org || !canReadOrganisation(actor, organisationId)) {
    ensure(actor.kind !== 'anonymous', actor, 'read organisations');
    throw new NotFound('organisation', organisationId);
  }
  return org;
}

/** @throws NotFound | NotAllowed | SignInRequired */
export async function listMembers(deps: Deps, actor: Actor, organisationId: string): Promise<MemberView[]> {
  const org = await deps.store.organisations.findById(organisationId);
  if (!org) throw new NotFound('organisation', organisationId);
  ensure(canReadMembers(actor, organisationId), actor, 'list the members of this organisation');
  return deps.store.memberships.listForOrganisation(organisationId);
}

/** What anyone may know of an organisation that issues credentials: its name and kind. @throws NotFound */
export async function getIssuer(deps: Deps, organisationId: string): Promise<Organisation> {
  const org = await deps.store.organisations.findById(organisationId);
  if (!org) throw new NotFound('issuer', organisationId);
  return org;
}
