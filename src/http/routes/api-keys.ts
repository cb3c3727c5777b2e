import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/api-keys.js';
import { API_KEY_SCOPES } from '../../domain/api-keys.js';
import { requestContext } from '../auth.js';
import { presentApiKey } from '../presenters.js';
import { Body, DateTime, ListOf, OrgParams, PersonRef, ScopeSchema, Uuid } from '../schemas.js';

const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(ScopeSchema),
  createdBy: Type.Union([PersonRef, Type.Null()]),
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  revokedAt: Type.Union([DateTime, Type.Null()]),
});

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api-key-scopes',
    {
      schema: {
        operationId: 'listApiKeyScopes',
        tags: ['api-keys'],
        response: { 200: ListOf(Type.Object({ scope: ScopeSchema, description: Type.String() })) },
      },
    },
    async () => ({
      items: Object.entries(API_KEY_SCOPES).map(([scope, description]) => ({
        scope: scope as keyof typeof API_KEY_SCOPES,
        description,
      })),
    }),
  );

  app.get(
    '/organisations/:orgId/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        tags: ['api-keys'],
        params: OrgParams,
        response: { 200: ListOf(ApiKeyView) },
      },
    },
    async (req) => ({ items: (await listApiKeys(app.deps, req.actor, req.params.orgId)).map(presentApiKey) }),
  );

  app.post(
    '/organisations/:orgId/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        tags: ['api-keys'],
        summary: 'Create a key for a machine; the secret is in this response only',
        description: 'Send the secret as `Authorization: Bearer <secret>`.',
        params: OrgParams,
        body: Body({
          name: Type.String({ minLength: 1, maxLength: 120 }),
          scopes: Type.Array(ScopeSchema, { minItems: 1, uniqueItems: true }),
        }),
        response: { 201: Type.Object({ apiKey: ApiKeyView, secret: Type.String() }) },
      },
    },
    async (req, reply) => {
      const { apiKey, secret } = await createApiKey(
        app.deps,
        req.actor,
        { organisationId: req.params.orgId, ...req.body },
        requestContext(req),
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ apiKey: presentApiKey(apiKey), secret });
    },
  );

  app.delete(
    '/organisations/:orgId/api-keys/:keyId',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags: ['api-keys'],
        params: Type.Object({ orgId: Uuid, keyId: Uuid }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await revokeApiKey(
        app.deps,
        req.actor,
        { organisationId: req.params.orgId, keyId: req.params.keyId },
        requestContext(req),
      );
      return reply.code(204).send(null);
    },
  );
};
