import type { Actor } from '../domain/actor.js';
import { DomainError, NotFound } from '../domain/errors.js';
import { coverage, findOverlaps, topOverlaps, type OverlapSubject } from '../domain/overlap.js';
import { canEndorseFor, canReviewAchievement } from '../policies/achievements.js';
import { ensure } from '../policies/ensure.js';
import { designTeam, loadVersion } from './achievement-authoring.js';
import type {
  CatalogueEntry,
  CatalogueQuery,
  CompetencyRef,
  Endorsement,
  PublishedProfile,
} from './catalogue-ports.js';
import { endorsementCredentials } from './issue-credential.js';
import type { Deps } from './ports.js';
import { publicUrls } from './public-urls.js';

export interface CatalogueResult {
  items: (CatalogueEntry & {
    endorsements: Endorsement[];
    competencies: (CompetencyRef & { targetLevel: number })[];
  })[];
  total: number;
}

/** The public catalogue: published micro-credentials, searched, filtered, sorted and paged. */
export async function searchCatalogue(deps: Deps, query: CatalogueQuery): Promise<CatalogueResult> {
  const { items, total } = await deps.store.catalogue.search(query);
  const versionIds = items.map((i) => i.versionId);
  const frameworkIds = [...new Set(items.flatMap((i) => i.content.competencies.map((c) => c.frameworkId)))];
  const [endorsements, refs] = await Promise.all([
    deps.store.achievements.listEndorsements(versionIds),
    // Only the competencies on this page: a framework can hold thousands.
    frameworkIds.length > 0
      ? deps.store.frameworks.competencies(frameworkIds, [
          ...new Set(items.flatMap((i) => i.content.competencies.map((c) => c.code))),
        ])
      : Promise.resolve([]),
  ]);
  const byKey = new Map(refs.map((r) => [`${r.frameworkId}:${r.code.toUpperCase()}`, r]));
  return {
    total,
    items: items.map((item) => ({
      ...item,
      endorsements: endorsements.filter((e) => e.versionId === item.versionId),
      competencies: item.content.competencies.flatMap((c) => {
        const ref = byKey.get(`${c.frameworkId}:${c.code.toUpperCase()}`);
        return ref ? [{ ...ref, targetLevel: c.targetLevel }] : [];
      }),
    })),
  };
}

const asSubject = (p: PublishedProfile): OverlapSubject => ({
  id: p.achievementId,
  competencies: p.competencies.map((c) => ({ key: c.competencyId, level: c.level })),
  text: p.text,
});

export interface OverlapReportPair {
  score: number;
  competency: number;
  text: number;
  a: PublishedProfile;
  b: PublishedProfile;
  sharedCompetencies: { competency: CompetencyRef | undefined; levelA: number; levelB: number }[];
}

/**
 * Pairs of published micro-credentials that teach the same things, most similar first: where
 * training duplicates itself. Candidate pairs come from shared competencies and similar text, so
 * the catalogue is never compared all against all.
 */
export async function overlapReport(
  deps: Deps,
  options: { threshold: number; limit: number },
): Promise<{ pairs: OverlapReportPair[]; compared: number }> {
  const profiles = await deps.store.catalogue.publishedProfiles();
  const byId = new Map(profiles.map((p) => [p.achievementId, p]));
  const refs = new Map((await deps.store.frameworks.competencies()).map((r) => [r.id, r]));
  const pairs = findOverlaps(profiles.map(asSubject), {
    threshold: options.threshold,
    maxPairs: options.limit,
  });
  return {
    compared: profiles.length,
    pairs: pairs.flatMap((p) => {
      const a = byId.get(p.a);
      const b = byId.get(p.b);
      if (!a || !b) return [];
      return [
        {
          score: p.score,
          competency: p.competency,
          text: p.text,
          a,
          b,
          sharedCompetencies: p.sharedCompetencies.map((s) => ({
            competency: refs.get(s.key),
            levelA: s.levelA,
            levelB: s.levelB,
          })),
        },
      ];
    }),
  };
}

