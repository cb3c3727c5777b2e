import type { Actor } from '../domain/actor.js';
import { MAX_DELIVERY_ATTEMPTS, nextAttemptDelayMs, type OutboxEmail } from '../domain/email.js';
import { ensure } from '../policies/ensure.js';
import { canReadOutbox } from '../policies/platform.js';
import type { Deps } from './ports.js';

/** @throws NotAllowed | SignInRequired */
export async function listOutbox(deps: Deps, actor: Actor, limit: number): Promise<OutboxEmail[]> {
  ensure(canReadOutbox(actor), actor, 'read the email outbox');
  return deps.store.outbox.list(limit);
}

export interface EmailSender {
  send(email: { to: string; subject: string; text: string }): Promise<void>;
}

const LEASE_MS = 5 * 60 * 1000;

/**
 * Sends what is due. A failed send is retried with exponential backoff and marked failed after
 * the last attempt, so nothing is dropped silently.
 * @returns how many were sent and how many failed this round.
 */
export async function deliverDueEmails(deps: Deps, sender: EmailSender, batch = 20) {
  const now = deps.clock.now();
  const due = await deps.store.outbox.claimDue(now, new Date(now.getTime() + LEASE_MS), batch);
  let sent = 0;
  let failed = 0;
  for (const email of due) {
    try {
      await sender.send(email);
      await deps.store.outbox.markSent(email.id, deps.clock.now());
      sent++;
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      const next =
        email.attempts >= MAX_DELIVERY_ATTEMPTS
          ? null
          : new Date(deps.clock.now().getTime() + nextAttemptDelayMs(email.attempts));
      await deps.store.outbox.markAttemptFailed(email.id, message, next);
    }
  }
  return { sent, failed };
}
