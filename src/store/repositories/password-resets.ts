import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Orm } from '../db.js';
import { passwordResetTokens } from '../schema.js';

export function passwordResetRepository(db: Orm) {
  return {
    async insert(reset: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }) {
      await db.insert(passwordResetTokens).values(reset);
    },
    async consume(tokenHash: string, now: Date) {
      // One conditional UPDATE, so two concurrent uses of the same link cannot both succeed.
      const [row] = await db
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(passwordResetTokens.tokenHash, tokenHash),
            isNull(passwordResetTokens.usedAt),
            gt(passwordResetTokens.expiresAt, now),
          ),
        )
        .returning({ userId: passwordResetTokens.userId });
      return row?.userId;
    },
    async countSince(userId: string, since: Date) {
      const [row] = await db
        .select({ n: count() })
        .from(passwordResetTokens)
        .where(and(eq(passwordResetTokens.userId, userId), gt(passwordResetTokens.createdAt, since)));
      return row?.n ?? 0;
    },
  };
}
