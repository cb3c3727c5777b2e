import { Readable } from 'node:stream';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditEntryJson, exportAuditLog, listAuditLog, verifyAuditLogFor } from '../../app/audit-trail.js';
import { AUDIT_KINDS, type AuditEntry } from '../../domain/audit-chain.js';
import { DateTime, Uuid } from '../schemas.js';

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });

const AuditEntryView = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'Position in the chain, from 1, without gaps' }),
  occurredAt: DateTime,
  kind: Type.Enum(AUDIT_KINDS),
  actor: Type.Union([
    Type.Object({
      id: Type.Union([Type.String({ description: 'user:<uuid> or api_key:<uuid>' }), Type.Null()]),
      label: Type.String({ description: "The person's or key's name when it acted" }),
    }),
    Type.Null(),
  ]),
  organisationId: Type.Union([Uuid, Type.Null()]),
  subjectType: Type.String(),
  subjectId: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Hash,
  hash: Type.String({ description: 'SHA-256 over prevHash and this entry (canonical JSON), hex' }),
});

const AuditLogPageView = Type.Object({
  items: Type.Array(AuditEntryView),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Pass as `before` for older entries',
  }),
});

const Scope = {
  organisationId: Type.Optional(Uuid),
};

const ListQuery = Type.Object(
  {
    ...Scope,
    subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const Verification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  total: Type.Integer(),
  firstBroken: Type.Union([
    Type.Object({
      seq: Type.Integer(),
      reason: Type.Union([
        Type.Literal('hash_mismatch'),
        Type.Literal('prev_hash_mismatch'),
        Type.Literal('sequence_gap'),
      ]),
      message: Type.String(),
    }),
    Type.Null(),
  ]),
});

async function* ndjson(entries: AsyncIterable<AuditEntry>) {
  for await (const entry of entries) yield `${JSON.stringify(auditEntryJson(entry))}\n`;
}

export const auditLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit-log',
    {
      schema: {
        operationId: 'listAuditLog',
        tags: ['audit'],
        summary: 'The hash-chained assessment audit log, newest first',
        description:
          'Enrolments, submissions, evidence, decisions, moderation, appeals and credential changes. ' +
          "Platform admins see every entry; org admins and moderators see their organisations' entries.",
        querystring: ListQuery,
        response: { 200: AuditLogPageView },
      },
    },
    async (req) => {
      const { organisationId, subjectType, subjectId, before, limit } = req.query;
      const page = await listAuditLog(app.deps, req.actor, {
        limit,
        ...(organisationId !== undefined ? { organisationId } : {}),
        ...(subjectType !== undefined ? { subjectType } : {}),
        ...(subjectId !== undefined ? { subjectId } : {}),
        ...(before !== undefined ? { before } : {}),
      });
      return { items: page.items.map(auditEntryJson), nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/audit-log/export',
    {
      schema: {
        operationId: 'exportAuditLog',
        tags: ['audit'],
        summary: 'The audit log entries you may read as NDJSON, oldest first, one entry a line',
        querystring: Type.Object(Scope, { additionalProperties: false }),
        produces: ['application/x-ndjson'],
      },
    },
    async (req, reply) => {
      const entries = await exportAuditLog(app.deps, req.actor, req.query.organisationId);
      const date = app.deps.clock.now().toISOString().slice(0, 10);
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="cairn-audit-log-${date}.ndjson"`)
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(ndjson(entries)));
    },
  );

  app.get(
    '/audit-log/verification',
    {
      schema: {
        operationId: 'verifyAuditLog',
        tags: ['audit'],
        summary:
          'Recompute the whole hash chain and report the first entry that does not check out (platform admins)',
        response: { 200: Verification },
      },
    },
    async (req) => verifyAuditLogFor(app.deps, req.actor),
  );
};
