/**
 * The meaning of a pathway's requirement tree: whether it can be completed at all
 * (checkPathwayDefinition), which micro-credentials take part in it (componentAchievementIds) and
 * what completing it would certify against a role profile (roleCoverage).
 *
 * Shape (kinds, types, missing fields) is parsePathwayDefinition's job in pathways.ts; this module
 * assumes a well-typed definition and looks at what it says.
 */
import { InvalidFields, InvalidInput } from './errors.js';
import type {
  CatalogueEntry,
  PathwayDefinition,
  Prerequisite,
  Requirement,
  RoleProfile,
  RoleRequirement,
} from './pathways.js';
import { compareSemver, parseSemver } from './semver.js';

/** Groups (all, n_of) may sit at depths 0..5 below the root, as parsePathwayDefinition allows. */
export const MAX_GROUP_DEPTH = 6;
/** Every node counts, groups included. */
export const MAX_REQUIREMENT_NODES = 200;

type Catalogue = ReadonlyMap<string, CatalogueEntry>;
type CompetencyLeaf = Extract<Requirement, { kind: 'competency' }>;

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * One competency whatever the case of its code: "dat-01" and "DAT-01" in the same framework are the
 * same competency. Framework ids are compared exactly.
 */
export function competencyMatchKey(frameworkId: string, code: string): string {
  return `${frameworkId}\n${code.trim().toUpperCase()}`;
}

/** The leaves (achievement and competency requirements) of a tree, in document order. */
export function leaves(req: Requirement): Requirement[] {
  const found: Requirement[] = [];
  const walk = (node: Requirement): void => {
    if (node.kind === 'all' || node.kind === 'n_of') node.items.forEach(walk);
    else found.push(node);
  };
  walk(req);
  return found;
}

/** Whether a catalogue entry's published version certifies a competency at the leaf's level or above. */
export function entrySatisfies(entry: CatalogueEntry, leaf: CompetencyLeaf): boolean {
  if (entry.publishedVersion === null) return false;
  const key = competencyMatchKey(leaf.frameworkId, leaf.code);
  return entry.competencies.some(
    (c) => competencyMatchKey(c.frameworkId, c.code) === key && c.level >= leaf.minLevel,
  );
}

/**
 * The published micro-credentials a learner could earn to meet a leaf, cheapest first (then by
 * code). An achievement leaf offers its micro-credential when it is published.
 */
export function satisfyingEntries(leaf: Requirement, catalogue: Catalogue): CatalogueEntry[] {
  switch (leaf.kind) {
    case 'all':
    case 'n_of':
      return [];
    case 'achievement': {
      const entry = catalogue.get(leaf.achievementId);
      return entry && entry.publishedVersion !== null ? [entry] : [];
    }
    case 'competency': {
      const certifying =
        competencyIndex(catalogue).get(competencyMatchKey(leaf.frameworkId, leaf.code)) ?? [];
      // Already cheapest first; an entry listing the competency twice appears once.
      return [...new Set(certifying.filter((c) => c.level >= leaf.minLevel).map((c) => c.entry))];
    }
  }
}

interface Certifier {
  entry: CatalogueEntry;
  level: number;
}

/**
 * Competency key → the published entries certifying it, cheapest first, then by code. Built once
 * per catalogue object (catalogues are loaded fresh and not changed afterwards; a change of size
 * rebuilds it), so evaluating many learners against one catalogue does not rescan it per leaf.
 */
const indexes = new WeakMap<Catalogue, { size: number; index: Map<string, Certifier[]> }>();

