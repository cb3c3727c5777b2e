/**
 * What co-authoring micro-credentials and pathways share in use cases: checking the collaborating
 * organisations and the sign-offs publishing needs (rules in domain/version-workflow.ts).
 */
import type { Actor } from '../domain/actor.js';
import { InvalidFields, InvalidInput, NotFound } from '../domain/errors.js';
import {
  missingSignOffKinds,
  requiredSignOffKinds,
  SignOffsMissing,
  type SignOff,
} from '../domain/version-workflow.js';
import type { OrganisationKind } from '../domain/identity.js';
import { canSignOffFor, type DesignTeam } from '../policies/design-team.js';
import { ensure } from '../policies/ensure.js';
import type { Store } from './ports.js';

type Person = Extract<Actor, { kind: 'user' }>;

/** The acting person's id, for "who did it" columns; null for the platform and API keys. */
export const actingUserId = (actor: Actor | undefined): string | null =>
  actor?.kind === 'user' ? actor.user.id : null;

/**
 * The collaborating organisations, without the owner and repeats.
 * @throws InvalidFields when one does not exist
 */
export async function checkCollaborators(
  store: Store,
  ownerId: string,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)].filter((id) => id !== ownerId);
  for (const [i, id] of unique.entries()) {
    if (!(await store.organisations.findById(id))) {
      throw new InvalidFields([
        { path: `/collaboratorIds/${String(i)}`, message: `No organisation with id ${id}.` },
      ]);
    }
  }
  return unique;
}

/** The organisation kinds whose sign-off the owner requires (its setting, else the default). */
export async function ownerRequiredSignOffKinds(store: Store, ownerId: string): Promise<OrganisationKind[]> {
  return requiredSignOffKinds(await store.organisations.requiredSignOffKinds(ownerId));
}

/**
 * Publishing is allowed only once the current content carries a sign-off from each required kind.
 * @throws SignOffsMissing
 */
export async function ensureSignedOff(
  store: Store,
  ownerId: string,
  signOffs: readonly SignOff[],
  contentHash: string,
): Promise<void> {
  const missing = missingSignOffKinds(await ownerRequiredSignOffKinds(store, ownerId), signOffs, contentHash);
  if (missing.length > 0) throw new SignOffsMissing(missing);
}

/**
 * Only an author of one of the design team's organisations signs off, and only for that one.
 * @throws NotAllowed
 */
export function ensureMaySignOff(
  actor: Actor,
  team: DesignTeam,
  organisationId: string,
): asserts actor is Person {
  ensure(canSignOffFor(actor, team, organisationId), actor, 'sign off for that organisation');
  if (actor.kind !== 'user') throw new Error('unreachable: the policy admits only people');
}

/**
 * The sign-off the person gives for the organisation on this exact content.
 * @throws NotFound when the organisation is gone
 */
export async function signOffFor(
  store: Store,
  actor: Person,
  organisationId: string,
  contentHash: string,
  at: Date,
): Promise<SignOff> {
  const org = await store.organisations.findById(organisationId);
  if (!org) throw new NotFound('organisation', organisationId);
  return { userId: actor.user.id, organisationId, organisationKind: org.kind, contentHash, at };
}

/**
 * A review comment from the person, as it is stored.
 * @throws InvalidInput when there is nothing but white space
 */
export function reviewComment(actor: Person, body: string, at: Date) {
  const text = body.trim();
  if (text === '') throw new InvalidInput('body', 'Write a comment first.');
  return { authorId: actor.user.id, body: text, at };
}
