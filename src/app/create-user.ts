import { checkDisplayName, checkEmail, checkPassword, EmailTaken, type User } from '../domain/identity.js';
import type { Deps } from './ports.js';

/**
 * For operators at the command line: creates an account, or with `platformAdmin` on an existing
 * account grants platform admin. No actor: whoever can run the CLI already owns the database.
 * @throws InvalidInput | EmailTaken
 */
export async function createUser(
  deps: Deps,
  input: { email: string; name: string; password: string; platformAdmin: boolean },
): Promise<{ user: User; created: boolean }> {
  const email = checkEmail(input.email);
  const existing = await deps.store.users.findByEmail(email);
  const now = deps.clock.now();
  if (existing) {
    if (!input.platformAdmin) throw new EmailTaken();
    if (!existing.isPlatformAdmin) {
      await deps.store.transaction(async (store) => {
        await store.users.setPlatformAdmin(existing.id, true);
        await store.securityEvents.append({ kind: 'platform_admin_granted', subject: email, at: now });
      });
    }
    const { passwordHash: _, ...user } = existing;
    return { user: { ...user, isPlatformAdmin: true }, created: false };
  }
  const name = checkDisplayName(input.name);
  checkPassword(input.password);
  const passwordHash = await deps.passwords.hash(input.password);
  const user = await deps.store.transaction(async (store) => {
    const inserted = await store.users.insert({
      email,
      name,
      passwordHash,
      isPlatformAdmin: input.platformAdmin,
    });
    if (!inserted) throw new EmailTaken();
    await store.securityEvents.append({ kind: 'sign_up', actorUserId: inserted.id, subject: email, at: now });
    if (input.platformAdmin) {
      await store.securityEvents.append({ kind: 'platform_admin_granted', subject: email, at: now });
    }
    return inserted;
  });
  return { user, created: true };
}
