import { NotAllowed, SignInRequired } from '../domain/errors.js';
import type { Actor } from '../domain/actor.js';

/**
 * Turns a policy answer into a refusal. Anonymous callers are told to sign in rather than
 * "forbidden", so clients know what would help.
 * @throws SignInRequired | NotAllowed
 */
export function ensure(allowed: boolean, actor: Actor, action: string): void {
  if (allowed) return;
  if (actor.kind === 'anonymous') throw new SignInRequired();
  throw new NotAllowed(action);
}
