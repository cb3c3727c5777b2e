/**
 * A learner may name their own DID (from a wallet): credentials issued to them from then on name it
 * as the subject alongside the hashed email, so a wallet can prove holding them.
 */
import type { Actor } from '../domain/actor.js';
import { SignInRequired } from '../domain/errors.js';
import { checkDid } from '../domain/identity.js';
import type { Deps } from './ports.js';

export async function getMyDid(deps: Deps, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user') throw new SignInRequired();
  return deps.store.users.findDid(actor.user.id);
}

/** `null` forgets it. @throws InvalidInput, SignInRequired */
export async function setMyDid(deps: Deps, actor: Actor, did: string | null): Promise<string | null> {
  if (actor.kind !== 'user') throw new SignInRequired();
  const value = did === null || did.trim() === '' ? null : checkDid(did);
  await deps.store.users.setDid(actor.user.id, value);
  return value;
}
