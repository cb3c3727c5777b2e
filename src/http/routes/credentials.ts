import { createHash } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeCredentialStatus, getStatusListCredential } from '../../app/credential-status.js';
import {
  downloadCredential,
  getCredential,
  listIssuedCredentials,
  listMyCredentials,
  setCredentialVisibility,
  type CredentialFormat,
} from '../../app/credential-queries.js';
import { issueCredential } from '../../app/issue-credential.js';
import { exportLearnerRecord } from '../../app/learner-record.js';
import { issuerDidDocument, listIssuerKeys, rotateIssuerKeys } from '../../app/issuer-keys.js';
import { canManageIssuerKeys } from '../../policies/credentials.js';
import { ensure } from '../../policies/ensure.js';
import { Body, DateTime, Email, OrgParams, PersonRef, Uuid } from '../schemas.js';

const Params = Type.Object({ id: Uuid });
const StateSchema = Type.Enum(['active', 'expired', 'suspended', 'revoked'] as const);
const RouteSchema = Type.Enum(['assessed', 'rpl', 'direct'] as const);

const CredentialSummaryView = Type.Object({
  id: Uuid,
  title: Type.String(),
  achievementId: Uuid,
  versionId: Uuid,
  issuer: PersonRef,
  recipientName: Type.Union([Type.String(), Type.Null()]),
  route: RouteSchema,
  awardedAt: DateTime,
  validFrom: DateTime,
  validUntil: Type.Union([DateTime, Type.Null()]),
  issuedAt: DateTime,
  state: StateSchema,
  revocationReason: Type.Union([Type.String(), Type.Null()]),
  suspensionReason: Type.Union([Type.String(), Type.Null()]),
  public: Type.Boolean(),
  renewalOf: Type.Union([Uuid, Type.Null()]),
});

const CredentialView = Type.Object({
  ...CredentialSummaryView.properties,
  credential: Type.Object(
    {},
    { additionalProperties: true, description: 'The signed Open Badges 3.0 credential.' },
  ),
  record: Type.Optional(
    Type.Object({
      recipientEmail: Type.String(),
      statusListId: Uuid,
      statusIndex: Type.Integer(),
      isHolder: Type.Boolean(),
      canChangeStatus: Type.Boolean(),
      history: Type.Array(
        Type.Object({
          action: Type.Enum(['revoke', 'suspend', 'reinstate'] as const),
          reason: Type.String(),
          actor: Type.Union([PersonRef, Type.Null()]),
          at: DateTime,
        }),
      ),
    }),
  ),
});

const Evidence = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    narrative: Type.Optional(Type.String({ maxLength: 10000 })),
    genre: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

