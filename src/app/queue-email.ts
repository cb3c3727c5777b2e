import type { Deps, Store } from './ports.js';

/**
 * Every email goes to the outbox first (in the caller's transaction), so a crash or an SMTP
 * outage never loses one. Without SMTP it is held there for an admin to read.
 */
export async function queueEmail(
  deps: Pick<Deps, 'clock' | 'config' | 'onEmailQueued'>,
  store: Store,
  email: { to: string; subject: string; text: string; kind: string },
): Promise<void> {
  await store.outbox.enqueue({
    ...email,
    status: deps.config.emailDelivery === 'smtp' ? 'pending' : 'held',
    at: deps.clock.now(),
  });
  deps.onEmailQueued?.(email);
}
