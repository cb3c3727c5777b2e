/**
 * Guidance towards a role: the competency gap between a role profile and what a learner's
 * credentials certify, and the micro-credentials that would close the most of it per learning
 * hour (1 credit = 10 notional learning hours).
 *
 * Ranking of recommendNext, in order:
 * 1. unblocked before blocked (a pathway prerequisite not yet met);
 * 2. when a pathway is given, micro-credentials that would meet one of its remaining requirements
 *    before the rest: a learner who chose a pathway sees its next steps first, then other ways to
 *    close the gap (a tier, not a numeric bonus, so `score` stays gapClosed per hour);
 * 3. score (gapClosed per learning hour), highest first;
 * 4. fewer hours, then code, so equal candidates always come out in the same order.
 *
 * Complexity: with E catalogue entries of at most c competencies each, R role requirements, H held
 * credentials and a pathway of N nodes, recommendNext is O(R + H·c + N + E·c + E log E): competency
 * look-ups go through maps, never role × catalogue loops. 500 entries × 40 requirements is a few
 * thousand map look-ups.
 */
import type { PathwayProgress } from './pathway-progress.js';
import { compareText, competencyMatchKey } from './pathway-requirements.js';
import type {
  CatalogueEntry,
  HeldCredential,
  PathwayDefinition,
  Requirement,
  RoleProfile,
  RoleRequirement,
} from './pathways.js';

/** Notional learning hours per credit (NZQA). */
export const HOURS_PER_CREDIT = 10;

export interface CompetencyLevel {
  frameworkId: string;
  code: string;
  level: number;
}

export interface CompetencyGapItem {
  frameworkId: string;
  code: string;
  importance: RoleRequirement['importance'];
  required: number;
  /** The highest level an active credential certifies; 0 when none does. */
  held: number;
  /** The learner's own highest estimate, or null when they have not given one. */
  selfAssessed: number | null;
  /** required − held, at least 0. Self-assessment does not close a gap: only credentials do. */
  gap: number;
}

/** One line per role requirement, in the role's order. */
export function competencyGap(
  role: RoleProfile,
  held: readonly HeldCredential[],
  selfAssessed: readonly CompetencyLevel[],
): CompetencyGapItem[] {
  const heldLevels = activeLevels(held);
  const selfLevels = highestLevels(selfAssessed);
  return role.requirements.map((r) => {
    const key = competencyMatchKey(r.frameworkId, r.code);
    const level = heldLevels.get(key) ?? 0;
    return {
      frameworkId: r.frameworkId,
      code: r.code,
      importance: r.importance,
      required: r.level,
      held: level,
      selfAssessed: selfLevels.get(key) ?? null,
      gap: Math.max(0, r.level - level),
    };
  });
}

export interface RecommendInput {
  role: RoleProfile;
  catalogue: ReadonlyMap<string, CatalogueEntry>;
  held: readonly HeldCredential[];
  selfAssessed: readonly CompetencyLevel[];
  /** The learner's target pathway and their progress on it (evaluatePathway). */
  pathway?: { def: PathwayDefinition; progress: PathwayProgress };
  /** At most this many recommendations; 0 or less gives none. */
  limit: number;
}

export interface Recommendation {
  achievementId: string;
  code: string;
  title: string;
  credits: number;
  hours: number;
  /** Σ over the role's requirements of the levels this would add, each capped at the required level. */
  gapClosed: number;
  /** gapClosed per learning hour (per hour of a 1-hour credential when credits are 0). */
  score: number;
  /** Titles of the pathway steps that must be met first; empty when none, or off the pathway. */
  blockedBy: string[];
  /** Would meet a remaining requirement of the given pathway. */
  onPathway: boolean;
  /**
   * Recognition of prior learning is worth asking about: the learner's self-assessment reaches
   * every level it certifies, or one credential they hold (active or expired) certifies more than
   * half of its competencies at those levels.
   */
  rplLikely: boolean;
  /** One plain sentence for the learner. */
  reason: string;
}

/**
 * The next micro-credentials worth taking for a role, best first (see the module comment for the
 * ranking). Published micro-credentials only; those the learner holds an active credential of are
 * left out, and so are those that neither close any of the gap nor meet a remaining pathway
 * requirement.
 */
export function recommendNext(input: RecommendInput): Recommendation[] {
  const { role, catalogue, held, selfAssessed, pathway } = input;
  const limit = Math.floor(input.limit);
  if (!(limit > 0)) return [];

  const heldLevels = activeLevels(held);
  const selfLevels = highestLevels(selfAssessed);
  const holding = new Set(held.filter((c) => c.state === 'active').map((c) => c.achievementId));
  // Credentials that still evidence prior learning: an expired one does, a revoked or suspended one does not.
  const evidence = held
    .filter((c) => c.state === 'active' || c.state === 'expired')
    .map((c) => highestLevels(c.competencies));
  const roleNeeds = new Map<string, number>();
  for (const r of role.requirements) {
    const key = competencyMatchKey(r.frameworkId, r.code);
    roleNeeds.set(key, Math.max(r.level, roleNeeds.get(key) ?? 0));
  }
  const steps = pathway ? pathwaySteps(pathway, catalogue) : new Map<string, string[][]>();

  const candidates: (Recommendation & { tier: number })[] = [];
  for (const entry of catalogue.values()) {
    if (entry.publishedVersion === null || holding.has(entry.achievementId)) continue;
    const certifies = highestLevels(entry.competencies);
    let gapClosed = 0;
    const closes: string[] = [];
    for (const [key, level] of certifies) {
      const required = roleNeeds.get(key);
      if (required === undefined) continue;
      const adds = Math.max(0, Math.min(required, level) - (heldLevels.get(key) ?? 0));
      if (adds > 0) {
        gapClosed += adds;
        closes.push(codeOf(key));
      }
    }
    const blockerSets = steps.get(entry.achievementId);
    const onPathway = blockerSets !== undefined;
    if (gapClosed === 0 && !onPathway) continue;
    const blockedBy = blockerSets ? fewest(blockerSets) : [];
    const hours = entry.credits * HOURS_PER_CREDIT;
    const rplLikely = isRplLikely(certifies, selfLevels, evidence);
    candidates.push({
      achievementId: entry.achievementId,
      code: entry.code,
      title: entry.title,
      credits: entry.credits,
      hours,
      gapClosed,
      score: gapClosed / Math.max(hours, 1),
      blockedBy,
      onPathway,
      rplLikely,
      reason: reasonFor({ role, gapClosed, closes, hours, onPathway, blockedBy, rplLikely }),
      tier: (blockedBy.length > 0 ? 2 : 0) + (onPathway ? 0 : 1),
    });
  }

  candidates.sort(
    (a, b) => a.tier - b.tier || b.score - a.score || a.hours - b.hours || compareText(a.code, b.code),
  );
  return candidates.slice(0, limit).map(({ tier: _tier, ...recommendation }) => recommendation);
}

