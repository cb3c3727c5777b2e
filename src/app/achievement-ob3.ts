import type { Actor } from '../domain/actor.js';
import { buildAchievement } from '../credentials/ob3/achievement.js';
import { leaves } from '../domain/pathway-requirements.js';
import { getAchievement, type AchievementDetail } from './achievement-queries.js';
import { listFrameworks } from './frameworks.js';
import type { Deps } from './ports.js';
import { publicUrls } from './public-urls.js';

/**
 * A micro-credential version as an Open Badges 3.0 Achievement: by micro-credential id its
 * published version, by version id that version. What credentials embed and /ob3 serves.
 */
export async function getAchievementOb3(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ detail: AchievementDetail; achievement: ReturnType<typeof buildAchievement> }> {
  const d = await getAchievement(deps, actor, id);
  const titles = new Map((await listFrameworks(deps)).map((f) => [f.id, f.title]));
  const byKey = new Map(d.competencies.map((r) => [`${r.frameworkId}:${r.code.toUpperCase()}`, r]));
  const components = await stackComponents(deps, d.version.id);
  const achievement = buildAchievement(
    {
      versionId: d.version.id,
      version: d.version.version,
      content: d.version.content,
      creator: d.achievement.owner,
      competencies: d.version.content.competencies.map((a) => ({
        code: a.code,
        name: byKey.get(`${a.frameworkId}:${a.code.toUpperCase()}`)?.name ?? a.code,
        frameworkId: a.frameworkId,
        frameworkTitle: titles.get(a.frameworkId) ?? '',
        targetLevel: a.targetLevel,
      })),
      otherVersions: d.versions
        .filter((v) => v.id !== d.version.id && v.status !== 'draft' && v.status !== 'in_review')
        .map((v) => ({ versionId: v.id, version: v.version })),
      ...(components.length > 0 ? { components } : {}),
    },
    publicUrls(deps.config.publicUrl),
  );
  return { detail: d, achievement };
}

/** For a stacked credential's version: the published micro-credentials its pathway names. */
async function stackComponents(deps: Deps, versionId: string) {
  const pathway = await deps.store.pathways.findByStackVersion(versionId);
  if (!pathway) return [];
  // Named micro-credentials only: "any micro-credential certifying X" is not one component.
  const named = new Set(
    leaves(pathway.definition.requirements).flatMap((l) =>
      l.kind === 'achievement' ? [l.achievementId] : [],
    ),
  );
  const components = [];
  for (const id of named) {
    const published = (await deps.store.achievements.listVersions(id)).find((v) => v.status === 'published');
    if (published)
      components.push({
        versionId: published.id,
        code: published.content.code,
        title: published.content.title,
      });
  }
  return components;
}