function competencyIndex(catalogue: Catalogue): Map<string, Certifier[]> {
  const cached = indexes.get(catalogue);
  if (cached?.size === catalogue.size) return cached.index;
  const index = new Map<string, Certifier[]>();
  const entries = [...catalogue.values()]
    .filter((e) => e.publishedVersion !== null)
    .sort((a, b) => a.credits - b.credits || compareText(a.code, b.code));
  for (const entry of entries) {
    for (const c of entry.competencies) {
      const key = competencyMatchKey(c.frameworkId, c.code);
      const list = index.get(key) ?? [];
      list.push({ entry, level: c.level });
      index.set(key, list);
    }
  }
  indexes.set(catalogue, { size: catalogue.size, index });
  return index;
}

/**
 * Every micro-credential that can count towards the tree: the achievement leaves, plus every
 * published micro-credential that certifies a competency leaf at its level. Used to know which
 * pathways a newly issued (or revoked) credential affects. In first-seen order, without repeats.
 */
export function componentAchievementIds(req: Requirement, catalogue: Catalogue): string[] {
  const ids = new Set<string>();
  for (const leaf of leaves(req)) {
    if (leaf.kind === 'achievement') ids.add(leaf.achievementId);
    else for (const entry of satisfyingEntries(leaf, catalogue)) ids.add(entry.achievementId);
  }
  return [...ids];
}

// ---------------------------------------------------------------------------------------------
// Checking a definition.

interface NodeInfo {
  node: Requirement;
  path: string;
  /** Ids of the groups above this node, nearest last. */
  ancestors: string[];
}

/**
 * Every meaning problem of a definition at once, each with a JSON pointer into the definition, so
 * the pathway editor can mark every field that needs fixing:
 * duplicate node ids; empty groups; an n_of that asks for fewer than 1 or more options than it has;
 * requirements on unknown, retired or unpublished micro-credentials; a minimum version that is not
 * MAJOR.MINOR.PATCH or is newer than the published version; competency requirements no published
 * micro-credential meets; the same micro-credential required twice; nesting deeper than 6 groups or
 * more than 200 nodes; a recommended order or prerequisites naming unknown steps; a step that comes
 * after itself, after a group containing it, or prerequisites that go round in a circle.
 *
 * @throws InvalidFields listing every problem, when there is at least one.
 */
export function checkPathwayDefinition(def: PathwayDefinition, catalogue: Catalogue): void {
  const problems: FieldProblem[] = [];
  const byId = new Map<string, NodeInfo>();
  const publishedLevels = publishedCompetencyLevels(catalogue);
  const requiredAchievements = new Map<string, string>();
  let count = 0;
  let tooDeepReported = false;

  const walk = (node: Requirement, path: string, ancestors: string[]): void => {
    count++;
    const seen = byId.get(node.id);
    if (seen) {
      problems.push({
        path: `${path}/id`,
        message: `Two requirements have the id "${node.id}"; give each requirement its own id.`,
      });
    } else byId.set(node.id, { node, path, ancestors });

    switch (node.kind) {
      case 'all':
      case 'n_of': {
        if (ancestors.length >= MAX_GROUP_DEPTH && !tooDeepReported) {
          tooDeepReported = true;
          problems.push({
            path,
            message: `Requirements nest at most ${MAX_GROUP_DEPTH} levels deep; move this group up a level.`,
          });
        }
        if (node.items.length === 0) {
          problems.push({
            path: `${path}/items`,
            message:
              node.kind === 'all'
                ? 'This group has no requirements in it; add some or remove the group.'
                : 'This choice has no options in it; add some or remove it.',
          });
        }
        if (node.kind === 'n_of') checkChoose(node.n, node.items.length, `${path}/n`, problems);
        const below = [...ancestors, node.id];
        node.items.forEach((item, i) => {
          walk(item, `${path}/items/${i}`, below);
        });
        return;
      }
      case 'achievement': {
        const earlier = requiredAchievements.get(node.achievementId);
        if (earlier !== undefined) {
          problems.push({
            path: `${path}/achievementId`,
            message: `${describeAchievement(node.achievementId, catalogue)} is already required by "${earlier}"; one credential cannot count twice.`,
          });
        } else requiredAchievements.set(node.achievementId, node.id);
        checkAchievementLeaf(node, path, catalogue, problems);
        return;
      }
      case 'competency':
        checkCompetencyLeaf(node, path, publishedLevels, problems);
        return;
    }
  };
  walk(def.requirements, '/requirements', []);

  if (count > MAX_REQUIREMENT_NODES) {
    problems.unshift({
      path: '/requirements',
      message: `A pathway has at most ${MAX_REQUIREMENT_NODES} requirements; this one has ${count}.`,
    });
  }

  def.sequence.forEach((id, i) => {
    if (!byId.has(id)) {
      problems.push({
        path: `/sequence/${i}`,
        message: `The recommended order names "${id}", which is not a requirement of this pathway.`,
      });
    }
  });

  problems.push(...checkPrerequisites(def.prerequisites, byId));

  if (problems.length > 0) throw new InvalidFields(problems);
}

