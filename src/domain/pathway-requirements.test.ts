import { describe, expect, it } from 'vitest';
import { InvalidFields } from './errors.js';
import {
  checkPathwayDefinition,
  competencyMatchKey,
  componentAchievementIds,
  findPrerequisiteCycle,
  leaves,
  roleCoverage,
  satisfyingEntries,
} from './pathway-requirements.js';
import type { CatalogueEntry, PathwayDefinition, Requirement, RoleProfile } from './pathways.js';

const FW = 'fw-iam';

/** The demo seed's micro-credentials: id, code, credits, title, competencies (code:level). */
const SEED: [string, string, number, string, string][] = [
  [
    'mc-01',
    'IAM-101',
    3,
    'I.AM Foundations',
    'FND-01:2 FND-02:1 FND-03:1 FND-05:1 STR-02:1 LCM-01:1 RSK-02:1',
  ],
  [
    'mc-02',
    'IAM-201',
    5,
    'Levels of Service and Performance',
    'STR-02:3 PEC-01:2 PEC-02:2 PEC-03:2 QSF-02:2',
  ],
  [
    'mc-03',
    'IAM-102',
    5,
    'Asset Data and Information Essentials',
    'DAT-01:2 DAT-02:2 DAT-03:2 DAT-05:2 FND-05:2',
  ],
  [
    'mc-04',
    'IAM-202',
    10,
    'Lifecycle Planning and Renewals Forecasting',
    'LCM-01:3 LCM-02:3 LCM-03:2 QSF-01:2 QSF-03:2 FEC-02:2',
  ],
  ['mc-05', 'IAM-203', 5, 'Risk and Criticality for Infrastructure', 'RSK-01:3 RSK-02:3 RSK-03:2 QSF-04:2'],
  ['mc-07', 'IAM-103', 5, 'Applied Numeracy and Data Analysis', 'QSF-01:2 QSF-02:2 DAT-04:2'],
  ['mc-08', 'IAM-205', 10, 'Condition Assessment and Deterioration', 'QSF-05:3 QSF-03:3 QSF-02:2 RSK-04:2'],
  ['mc-11', 'IAM-301', 10, 'Optimised Decision-Making', 'LCM-04:3 FEC-03:3 PEC-04:3 QSF-02:3 RSK-01:2'],
];

function entry(
  id: string,
  code: string,
  credits: number,
  title: string,
  competencies: string,
): CatalogueEntry {
  return {
    achievementId: id,
    code,
    title,
    credits,
    publishedVersion: id === 'mc-01' ? '1.1.0' : '1.0.0',
    competencies: competencies.split(' ').map((pair) => {
      const [c = '', level = '0'] = pair.split(':');
      return { frameworkId: FW, code: c, level: Number(level) };
    }),
  };
}

function catalogueOf(...extra: CatalogueEntry[]): Map<string, CatalogueEntry> {
  return new Map([...SEED.map((row) => entry(...row)), ...extra].map((e) => [e.achievementId, e]));
}
const catalogue = catalogueOf();

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

/** pw-01: 3 required and choose 1 of 2, with the demo's prerequisites. */
function pw01(): PathwayDefinition {
  return {
    requirements: {
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
    },
    sequence: ['r-mc-01', 'r-mc-07', 'r-mc-03'],
    prerequisites: [
      { step: 'e-mc-02', after: ['r-mc-01'] },
      { step: 'e-mc-08', after: ['r-mc-01'] },
      { step: 'r-mc-03', after: ['r-mc-01'] },
    ],
  };
}

function withRoot(requirements: Requirement, rest: Partial<PathwayDefinition> = {}): PathwayDefinition {
  return { requirements, sequence: [], prerequisites: [], ...rest };
}

