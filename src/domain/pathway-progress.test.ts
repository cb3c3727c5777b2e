import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePathway, type NodeProgress, type PathwayProgress } from './pathway-progress.js';
import type {
  CatalogueEntry,
  HeldCredential,
  HeldState,
  PathwayDefinition,
  Requirement,
} from './pathways.js';

const FW = 'fw-iam';

/** The demo seed's micro-credentials used by pw-01, with their credits and competencies. */
const SEED: [string, string, number, string, string][] = [
  ['mc-01', 'IAM-101', 3, 'I.AM Foundations', 'FND-01:2 FND-05:1 STR-02:1 LCM-01:1'],
  ['mc-02', 'IAM-201', 5, 'Levels of Service and Performance', 'STR-02:3 PEC-01:2 QSF-02:2'],
  ['mc-03', 'IAM-102', 5, 'Asset Data and Information Essentials', 'DAT-01:2 DAT-02:2 FND-05:2'],
  ['mc-07', 'IAM-103', 5, 'Applied Numeracy and Data Analysis', 'QSF-01:2 QSF-02:2 DAT-04:2'],
  ['mc-08', 'IAM-205', 10, 'Condition Assessment and Deterioration', 'QSF-05:3 QSF-03:3 QSF-02:2 RSK-04:2'],
  ['mc-11', 'IAM-301', 15, 'Optimised Decision-Making', 'QSF-02:3 RSK-01:2'],
];

function competencies(text: string): CatalogueEntry['competencies'] {
  return text.split(' ').map((pair) => {
    const [code = '', level = '0'] = pair.split(':');
    return { frameworkId: FW, code, level: Number(level) };
  });
}

const catalogue = new Map<string, CatalogueEntry>(
  SEED.map(([achievementId, code, credits, title, comps]) => [
    achievementId,
    {
      achievementId,
      code,
      title,
      credits,
      publishedVersion: achievementId === 'mc-01' ? '1.1.0' : '1.0.0',
      competencies: competencies(comps),
    },
  ]),
);

let serial = 0;
/** A credential of a catalogue micro-credential; defaults to an active, assessed one. */
function credential(achievementId: string, overrides: Partial<HeldCredential> = {}): HeldCredential {
  const e = catalogue.get(achievementId);
  serial++;
  return {
    credentialId: `cred-${achievementId}-${serial}`,
    achievementId,
    version: e?.publishedVersion ?? '1.0.0',
    route: 'assessed',
    credits: e?.credits ?? 5,
    competencies: e?.competencies ?? [],
    state: 'active',
    ...overrides,
  };
}

const ach = (id: string, achievementId: string, minVersion?: string): Requirement => ({
  id,
  kind: 'achievement',
  achievementId,
  ...(minVersion === undefined ? {} : { minVersion }),
});
const comp = (id: string, code: string, minLevel: number): Requirement => ({
  id,
  kind: 'competency',
  frameworkId: FW,
  code,
  minLevel,
});
const tree = (requirements: Requirement): PathwayDefinition => ({
  requirements,
  sequence: [],
  prerequisites: [],
});

/** pw-01: 3 required and choose 1 of 2. */
const PW01 = tree({
  id: 'root',
  kind: 'all',
  items: [
    ach('r-mc-01', 'mc-01'),
    ach('r-mc-07', 'mc-07'),
    ach('r-mc-03', 'mc-03'),
    {
      id: 'electives',
      kind: 'n_of',
      n: 1,
      label: 'Elective',
      items: [ach('e-mc-02', 'mc-02'), ach('e-mc-08', 'mc-08')],
    },
  ],
});

function nodes(root: NodeProgress): NodeProgress[] {
  return [root, ...root.children.flatMap(nodes)];
}

