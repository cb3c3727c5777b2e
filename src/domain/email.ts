export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'held';

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const MAX_DELIVERY_ATTEMPTS = 8;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at one hour. */
export function nextAttemptDelayMs(attemptsSoFar: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attemptsSoFar - 1), 3_600_000);
}
