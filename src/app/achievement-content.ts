import { checkAchievementContent, type FrameworkLookup } from '../domain/achievement-rules.js';
import { canonicalJson } from '../domain/version-workflow.js';
import type { AchievementContent } from '../domain/achievements.js';
import { InvalidFields } from '../domain/errors.js';
import type { CompetencyRef, VersionWrite } from './catalogue-ports.js';
import type { Deps, Store } from './ports.js';

/**
 * Checks content against the rules and the frameworks it aligns to, and prepares what storage
 * keeps beside it (competency ids, skill areas, search words, the digest sign-offs refer to).
 * @throws InvalidFields
 */
export async function prepareVersionWrite(
  deps: Pick<Deps, 'secrets' | 'clock'>,
  store: Store,
  content: AchievementContent,
  changeNote: string,
  /** A stacked credential is generated from its pathway, not authored: micro-credential limits (credits 1–40) do not apply. */
  options: { stack?: boolean } = {},
): Promise<VersionWrite> {
  const frameworkIds = [...new Set(content.competencies.map((c) => c.frameworkId))];
  const validIds = frameworkIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const [sizes, refs] = await Promise.all([
    store.frameworks.scaleSizes(),
    validIds.length > 0
      ? store.frameworks.competencies(
          validIds,
          content.competencies.map((c) => c.code),
        )
      : Promise.resolve([] as CompetencyRef[]),
  ]);
  const byKey = new Map(refs.map((r) => [`${r.frameworkId}:${r.code.toUpperCase()}`, r]));
  const lookup: FrameworkLookup = {
    scaleSize: (id) => sizes.get(id),
    competencyExists: (id, code) => byKey.has(`${id}:${code.toUpperCase()}`),
  };
  const issues = options.stack ? [] : checkAchievementContent(content, lookup);
  if (issues.length > 0) throw new InvalidFields(issues);
  const aligned = content.competencies.map((c) => byKey.get(`${c.frameworkId}:${c.code.toUpperCase()}`));
  const competencies = aligned.filter((r): r is CompetencyRef => r !== undefined);
  return {
    content,
    contentHash: deps.secrets.digest(canonicalJson(content)),
    changeNote: changeNote.trim(),
    competencyIds: competencies.map((r) => r.id),
    skillAreas: [...new Set(competencies.flatMap((r) => r.tags))].sort(),
    competencyText: competencies.map((r) => `${r.code} ${r.name}`).join(' '),
    at: deps.clock.now(),
  };
}
