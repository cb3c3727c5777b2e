import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Deps } from '../app/ports.js';
import { registerAuthentication } from './auth.js';
import { pageWithMeta } from './page-meta.js';
import { HttpProblem, replyWithProblem } from './problem.js';
import { achievementRoutes } from './routes/achievements.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { auditRoutes } from './routes/audit.js';
import { assessmentRoutes } from './routes/assessment.js';
import { pathwayRoutes } from './routes/pathways.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { authRoutes } from './routes/auth.js';
import { badgeRoutes } from './routes/badges.js';
import { frameworkRoutes } from './routes/frameworks.js';
import { invitationRoutes } from './routes/invitations.js';
import { issuerRoutes } from './routes/issuers.js';
import { credentialRoutes, didRoutes } from './routes/credentials.js';
import { verifyRoutes } from './routes/verify.js';
import { meRoutes } from './routes/me.js';
import { organisationRoutes } from './routes/organisations.js';
import { reportRoutes } from './routes/reports.js';
import { ProblemView } from './schemas.js';
import { validatorCompiler } from './validation.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}

export interface HttpOptions {
  database: { kind: 'pglite' | 'postgres'; ping(): Promise<void> };
  secureCookies: boolean;
  /** The built web app; when absent the API still serves and `/` says how to build it. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  version: string;
}

/** JSON bodies up to 1 MiB; larger uploads get their own limits on their own routes. */
const BODY_LIMIT = 1024 * 1024;

/** Builds the whole HTTP app around injected dependencies; src/main.ts passes real ones. */
export async function buildHttpApp(deps: Deps, options: HttpOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Bodies are JSON only: without this, Fastify's built-in text/plain parser would hand a string
  // to the schema (400) instead of answering 415 as docs/problems.md promises.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(replyWithProblem);
  app.decorate('deps', deps);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cairn API',
        version: options.version,
        description:
          'Industry-created, stackable micro-credentials. Errors are RFC 9457 problem documents ' +
          '(application/problem+json) with a stable `type`. Browsers authenticate with the session cookie ' +
          'and send the `cairn_csrf` cookie value as `x-csrf-token` on changes; machines send ' +
          '`Authorization: Bearer <API key>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cairn_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.addSchema({ ...ProblemView, $id: 'Problem' });

  registerAuthentication(app, deps, options.secureCookies);

  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        tags: ['meta'],
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
          }),
        },
      },
    },
    async () => {
      await options.database.ping();
      return { status: 'ok' as const, database: options.database.kind };
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(authRoutes(options.secureCookies));
      await api.register(meRoutes);
      await api.register(organisationRoutes);
      await api.register(invitationRoutes);
      await api.register(apiKeyRoutes);
      await api.register(auditRoutes);
      await api.register(auditLogRoutes);
      await api.register(frameworkRoutes);
      await api.register(achievementRoutes);
      await api.register(badgeRoutes);
      await api.register(reportRoutes);
      await api.register(issuerRoutes);
      await api.register(credentialRoutes);
      await api.register(verifyRoutes);
      await api.register(assessmentRoutes);
      await api.register(pathwayRoutes);
    },
    { prefix: '/api/v1' },
  );

  await app.register(didRoutes);

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: false });
  }
  // Unknown API paths are problems; every other GET is a page of the single-page app.
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/openapi.json' || path === '/healthz';
    if (req.method === 'GET' && !isApi && hasWeb) {
      const withMeta = await pageWithMeta(deps, webDir, path);
      if (withMeta !== undefined)
        return reply.header('cache-control', 'no-cache').type('text/html').send(withMeta);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (req.method === 'GET' && !isApi) {
      return reply
        .type('text/plain')
        .send('The web app is not built. Run `npm run build:web` (npm start does this), then reload.');
    }
    throw new HttpProblem(404, 'not-found', 'Not found', `There is no ${req.method} ${path} in this API.`);
  });
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof buildHttpApp>>;