function checkChoose(n: number, options: number, path: string, problems: FieldProblem[]): void {
  if (!Number.isInteger(n)) {
    problems.push({ path, message: 'Say how many of the options to choose, as a whole number.' });
  } else if (n < 1) {
    problems.push({ path, message: 'Choose at least 1 of the options.' });
  } else if (options > 0 && n > options) {
    problems.push({
      path,
      message: `Choose ${n} of ${options} ${options === 1 ? 'option' : 'options'} is impossible; lower the number or add options.`,
    });
  }
}

function checkAchievementLeaf(
  node: Extract<Requirement, { kind: 'achievement' }>,
  path: string,
  catalogue: Catalogue,
  problems: FieldProblem[],
): void {
  const entry = catalogue.get(node.achievementId);
  if (!entry) {
    problems.push({
      path: `${path}/achievementId`,
      message: `There is no micro-credential "${node.achievementId}" in the catalogue.`,
    });
    return;
  }
  if (entry.publishedVersion === null) {
    problems.push({
      path: `${path}/achievementId`,
      message: `${describeEntry(entry)} has no published version (it is retired or not yet published), so nobody can earn it.`,
    });
  }
  if (node.minVersion === undefined) return;
  try {
    parseSemver(node.minVersion);
  } catch (err) {
    if (!(err instanceof InvalidInput)) throw err;
    problems.push({ path: `${path}/minVersion`, message: err.message });
    return;
  }
  if (entry.publishedVersion !== null && isNewer(node.minVersion, entry.publishedVersion)) {
    problems.push({
      path: `${path}/minVersion`,
      message: `${describeEntry(entry)} is published at version ${entry.publishedVersion}, so nobody can hold version ${node.minVersion} or later yet.`,
    });
  }
}

/** A published version that is not a semantic version cannot be compared; treat it as not older. */
function isNewer(minVersion: string, published: string): boolean {
  try {
    return compareSemver(minVersion, published) > 0;
  } catch {
    return false;
  }
}

function checkCompetencyLeaf(
  node: CompetencyLeaf,
  path: string,
  publishedLevels: ReadonlyMap<string, number>,
  problems: FieldProblem[],
): void {
  if (!Number.isInteger(node.minLevel) || node.minLevel < 1) {
    problems.push({ path: `${path}/minLevel`, message: 'The minimum level is a whole number, 1 or more.' });
    return;
  }
  const highest = publishedLevels.get(competencyMatchKey(node.frameworkId, node.code));
  if (highest === undefined) {
    problems.push({
      path: `${path}/code`,
      message: `No published micro-credential certifies competency ${node.code}, so nobody can meet this requirement.`,
    });
  } else if (highest < node.minLevel) {
    problems.push({
      path: `${path}/minLevel`,
      message: `No published micro-credential certifies ${node.code} at level ${node.minLevel} or above; the highest is level ${highest}.`,
    });
  }
}

