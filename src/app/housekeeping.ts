import type { Deps } from './ports.js';

const DAY_MS = 86_400_000;

/** Deletes what has outlived its use: expired sessions, sign-in attempts older than a day. */
export async function sweepExpired(deps: Deps): Promise<{ sessions: number; attempts: number }> {
  const now = deps.clock.now();
  const sessions = await deps.store.sessions.deleteExpired(now);
  const attempts = await deps.store.signInAttempts.deleteOlderThan(new Date(now.getTime() - DAY_MS));
  return { sessions, attempts };
}
