import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { OutboxEmail, OutboxStatus } from '../../domain/email.js';
import { MAX_DELIVERY_ATTEMPTS } from '../../domain/email.js';
import type { Orm } from '../db.js';
import { outboxEmails } from '../schema.js';

const toEmail = (r: typeof outboxEmails.$inferSelect): OutboxEmail => ({
  id: r.id,
  to: r.toAddress,
  subject: r.subject,
  text: r.bodyText,
  kind: r.kind,
  status: r.status as OutboxStatus,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt,
  sentAt: r.sentAt,
});

export function outboxRepository(db: Orm) {
  return {
    async enqueue(e: {
      to: string;
      subject: string;
      text: string;
      kind: string;
      status: OutboxStatus;
      at: Date;
    }) {
      const [row] = await db
        .insert(outboxEmails)
        .values({
          toAddress: e.to,
          subject: e.subject,
          bodyText: e.text,
          kind: e.kind,
          status: e.status,
          createdAt: e.at,
          nextAttemptAt: e.at,
        })
        .returning({ id: outboxEmails.id });
      if (!row) throw new Error('insert returned no row');
      return row.id;
    },
    async list(limit: number) {
      return (await db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit)).map(
        toEmail,
      );
    },
    async claimDue(now: Date, leaseUntil: Date, limit: number) {
      // SKIP LOCKED lets several app processes deliver side by side without sending twice.
      const due = db
        .select({ id: outboxEmails.id })
        .from(outboxEmails)
        .where(and(eq(outboxEmails.status, 'pending'), lte(outboxEmails.nextAttemptAt, now)))
        .orderBy(outboxEmails.nextAttemptAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(outboxEmails)
        .set({ nextAttemptAt: leaseUntil, attempts: sql`${outboxEmails.attempts} + 1` })
        .where(inArray(outboxEmails.id, due))
        .returning();
      return rows.map(toEmail);
    },
    async markSent(id: string, at: Date) {
      await db
        .update(outboxEmails)
        .set({ status: 'sent', sentAt: at, lastError: null })
        .where(eq(outboxEmails.id, id));
    },
    async markAttemptFailed(id: string, error: string, nextAttemptAt: Date | null) {
      await db
        .update(outboxEmails)
        .set(
          nextAttemptAt === null
            ? { status: 'failed', lastError: error.slice(0, 1000) }
            : { lastError: error.slice(0, 1000), nextAttemptAt },
        )
        .where(eq(outboxEmails.id, id));
    },
  };
}

export { MAX_DELIVERY_ATTEMPTS };