function checkPrerequisites(
  prerequisites: readonly Prerequisite[],
  byId: ReadonlyMap<string, NodeInfo>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const usable: Prerequisite[] = [];
  prerequisites.forEach((p, i) => {
    const step = byId.get(p.step);
    if (!step) {
      problems.push({
        path: `/prerequisites/${i}/step`,
        message: `The prerequisite is for "${p.step}", which is not a requirement of this pathway.`,
      });
    }
    const after: string[] = [];
    p.after.forEach((a, j) => {
      const where = `/prerequisites/${i}/after/${j}`;
      if (!byId.has(a)) {
        problems.push({
          path: where,
          message: `"${p.step}" is said to come after "${a}", which is not a requirement of this pathway.`,
        });
      } else if (a === p.step) {
        problems.push({ path: where, message: `"${p.step}" cannot come after itself.` });
      } else if (step?.ancestors.includes(a)) {
        problems.push({
          path: where,
          message: `"${p.step}" cannot come after "${a}", because "${a}" contains it and is only complete once "${p.step}" is.`,
        });
      } else after.push(a);
    });
    if (step) usable.push({ step: p.step, after });
  });

  for (const cycle of prerequisiteCycles(usable)) {
    const [first, second] = cycle;
    const index = prerequisites.findIndex(
      (p) => p.step === first && second !== undefined && p.after.includes(second),
    );
    problems.push({
      path: `/prerequisites/${Math.max(index, 0)}`,
      message: `The prerequisites go round in a circle (${cycle.join(' → ')}, each coming after the next), so none of these steps could ever start.`,
    });
  }
  return problems;
}

/**
 * A circle in the prerequisites, as the node ids met following "comes after" from a step back to
 * itself (`['r2', 'r5', 'r2']`: r2 comes after r5, which comes after r2), or null when there is
 * none. A step listed after itself is a circle of one: `['r2', 'r2']`. Deterministic: steps are
 * explored in the order they are listed.
 */
export function findPrerequisiteCycle(prereqs: readonly Prerequisite[]): string[] | null {
  return prerequisiteCycles(prereqs)[0] ?? null;
}

/** One circle per back edge of a depth-first search: every circle-free set of prerequisites gives none. */
function prerequisiteCycles(prereqs: readonly Prerequisite[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const p of prereqs) {
    const list = edges.get(p.step) ?? [];
    list.push(...p.after);
    edges.set(p.step, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  // Iterative, so a long chain of prerequisites cannot overflow the call stack.
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const frames: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'open');
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame === undefined) break;
      const targets = edges.get(frame.id) ?? [];
      const target = targets[frame.next];
      if (target === undefined) {
        state.set(frame.id, 'done');
        stack.pop();
        frames.pop();
        continue;
      }
      frame.next++;
      const seen = state.get(target);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (seen === undefined) {
        state.set(target, 'open');
        stack.push(target);
        frames.push({ id: target, next: 0 });
      }
    }
  }
  return cycles;
}

/** Competency key → the highest level any published micro-credential certifies it at. */
function publishedCompetencyLevels(catalogue: Catalogue): Map<string, number> {
  const levels = new Map<string, number>();
  for (const entry of catalogue.values()) {
    if (entry.publishedVersion === null) continue;
    for (const c of entry.competencies) {
      const key = competencyMatchKey(c.frameworkId, c.code);
      levels.set(key, Math.max(c.level, levels.get(key) ?? -Infinity));
    }
  }
  return levels;
}

function describeEntry(entry: CatalogueEntry): string {
  return `${entry.code} "${entry.title}"`;
}

function describeAchievement(id: string, catalogue: Catalogue): string {
  const entry = catalogue.get(id);
  return entry ? describeEntry(entry) : `Micro-credential "${id}"`;
}

// ---------------------------------------------------------------------------------------------
// Coverage of a role profile.

export interface CoverageItem {
  frameworkId: string;
  code: string;
  /** The role's level. */
  required: number;
  /** The level completing the pathway certifies; 0 when it does not certify the competency. */
  provided: number;
}

