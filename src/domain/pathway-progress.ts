/**
 * A learner's progress on a pathway: which requirements the credentials they hold meet, how many
 * credits of the way they are, and what is still needed.
 *
 * Only `active` credentials count (expired, suspended and revoked ones do not); credentials earned
 * through recognition of prior learning count like any other.
 *
 * Credits
 * - achievement leaf: the catalogue credits of its micro-credential (0 when it is not in the
 *   catalogue); competency leaf: the fewest credits among the published micro-credentials that
 *   would meet it (0 when none would). A leaf's requiredCredits never depends on what the learner
 *   holds: meeting a competency leaf with a bigger credential than needed earns the leaf's credits,
 *   not more, so a larger credential cannot make other progress look smaller.
 * - `all`: required and earned are the sums over its items.
 * - `n_of`: required is the sum of the n smallest items' required credits (the cheapest way to
 *   complete it). Earned pairs those n cheapest slots with the n most advanced items: the item
 *   furthest along (as a share of its own required credits, 1 when met) fills the cheapest slot,
 *   and so on: earned = Σᵢ requiredᵢ(cheapest first) × shareᵢ(largest first). So a node's earned
 *   equals its required exactly when it is met (given items worth more than 0 credits), which
 *   "min(required, Σ n largest earned)" would not give: with options worth 1, 1 and 10 and n = 2,
 *   holding only the 10-credit one would show 2 of 2 credits for an unmet choice.
 *
 * percentComplete = 100 when the tree is met; otherwise round(100 × earned / required), at most 99
 * (so 100 means met and nothing else: a tree 99.6% of the way is not done), and 0 when nothing is
 * required yet the tree is unmet (a requirement nobody can meet).
 *
 * Adding an active credential never lowers percentComplete nor un-meets a node, and losing one
 * (revoked, expired, suspended) never raises it: every node's met and earned only grow as
 * credentials are added, and required does not change.
 */
import type {
  CatalogueEntry,
  HeldCredential,
  PathwayDefinition,
  Requirement,
  RequirementKind,
} from './pathways.js';
import { competencyMatchKey, satisfyingEntries } from './pathway-requirements.js';
import { compareSemver } from './semver.js';

/** A micro-credential that would meet an unmet leaf. */
export interface PathwayOption {
  achievementId: string;
  code: string;
  title: string;
  credits: number;
}

/** Where a node sits inside a choice ("choose n of …"), so a UI can group the options. */
export interface ChoicePlace {
  /** The n_of group. */
  groupId: string;
  /** The item of that group this node is, or lies within. */
  optionId: string;
  n: number;
  /** How many more items of the group must be met; 0 once it is met. */
  stillNeeded: number;
}

export interface NodeProgress {
  id: string;
  kind: RequirementKind;
  met: boolean;
  /** Active credentials meeting this node: for a leaf, every one that qualifies; for a group, those of its met items. */
  metBy: string[];
  requiredCredits: number;
  /** requiredCredits when met; otherwise the credits of progress, rounded down to 0.1 and below requiredCredits. */
  earnedCredits: number;
  children: NodeProgress[];
  /** For unmet leaves: the published micro-credentials that would meet it, cheapest first. Empty otherwise. */
  options: PathwayOption[];
  /** The nearest enclosing choice, or null when the node is not inside an n_of group. */
  choice: ChoicePlace | null;
}

export interface PathwayProgress {
  root: NodeProgress;
  met: boolean;
  /** Integer 0..100; 100 exactly when met. */
  percentComplete: number;
  /** Met leaves, in document order. */
  metRequirements: NodeProgress[];
  /**
   * Unmet leaves still needed: those with no met group above them. Every unmet option of an unmet
   * choice is listed; `choice` says how many of them are needed.
   */
  remaining: NodeProgress[];
}

type Catalogue = ReadonlyMap<string, CatalogueEntry>;

interface Evaluated {
  node: NodeProgress;
  /** Earned credits before rounding for display. */
  earned: number;
}

