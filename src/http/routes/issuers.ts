import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { issuerProfile } from '../../app/issuer-keys.js';
import { getOrganisationSettings, updateOrganisationSettings } from '../../app/organisation-settings.js';
import { Body, OrganisationKindSchema, OrgParams, Uuid } from '../schemas.js';

const Settings = Type.Object({
  requiredSignOffKinds: Type.Array(OrganisationKindSchema, { uniqueItems: true }),
});

export const issuerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/issuers/:orgId',
    {
      schema: {
        operationId: 'getIssuerProfile',
        tags: ['credentials'],
        summary: 'An issuing organisation as an Open Badges 3.0 Profile (public)',
        security: [],
        params: Type.Object({ orgId: Uuid }),
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async (req, reply) => {
      const profile = await issuerProfile(app.deps, req.params.orgId);
      return reply.type('application/ld+json').send(profile);
    },
  );

  app.get(
    '/organisations/:orgId/settings',
    {
      schema: {
        operationId: 'getOrganisationSettings',
        tags: ['organisations'],
        params: OrgParams,
        response: { 200: Settings },
      },
    },
    async (req) => getOrganisationSettings(app.deps, req.actor, req.params.orgId),
  );

  app.put(
    '/organisations/:orgId/settings',
    {
      schema: {
        operationId: 'updateOrganisationSettings',
        tags: ['organisations'],
        summary:
          "Which organisation kinds must sign off this organisation's micro-credentials before publishing",
        params: OrgParams,
        body: Body({
          requiredSignOffKinds: Type.Array(OrganisationKindSchema, { minItems: 1, uniqueItems: true }),
        }),
        response: { 200: Settings },
      },
    },
    async (req) => updateOrganisationSettings(app.deps, req.actor, req.params.orgId, req.body),
  );
};