/** The problems checkPathwayDefinition reports, or [] when it accepts the definition. */
function problemsOf(def: PathwayDefinition, cat: ReadonlyMap<string, CatalogueEntry> = catalogue) {
  try {
    checkPathwayDefinition(def, cat);
    return [];
  } catch (err) {
    if (!(err instanceof InvalidFields)) throw err;
    return [...err.errors];
  }
}

function role(requirements: RoleProfile['requirements']): RoleProfile {
  return {
    id: 'role-1',
    key: 'role-adt',
    title: 'Asset Data Technician',
    summary: '',
    careerLevel: 'Entry',
    careerRank: 1,
    requirements,
    nextRoleIds: [],
  };
}

const core = (code: string, level: number) => ({ frameworkId: FW, code, level, importance: 'core' as const });
const supporting = (code: string, level: number) => ({
  frameworkId: FW,
  code,
  level,
  importance: 'supporting' as const,
});

/** role-adt from the demo seed ("desirable" is "supporting" in Cairn). */
const ADT = role([
  core('FND-01', 2),
  core('FND-05', 2),
  core('QSF-01', 2),
  core('QSF-02', 2),
  core('DAT-01', 2),
  core('DAT-02', 2),
  core('DAT-03', 2),
  core('DAT-04', 2),
  core('DAT-05', 2),
  supporting('QSF-05', 1),
  supporting('STR-02', 1),
]);

describe('leaves', () => {
  it('lists the achievement and competency requirements in document order', () => {
    const tree: Requirement = {
      id: 'root',
      kind: 'all',
      items: [
        ach('a', 'mc-01'),
        { id: 'g', kind: 'n_of', n: 1, items: [comp('b', 'DAT-04', 2), ach('c', 'mc-02')] },
      ],
    };
    expect(leaves(tree).map((l) => l.id)).toEqual(['a', 'b', 'c']);
  });

  it('treats a lone leaf as its own tree', () => {
    expect(leaves(ach('only', 'mc-01')).map((l) => l.id)).toEqual(['only']);
  });
});

describe('componentAchievementIds', () => {
  it('lists achievement leaves once each, in first-seen order', () => {
    expect(componentAchievementIds(pw01().requirements, catalogue)).toEqual([
      'mc-01',
      'mc-07',
      'mc-03',
      'mc-02',
      'mc-08',
    ]);
  });

  it('adds every published micro-credential that meets a competency leaf, whatever the case of the code', () => {
    const retired = {
      ...entry('mc-99', 'IAM-999', 5, 'Retired numeracy', 'QSF-02:3'),
      publishedVersion: null,
    };
    const ids = componentAchievementIds(
      { id: 'root', kind: 'all', items: [ach('a', 'mc-07'), comp('b', 'qsf-02', 2)] },
      catalogueOf(retired),
    );
    // mc-07 is not repeated; mc-99 has no published version so nobody can earn it any more.
    expect(ids).toEqual(['mc-07', 'mc-02', 'mc-08', 'mc-11']);
  });

  it('respects the minimum level of a competency leaf', () => {
    expect(componentAchievementIds(comp('b', 'QSF-02', 3), catalogue)).toEqual(['mc-11']);
  });
});

describe('satisfyingEntries', () => {
  it('offers the cheapest micro-credentials first, then by code', () => {
    expect(satisfyingEntries(comp('b', 'QSF-02', 2), catalogue).map((e) => e.achievementId)).toEqual([
      'mc-07',
      'mc-02',
      'mc-08',
      'mc-11',
    ]);
  });

  it('offers nothing for a group or an unpublished micro-credential', () => {
    const draft = { ...entry('mc-50', 'IAM-500', 5, 'Draft', 'DAT-01:2'), publishedVersion: null };
    expect(satisfyingEntries(pw01().requirements, catalogue)).toEqual([]);
    expect(satisfyingEntries(ach('x', 'mc-50'), catalogueOf(draft))).toEqual([]);
  });
});