/** Competency key → highest level among active credentials. */
function activeLevels(held: readonly HeldCredential[]): Map<string, number> {
  return highestLevels(held.filter((c) => c.state === 'active').flatMap((c) => c.competencies));
}

function highestLevels(levels: readonly CompetencyLevel[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const c of levels) {
    const key = competencyMatchKey(c.frameworkId, c.code);
    map.set(key, Math.max(c.level, map.get(key) ?? -Infinity));
  }
  return map;
}

function codeOf(key: string): string {
  return key.slice(key.indexOf('\n') + 1);
}

function isRplLikely(
  certifies: ReadonlyMap<string, number>,
  selfLevels: ReadonlyMap<string, number>,
  evidence: readonly ReadonlyMap<string, number>[],
): boolean {
  if (certifies.size === 0) return false;
  const reaches = (levels: ReadonlyMap<string, number>, key: string, level: number): boolean =>
    (levels.get(key) ?? -Infinity) >= level;
  if ([...certifies].every(([key, level]) => reaches(selfLevels, key, level))) return true;
  return evidence.some((levels) => {
    let count = 0;
    for (const [key, level] of certifies) if (reaches(levels, key, level)) count++;
    return count * 2 > certifies.size;
  });
}

/**
 * Achievement id → for each unmet pathway leaf it would meet, the titles of that leaf's unmet
 * prerequisites (those on the leaf itself or on any group above it). Only remaining leaves count.
 */
function pathwaySteps(
  pathway: NonNullable<RecommendInput['pathway']>,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
): Map<string, string[][]> {
  const { def, progress } = pathway;
  const nodes = new Map<string, { req: Requirement; ancestors: string[] }>();
  const index = (req: Requirement, ancestors: string[]): void => {
    if (!nodes.has(req.id)) nodes.set(req.id, { req, ancestors });
    if (req.kind === 'all' || req.kind === 'n_of')
      for (const item of req.items) index(item, [...ancestors, req.id]);
  };
  index(def.requirements, []);
  const met = new Set<string>();
  const collect = (node: PathwayProgress['root']): void => {
    if (node.met) met.add(node.id);
    node.children.forEach(collect);
  };
  collect(progress.root);
  const after = new Map<string, string[]>();
  for (const p of def.prerequisites) after.set(p.step, [...(after.get(p.step) ?? []), ...p.after]);

  const steps = new Map<string, string[][]>();
  for (const leaf of progress.remaining) {
    const place = nodes.get(leaf.id);
    const blockers = [leaf.id, ...(place?.ancestors ?? [])]
      .flatMap((id) => after.get(id) ?? [])
      .filter((id) => !met.has(id));
    const titles = [...new Set(blockers)].map((id) => titleOf(nodes.get(id)?.req, id, catalogue));
    for (const option of leaf.options) {
      steps.set(option.achievementId, [...(steps.get(option.achievementId) ?? []), titles]);
    }
  }
  return steps;
}

function fewest(sets: readonly string[][]): string[] {
  let best: string[] | undefined;
  for (const set of sets) if (best === undefined || set.length < best.length) best = set;
  return best ?? [];
}

function titleOf(
  req: Requirement | undefined,
  id: string,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
): string {
  if (req === undefined) return id;
  switch (req.kind) {
    case 'achievement':
      return catalogue.get(req.achievementId)?.title ?? req.achievementId;
    case 'competency':
      return `${req.code} at level ${req.minLevel} or above`;
    case 'all':
    case 'n_of':
      return req.label ?? id;
  }
}

function reasonFor(r: {
  role: RoleProfile;
  gapClosed: number;
  closes: readonly string[];
  hours: number;
  onPathway: boolean;
  blockedBy: readonly string[];
  rplLikely: boolean;
}): string {
  const parts: string[] = [];
  if (r.onPathway) parts.push('It is a next step on your pathway');
  if (r.gapClosed > 0) {
    const named = r.closes.length > 3 ? `${r.closes.slice(0, 3).join(', ')} and more` : joinAnd(r.closes);
    parts.push(
      `it closes ${r.gapClosed} ${r.gapClosed === 1 ? 'level' : 'levels'} of your gap for ${r.role.title} (${named}) in about ${r.hours} hours`,
    );
  } else {
    parts.push(`it adds nothing new for ${r.role.title} but counts towards the pathway`);
  }
  if (r.blockedBy.length > 0) parts.push(`take it after ${joinAnd(r.blockedBy)}`);
  if (r.rplLikely) parts.push('you may be able to get it through recognition of prior learning');
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
