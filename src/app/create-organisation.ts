import type { Actor } from '../domain/actor.js';
import { checkDisplayName, slugify, type Organisation, type OrganisationKind } from '../domain/identity.js';
import { canCreateOrganisation } from '../policies/organisations.js';
import { ensure } from '../policies/ensure.js';
import type { Deps, RequestContext, Store } from './ports.js';

class SlugRace extends Error {}

/**
 * Creates the organisation with a free slug (`name`, `name-2` …) inside `store`'s transaction,
 * retrying the whole transaction if another process took the slug in between.
 */
export async function withNewOrganisation<T>(
  deps: Pick<Deps, 'store'>,
  org: { name: string; kind: OrganisationKind; slug?: string },
  then: (store: Store, created: Organisation) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.store.transaction(async (store) => {
        const slug = await store.organisations.freeSlug(org.slug ?? slugify(org.name));
        const created = await store.organisations.insert({ slug, name: org.name, kind: org.kind });
        if (!created) throw new SlugRace();
        return then(store, created);
      });
    } catch (err) {
      if (!(err instanceof SlugRace) || attempt >= 4) throw err;
    }
  }
}

/**
 * The person who creates an organisation becomes its first admin.
 * @throws InvalidInput | NotAllowed | SignInRequired
 */
export async function createOrganisation(
  deps: Deps,
  actor: Actor,
  input: { name: string; kind: OrganisationKind },
  ctx: RequestContext,
): Promise<Organisation> {
  ensure(canCreateOrganisation(actor, input.kind), actor, `create a ${input.kind} organisation`);
  if (actor.kind !== 'user') throw new Error('unreachable: the policy admits only people');
  const user = actor.user;
  const name = checkDisplayName(input.name, 'name');
  return withNewOrganisation(deps, { name, kind: input.kind }, async (store, org) => {
    await store.memberships.grant(org.id, user.id, ['org_admin']);
    await store.securityEvents.append({
      kind: 'organisation_created',
      organisationId: org.id,
      actorUserId: user.id,
      subject: org.name,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { kind: org.kind },
      at: deps.clock.now(),
    });
    return org;
  });
}
