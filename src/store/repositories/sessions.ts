import { and, eq, lt, ne } from 'drizzle-orm';
import type { Orm } from '../db.js';
import { sessions } from '../schema.js';

export function sessionRepository(db: Orm) {
  return {
    async insert(session: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    }) {
      await db.insert(sessions).values(session);
    },
    async find(tokenHash: string) {
      const [row] = await db
        .select({
          userId: sessions.userId,
          csrfToken: sessions.csrfToken,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
        })
        .from(sessions)
        .where(eq(sessions.tokenHash, tokenHash));
      return row;
    },
    async touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date) {
      await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    },
    async delete(tokenHash: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteForUser(userId: string, exceptTokenHash?: string) {
      await db
        .delete(sessions)
        .where(
          exceptTokenHash === undefined
            ? eq(sessions.userId, userId)
            : and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)),
        );
    },
    async deleteExpired(now: Date) {
      const rows = await db
        .delete(sessions)
        .where(lt(sessions.expiresAt, now))
        .returning({ t: sessions.tokenHash });
      return rows.length;
    },
  };
}
