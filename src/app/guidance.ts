/**
 * Guidance for a learner: their target, their competency gap against a role (from credentials
 * held and, marked as such, self-assessment), the next micro-credentials worth the most per
 * learning hour, and the mentors Cairn knows.
 */
import type { Actor } from '../domain/actor.js';
import { InvalidFields, NotFound, SignInRequired } from '../domain/errors.js';
import { evaluatePathway } from '../domain/pathway-progress.js';
import { competencyGap, recommendNext } from '../domain/recommendations.js';
import type { Deps } from './ports.js';
import { loadCatalogue } from './pathways.js';

function learnerOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new SignInRequired();
  return actor.user.id;
}

export async function getMyTarget(deps: Deps, actor: Actor) {
  const target = await deps.store.pathways.target(learnerOf(actor));
  return target ?? { roleId: null, pathwayId: null };
}

/** @throws InvalidFields when the role or pathway does not exist */
export async function setMyTarget(
  deps: Deps,
  actor: Actor,
  target: { roleId: string | null; pathwayId: string | null },
) {
  const learnerId = learnerOf(actor);
  const problems: { path: string; message: string }[] = [];
  if (target.roleId && !(await deps.store.pathways.findRole(target.roleId))) {
    problems.push({ path: '/roleId', message: 'No such role profile.' });
  }
  let roleId = target.roleId;
  if (target.pathwayId) {
    const published = (await deps.store.pathways.listVersions(target.pathwayId)).find(
      (v) => v.status === 'published',
    );
    if (!published) problems.push({ path: '/pathwayId', message: 'No published pathway with that id.' });
    // A pathway leads to a role: aiming for the pathway aims for its role unless another is named.
    roleId ??= published?.targetRoleId ?? null;
  }
  if (problems.length > 0) throw new InvalidFields(problems);
  await deps.store.pathways.setTarget(learnerId, { roleId, pathwayId: target.pathwayId }, deps.clock.now());
  return { roleId, pathwayId: target.pathwayId };
}

export async function getMySelfAssessment(deps: Deps, actor: Actor) {
  return deps.store.pathways.selfAssessment(learnerOf(actor));
}

/** Replaces the learner's self-assessment. @throws InvalidFields */
export async function setMySelfAssessment(
  deps: Deps,
  actor: Actor,
  items: readonly { frameworkId: string; code: string; level: number }[],
) {
  const learnerId = learnerOf(actor);
  const known = new Map(
    (
      await deps.store.frameworks.competencies(
        [...new Set(items.map((i) => i.frameworkId))].filter((id) => /^[0-9a-f-]{36}$/i.test(id)),
      )
    ).map((c) => [`${c.frameworkId}:${c.code.toUpperCase()}`, c]),
  );
  const sizes = await deps.store.frameworks.scaleSizes();
  const problems: { path: string; message: string }[] = [];
  items.forEach((item, i) => {
    if (!known.has(`${item.frameworkId}:${item.code.toUpperCase()}`)) {
      problems.push({
        path: `/items/${String(i)}/code`,
        message: `No competency ${item.code} in that framework.`,
      });
    }
    const size = sizes.get(item.frameworkId) ?? 5;
    if (!Number.isInteger(item.level) || item.level < 1 || item.level > size) {
      problems.push({
        path: `/items/${String(i)}/level`,
        message: `Choose a level from 1 to ${String(size)}.`,
      });
    }
  });
  if (problems.length > 0) throw new InvalidFields(problems);
  await deps.store.pathways.replaceSelfAssessment(learnerId, items, deps.clock.now());
  return deps.store.pathways.selfAssessment(learnerId);
}

/**
 * The gap against a role (the given one, else the learner's target), ranked recommendations and
 * mentors. @throws NotFound when no role is named or targeted
 */
export async function getMyGuidance(deps: Deps, actor: Actor, roleId?: string) {
  const learnerId = learnerOf(actor);
  const target = await deps.store.pathways.target(learnerId);
  const id = roleId ?? target?.roleId ?? undefined;
  if (!id) throw new NotFound('target role', 'none chosen yet');
  const role = await deps.store.pathways.findRole(id);
  if (!role) throw new NotFound('role profile', id);
  const [catalogue, heldByLearner, selfAssessed, mentors, competencyNames] = await Promise.all([
    loadCatalogue(deps.store),
    deps.store.pathways.heldCredentials([learnerId], deps.clock.now()),
    deps.store.pathways.selfAssessment(learnerId),
    deps.store.pathways.mentors(),
    deps.store.frameworks.competencies([...new Set(role.requirements.map((r) => r.frameworkId))]),
  ]);
  const held = heldByLearner.get(learnerId) ?? [];
  let pathway;
  if (target?.pathwayId) {
    const published = (await deps.store.pathways.listVersions(target.pathwayId)).find(
      (v) => v.status === 'published',
    );
    if (published)
      pathway = {
        def: published.definition,
        progress: evaluatePathway(published.definition, catalogue, held),
      };
  }
  const names = new Map(competencyNames.map((c) => [`${c.frameworkId}:${c.code.toUpperCase()}`, c.name]));
  return {
    role,
    gap: competencyGap(role, held, selfAssessed).map((g) => ({
      ...g,
      name: names.get(`${g.frameworkId}:${g.code.toUpperCase()}`) ?? g.code,
    })),
    recommendations: recommendNext({
      role,
      catalogue,
      held,
      selfAssessed,
      ...(pathway ? { pathway } : {}),
      limit: 8,
    }),
    mentors: mentors.filter((m) => m.id !== learnerId),
  };
}
