import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getIssuer } from '../../app/organisation-queries.js';
import { getOrganisationSettings, updateOrganisationSettings } from '../../app/organisation-settings.js';
import { CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT } from '../../credentials/ob3/achievement.js';
import { publicUrls } from '../public-urls.js';
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
      const org = await getIssuer(app.deps, req.params.orgId);
      reply.type('application/ld+json');
      return {
        '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT],
        id: publicUrls(app.deps.config.publicUrl).profile(org.id),
        type: ['Profile'],
        name: org.name,
      };
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