/** Evaluates a pathway against the credentials a learner holds. Pure; never throws on odd input. */
export function evaluatePathway(
  def: PathwayDefinition,
  catalogue: Catalogue,
  held: readonly HeldCredential[],
): PathwayProgress {
  const active = held.filter((c) => c.state === 'active');
  const byAchievement = new Map<string, HeldCredential[]>();
  const byCompetency = new Map<string, { credentialId: string; level: number }[]>();
  for (const credential of active) {
    const list = byAchievement.get(credential.achievementId) ?? [];
    list.push(credential);
    byAchievement.set(credential.achievementId, list);
    for (const c of credential.competencies) {
      const key = competencyMatchKey(c.frameworkId, c.code);
      const certifying = byCompetency.get(key) ?? [];
      certifying.push({ credentialId: credential.credentialId, level: c.level });
      byCompetency.set(key, certifying);
    }
  }

  const evaluate = (req: Requirement): Evaluated => {
    switch (req.kind) {
      case 'achievement': {
        const entry = catalogue.get(req.achievementId);
        const metBy = (byAchievement.get(req.achievementId) ?? [])
          .filter((c) => req.minVersion === undefined || atLeast(c.version, req.minVersion))
          .map((c) => c.credentialId);
        return leaf(req, entry?.credits ?? 0, unique(metBy), satisfyingEntries(req, catalogue));
      }
      case 'competency': {
        const options = satisfyingEntries(req, catalogue);
        const metBy = (byCompetency.get(competencyMatchKey(req.frameworkId, req.code)) ?? [])
          .filter((c) => c.level >= req.minLevel)
          .map((c) => c.credentialId);
        return leaf(req, options[0]?.credits ?? 0, unique(metBy), options);
      }
      case 'all': {
        const items = req.items.map(evaluate);
        const required = sum(items.map((i) => i.node.requiredCredits));
        const met = items.every((i) => i.node.met);
        return group(req, items, met, required, met ? required : sum(items.map((i) => i.earned)));
      }
      case 'n_of': {
        const items = req.items.map(evaluate);
        const n = Math.min(Math.max(0, Math.ceil(req.n)), items.length);
        const cheapest = items
          .map((i) => i.node.requiredCredits)
          .sort((a, b) => a - b)
          .slice(0, n);
        const furthest = items.map(share).sort((a, b) => b - a);
        const required = sum(cheapest);
        const met = items.filter((i) => i.node.met).length >= req.n;
        const earned = met ? required : sum(cheapest.map((credits, i) => credits * (furthest[i] ?? 0)));
        return group(req, items, met, required, Math.min(earned, required));
      }
    }
  };

  const { node: root, earned } = evaluate(def.requirements);
  placeChoices(root, def.requirements, null);

  const metRequirements: NodeProgress[] = [];
  const remaining: NodeProgress[] = [];
  const collect = (node: NodeProgress, underMet: boolean): void => {
    if (node.children.length === 0 && (node.kind === 'achievement' || node.kind === 'competency')) {
      if (node.met) metRequirements.push(node);
      else if (!underMet) remaining.push(node);
      return;
    }
    for (const child of node.children) collect(child, underMet || node.met);
  };
  collect(root, false);

  return {
    root,
    met: root.met,
    percentComplete: percentOf(root.met, earned, root.requiredCredits),
    metRequirements,
    remaining,
  };
}

function percentOf(met: boolean, earned: number, required: number): number {
  if (met) return 100;
  if (!(required > 0)) return 0;
  return Math.min(99, Math.max(0, Math.round((100 * earned) / required)));
}

function leaf(
  req: Extract<Requirement, { kind: 'achievement' | 'competency' }>,
  required: number,
  metBy: string[],
  options: readonly CatalogueEntry[],
): Evaluated {
  const met = metBy.length > 0;
  return {
    node: {
      id: req.id,
      kind: req.kind,
      met,
      metBy,
      requiredCredits: required,
      earnedCredits: met ? required : 0,
      children: [],
      options: met
        ? []
        : options.map((e) => ({
            achievementId: e.achievementId,
            code: e.code,
            title: e.title,
            credits: e.credits,
          })),
      choice: null,
    },
    earned: met ? required : 0,
  };
}

function group(
  req: Extract<Requirement, { kind: 'all' | 'n_of' }>,
  items: readonly Evaluated[],
  met: boolean,
  required: number,
  earned: number,
): Evaluated {
  return {
    node: {
      id: req.id,
      kind: req.kind,
      met,
      metBy: unique(items.filter((i) => i.node.met).flatMap((i) => i.node.metBy)),
      requiredCredits: required,
      earnedCredits: met ? required : shown(earned, required),
      children: items.map((i) => i.node),
      options: [],
      choice: null,
    },
    earned: met ? required : earned,
  };
}

/** How far along an item is, 0..1; 1 exactly when met. */
function share(item: Evaluated): number {
  if (item.node.met) return 1;
  const required = item.node.requiredCredits;
  return required > 0 ? Math.min(item.earned / required, 1) : 0;
}

/** Rounded down to 0.1 and kept below required, so an unmet node never shows "5 of 5 credits". */
function shown(earned: number, required: number): number {
  if (!(required > 0)) return 0;
  const rounded = Math.floor(earned * 10 + 1e-9) / 10;
  return Math.max(0, Math.min(rounded, Math.round((required - 0.1) * 10) / 10));
}

function placeChoices(node: NodeProgress, req: Requirement, inherited: ChoicePlace | null): void {
  node.choice = inherited;
  if (req.kind !== 'all' && req.kind !== 'n_of') return;
  const stillNeeded = Math.max(
    0,
    Math.ceil(req.kind === 'n_of' ? req.n : 0) - node.children.filter((c) => c.met).length,
  );
  node.children.forEach((child, i) => {
    const item = req.items[i];
    if (item === undefined) return;
    const place =
      req.kind === 'n_of'
        ? { groupId: req.id, optionId: child.id, n: req.n, stillNeeded: node.met ? 0 : stillNeeded }
        : inherited;
    placeChoices(child, item, place);
  });
}

/** A version that cannot be compared (not MAJOR.MINOR.PATCH on either side) does not qualify. */
function atLeast(version: string, minVersion: string): boolean {
  try {
    return compareSemver(version, minVersion) >= 0;
  } catch {
    return false;
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
