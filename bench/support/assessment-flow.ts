/**
 * What bench/assessment.ts and its worker processes share: the use cases' dependencies with one
 * key vault for every process, the people as actors, and one decision taken end to end through
 * the real use cases (decide → moderate → credential issued and stored).
 */
import { createHash } from 'node:crypto';
import { decide } from '../../src/app/assessing.js';
import { moderate } from '../../src/app/moderating.js';
import type { Deps } from '../../src/app/ports.js';
import { createVault } from '../../src/credentials/key-vault.js';
import type { Actor } from '../../src/domain/actor.js';
import type { BenchDatabase } from './databases.js';

/**
 * Issuer keys are sealed by the vault: every process of one run (the benchmark and its workers)
 * must open them, so they share one master key instead of the random one each would make.
 */
const VAULT_KEY = createHash('sha256').update('cairn assessment bench vault').digest();

export function sharedDeps(target: BenchDatabase): Deps {
  return { ...target.deps, vault: createVault(new Uint8Array(VAULT_KEY)) };
}

/** A person as the web app's session would present them. */
export async function actorFor(deps: Deps, userId: string): Promise<Actor> {
  const user = await deps.store.users.findById(userId);
  if (!user) throw new Error(`assessment bench: no user ${userId}`);
  return { kind: 'user', user, rolesByOrganisation: await deps.store.memberships.rolesOf(user.id) };
}

/** One job for a process: who decides and moderates which submissions. */
export interface FlowJob {
  /** Assessors take turns, decision by decision. */
  assessorIds: string[];
  moderatorId: string;
  criterionIds: string[];
  warmUp: string[];
  measured: string[];
}

/** Milliseconds for one submission: the decision, the moderation (which issues), both. */
export interface FlowSample {
  decide: number;
  moderate: number;
  total: number;
}

export interface FlowActors {
  assessors: Actor[];
  moderator: Actor;
}

export async function flowActors(deps: Deps, job: FlowJob): Promise<FlowActors> {
  return {
    assessors: await Promise.all(job.assessorIds.map((id) => actorFor(deps, id))),
    moderator: await actorFor(deps, job.moderatorId),
  };
}

/**
 * One queued submission through to a stored credential: `decide` (competent, every criterion met)
 * by an approved assessor; the policy holds it for moderation; the moderator finds the pending
 * moderation of the submission (what the submission view shows them) and confirms it, which
 * issues and stores the signed credential.
 * @throws when any step does not end where the policy says it must
 */
export async function decideAndModerate(
  deps: Deps,
  assessor: Actor,
  moderator: Actor,
  submissionId: string,
  criterionIds: readonly string[],
): Promise<FlowSample> {
  const began = performance.now();
  const decided = await decide(deps, assessor, submissionId, {
    outcome: 'competent',
    feedback: 'Every criterion is met: the evidence is specific, current and the learner’s own work.',
    rubric: criterionIds.map((criterionId) => ({ criterionId, met: true, feedback: '' })),
  });
  if (decided.state !== 'awaiting_moderation')
    throw new Error(
      `assessment bench: decide left ${submissionId} ${decided.state}, not awaiting_moderation`,
    );
  const decidedAt = performance.now();
  const pending = (await deps.store.assessment.moderationsFor(submissionId)).find((m) => m.outcome === null);
  if (!pending) throw new Error(`assessment bench: no pending moderation for ${submissionId}`);
  const done = await moderate(deps, moderator, pending.id, { outcome: 'confirmed', reason: '' });
  if (done.state !== 'competent' || !done.credentialId)
    throw new Error(
      `assessment bench: moderation left ${submissionId} ${done.state}, credential ${String(done.credentialId)}`,
    );
  const finished = performance.now();
  return { decide: decidedAt - began, moderate: finished - decidedAt, total: finished - began };
}
