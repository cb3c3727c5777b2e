import { checkPassword, InvalidCredentials } from '../domain/identity.js';
import type { Deps, RequestContext } from './ports.js';

/**
 * Other sessions are signed out: a changed password must lock out whoever knew the old one.
 * @throws InvalidCredentials | InvalidInput
 */
export async function changePassword(
  deps: Deps,
  session: { userId: string; tokenHash: string },
  input: { currentPassword: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  const user = await deps.store.users.findById(session.userId);
  const stored = user && (await deps.store.users.findByEmail(user.email));
  if (!stored || !(await deps.passwords.verify(stored.passwordHash, input.currentPassword))) {
    throw new InvalidCredentials();
  }
  checkPassword(input.newPassword, 'newPassword');
  const passwordHash = await deps.passwords.hash(input.newPassword);
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    await store.users.updatePassword(stored.id, passwordHash, now);
    await store.sessions.deleteForUser(stored.id, session.tokenHash);
    await store.securityEvents.append({
      kind: 'password_changed',
      actorUserId: stored.id,
      subject: stored.email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: now,
    });
  });
}
