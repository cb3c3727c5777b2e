import { normaliseEmail } from '../domain/identity.js';
import type { Deps, RequestContext } from './ports.js';
import { queueEmail } from './queue-email.js';

export const RESET_LIFETIME_MS = 60 * 60 * 1000;
const MAX_RESETS_PER_HOUR = 3;

/**
 * Always succeeds from the caller's view, so the answer never tells whether an account exists.
 * At most three links an hour per account, so the form cannot be used to flood an inbox.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }, ctx: RequestContext) {
  const email = normaliseEmail(input.email);
  const user = await deps.store.users.findByEmail(email);
  if (!user) return;
  const now = deps.clock.now();
  const recent = await deps.store.passwordResets.countSince(
    user.id,
    new Date(now.getTime() - RESET_LIFETIME_MS),
  );
  if (recent >= MAX_RESETS_PER_HOUR) return;
  const token = deps.secrets.randomToken();
  const link = `${deps.config.publicUrl}/reset-password?token=${token}`;
  await deps.store.transaction(async (store) => {
    await store.passwordResets.insert({
      tokenHash: deps.secrets.digest(token),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS),
    });
    await store.securityEvents.append({
      kind: 'password_reset_requested',
      actorUserId: user.id,
      subject: email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: now,
    });
    await queueEmail(deps, store, {
      to: email,
      kind: 'password_reset',
      subject: 'Reset your Cairn password',
      text:
        `Kia ora ${user.name},\n\nSomeone (hopefully you) asked to reset the password of your Cairn account.\n` +
        `Open this link within the next hour to choose a new password:\n\n${link}\n\n` +
        `If you did not ask for this, ignore this email: your password stays as it is.\n`,
    });
  });
}
