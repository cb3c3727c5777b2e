import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listOrganisations } from '../../app/organisation-queries.js';
import { SignInRequired } from '../../domain/errors.js';
import { platformAbilities } from '../../policies/platform.js';
import { presentOrganisationRef, presentUser } from '../presenters.js';
import { OrganisationKindSchema, Roles, UserView } from '../schemas.js';

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
};
