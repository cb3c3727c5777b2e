import { InvalidCredentials, normaliseEmail, TooManyAttempts, type User } from '../domain/identity.js';
import type { Deps, RequestContext } from './ports.js';
import { startSession, type NewSession } from './sessions.js';

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

/**
 * Counts failures in the database, so the limit holds across every app process.
 * @throws TooManyAttempts
 */
async function ensureNotThrottled(deps: Deps, email: string, ip: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const checks = [
    { ...(await deps.store.signInAttempts.failuresForEmail(email, since)), max: MAX_FAILURES_PER_EMAIL },
    ...(ip
      ? [{ ...(await deps.store.signInAttempts.failuresForIp(ip, since)), max: MAX_FAILURES_PER_IP }]
      : []),
  ];
  for (const { count, oldest, max } of checks) {
    if (count >= max && oldest) {
      const retryAfterMs = oldest.getTime() + SIGN_IN_WINDOW_MS - now.getTime();
      throw new TooManyAttempts(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    }
  }
}

/** @throws InvalidCredentials | TooManyAttempts */
export async function signIn(
  deps: Deps,
  input: { email: string; password: string },
  ctx: RequestContext,
): Promise<{ user: User; session: NewSession }> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  await ensureNotThrottled(deps, email, ctx.ip, now);
  const found = await deps.store.users.findByEmail(email);
  const ok = await deps.passwords.verify(found?.passwordHash, input.password);
  if (!found || !ok) {
    await deps.store.transaction(async (store) => {
      await store.signInAttempts.record({ email, ip: ctx.ip, succeeded: false, at: now });
      await store.securityEvents.append({
        kind: 'sign_in_failed',
        actorUserId: found?.id ?? null,
        subject: email,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        detail: { reason: found ? 'wrong_password' : 'unknown_email' },
        at: now,
      });
    });
    throw new InvalidCredentials();
  }
  const { passwordHash: _hash, ...user } = found;
  return deps.store.transaction(async (store) => {
    await store.signInAttempts.record({ email, ip: ctx.ip, succeeded: true, at: now });
    await store.securityEvents.append({
      kind: 'sign_in',
      actorUserId: user.id,
      subject: email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: now,
    });
    return { user, session: await startSession(deps, store, user, ctx) };
  });
}