function node(progress: PathwayProgress, id: string): NodeProgress {
  const found = nodes(progress.root).find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

describe('evaluatePathway on pw-01', () => {
  it('needs 18 credits from nothing and lists every step as remaining', () => {
    const progress = evaluatePathway(PW01, catalogue, []);
    // 3 + 5 + 5 + the cheaper elective (5): the seed's min_total.
    expect(progress.root.requiredCredits).toBe(18);
    expect(progress).toMatchObject({ met: false, percentComplete: 0, metRequirements: [] });
    expect(progress.remaining.map((n) => n.id)).toEqual([
      'r-mc-01',
      'r-mc-07',
      'r-mc-03',
      'e-mc-02',
      'e-mc-08',
    ]);
    expect(node(progress, 'r-mc-01').options).toEqual([
      { achievementId: 'mc-01', code: 'IAM-101', title: 'I.AM Foundations', credits: 3 },
    ]);
    expect(node(progress, 'electives').requiredCredits).toBe(5);
  });

  it('marks the elective options as a choice of 1', () => {
    const progress = evaluatePathway(PW01, catalogue, []);
    expect(node(progress, 'e-mc-08').choice).toEqual({
      groupId: 'electives',
      optionId: 'e-mc-08',
      n: 1,
      stillNeeded: 1,
    });
    expect(node(progress, 'r-mc-01').choice).toBeNull();
  });

  it('counts credits of the way', () => {
    const foundations = credential('mc-01');
    const progress = evaluatePathway(PW01, catalogue, [foundations]);
    expect(progress.percentComplete).toBe(Math.round((100 * 3) / 18));
    expect(progress.root.earnedCredits).toBe(3);
    expect(progress.metRequirements.map((n) => [n.id, n.metBy])).toEqual([
      ['r-mc-01', [foundations.credentialId]],
    ]);
    expect(node(progress, 'r-mc-01').options).toEqual([]);
    expect(progress.remaining.map((n) => n.id)).toEqual(['r-mc-07', 'r-mc-03', 'e-mc-02', 'e-mc-08']);
  });

  it('is met with the three required and either elective; the other elective is no longer needed', () => {
    const held = ['mc-01', 'mc-07', 'mc-03', 'mc-08'].map((id) => credential(id));
    const progress = evaluatePathway(PW01, catalogue, held);
    expect(progress.met).toBe(true);
    expect(progress.percentComplete).toBe(100);
    expect(progress.remaining).toEqual([]);
    expect(progress.metRequirements.map((n) => n.id)).toEqual(['r-mc-01', 'r-mc-07', 'r-mc-03', 'e-mc-08']);
    // The root still needs the cheapest way through, and is complete.
    expect(progress.root.requiredCredits).toBe(18);
    expect(progress.root.earnedCredits).toBe(18);
    expect(progress.root.metBy).toEqual(held.map((h) => h.credentialId));
    expect(node(progress, 'e-mc-02')).toMatchObject({ met: false, choice: { stillNeeded: 0 } });
  });

  it('only counts active credentials; recognition of prior learning counts like any other', () => {
    const states: HeldState[] = ['expired', 'suspended', 'revoked'];
    for (const state of states) {
      const progress = evaluatePathway(PW01, catalogue, [credential('mc-01', { state })]);
      expect(progress.percentComplete).toBe(0);
      expect(progress.metRequirements).toEqual([]);
    }
    const rpl = credential('mc-01', { route: 'rpl' });
    expect(evaluatePathway(PW01, catalogue, [rpl]).metRequirements[0]?.metBy).toEqual([rpl.credentialId]);
  });

  it('stays just short of 100% until it is met', () => {
    const def = tree({ id: 'root', kind: 'all', items: [ach('big', 'mc-11'), ach('small', 'mc-01')] });
    const big = catalogue.get('mc-11');
    if (!big) throw new Error('fixture');
    const bigger = new Map(catalogue).set('mc-11', { ...big, credits: 400 });
    const progress = evaluatePathway(def, bigger, [credential('mc-11')]);
    // 400 of 403 credits rounds to 99, and must not round to 100.
    expect(progress.percentComplete).toBe(99);
    const almost = evaluatePathway(def, new Map(bigger).set('mc-11', { ...big, credits: 1000 }), [
      credential('mc-11'),
    ]);
    expect(almost.percentComplete).toBe(99);
    expect(almost.met).toBe(false);
  });
});

describe('evaluatePathway: achievement requirements', () => {
  const def = tree(ach('r', 'mc-01', '1.1.0'));

  it('needs at least the minimum version, compared as semantic versions', () => {
    expect(evaluatePathway(def, catalogue, [credential('mc-01', { version: '1.0.0' })]).met).toBe(false);
    expect(evaluatePathway(def, catalogue, [credential('mc-01', { version: '1.1.0' })]).met).toBe(true);
    expect(evaluatePathway(def, catalogue, [credential('mc-01', { version: '1.10.0' })]).met).toBe(true);
    expect(evaluatePathway(def, catalogue, [credential('mc-01', { version: '2.0.0' })]).met).toBe(true);
  });

  it('accepts any version without a minimum, and ignores versions it cannot read when there is one', () => {
    expect(
      evaluatePathway(tree(ach('r', 'mc-01')), catalogue, [credential('mc-01', { version: '0.1.0' })]).met,
    ).toBe(true);
    expect(evaluatePathway(def, catalogue, [credential('mc-01', { version: 'v9' })]).met).toBe(false);
  });

  it('lists every qualifying credential once', () => {
    const a = credential('mc-01');
    const b = credential('mc-01', { version: '1.2.0' });
    const old = credential('mc-01', { version: '1.0.0' });
    expect(evaluatePathway(def, catalogue, [a, old, b, a]).root.metBy).toEqual([
      a.credentialId,
      b.credentialId,
    ]);
  });

  it('needs 0 credits and offers nothing for a micro-credential the catalogue does not know', () => {
    const progress = evaluatePathway(tree(ach('r', 'mc-404')), catalogue, []);
    expect(progress.root).toMatchObject({ requiredCredits: 0, options: [], met: false });
    expect(progress.percentComplete).toBe(0);
  });
});

describe('evaluatePathway: competency requirements', () => {
  it('is met by a credential certifying the competency at the level or above, whatever the case of the code', () => {
    const def = tree(comp('r', 'qsf-02', 2));
    const numeracy = credential('mc-07');
    expect(evaluatePathway(def, catalogue, [numeracy]).root.metBy).toEqual([numeracy.credentialId]);
    const low = credential('mc-07', { competencies: [{ frameworkId: FW, code: 'QSF-02', level: 1 }] });
    expect(evaluatePathway(def, catalogue, [low]).met).toBe(false);
    const otherFramework = credential('mc-07', {
      competencies: [{ frameworkId: 'other', code: 'QSF-02', level: 5 }],
    });
    expect(evaluatePathway(def, catalogue, [otherFramework]).met).toBe(false);
  });

  it('uses what the held version certifies, not what the catalogue says today', () => {
    const older = credential('mc-03', { competencies: competencies('DAT-04:2') });
    expect(evaluatePathway(tree(comp('r', 'DAT-04', 2)), catalogue, [older]).met).toBe(true);
  });

  it('needs the credits of the cheapest way to meet it, and offers every way, cheapest first', () => {
    const progress = evaluatePathway(tree(comp('r', 'QSF-02', 2)), catalogue, []);
    expect(progress.root.requiredCredits).toBe(5);
    expect(progress.root.options.map((o) => o.code)).toEqual(['IAM-103', 'IAM-201', 'IAM-205', 'IAM-301']);
  });

  it('earns its own credits however big the credential that met it', () => {
    const def = tree({ id: 'root', kind: 'all', items: [comp('r', 'QSF-02', 2), ach('a', 'mc-03')] });
    const progress = evaluatePathway(def, catalogue, [credential('mc-11')]);
    expect(node(progress, 'r')).toMatchObject({ met: true, requiredCredits: 5, earnedCredits: 5 });
    expect(progress.percentComplete).toBe(50);
  });

  it('needs 0 credits and is 0% when nobody can meet it', () => {
    const progress = evaluatePathway(tree(comp('r', 'XYZ-01', 1)), catalogue, []);
    expect(progress.root.requiredCredits).toBe(0);
    expect(progress.percentComplete).toBe(0);
    expect(progress.remaining.map((n) => n.id)).toEqual(['r']);
  });
});

describe('evaluatePathway: choices', () => {
  // Options worth 3, 5 and 15 credits; choose 2.
  const def = tree({
    id: 'pick',
    kind: 'n_of',
    n: 2,
    items: [ach('a', 'mc-01'), ach('b', 'mc-02'), ach('c', 'mc-11')],
  });

  it('needs the n cheapest options', () => {
    expect(evaluatePathway(def, catalogue, []).root.requiredCredits).toBe(8);
  });

  it('does not look complete with one big option of two needed', () => {
    const progress = evaluatePathway(def, catalogue, [credential('mc-11')]);
    // The 15-credit option fills the 3-credit slot; the 5-credit slot is empty.
    expect(progress.root).toMatchObject({ met: false, earnedCredits: 3, requiredCredits: 8 });
    expect(progress.percentComplete).toBe(38);
    expect(progress.remaining.map((n) => [n.id, n.choice?.stillNeeded])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('is met by any n options', () => {
    const progress = evaluatePathway(def, catalogue, [credential('mc-11'), credential('mc-02')]);
    expect(progress).toMatchObject({ met: true, percentComplete: 100, remaining: [] });
    expect(progress.root.earnedCredits).toBe(8);
  });

  it('counts a partly done nested group by its share of the way', () => {
    const nested = tree({
      id: 'pick',
      kind: 'n_of',
      n: 1,
      items: [{ id: 'pair', kind: 'all', items: [ach('a', 'mc-01'), ach('b', 'mc-03')] }, ach('c', 'mc-08')],
    });
    const progress = evaluatePathway(nested, catalogue, [credential('mc-01')]);
    // The pair is 3/8 done; the choice needs 8 (the pair is cheaper than mc-08's 10).
    expect(progress.root).toMatchObject({ requiredCredits: 8, earnedCredits: 3 });
    expect(progress.percentComplete).toBe(38);
    expect(node(progress, 'a').choice).toEqual({ groupId: 'pick', optionId: 'pair', n: 1, stillNeeded: 1 });
    expect(progress.remaining.map((n) => n.id)).toEqual(['b', 'c']);
  });

  it('rounds shown credits down to a tenth, below what is required', () => {
    const nested = tree({
      id: 'pick',
      kind: 'n_of',
      n: 1,
      items: [
        { id: 'three', kind: 'all', items: [ach('a', 'mc-02'), ach('b', 'mc-03'), ach('c', 'mc-07')] },
        ach('d', 'mc-11'),
      ],
    });
    const progress = evaluatePathway(nested, catalogue, [credential('mc-02'), credential('mc-03')]);
    // Two thirds of 15 credits.
    expect(node(progress, 'three').earnedCredits).toBe(10);
    expect(progress.root.earnedCredits).toBe(10);
    const oneOfThree = evaluatePathway(
      tree({ id: 'all', kind: 'all', items: [ach('a', 'mc-01'), nested.requirements] }),
      catalogue,
      [credential('mc-01'), credential('mc-02')],
    );
    expect(node(oneOfThree, 'pick').earnedCredits).toBe(5);
  });

  it('reports an empty "all" as met, and nothing remaining', () => {
    const progress = evaluatePathway(tree({ id: 'root', kind: 'all', items: [] }), catalogue, []);
    expect(progress).toMatchObject({ met: true, percentComplete: 100, remaining: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random trees, catalogues and wallets.

const CODES = ['C1', 'C2', 'C3', 'C4'];
const IDS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
const VERSIONS = ['0.9.0', '1.0.0', '1.1.0', '2.0.0'];
const STATES: HeldState[] = ['active', 'expired', 'suspended', 'revoked'];

const competencyArb = fc.record({
  frameworkId: fc.constant(FW),
  code: fc.constantFrom(...CODES, 'c2', 'c3'),
  level: fc.integer({ min: 1, max: 3 }),
});

const catalogueArb: fc.Arbitrary<Map<string, CatalogueEntry>> = fc
  .tuple(
    ...IDS.map((id) =>
      fc.record({
        achievementId: fc.constant(id),
        code: fc.constant(id.toUpperCase()),
        title: fc.constant(`Micro-credential ${id}`),
        credits: fc.integer({ min: 1, max: 15 }),
        publishedVersion: fc.constantFrom<string | null>('1.0.0', '1.1.0', '2.0.0', null),
        competencies: fc.array(competencyArb, { maxLength: 3 }),
      }),
    ),
  )
  .map((entries) => new Map(entries.map((e) => [e.achievementId, e])));

/** Trees of depth ≤ 4 with valid choices (1 ≤ n ≤ number of items); ids are numbered afterwards. */
function requirementArb(depth: number): fc.Arbitrary<Requirement> {
  const leafArb: fc.Arbitrary<Requirement> = fc.oneof(
    fc
      .record({
        achievementId: fc.constantFrom(...IDS),
        minVersion: fc.option(fc.constantFrom(...VERSIONS), { nil: undefined }),
      })
      .map(({ achievementId, minVersion }) => ach('', achievementId, minVersion)),
    fc
      .record({ code: fc.constantFrom(...CODES), minLevel: fc.integer({ min: 1, max: 3 }) })
      .map(({ code, minLevel }) => comp('', code, minLevel)),
  );
  if (depth === 0) return leafArb;
  const groupArb: fc.Arbitrary<Requirement> = fc
    .array(requirementArb(depth - 1), { minLength: 1, maxLength: 4 })
    .chain((items) =>
      fc.oneof(
        fc.constant<Requirement>({ id: '', kind: 'all', items }),
        fc
          .integer({ min: 1, max: items.length })
          .map((n): Requirement => ({ id: '', kind: 'n_of', n, items })),
      ),
    );
  return fc.oneof({ weight: 1, arbitrary: leafArb }, { weight: 2, arbitrary: groupArb });
}

function numbered(req: Requirement): Requirement {
  let next = 0;
  const walk = (r: Requirement): Requirement => {
    const id = `n${next++}`;
    return r.kind === 'all' || r.kind === 'n_of' ? { ...r, id, items: r.items.map(walk) } : { ...r, id };
  };
  return walk(req);
}

const definitionArb = requirementArb(4).map((r) => tree(numbered(r)));

const heldArb = (state: fc.Arbitrary<HeldState>): fc.Arbitrary<Omit<HeldCredential, 'credentialId'>> =>
  fc.record({
    achievementId: fc.constantFrom(...IDS),
    version: fc.constantFrom(...VERSIONS),
    route: fc.constantFrom<HeldCredential['route']>('assessed', 'rpl', 'direct'),
    credits: fc.integer({ min: 1, max: 15 }),
    competencies: fc.array(competencyArb, { maxLength: 3 }),
    state,
  });

const walletArb = fc
  .array(heldArb(fc.constantFrom(...STATES)), { maxLength: 6 })
  .map((list) => list.map((c, i): HeldCredential => ({ ...c, credentialId: `h${i}` })));

function metIds(progress: PathwayProgress): Set<string> {
  return new Set(
    nodes(progress.root)
      .filter((n) => n.met)
      .map((n) => n.id),
  );
}

const RUNS = { numRuns: 400 };

function slotsSum(sorted: readonly number[], count: number): number {
  return sorted.slice(0, count).reduce((a, b) => a + b, 0);
}

describe('evaluatePathway properties', () => {
  it('are checked against a useful mix: met, partly done and untouched pathways', () => {
    const samples = fc.sample(fc.tuple(definitionArb, catalogueArb, walletArb), { numRuns: 400, seed: 7 });
    const percents = samples.map(([def, cat, held]) => evaluatePathway(def, cat, held).percentComplete);
    expect(percents.filter((p) => p === 100).length).toBeGreaterThan(20);
    expect(percents.filter((p) => p > 0 && p < 100).length).toBeGreaterThan(20);
    expect(percents.filter((p) => p === 0).length).toBeGreaterThan(20);
  });

  it('adding a credential never lowers percentComplete nor un-meets a node', () => {
    fc.assert(
      fc.property(
        definitionArb,
        catalogueArb,
        walletArb,
        heldArb(fc.constant('active')),
        (def, cat, held, extra) => {
          const before = evaluatePathway(def, cat, held);
          const after = evaluatePathway(def, cat, [...held, { ...extra, credentialId: 'new' }]);
          expect(after.percentComplete).toBeGreaterThanOrEqual(before.percentComplete);
          const nowMet = metIds(after);
          for (const id of metIds(before)) expect(nowMet.has(id)).toBe(true);
          // Earned credits only grow too, node by node.
          const earnedAfter = new Map(nodes(after.root).map((n) => [n.id, n.earnedCredits]));
          for (const n of nodes(before.root))
            expect(earnedAfter.get(n.id)).toBeGreaterThanOrEqual(n.earnedCredits);
        },
      ),
      RUNS,
    );
  });

  it('revoking, expiring or suspending a credential never raises percentComplete nor meets a node', () => {
    fc.assert(
      fc.property(
        definitionArb,
        catalogueArb,
        walletArb.filter((w) => w.length > 0),
        fc.nat(),
        fc.constantFrom<HeldState>('revoked', 'expired', 'suspended'),
        (def, cat, held, pick, state) => {
          const index = pick % held.length;
          const before = evaluatePathway(def, cat, held);
          const after = evaluatePathway(
            def,
            cat,
            held.map((c, i) => (i === index ? { ...c, state } : c)),
          );
          expect(after.percentComplete).toBeLessThanOrEqual(before.percentComplete);
          const wasMet = metIds(before);
          for (const id of metIds(after)) expect(wasMet.has(id)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('percentComplete is an integer 0..100, and 100 exactly when the pathway is met', () => {
    fc.assert(
      fc.property(definitionArb, catalogueArb, walletArb, (def, cat, held) => {
        const { percentComplete, met, root } = evaluatePathway(def, cat, held);
        expect(Number.isInteger(percentComplete)).toBe(true);
        expect(percentComplete).toBeGreaterThanOrEqual(0);
        expect(percentComplete).toBeLessThanOrEqual(100);
        expect(met).toBe(percentComplete === 100);
        expect(met).toBe(root.met);
      }),
      RUNS,
    );
  });

  it('every node earns between 0 and its required credits, all of them exactly when met', () => {
    fc.assert(
      fc.property(definitionArb, catalogueArb, walletArb, (def, cat, held) => {
        const all = nodes(evaluatePathway(def, cat, held).root);
        // With every leaf worth something, "all credits earned" and "met" are the same thing.
        const everyLeafCounts = all.every((n) => n.children.length > 0 || n.requiredCredits > 0);
        for (const n of all) {
          expect(n.earnedCredits).toBeGreaterThanOrEqual(0);
          expect(n.earnedCredits).toBeLessThanOrEqual(n.requiredCredits);
          if (n.met) expect(n.earnedCredits).toBe(n.requiredCredits);
          else if (everyLeafCounts) expect(n.earnedCredits).toBeLessThan(n.requiredCredits);
        }
      }),
      RUNS,
    );
  });

  it('a choice among single requirements earns its cheapest slots, one per option met', () => {
    // Reference model, independent of the share pairing: with leaves only, each option is done or
    // not, so m met options fill the m cheapest of the n slots (not their own, possibly larger, credits).
    fc.assert(
      fc.property(definitionArb, catalogueArb, walletArb, (def, cat, held) => {
        const progress = evaluatePathway(def, cat, held);
        for (const n of nodes(progress.root)) {
          if (n.kind !== 'n_of' || n.met || n.children.some((c) => c.children.length > 0)) continue;
          // Every child of a choice carries the choice's n.
          const needed = n.children[0]?.choice?.n ?? 0;
          const slots = n.children.map((c) => c.requiredCredits).sort((a, b) => a - b);
          const met = n.children.filter((c) => c.met).length;
          expect(n.earnedCredits).toBe(Math.min(slotsSum(slots, Math.min(met, needed)), n.requiredCredits));
        }
      }),
      RUNS,
    );
  });

  it('required credits do not depend on what the learner holds', () => {
    fc.assert(
      fc.property(definitionArb, catalogueArb, walletArb, (def, cat, held) => {
        const required = (p: PathwayProgress) => nodes(p.root).map((n) => n.requiredCredits);
        expect(required(evaluatePathway(def, cat, held))).toEqual(required(evaluatePathway(def, cat, [])));
      }),
      RUNS,
    );
  });

  it('only active credentials meet requirements, and something remains exactly when unmet', () => {
    fc.assert(
      fc.property(definitionArb, catalogueArb, walletArb, (def, cat, held) => {
        const progress = evaluatePathway(def, cat, held);
        const active = new Set(held.filter((c) => c.state === 'active').map((c) => c.credentialId));
        for (const n of nodes(progress.root)) for (const id of n.metBy) expect(active.has(id)).toBe(true);
        expect(progress.remaining.length > 0).toBe(!progress.met);
        for (const n of progress.remaining) expect(n.met).toBe(false);
        for (const n of progress.metRequirements) expect(n.met).toBe(true);
        const onlyActive = evaluatePathway(
          def,
          cat,
          held.filter((c) => c.state === 'active'),
        );
        expect(onlyActive).toEqual(progress);
      }),
      RUNS,
    );
  });
});
