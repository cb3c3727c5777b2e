import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getMyDid, setMyDid } from '../../app/learner-did.js';
import { listOrganisations } from '../../app/organisation-queries.js';
import { SignInRequired } from '../../domain/errors.js';
import { platformAbilities } from '../../policies/platform.js';
import { presentOrganisationRef, presentUser } from '../presenters.js';
import { Body, OrganisationKindSchema, Roles, UserView } from '../schemas.js';

const MeView = Type.Object({
  user: UserView,
  memberships: Type.Array(
    Type.Object({
      organisation: Type.Object({
        id: Type.String(),
        slug: Type.String(),
        name: Type.String(),
        kind: OrganisationKindSchema,
      }),
      roles: Roles,
    }),
  ),
  abilities: Type.Object({
    createOrganisation: Type.Boolean(),
    readPlatformAudit: Type.Boolean(),
    readOutbox: Type.Boolean(),
  }),
});

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The signed-in person, their memberships and roles',
        response: { 200: MeView },
      },
    },
    async (req) => {
      const actor = req.actor;
      if (actor.kind !== 'user') throw new SignInRequired();
      // Memberships, not every organisation: a platform admin's own roles are what this shows.
      const orgs = (
        await listOrganisations(app.deps, { ...actor, user: { ...actor.user, isPlatformAdmin: false } })
      ).filter((o) => actor.rolesByOrganisation.has(o.id));
      return {
        user: presentUser(actor.user),
        memberships: orgs.map((o) => ({
          organisation: presentOrganisationRef(o),
          roles: [...(actor.rolesByOrganisation.get(o.id) ?? [])],
        })),
        abilities: platformAbilities(actor),
      };
    },
  );

  const DidView = Type.Object({ did: Type.Union([Type.String(), Type.Null()]) });
  app.get(
    '/me/did',
    {
      schema: {
        operationId: 'getMyDid',
        tags: ['credentials'],
        summary: 'Your DID, named as the subject of credentials issued to you',
        response: { 200: DidView },
      },
    },
    async (req) => ({ did: await getMyDid(app.deps, req.actor) }),
  );
  app.put(
    '/me/did',
    {
      schema: {
        operationId: 'setMyDid',
        tags: ['credentials'],
        summary: 'Set (or with null, forget) your DID; credentials issued from now on name it',
        body: Body({ did: Type.Union([Type.String({ maxLength: 2048 }), Type.Null()]) }),
        response: { 200: DidView },
      },
    },
    async (req) => ({ did: await setMyDid(app.deps, req.actor, req.body.did) }),
  );
};