/**
 * While drafting: the published micro-credentials this version overlaps most
 * ("overlaps 72% with X from Y"). Its own earlier versions are left out.
 * @throws NotFound | NotAllowed
 */
export async function draftOverlaps(deps: Deps, actor: Actor, versionId: string, limit = 5) {
  const { version, achievement } = await loadVersion(deps.store, versionId);
  ensure(canReviewAchievement(actor, designTeam(achievement)), actor, 'see overlaps of this draft');
  const profiles = await deps.store.catalogue.publishedProfiles();
  const refs = await deps.store.frameworks.competencies([
    ...new Set(version.content.competencies.map((c) => c.frameworkId)),
  ]);
  const idFor = new Map(refs.map((r) => [`${r.frameworkId}:${r.code.toUpperCase()}`, r.id]));
  const draft: OverlapSubject = {
    id: achievement.id,
    competencies: version.content.competencies.flatMap((c) => {
      const id = idFor.get(`${c.frameworkId}:${c.code.toUpperCase()}`);
      return id ? [{ key: id, level: c.targetLevel }] : [];
    }),
    text: [
      version.content.title,
      version.content.summary,
      version.content.description,
      version.content.criteriaNarrative,
    ].join('\n'),
  };
  const byId = new Map(profiles.map((p) => [p.achievementId, p]));
  return topOverlaps(draft, profiles.map(asSubject), limit).flatMap((m) => {
    const p = byId.get(m.id);
    return p ? [{ score: m.score, profile: p }] : [];
  });
}

/** For each competency of a framework: how many published micro-credentials teach it (0 = a gap). */
export async function coverageReport(deps: Deps, frameworkId: string) {
  const framework = await deps.store.frameworks.find(frameworkId);
  if (!framework) throw new NotFound('framework', frameworkId);
  const refs = await deps.store.frameworks.competencies([frameworkId]);
  const profiles = await deps.store.catalogue.publishedProfiles();
  const { counts, uncovered } = coverage(
    refs.map((r) => r.id),
    profiles.map(asSubject),
  );
  const byCode = new Map(framework.content.competencies.map((c) => [c.code.toUpperCase(), c]));
  return {
    framework,
    competencies: refs.map((r) => ({
      ...r,
      groupCode: byCode.get(r.code.toUpperCase())?.groupCode ?? '',
      taughtBy: counts.get(r.id) ?? 0,
    })),
    uncovered: uncovered.length,
  };
}

export class AlreadyEndorsed extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'already-endorsed';
  readonly title = 'Already endorsed';

  constructor() {
    super('Your organisation already endorses this version.');
  }
}

export class NotEndorsable extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'not-endorsable';
  readonly title = 'Only published versions can be endorsed';

  constructor(status: string) {
    super(`This version is ${status.replace('_', ' ')}; endorse the published version.`, {
      versionStatus: status,
    });
  }
}

/**
 * A professional body (or another endorsing organisation) endorses one published version with a
 * statement. @throws NotFound | NotAllowed | NotEndorsable | AlreadyEndorsed
 */
export async function endorseVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  input: { organisationId: string; statement: string },
): Promise<string> {
  ensure(canEndorseFor(actor, input.organisationId), actor, 'endorse on behalf of that organisation');
  if (actor.kind !== 'user') throw new Error('unreachable: the policy admits only people');
  const { version } = await loadVersion(deps.store, versionId);
  if (version.status !== 'published') throw new NotEndorsable(version.status);
  const id = await deps.store.achievements.addEndorsement({
    versionId,
    organisationId: input.organisationId,
    endorsedBy: actor.user.id,
    statement: input.statement.trim(),
    at: deps.clock.now(),
  });
  if (!id) throw new AlreadyEndorsed();
  // The endorsement becomes a signed EndorsementCredential now, so it can be shown and embedded.
  await endorsementCredentials(deps, versionId, publicUrls(deps.config.publicUrl).achievement(versionId));
  return id;
}