export interface RoleCoverage {
  /** Share of the role's requirements fully covered, core weighing twice supporting; integer 0..100. */
  percent: number;
  /** provided ≥ required. */
  covered: CoverageItem[];
  /** 0 < provided < required. */
  partly: CoverageItem[];
  /** provided = 0. */
  missing: CoverageItem[];
}

type Certified = Map<string, number>;
type Choice = Extract<Requirement, { kind: 'n_of' }>;
type Value = [full: number, partial: number];

/** Choices with at most this many combinations are searched exhaustively; larger ones greedily. */
const EXHAUSTIVE_CHOICE_LIMIT = 500;
/** Rounds of improving one choice at a time; each round only ever improves the coverage. */
const CHOICE_ROUNDS = 4;

/**
 * What completing the pathway would certify against a role's competency requirements.
 *
 * An achievement leaf certifies what its catalogue entry's published version certifies; a
 * competency leaf certifies its competency at its minimum level (the least any way of meeting it
 * guarantees). A group certifies the highest level any (chosen) item does. Each `n_of` group takes
 * the `n` options that cover the role best together with the rest of the pathway: most
 * requirements fully covered (weighted), then most levels towards the others. Choices are improved
 * one at a time, given the others, for a few rounds; within one choice the search is exhaustive up
 * to 500 combinations and greedy beyond.
 *
 * percent = round(100 × Σ weight of fully covered requirements / Σ weight of all), core = 2 and
 * supporting = 1; a role with no requirements is 0% covered (there is nothing to measure).
 * Lists keep the role's order.
 */
export function roleCoverage(def: PathwayDefinition, catalogue: Catalogue, role: RoleProfile): RoleCoverage {
  const requirements = role.requirements.map((r) => ({ r, key: competencyMatchKey(r.frameworkId, r.code) }));
  const value = (certified: ReadonlyMap<string, number>): Value => {
    let full = 0;
    let partial = 0;
    for (const { r, key } of requirements) {
      const provided = certified.get(key) ?? 0;
      const weight = importanceWeight(r);
      if (provided >= r.level) full += weight;
      else if (r.level > 0) partial += (weight * Math.max(0, provided)) / r.level;
    }
    return [full, partial];
  };
  const certified = chooseOptions(def.requirements, catalogue, value);

  const result: RoleCoverage = { percent: 0, covered: [], partly: [], missing: [] };
  let total = 0;
  let full = 0;
  for (const { r, key } of requirements) {
    const provided = Math.max(0, certified.get(key) ?? 0);
    const item: CoverageItem = { frameworkId: r.frameworkId, code: r.code, required: r.level, provided };
    const weight = importanceWeight(r);
    total += weight;
    if (provided >= r.level) {
      full += weight;
      result.covered.push(item);
    } else if (provided > 0) result.partly.push(item);
    else result.missing.push(item);
  }
  result.percent = total === 0 ? 0 : Math.round((100 * full) / total);
  return result;
}

function importanceWeight(r: RoleRequirement): number {
  return r.importance === 'core' ? 2 : 1;
}

