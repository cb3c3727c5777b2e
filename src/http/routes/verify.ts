import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readCredentialLink, verifyCredentialInput } from '../../app/verify-credential.js';
import { MAX_CREDENTIAL_INPUT_BYTES, type CredentialInput } from '../../credentials/verify.js';
import { HttpProblem } from '../problem.js';

const RAW_TYPES = ['image/png', 'image/svg+xml', 'application/octet-stream', 'text/plain', 'application/jwt'];

const CheckView = Type.Object({
  id: Type.Enum(['structure', 'proof', 'issuer-key', 'status', 'validity', 'issuer-identity'] as const),
  status: Type.Enum(['passed', 'failed', 'warning', 'skipped'] as const),
  title: Type.String(),
  message: Type.String({ description: 'Plain words for someone who is not an expert.' }),
  details: Type.Optional(Type.Object({}, { additionalProperties: true })),
});

const ReportView = Type.Object({
  result: Type.Enum(['valid', 'expired', 'not-yet-valid', 'revoked', 'suspended', 'invalid'] as const),
  format: Type.Enum(['ldp', 'jwt'] as const),
  source: Type.Enum(['json', 'jwt', 'png', 'svg'] as const),
  issuer: Type.Object({
    id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    known: Type.Optional(Type.Object({ organisationId: Type.String(), name: Type.String() })),
  }),
  credential: Type.Object({}, { additionalProperties: true }),
  checks: Type.Array(CheckView),
});

export const verifyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Files come as they are; anything larger than a credential could be is refused before parsing.
  app.addContentTypeParser(
    RAW_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_CREDENTIAL_INPUT_BYTES + 1024 },
    (_req, body, done) => {
      done(null, body);
    },
  );

  app.post(
    '/verify',
    {
      bodyLimit: MAX_CREDENTIAL_INPUT_BYTES + 1024,
      schema: {
        operationId: 'verifyCredential',
        tags: ['credentials'],
        summary: 'Verify any Open Badges 3.0 / VC 2.0 credential and explain each check (public)',
        description:
          'Send JSON `{ "credential": <credential object or compact VC-JWT> }` or `{ "url": "https://…" }`, ' +
          'or the file itself with Content-Type image/png or image/svg+xml (a baked badge), application/json, ' +
          'or text/plain (a JWT). Answers 200 with every check, whatever the verdict; 4xx only when no credential ' +
          'can be read.',
        security: [],
        response: { 200: ReportView },
      },
    },
    async (req) => {
      let input: CredentialInput;
      const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (Buffer.isBuffer(req.body)) {
        input = { bytes: new Uint8Array(req.body), ...(type ? { mediaType: type } : {}) };
      } else if (typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)) {
        const body = req.body as Record<string, unknown>;
        if (typeof body.url === 'string' && body.credential === undefined) {
          input = await readCredentialLink(app.deps, body.url);
        } else if (body.credential !== undefined && body.url === undefined) {
          input = {
            text: typeof body.credential === 'string' ? body.credential : JSON.stringify(body.credential),
          };
        } else {
          input = { text: JSON.stringify(body) };
        }
      } else {
        throw new HttpProblem(
          400,
          'unusable-credential',
          'No credential could be read',
          'Send a credential as JSON, a JWT, a baked PNG or SVG, or JSON with "credential" or "url".',
        );
      }
      return verifyCredentialInput(app.deps, input);
    },
  );
};
