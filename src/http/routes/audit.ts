import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listOutbox } from '../../app/outbox.js';
import { listOrganisationEvents, listPlatformEvents } from '../../app/security-events.js';
import { SECURITY_EVENT_KINDS } from '../../domain/audit.js';
import { presentOutboxEmail, presentSecurityEvent } from '../presenters.js';
import { DateTime, ListOf, OrgParams } from '../schemas.js';

const Ref = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
const SecurityEventView = Type.Object({
  id: Type.String(),
  occurredAt: DateTime,
  kind: Type.Enum(SECURITY_EVENT_KINDS),
  organisation: Ref,
  actor: Ref,
  apiKey: Ref,
  subject: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
const EventPage = Type.Object({
  items: Type.Array(SecurityEventView),
  nextBefore: Type.Union([Type.String(), Type.Null()]),
});
const PageQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  },
  { additionalProperties: false },
);
const OutboxView = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  kind: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('sent'),
    Type.Literal('failed'),
    Type.Literal('held'),
  ]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  sentAt: Type.Union([DateTime, Type.Null()]),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations/:orgId/audit-events',
    {
      schema: {
        operationId: 'listOrganisationAuditEvents',
        tags: ['audit'],
        summary: 'Security audit log of one organisation, newest first',
        params: OrgParams,
        querystring: PageQuery,
        response: { 200: EventPage },
      },
    },
    async (req) => {
      const page = await listOrganisationEvents(app.deps, req.actor, {
        organisationId: req.params.orgId,
        limit: req.query.limit,
        ...(req.query.before ? { before: req.query.before } : {}),
      });
      return { items: page.items.map(presentSecurityEvent), nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/admin/audit-events',
    {
      schema: {
        operationId: 'listPlatformAuditEvents',
        tags: ['admin'],
        summary: 'Security audit log of the whole platform (platform admins)',
        querystring: PageQuery,
        response: { 200: EventPage },
      },
    },
    async (req) => {
      const page = await listPlatformEvents(app.deps, req.actor, {
        limit: req.query.limit,
        ...(req.query.before ? { before: req.query.before } : {}),
      });
      return { items: page.items.map(presentSecurityEvent), nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/admin/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        tags: ['admin'],
        summary: 'Emails queued, sent, failed or held (no SMTP configured), newest first',
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(OutboxView) },
      },
    },
    async (req) => ({
      items: (await listOutbox(app.deps, req.actor, req.query.limit)).map(presentOutboxEmail),
    }),
  );
};
