import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../app/api-keys.js';
import type { Deps, RequestContext } from '../app/ports.js';
import { resolveSession, type NewSession } from '../app/sessions.js';
import { ANONYMOUS, type Actor } from '../domain/actor.js';
import { SignInRequired } from '../domain/errors.js';
import { HttpProblem } from './problem.js';

export const SESSION_COOKIE = 'cairn_session';
export const CSRF_COOKIE = 'cairn_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Present when the caller authenticated with a session cookie. */
    session: { tokenHash: string; userId: string; csrfToken: string } | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** These act on the credentials in their body, not with the session's authority. */
const CSRF_EXEMPT = new Set([
  '/api/v1/auth/sign-in',
  '/api/v1/auth/sign-up',
  '/api/v1/auth/password-reset',
  '/api/v1/auth/password-reset/confirm',
]);

export function requestContext(req: FastifyRequest): RequestContext {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua : null };
}

export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean) {
  const base = { path: '/', secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...base, httpOnly: true, sameSite: 'lax' });
  // Readable by the web app, which echoes it in x-csrf-token: a cross-site page cannot read it.
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...base, httpOnly: false, sameSite: 'strict' });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** The signed-in person, or a 401 problem. */
export function requireSession(req: FastifyRequest) {
  if (!req.session) throw new SignInRequired();
  return req.session;
}

/**
 * Resolves every request's actor: a bearer API key, else the session cookie, else anonymous.
 * Cookie-authenticated changes must carry the CSRF token; key-authenticated ones need not, as a
 * browser never attaches a bearer token by itself.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps, secureCookies: boolean) {
  app.decorateRequest('actor');
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (req, reply) => {
    req.actor = ANONYMOUS;
    if (!req.url.startsWith('/api/')) return;
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ', 2);
      const actor =
        scheme?.toLowerCase() === 'bearer' && token ? await authenticateApiKey(deps, token) : undefined;
      if (!actor) {
        throw new HttpProblem(
          401,
          'invalid-api-key',
          'API key not valid',
          'The API key is unknown or has been revoked.',
        );
      }
      req.actor = actor;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(deps, token);
    if (!resolved) {
      clearSessionCookies(reply);
      return;
    }
    req.actor = resolved.actor;
    req.session = {
      tokenHash: resolved.tokenHash,
      userId: resolved.actor.user.id,
      csrfToken: resolved.csrfToken,
    };
    if (resolved.renewedUntil) {
      setSessionCookies(
        reply,
        { token, csrfToken: resolved.csrfToken, expiresAt: resolved.renewedUntil },
        secureCookies,
      );
    }
    const exempt = SAFE_METHODS.has(req.method) || CSRF_EXEMPT.has(req.url.split('?')[0] ?? '');
    if (!exempt && req.headers[CSRF_HEADER] !== resolved.csrfToken) {
      throw new HttpProblem(
        403,
        'csrf-token-invalid',
        'CSRF token missing or wrong',
        `Changes made with a session cookie must send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header.`,
      );
    }
  });
}
