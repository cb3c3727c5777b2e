import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InvalidFields, InvalidInput, type ErrorKind } from '../domain/errors.js';
import { TooManyAttempts } from '../domain/identity.js';

const STATUS_FOR: Record<ErrorKind, number> = {
  invalid: 422,
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
};

/** A transport-only failure (authentication, CSRF, content negotiation); never thrown by domain code. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly slug: string,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** Fastify's own client errors, given stable slugs and sentences a person can act on. */
const FASTIFY_PROBLEMS: Record<string, { slug: string; title: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    slug: 'malformed-json',
    title: 'Body is not valid JSON',
    detail: 'The request body could not be read as JSON. Check for a missing quote, comma or brace.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    slug: 'malformed-json',
    title: 'Body is not valid JSON',
    detail: 'The request says it carries JSON but its body is empty.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    slug: 'body-too-large',
    title: 'Body too large',
    detail: 'The request body is larger than this endpoint accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    detail: 'Send the body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    slug: 'malformed-request',
    title: 'Malformed request',
    detail: 'The Content-Length header does not match the body.',
  },
};

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv's findings into `{path, message}` pairs that name the field a person must fix. */
export function describeSchemaErrors(errors: readonly SchemaError[], part: string) {
  return errors.map((e) => {
    if (e.keyword === 'required') {
      const field = String(e.params.missingProperty);
      return { path: `${e.instancePath}/${field}`, message: `${field} is required.` };
    }
    if (e.keyword === 'additionalProperties') {
      const field = String(e.params.additionalProperty);
      return {
        path: `${e.instancePath}/${field}`,
        message: `${field} is not a field this endpoint accepts.`,
      };
    }
    const where = e.instancePath === '' ? `the ${part}` : e.instancePath.slice(1).replaceAll('/', '.');
    return { path: e.instancePath, message: `${where} ${e.message ?? 'is not valid'}.` };
  });
}

/** The one place where failures become RFC 9457 problem documents. */
export function replyWithProblem(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  // Extension members go first so they can never overwrite the RFC 9457 members.
  const send = (
    status: number,
    body: { type: string; title: string; detail: string },
    extensions: object = {},
  ) =>
    reply
      .code(status)
      .type('application/problem+json')
      .send({ ...extensions, ...body, status, instance: req.url });

  if (err instanceof DomainError) {
    if (err instanceof TooManyAttempts) reply.header('retry-after', String(err.retryAfterSeconds));
    const errors =
      err instanceof InvalidInput
        ? [{ path: `/${err.field}`, message: err.message }]
        : err instanceof InvalidFields
          ? err.errors
          : undefined;
    return send(
      STATUS_FOR[err.kind],
      { type: `/problems/${err.slug}`, title: err.title, detail: err.message },
      { ...err.detail, ...err.extensions, ...(errors ? { errors } : {}) },
    );
  }
  if (err instanceof HttpProblem) {
    return send(err.statusCode, { type: `/problems/${err.slug}`, title: err.title, detail: err.message });
  }
  if ('validation' in err && err.validation) {
    const part = err.validationContext ?? 'body';
    const errors = describeSchemaErrors(err.validation, part);
    return send(
      400,
      {
        type: '/problems/request-invalid',
        title: 'Request does not match the schema',
        detail: errors.map((e) => e.message).join(' '),
      },
      { errors },
    );
  }
  const code = 'code' in err ? err.code : undefined;
  const known = code === undefined ? undefined : FASTIFY_PROBLEMS[code];
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (known) {
    return send(status, { type: `/problems/${known.slug}`, title: known.title, detail: known.detail });
  }
  if (status >= 500) {
    req.log.error({ err }, 'unhandled error');
    return send(500, {
      type: '/problems/internal',
      title: 'Internal error',
      detail: 'Something went wrong on our side. It has been logged; try again shortly.',
    });
  }
  return send(status, {
    type: '/problems/request-invalid',
    title: STATUS_CODES[status] ?? 'Bad request',
    detail: err.message,
  });
}