/** Coordinate ascent over the choices: start with the first n options of each, then improve each given the rest. */
function chooseOptions(
  root: Requirement,
  catalogue: Catalogue,
  value: (certified: ReadonlyMap<string, number>) => Value,
): Certified {
  const groups: Choice[] = [];
  const find = (node: Requirement): void => {
    if (node.kind !== 'all' && node.kind !== 'n_of') return;
    node.items.forEach(find);
    if (node.kind === 'n_of') groups.push(node);
  };
  find(root);
  const chosen = new Map<Choice, number[]>();
  const sizeOf = (g: Choice): number => Math.min(Math.max(0, Math.ceil(g.n)), g.items.length);
  for (const g of groups)
    chosen.set(
      g,
      Array.from({ length: sizeOf(g) }, (_, i) => i),
    );
  const certifiedOf = (node: Requirement, without?: Choice): Certified =>
    certifiedBy(node, catalogue, chosen, without);

  for (let round = 0; round < CHOICE_ROUNDS; round++) {
    let changed = false;
    for (const g of groups) {
      const context = certifiedOf(root, g);
      const options = g.items.map((item) => certifiedOf(item));
      const current = chosen.get(g) ?? [];
      const score = (picked: readonly number[]): Value => {
        const merged = new Map(context);
        for (const i of picked) merge(merged, options[i] ?? new Map<string, number>());
        return value(merged);
      };
      const picked = bestChoice(options.length, sizeOf(g), score);
      if (better(score(picked), score(current))) {
        chosen.set(g, picked);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return certifiedOf(root);
}

/** What a subtree certifies with the current choices; `without` (a choice) counts as certifying nothing. */
function certifiedBy(
  node: Requirement,
  catalogue: Catalogue,
  chosen: ReadonlyMap<Choice, readonly number[]>,
  without?: Choice,
): Certified {
  switch (node.kind) {
    case 'achievement': {
      const entry = catalogue.get(node.achievementId);
      const certified: Certified = new Map();
      if (entry) merge(certified, entryCertifies(entry));
      return certified;
    }
    case 'competency':
      return new Map([[competencyMatchKey(node.frameworkId, node.code), node.minLevel]]);
    case 'all': {
      const certified: Certified = new Map();
      for (const item of node.items) merge(certified, certifiedBy(item, catalogue, chosen, without));
      return certified;
    }
    case 'n_of': {
      const certified: Certified = new Map();
      if (node === without) return certified;
      for (const i of chosen.get(node) ?? []) {
        const item = node.items[i];
        if (item) merge(certified, certifiedBy(item, catalogue, chosen, without));
      }
      return certified;
    }
  }
}

function entryCertifies(entry: CatalogueEntry): Certified {
  const certified: Certified = new Map();
  for (const c of entry.competencies) {
    const key = competencyMatchKey(c.frameworkId, c.code);
    certified.set(key, Math.max(c.level, certified.get(key) ?? 0));
  }
  return certified;
}

function merge(into: Certified, from: ReadonlyMap<string, number>): void {
  for (const [key, level] of from) into.set(key, Math.max(level, into.get(key) ?? 0));
}

function better(a: Value, b: Value): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1] + 1e-9);
}

/** The n of `count` options with the best score: every combination when there are few, else greedily. */
function bestChoice(count: number, n: number, score: (picked: readonly number[]) => Value): number[] {
  if (n === 0) return [];
  if (binomial(count, n) <= EXHAUSTIVE_CHOICE_LIMIT) {
    let best: number[] = [];
    let bestValue: Value = [-1, -1];
    const picked: number[] = [];
    const search = (from: number): void => {
      if (picked.length === n) {
        const v = score(picked);
        if (better(v, bestValue)) {
          best = [...picked];
          bestValue = v;
        }
        return;
      }
      for (let i = from; i <= count - (n - picked.length); i++) {
        picked.push(i);
        search(i + 1);
        picked.pop();
      }
    };
    search(0);
    return best;
  }
  const picked: number[] = [];
  const left = new Set(Array.from({ length: count }, (_, i) => i));
  for (let k = 0; k < n; k++) {
    let pick = -1;
    let pickValue: Value = [-1, -1];
    for (const i of left) {
      const v = score([...picked, i]);
      if (better(v, pickValue)) {
        pick = i;
        pickValue = v;
      }
    }
    left.delete(pick);
    picked.push(pick);
  }
  return picked.sort((a, b) => a - b);
}

function binomial(total: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) {
    result = (result * (total - k + i)) / i;
    if (result > EXHAUSTIVE_CHOICE_LIMIT) return Infinity;
  }
  return result;
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
