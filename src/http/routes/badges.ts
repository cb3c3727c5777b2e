import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badgeImage, previewBadge, uploadBadgeImage } from '../../app/badge-images.js';
import { BADGE_UPLOAD_MAX_BYTES } from '../../domain/badge-upload.js';
import { Body, Uuid } from '../schemas.js';

const VersionParams = Type.Object({ versionId: Uuid });

export const badgeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Uploads arrive as the raw image bytes; the type is sniffed from them, not trusted from the header.
  app.addContentTypeParser(
    ['image/png', 'image/svg+xml'],
    { parseAs: 'buffer', bodyLimit: BADGE_UPLOAD_MAX_BYTES + 1024 },
    (_req, body, done) => {
      done(null, body);
    },
  );

  app.get(
    '/achievement-versions/:versionId/image',
    {
      schema: {
        operationId: 'getBadgeImage',
        tags: ['catalogue'],
        summary: "The version's badge image (uploaded, or the generated default), SVG or PNG",
        security: [],
        params: VersionParams,
      },
    },
    async (req, reply) => {
      const image = await badgeImage(app.deps, req.actor, req.params.versionId);
      return reply
        .type(image.mediaType)
        .header('cache-control', 'public, max-age=300')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(image.bytes));
    },
  );

  app.put(
    '/achievement-versions/:versionId/image',
    {
      bodyLimit: BADGE_UPLOAD_MAX_BYTES + 1024,
      schema: {
        operationId: 'uploadBadgeImage',
        tags: ['authoring'],
        summary: 'Upload a PNG or SVG badge (at most 1 MiB, 64–2048 px; SVG is sanitised)',
        description: 'Send the image bytes as the body with Content-Type image/png or image/svg+xml.',
        params: VersionParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const bytes = req.body instanceof Buffer ? new Uint8Array(req.body) : new Uint8Array();
      const declared = req.headers['content-type']?.split(';')[0]?.trim();
      await uploadBadgeImage(app.deps, req.actor, req.params.versionId, {
        bytes,
        ...(declared ? { declaredType: declared } : {}),
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/badges/preview',
    {
      schema: {
        operationId: 'previewBadge',
        tags: ['authoring'],
        summary: 'Render the default badge for a design, for a live preview while authoring (SVG)',
        security: [],
        body: Body({
          design: Type.Object(
            { shape: Type.String({ maxLength: 20 }), colour: Type.String({ maxLength: 7 }) },
            { additionalProperties: false },
          ),
          title: Type.String({ maxLength: 200 }),
          code: Type.String({ maxLength: 32 }),
          level: Type.Integer({ minimum: 1, maximum: 10 }),
          credits: Type.Integer({ minimum: 0, maximum: 40 }),
          issuerName: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      const svg = previewBadge({
        ...req.body,
        design: req.body.design as { shape: 'hexagon'; colour: string },
      });
      return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
    },
  );
};
