import { checkPassword, ResetTokenInvalid } from '../domain/identity.js';
import type { Deps, RequestContext } from './ports.js';

/** @throws ResetTokenInvalid | InvalidInput */
export async function resetPassword(
  deps: Deps,
  input: { token: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  checkPassword(input.newPassword, 'newPassword');
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const userId = await store.passwordResets.consume(deps.secrets.digest(input.token), now);
    if (!userId) throw new ResetTokenInvalid();
    await store.users.updatePassword(userId, passwordHash, now);
    // Whoever was signed in with the old password is signed out.
    await store.sessions.deleteForUser(userId);
    await store.securityEvents.append({
      kind: 'password_reset',
      actorUserId: userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: now,
    });
  });
}