describe('competencyMatchKey', () => {
  it('ignores the case of codes and spaces around them, but not of framework ids', () => {
    expect(competencyMatchKey(FW, ' dat-01 ')).toBe(competencyMatchKey(FW, 'DAT-01'));
    expect(competencyMatchKey('FW-IAM', 'DAT-01')).not.toBe(competencyMatchKey(FW, 'DAT-01'));
  });
});

describe('checkPathwayDefinition', () => {
  it('accepts the demo pathway pw-01', () => {
    expect(problemsOf(pw01())).toEqual([]);
  });

  it('accepts a competency requirement met at or above its level, in any case', () => {
    expect(problemsOf(withRoot({ id: 'root', kind: 'all', items: [comp('c', 'dat-04', 2)] }))).toEqual([]);
  });

  it('reports duplicate node ids at the second one', () => {
    const def = withRoot({ id: 'root', kind: 'all', items: [ach('x', 'mc-01'), ach('x', 'mc-02')] });
    expect(problemsOf(def)).toEqual([
      {
        path: '/requirements/items/1/id',
        message: 'Two requirements have the id "x"; give each requirement its own id.',
      },
    ]);
  });

  it('reports empty groups', () => {
    const def = withRoot({
      id: 'root',
      kind: 'all',
      items: [
        ach('a', 'mc-01'),
        { id: 'g', kind: 'all', items: [] },
        { id: 'h', kind: 'n_of', n: 1, items: [] },
      ],
    });
    expect(problemsOf(def)).toEqual([
      {
        path: '/requirements/items/1/items',
        message: 'This group has no requirements in it; add some or remove the group.',
      },
      {
        path: '/requirements/items/2/items',
        message: 'This choice has no options in it; add some or remove it.',
      },
    ]);
  });

  it('reports an impossible choice at its n', () => {
    const def = withRoot({
      id: 'root',
      kind: 'all',
      items: [
        ach('a', 'mc-01'),
        { id: 'g', kind: 'n_of', n: 3, items: [ach('b', 'mc-02'), ach('c', 'mc-08')] },
        { id: 'h', kind: 'n_of', n: 0, items: [ach('d', 'mc-05')] },
        { id: 'i', kind: 'n_of', n: 1.5, items: [ach('e', 'mc-04'), ach('f', 'mc-11')] },
      ],
    });
    expect(problemsOf(def)).toEqual([
      {
        path: '/requirements/items/1/n',
        message: 'Choose 3 of 2 options is impossible; lower the number or add options.',
      },
      { path: '/requirements/items/2/n', message: 'Choose at least 1 of the options.' },
      {
        path: '/requirements/items/3/n',
        message: 'Say how many of the options to choose, as a whole number.',
      },
    ]);
  });

  it('names unknown, retired and unpublished micro-credentials', () => {
    const retired = {
      ...entry('mc-90', 'IAM-190', 5, 'Old Data Course', 'DAT-01:2'),
      publishedVersion: null,
    };
    const def = withRoot({ id: 'root', kind: 'all', items: [ach('a', 'mc-404'), ach('b', 'mc-90')] });
    expect(problemsOf(def, catalogueOf(retired))).toEqual([
      {
        path: '/requirements/items/0/achievementId',
        message: 'There is no micro-credential "mc-404" in the catalogue.',
      },
      {
        path: '/requirements/items/1/achievementId',
        message:
          'IAM-190 "Old Data Course" has no published version (it is retired or not yet published), so nobody can earn it.',
      },
    ]);
  });

  it('reports a micro-credential required twice', () => {
    const def = withRoot({
      id: 'root',
      kind: 'all',
      items: [
        ach('a', 'mc-01'),
        { id: 'g', kind: 'n_of', n: 1, items: [ach('b', 'mc-01'), ach('c', 'mc-02')] },
      ],
    });
    expect(problemsOf(def)).toEqual([
      {
        path: '/requirements/items/1/items/0/achievementId',
        message: 'IAM-101 "I.AM Foundations" is already required by "a"; one credential cannot count twice.',
      },
    ]);
  });

  it('checks minimum versions: their shape, and that the published version reaches them', () => {
    const def = withRoot({
      id: 'root',
      kind: 'all',
      items: [
        ach('a', 'mc-01', 'v1.0.0'),
        ach('b', 'mc-02', '2.0.0'),
        ach('c', 'mc-03', '1.0.0'),
        ach('d', 'mc-07', '0.9.0'),
      ],
    });
    expect(problemsOf(def)).toEqual([
      {
        path: '/requirements/items/0/minVersion',
        message: 'Write version "v1.0.0" without the leading "v", e.g. 0.9.0 or 1.1.0.',
      },
      {
        path: '/requirements/items/1/minVersion',
        message:
          'IAM-201 "Levels of Service and Performance" is published at version 1.0.0, so nobody can hold version 2.0.0 or later yet.',
      },
    ]);
  });

  it('reports a competency nobody certifies, or nobody certifies at the level asked', () => {
    const def = withRoot({
      id: 'root',
      kind: 'all',
      items: [comp('a', 'XYZ-01', 1), comp('b', 'DAT-04', 3), comp('c', 'DAT-04', 0)],
    });
    expect(problemsOf(def)).toEqual([
      {
        path: '/requirements/items/0/code',
        message:
          'No published micro-credential certifies competency XYZ-01, so nobody can meet this requirement.',
      },
      {
        path: '/requirements/items/1/minLevel',
        message:
          'No published micro-credential certifies DAT-04 at level 3 or above; the highest is level 2.',
      },
      { path: '/requirements/items/2/minLevel', message: 'The minimum level is a whole number, 1 or more.' },
    ]);
  });

  it('does not count unpublished micro-credentials as certifying a competency', () => {
    const draft = { ...entry('mc-50', 'IAM-500', 5, 'Draft', 'DAT-04:4'), publishedVersion: null };
    expect(problemsOf(withRoot(comp('a', 'DAT-04', 4)), catalogueOf(draft))).toHaveLength(1);
  });

  it('allows 6 levels of groups and refuses a 7th, once', () => {
    const nest = (depth: number): Requirement =>
      depth === 0 ? ach(`leaf`, 'mc-01') : { id: `g${depth}`, kind: 'all', items: [nest(depth - 1)] };
    expect(problemsOf(withRoot(nest(6)))).toEqual([]);
    const problems = problemsOf(withRoot(nest(8)));
    expect(problems).toEqual([
      {
        path: '/requirements/items/0/items/0/items/0/items/0/items/0/items/0',
        message: 'Requirements nest at most 6 levels deep; move this group up a level.',
      },
    ]);
  });

  it('refuses more than 200 nodes', () => {
    const items = Array.from({ length: 200 }, (_, i): Requirement => comp(`c${i}`, 'DAT-01', 1));
    expect(problemsOf(withRoot({ id: 'root', kind: 'all', items: items.slice(0, 199) }))).toEqual([]);
    expect(problemsOf(withRoot({ id: 'root', kind: 'all', items }))).toEqual([
      { path: '/requirements', message: 'A pathway has at most 200 requirements; this one has 201.' },
    ]);
  });

  it('reports sequence entries and prerequisites that name unknown steps', () => {
    const def = {
      ...pw01(),
      sequence: ['r-mc-01', 'r-mc-99'],
      prerequisites: [
        { step: 'nowhere', after: ['r-mc-01'] },
        { step: 'r-mc-03', after: ['r-mc-01', 'ghost'] },
      ],
    };
    expect(problemsOf(def)).toEqual([
      {
        path: '/sequence/1',
        message: 'The recommended order names "r-mc-99", which is not a requirement of this pathway.',
      },
      {
        path: '/prerequisites/0/step',
        message: 'The prerequisite is for "nowhere", which is not a requirement of this pathway.',
      },
      {
        path: '/prerequisites/1/after/1',
        message: '"r-mc-03" is said to come after "ghost", which is not a requirement of this pathway.',
      },
    ]);
  });

  it('reports a step that comes after itself, or after a group containing it', () => {
    const def = {
      ...pw01(),
      prerequisites: [
        { step: 'r-mc-07', after: ['r-mc-07'] },
        { step: 'e-mc-02', after: ['electives'] },
        // A group after one of its own items is fine: it is complete after them anyway.
        { step: 'electives', after: ['e-mc-08'] },
      ],
    };
    expect(problemsOf(def)).toEqual([
      { path: '/prerequisites/0/after/0', message: '"r-mc-07" cannot come after itself.' },
      {
        path: '/prerequisites/1/after/0',
        message:
          '"e-mc-02" cannot come after "electives", because "electives" contains it and is only complete once "e-mc-02" is.',
      },
    ]);
  });

  it('names a circle of prerequisites', () => {
    const def = withRoot(
      { id: 'root', kind: 'all', items: [ach('r1', 'mc-01'), ach('r2', 'mc-02'), ach('r5', 'mc-05')] },
      {
        prerequisites: [
          { step: 'r5', after: ['r1'] },
          { step: 'r2', after: ['r5'] },
          { step: 'r5', after: ['r2'] },
        ],
      },
    );
    expect(problemsOf(def)).toEqual([
      {
        path: '/prerequisites/2',
        message:
          'The prerequisites go round in a circle (r5 → r2 → r5, each coming after the next), so none of these steps could ever start.',
      },
    ]);
  });

  it('lists every problem at once, in the order of the definition', () => {
    const def: PathwayDefinition = {
      requirements: {
        id: 'root',
        kind: 'all',
        items: [ach('a', 'mc-404'), { id: 'g', kind: 'n_of', n: 4, items: [ach('a', 'mc-02')] }],
      },
      sequence: ['zzz'],
      prerequisites: [{ step: 'a', after: ['a'] }],
    };
    const problems = problemsOf(def);
    expect(problems.map((p) => p.path)).toEqual([
      '/requirements/items/0/achievementId',
      '/requirements/items/1/n',
      '/requirements/items/1/items/0/id',
      '/sequence/0',
      '/prerequisites/0/after/0',
    ]);
    const error = (() => {
      try {
        checkPathwayDefinition(def, catalogue);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidFields);
    expect((error as InvalidFields).message).toContain('Choose 4 of 1 option is impossible');
  });
});

describe('findPrerequisiteCycle', () => {
  it('finds none in an order that can be followed', () => {
    expect(findPrerequisiteCycle(pw01().prerequisites)).toBeNull();
    expect(findPrerequisiteCycle([])).toBeNull();
    // A diamond is not a circle.
    expect(
      findPrerequisiteCycle([
        { step: 'd', after: ['b', 'c'] },
        { step: 'b', after: ['a'] },
        { step: 'c', after: ['a'] },
      ]),
    ).toBeNull();
  });

  it('follows "comes after" from a step back to itself', () => {
    expect(
      findPrerequisiteCycle([
        { step: 'r2', after: ['r5'] },
        { step: 'r5', after: ['r2'] },
      ]),
    ).toEqual(['r2', 'r5', 'r2']);
    expect(
      findPrerequisiteCycle([
        { step: 'a', after: ['b'] },
        { step: 'b', after: ['c'] },
        { step: 'c', after: ['d', 'a'] },
      ]),
    ).toEqual(['a', 'b', 'c', 'a']);
  });

  it('counts a step after itself as a circle of one', () => {
    expect(findPrerequisiteCycle([{ step: 'x', after: ['x'] }])).toEqual(['x', 'x']);
  });

  it('copes with a very long chain', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ step: `s${i}`, after: [`s${i + 1}`] }));
    expect(findPrerequisiteCycle(chain)).toBeNull();
    const loop = [...chain, { step: 's20000', after: ['s0'] }];
    expect(findPrerequisiteCycle(loop)).toHaveLength(20_002);
  });
});

