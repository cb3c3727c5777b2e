import { checkDisplayName, checkEmail, checkPassword, EmailTaken, type User } from '../domain/identity.js';
import type { Deps, RequestContext } from './ports.js';
import { startSession, type NewSession } from './sessions.js';

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
}

/** @throws InvalidInput | EmailTaken */
export async function signUp(
  deps: Deps,
  input: SignUpInput,
  ctx: RequestContext,
): Promise<{ user: User; session: NewSession }> {
  const email = checkEmail(input.email);
  const name = checkDisplayName(input.name);
  checkPassword(input.password);
  const passwordHash = await deps.passwords.hash(input.password);
  return deps.store.transaction(async (store) => {
    const user = await store.users.insert({ email, name, passwordHash, isPlatformAdmin: false });
    if (!user) throw new EmailTaken();
    await store.securityEvents.append({
      kind: 'sign_up',
      actorUserId: user.id,
      subject: email,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: deps.clock.now(),
    });
    const session = await startSession(deps, store, user, ctx);
    return { user, session };
  });
}
