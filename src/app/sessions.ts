import type { Actor } from '../domain/actor.js';
import type { User } from '../domain/identity.js';
import type { Deps, RequestContext, Store } from './ports.js';

export const SESSION_IDLE_DAYS = 14;
const TOUCH_AFTER_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface NewSession {
  /** Goes into the HttpOnly cookie; only its digest is stored. */
  token: string;
  /** Echoed by the browser in x-csrf-token on every change. */
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for a person who has just proved who they are. */
export async function startSession(
  deps: Pick<Deps, 'clock' | 'secrets'>,
  store: Store,
  user: User,
  ctx: RequestContext,
): Promise<NewSession> {
  const token = deps.secrets.randomToken();
  const csrfToken = deps.secrets.randomToken();
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_IDLE_DAYS * DAY_MS);
  await store.sessions.insert({
    tokenHash: deps.secrets.digest(token),
    userId: user.id,
    csrfToken,
    expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 512) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string;
  tokenHash: string;
  /** Set when the expiry slid forward and the cookie should be re-sent. */
  renewedUntil?: Date;
}

/** Finds the person behind a session cookie; sliding expiry is written at most hourly. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | undefined> {
  const tokenHash = deps.secrets.digest(token);
  const session = await deps.store.sessions.find(tokenHash);
  const now = deps.clock.now();
  if (!session || session.expiresAt.getTime() <= now.getTime()) return undefined;
  const user = await deps.store.users.findById(session.userId);
  if (!user) return undefined;
  const rolesByOrganisation = await deps.store.memberships.rolesOf(user.id);
  let renewedUntil: Date | undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    renewedUntil = new Date(now.getTime() + SESSION_IDLE_DAYS * DAY_MS);
    await deps.store.sessions.touch(tokenHash, now, renewedUntil);
  }
  return {
    actor: { kind: 'user', user, rolesByOrganisation },
    csrfToken: session.csrfToken,
    tokenHash,
    ...(renewedUntil ? { renewedUntil } : {}),
  };
}