describe('roleCoverage', () => {
  it('takes the elective that covers the role best (pw-01 against Asset Data Technician)', () => {
    const coverage = roleCoverage(pw01(), catalogue, ADT);
    // mc-08 certifies QSF-05; mc-02 would leave that supporting requirement missing.
    expect(coverage.percent).toBe(100);
    expect(coverage.partly).toEqual([]);
    expect(coverage.missing).toEqual([]);
    expect(coverage.covered).toContainEqual({ frameworkId: FW, code: 'QSF-05', required: 1, provided: 3 });
    expect(coverage.covered.map((c) => c.code)).toEqual(ADT.requirements.map((r) => r.code));
  });

  it('weighs core requirements twice and sorts the rest into partly covered and missing', () => {
    const def = withRoot({ id: 'root', kind: 'all', items: [ach('a', 'mc-01')] });
    const coverage = roleCoverage(
      def,
      catalogue,
      role([core('FND-01', 2), core('FND-05', 2), supporting('STR-02', 1), core('DAT-01', 2)]),
    );
    // FND-01 (2) + STR-02 (1) of 2 + 2 + 1 + 2 = 3 / 7.
    expect(coverage.percent).toBe(43);
    expect(coverage.covered.map((c) => c.code)).toEqual(['FND-01', 'STR-02']);
    expect(coverage.partly).toEqual([{ frameworkId: FW, code: 'FND-05', required: 2, provided: 1 }]);
    expect(coverage.missing).toEqual([{ frameworkId: FW, code: 'DAT-01', required: 2, provided: 0 }]);
  });

  it('counts a competency leaf at its minimum level, matching codes in any case', () => {
    const def = withRoot({
      id: 'root',
      kind: 'all',
      items: [comp('a', 'dat-04', 2), comp('b', 'QSF-02', 1)],
    });
    const coverage = roleCoverage(def, catalogue, role([core('DAT-04', 2), core('QSF-02', 2)]));
    expect(coverage.percent).toBe(50);
    expect(coverage.partly).toEqual([{ frameworkId: FW, code: 'QSF-02', required: 2, provided: 1 }]);
  });

  it('chooses the best combination when several options must be taken', () => {
    const def = withRoot({
      id: 'root',
      kind: 'n_of',
      n: 2,
      items: [ach('a', 'mc-02'), ach('b', 'mc-03'), ach('c', 'mc-07'), ach('d', 'mc-05')],
    });
    const coverage = roleCoverage(def, catalogue, ADT);
    // mc-03 + mc-07 cover FND-05, QSF-01, QSF-02, DAT-01..05: 8 core of 11 requirements.
    expect(coverage.percent).toBe(Math.round((100 * 16) / 20));
  });

  it('chooses greedily among very many options, still finding the ones that cover the role', () => {
    const fillers = Array.from({ length: 40 }, (_, i) =>
      entry(`f-${i}`, `F-${i}`, 5, `Filler ${i}`, 'RSK-03:1'),
    );
    const def = withRoot({
      id: 'root',
      kind: 'n_of',
      n: 3,
      items: [
        ...fillers.map((f) => ach(`x${f.achievementId}`, f.achievementId)),
        ach('a', 'mc-01'),
        ach('b', 'mc-03'),
        ach('c', 'mc-07'),
      ],
    });
    expect(roleCoverage(def, catalogueOf(...fillers), ADT).percent).toBe(Math.round((100 * 19) / 20));
  });

  it('says 0% for a role with no requirements', () => {
    expect(roleCoverage(pw01(), catalogue, role([]))).toEqual({
      percent: 0,
      covered: [],
      partly: [],
      missing: [],
    });
  });
});
