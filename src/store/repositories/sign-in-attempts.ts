import { and, count, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { Orm } from '../db.js';
import { signInAttempts } from '../schema.js';

export function signInAttemptRepository(db: Orm) {
  async function failures(where: ReturnType<typeof and>) {
    const [row] = await db
      .select({ count: count(), oldest: min(signInAttempts.attemptedAt) })
      .from(signInAttempts)
      .where(where);
    return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
  }
  return {
    async record(attempt: { email: string; ip: string | null; succeeded: boolean; at: Date }) {
      await db.insert(signInAttempts).values({
        email: attempt.email,
        ip: attempt.ip,
        succeeded: attempt.succeeded,
        attemptedAt: attempt.at,
      });
    },
    async failuresForEmail(email: string, since: Date) {
      // A success clears the slate: count only failures after the latest success.
      const lastSuccess = sql`coalesce((SELECT max(attempted_at) FROM sign_in_attempts
        WHERE email = ${email} AND succeeded), '-infinity'::timestamptz)`;
      return failures(
        and(
          eq(signInAttempts.email, email),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.attemptedAt, since),
          gt(signInAttempts.attemptedAt, lastSuccess),
        ),
      );
    },
    async failuresForIp(ip: string, since: Date) {
      return failures(
        and(
          eq(signInAttempts.ip, ip),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.attemptedAt, since),
        ),
      );
    },
    async deleteOlderThan(at: Date) {
      const rows = await db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, at)).returning({
        id: signInAttempts.id,
      });
      return rows.length;
    },
  };
}