const Result = Type.Object(
  {
    value: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(
      Type.Enum([
        'Completed',
        'Enrolled',
        'Failed',
        'InProgress',
        'OnHold',
        'Provisional',
        'Withdrew',
      ] as const),
    ),
    alignment: Type.Optional(
      Type.Array(
        Type.Object(
          {
            targetName: Type.String({ minLength: 1, maxLength: 300 }),
            targetUrl: Type.String({ format: 'uri', maxLength: 2000 }),
            targetCode: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);

const Reason = Body({ reason: Type.String({ minLength: 1, maxLength: 500 }) });

const KeyView = Type.Object({
  id: Uuid,
  algorithm: Type.Enum(['Ed25519', 'P-256'] as const),
  publicKeyMultibase: Type.String(),
  did: Type.String(),
  verificationMethod: Type.String(),
  createdAt: DateTime,
  retiredAt: Type.Union([DateTime, Type.Null()]),
});

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Dates as RFC 3339 strings, the rest as it is. */
function present<T extends { awardedAt: Date; validFrom: Date; validUntil: Date | null; issuedAt: Date }>(
  c: T,
) {
  return {
    ...c,
    awardedAt: c.awardedAt.toISOString(),
    validFrom: c.validFrom.toISOString(),
    validUntil: iso(c.validUntil),
    issuedAt: c.issuedAt.toISOString(),
  };
}

async function presentFull(view: Awaited<ReturnType<typeof getCredential>>) {
  return {
    ...present(view),
    ...(view.record
      ? {
          record: {
            ...view.record,
            history: view.record.history.map((h) => ({ ...h, at: h.at.toISOString() })),
          },
        }
      : { record: undefined }),
  };
}

const presentKey = <T extends { createdAt: Date; retiredAt: Date | null }>(k: T) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  retiredAt: iso(k.retiredAt),
});

const FORMATS = ['json', 'jwt', 'jwt-es256', 'png', 'svg'] as const satisfies readonly CredentialFormat[];

export const credentialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/credentials',
    {
      schema: {
        operationId: 'issueCredential',
        tags: ['credentials'],
        summary: 'Issue an Open Badges 3.0 credential for a published micro-credential',
        description:
          'Idempotent: the same award (by default the same micro-credential and recipient, or the same `awardId`) ' +
          'answers 200 with the credential already issued instead of 201 with a new one.',
        body: Body({
          achievementId: Uuid,
          recipientEmail: Email,
          recipientName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          awardId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          route: Type.Optional(RouteSchema),
          awardedAt: Type.Optional(DateTime),
          evidence: Type.Optional(Type.Array(Evidence, { maxItems: 50 })),
          results: Type.Optional(Type.Array(Result, { maxItems: 50 })),
          renewalOf: Type.Optional(Uuid),
        }),
        response: { 200: CredentialView, 201: CredentialView },
      },
    },
    async (req, reply) => {
      const { awardedAt, ...rest } = req.body;
      const { credential, created } = await issueCredential(app.deps, req.actor, {
        ...rest,
        ...(awardedAt ? { awardedAt: new Date(awardedAt) } : {}),
      });
      reply.code(created ? 201 : 200);
      return presentFull(await getCredential(app.deps, req.actor, credential.id));
    },
  );

  app.get(
    '/credentials/:id',
    {
      schema: {
        operationId: 'getCredential',
        tags: ['credentials'],
        summary:
          'A credential: public while its holder keeps it public; the full record for holder and issuer',
        security: [],
        params: Params,
        response: { 200: CredentialView },
      },
    },
    async (req) => presentFull(await getCredential(app.deps, req.actor, req.params.id)),
  );

  app.get(
    '/credentials/:id/download/:format',
    {
      schema: {
        operationId: 'downloadCredential',
        tags: ['credentials'],
        summary:
          'The credential as a file: JSON (Data Integrity), VC-JWT (EdDSA or ES256), or a baked PNG/SVG badge',
        security: [],
        params: Type.Object({ id: Uuid, format: Type.Enum(FORMATS) }),
      },
    },
    async (req, reply) => {
      const file = await downloadCredential(app.deps, req.actor, req.params.id, req.params.format);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(Buffer.from(file.bytes));
    },
  );

  for (const [action, summary] of [
    ['revoke', 'Revoke for good, with a reason; the revocation list is republished at once'],
    ['suspend', 'Suspend, with a reason, until reinstated'],
    ['reinstate', 'Lift a suspension, with a reason'],
  ] as const) {
    app.post(
      `/credentials/:id/${action}`,
      {
        schema: {
          operationId: `${action}Credential`,
          tags: ['credentials'],
          summary,
          params: Params,
          body: Reason,
          response: { 200: CredentialView },
        },
      },
      async (req) => {
        await changeCredentialStatus(app.deps, req.actor, req.params.id, action, req.body.reason);
        return presentFull(await getCredential(app.deps, req.actor, req.params.id));
      },
    );
  }

  app.put(
    '/credentials/:id/visibility',
    {
      schema: {
        operationId: 'setCredentialVisibility',
        tags: ['credentials'],
        summary: "The holder shows or hides the credential's public page",
        params: Params,
        body: Body({ public: Type.Boolean() }),
        response: { 200: CredentialSummaryView },
      },
    },
    async (req) =>
      present(await setCredentialVisibility(app.deps, req.actor, req.params.id, req.body.public)),
  );

  app.get(
    '/me/credentials',
    {
      schema: {
        operationId: 'listMyCredentials',
        tags: ['credentials'],
        summary: "The signed-in person's wallet",
        response: { 200: Type.Object({ items: Type.Array(CredentialSummaryView) }) },
      },
    },
    async (req) => ({ items: (await listMyCredentials(app.deps, req.actor)).map(present) }),
  );

  app.get(
    '/me/clr',
    {
      schema: {
        operationId: 'exportLearnerRecord',
        tags: ['credentials'],
        summary: "The signed-in learner's Comprehensive Learner Record (CLR 2.0) as a signed VC-JWT",
        description:
          'A ClrCredential bundling every active or expired credential the learner holds, each with its own proof. ' +
          'Add `?download=1` for a .jwt file.',
        querystring: Type.Object({ download: Type.Optional(Type.Enum(['1'] as const)) }),
        response: {
          200: Type.Object({
            jwt: Type.String(),
            count: Type.Integer(),
            credential: Type.Object({}, { additionalProperties: true }),
          }),
          '2xx': Type.String({ description: 'With ?download=1: the compact JWT.' }),
        },
      },
    },
    async (req, reply) => {
      const record = await exportLearnerRecord(app.deps, req.actor);
      if (req.query.download === '1') {
        return reply
          .type('text/plain')
          .header('content-disposition', 'attachment; filename="learner-record.clr.jwt"')
          .send(record.jwt);
      }
      return record;
    },
  );

  app.get(
    '/organisations/:orgId/credentials',
    {
      schema: {
        operationId: 'listIssuedCredentials',
        tags: ['credentials'],
        summary: 'Credentials the organisation issued, newest first',
        params: OrgParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({ ...CredentialSummaryView.properties, recipientEmail: Type.String() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { total, items } = await listIssuedCredentials(app.deps, req.actor, req.params.orgId, {
        limit: req.query.limit ?? 50,
        offset: req.query.offset ?? 0,
      });
      return { total, items: items.map(present) };
    },
  );

  app.get(
    '/status-lists/:id/:purpose',
    {
      schema: {
        operationId: 'getStatusList',
        tags: ['credentials'],
        summary: 'A signed BitstringStatusListCredential (public, cacheable: revalidate with If-None-Match)',
        security: [],
        params: Type.Object({ id: Uuid, purpose: Type.Enum(['revocation', 'suspension'] as const) }),
        response: { 200: Type.Object({}, { additionalProperties: true }), 304: Type.Null() },
      },
    },
    async (req, reply) => {
      const { credential, publishedAt } = await getStatusListCredential(
        app.deps,
        req.params.id,
        req.params.purpose,
      );
      // The content's own hash: it changes exactly when the list does.
      const etag = `"${createHash('sha256').update(JSON.stringify(credential)).digest('base64url').slice(0, 27)}"`;
      // Caches may keep it but must ask again each time: a revocation shows as soon as it is published.
      reply
        .header('cache-control', 'public, no-cache')
        .header('etag', etag)
        .header('last-modified', publishedAt.toUTCString());
      if (req.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return reply.type('application/vc+ld+json').send(credential);
    },
  );

  app.get(
    '/organisations/:orgId/keys',
    {
      schema: {
        operationId: 'listIssuerKeys',
        tags: ['credentials'],
        summary: "The organisation's signing keys (public halves), current and retired",
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(KeyView) }) },
      },
    },
    async (req) => {
      ensure(canManageIssuerKeys(req.actor, req.params.orgId), req.actor, "see this organisation's keys");
      return { items: (await listIssuerKeys(app.deps, req.params.orgId)).map(presentKey) };
    },
  );

  app.post(
    '/organisations/:orgId/keys/rotate',
    {
      schema: {
        operationId: 'rotateIssuerKeys',
        tags: ['credentials'],
        summary: 'New keys sign from now on; retired keys keep verifying what they signed',
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(KeyView) }) },
      },
    },
    async (req) => ({
      items: (await rotateIssuerKeys(app.deps, req.actor, req.params.orgId)).map(presentKey),
    }),
  );
};

/** did:web documents live outside the API prefix, where did:web resolution looks for them. */
export const didRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/issuers/:orgId/did.json',
    {
      schema: {
        operationId: 'getIssuerDidDocument',
        tags: ['credentials'],
        summary: "The issuer's did:web DID document (only when the public URL is https)",
        security: [],
        params: OrgParams,
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async (req, reply) => {
      const document = await issuerDidDocument(app.deps, req.params.orgId);
      return reply.type('application/did+json').header('cache-control', 'public, max-age=300').send(document);
    },
  );
};
