import { describe, expect, it } from 'vitest';
import { evaluatePathway } from './pathway-progress.js';
import type {
  CatalogueEntry,
  HeldCredential,
  PathwayDefinition,
  Requirement,
  RoleProfile,
} from './pathways.js';
import { competencyGap, HOURS_PER_CREDIT, recommendNext, type RecommendInput } from './recommendations.js';

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
  ['mc-06', 'IAM-204', 5, 'Valuation and Depreciation Essentials', 'FEC-01:3 FEC-02:3 QSF-01:2 DAT-02:2'],
  ['mc-07', 'IAM-103', 5, 'Applied Numeracy and Data Analysis', 'QSF-01:2 QSF-02:2 DAT-04:2'],
  ['mc-08', 'IAM-205', 10, 'Condition Assessment and Deterioration', 'QSF-05:3 QSF-03:3 QSF-02:2 RSK-04:2'],
  [
    'mc-09',
    'IAM-206',
    5,
    'Engaging Communities on Infrastructure Choices',
    'PEC-01:3 PEC-02:3 PEC-03:2 FND-03:2',
  ],
  ['mc-10', 'IAM-207', 5, 'Te Tiriti and Kaitiakitanga', 'FND-03:3 FND-02:2 PEC-01:2 STR-06:2'],
  ['mc-11', 'IAM-301', 10, 'Optimised Decision-Making', 'LCM-04:3 FEC-03:3 PEC-04:3 QSF-02:3 RSK-01:2'],
  [
    'mc-12',
    'IAM-302',
    15,
    'Asset Management Plan Development',
    'STR-04:3 STR-03:3 STR-02:3 LCM-01:3 RSK-02:3 DAT-02:3',
  ],
  ['mc-13', 'IAM-303', 10, 'Long-Term Financial Planning', 'STR-05:3 FEC-04:3 FEC-05:3 FEC-02:3 PEC-04:3'],
  [
    'mc-14',
    'IAM-401',
    10,
    'Leading Asset Management',
    'STR-01:4 FND-04:4 PEC-05:4 PEC-06:3 PEC-02:4 STR-06:3',
  ],
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
    { achievementId, code, title, credits, publishedVersion: '1.0.0', competencies: competencies(comps) },
  ]),
);

function credential(achievementId: string, overrides: Partial<HeldCredential> = {}): HeldCredential {
  const e = catalogue.get(achievementId);
  return {
    credentialId: `cred-${achievementId}`,
    achievementId,
    version: '1.0.0',
    route: 'assessed',
    credits: e?.credits ?? 5,
    competencies: e?.competencies ?? [],
    state: 'active',
    ...overrides,
  };
}

function role(title: string, requirements: [string, number, 'core' | 'supporting'][]): RoleProfile {
  return {
    id: `role-${title}`,
    key: title.toLowerCase(),
    title,
    summary: '',
    careerLevel: 'Entry',
    careerRank: 1,
    requirements: requirements.map(([code, level, importance]) => ({
      frameworkId: FW,
      code,
      level,
      importance,
    })),
    nextRoleIds: [],
  };
}

/** role-adt from the demo seed. */
const ADT = role('Asset Data Technician', [
  ['FND-01', 2, 'core'],
  ['FND-05', 2, 'core'],
  ['QSF-01', 2, 'core'],
  ['QSF-02', 2, 'core'],
  ['DAT-01', 2, 'core'],
  ['DAT-02', 2, 'core'],
  ['DAT-03', 2, 'core'],
  ['DAT-04', 2, 'core'],
  ['DAT-05', 2, 'core'],
  ['QSF-05', 1, 'supporting'],
  ['STR-02', 1, 'supporting'],
]);

const ach = (id: string, achievementId: string): Requirement => ({ id, kind: 'achievement', achievementId });

/** pw-01 with the demo's prerequisites: mc-03 and the electives come after mc-01. */
const PW01: PathwayDefinition = {
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

function recommend(overrides: Partial<RecommendInput> = {}) {
  return recommendNext({ role: ADT, catalogue, held: [], selfAssessed: [], limit: 20, ...overrides });
}

describe('competencyGap', () => {
  it('compares the role with what active credentials certify, beside the self-assessment', () => {
    const held = [
      credential('mc-01'),
      credential('mc-03', { state: 'expired' }),
      credential('mc-07', { state: 'revoked' }),
    ];
    const gap = competencyGap(ADT, held, [
      { frameworkId: FW, code: 'dat-01', level: 3 },
      { frameworkId: FW, code: 'DAT-01', level: 2 },
    ]);
    expect(gap).toHaveLength(ADT.requirements.length);
    expect(gap[0]).toEqual({
      frameworkId: FW,
      code: 'FND-01',
      importance: 'core',
      required: 2,
      held: 2,
      selfAssessed: null,
      gap: 0,
    });
    // FND-05 at 1 from mc-01; the expired mc-03 (level 2) does not count.
    expect(gap[1]).toMatchObject({ code: 'FND-05', held: 1, gap: 1 });
    // Self-assessment is shown (the highest given, any case) but closes nothing.
    expect(gap[4]).toMatchObject({ code: 'DAT-01', held: 0, selfAssessed: 3, gap: 2 });
    expect(gap[10]).toMatchObject({ code: 'STR-02', importance: 'supporting', held: 1, gap: 0 });
  });

  it('never reports a negative gap', () => {
    const gap = competencyGap(ADT, [credential('mc-02')], []);
    expect(gap.find((g) => g.code === 'STR-02')).toMatchObject({ required: 1, held: 3, gap: 0 });
  });
});

describe('recommendNext', () => {
  it('ranks by levels of the gap closed per learning hour', () => {
    const list = recommend();
    expect(list.map((r) => [r.code, r.gapClosed, r.hours])).toEqual([
      ['IAM-102', 10, 50], // DAT-01, 02, 03, 05 and FND-05, 2 levels each: 0.2 per hour
      ['IAM-101', 4, 30], // FND-01 2, FND-05 1, STR-02 1 (capped at the role's 1): 0.13
      ['IAM-103', 6, 50], // 0.12
      ['IAM-204', 4, 50],
      ['IAM-201', 3, 50],
      ['IAM-205', 3, 100],
      ['IAM-202', 2, 100],
      ['IAM-301', 2, 100], // same score and hours as IAM-202: by code
      ['IAM-302', 3, 150],
    ]);
    expect(list[0]).toMatchObject({
      achievementId: 'mc-03',
      title: 'Asset Data and Information Essentials',
      credits: 5,
      score: 10 / 50,
      blockedBy: [],
      onPathway: false,
      rplLikely: false,
    });
    // Nothing for the role in risk, engagement or leadership micro-credentials.
    expect(list.map((r) => r.code)).not.toContain('IAM-203');
  });

  it('counts what the learner already holds', () => {
    const list = recommend({ held: [credential('mc-03')] });
    expect(list.map((r) => r.code)).not.toContain('IAM-102');
    // mc-01 now adds FND-01 and STR-02 only: 3 levels in 30 hours, below mc-07's 6 in 50.
    expect(list.slice(0, 2).map((r) => [r.code, r.gapClosed])).toEqual([
      ['IAM-103', 6],
      ['IAM-101', 3],
    ]);
  });

  it('leaves out micro-credentials held as active credentials, but not expired or revoked ones', () => {
    const list = recommend({
      held: [
        credential('mc-03'),
        credential('mc-07', { state: 'expired' }),
        credential('mc-01', { state: 'revoked' }),
      ],
    });
    const codes = list.map((r) => r.code);
    expect(codes).not.toContain('IAM-102');
    expect(codes).toContain('IAM-103');
    expect(codes).toContain('IAM-101');
  });

  it('leaves out micro-credentials with no published version', () => {
    const retired = new Map(catalogue);
    const data = catalogue.get('mc-03');
    if (data) retired.set('mc-03', { ...data, publishedVersion: null });
    expect(recommend({ catalogue: retired }).map((r) => r.code)).not.toContain('IAM-102');
  });

  it('expects recognition of prior learning when the self-assessment reaches every level it certifies', () => {
    const list = recommend({
      selfAssessed: [
        { frameworkId: FW, code: 'QSF-01', level: 3 },
        { frameworkId: FW, code: 'qsf-02', level: 2 },
        { frameworkId: FW, code: 'DAT-04', level: 2 },
        { frameworkId: FW, code: 'DAT-01', level: 1 },
      ],
    });
    expect(list.find((r) => r.code === 'IAM-103')?.rplLikely).toBe(true);
    expect(list.find((r) => r.code === 'IAM-102')?.rplLikely).toBe(false);
    expect(list.find((r) => r.code === 'IAM-103')?.reason).toContain('recognition of prior learning');
  });

  it('expects recognition of prior learning from a credential certifying most of it, even an expired one', () => {
    const older = credential('mc-90', {
      state: 'expired',
      competencies: competencies('DAT-01:2 DAT-02:3 DAT-03:2 FND-05:1'),
    });
    const list = recommend({ held: [older] });
    // 3 of mc-03's 5 competencies at their levels (FND-05 is too low): more than half.
    expect(list.find((r) => r.code === 'IAM-102')?.rplLikely).toBe(true);
    const revoked = recommend({ held: [{ ...older, state: 'revoked' }] });
    expect(revoked.find((r) => r.code === 'IAM-102')?.rplLikely).toBe(false);
    const half = recommend({ held: [{ ...older, competencies: competencies('DAT-01:2 DAT-02:2') }] });
    expect(half.find((r) => r.code === 'IAM-102')?.rplLikely).toBe(false);
  });

  it('puts the pathway’s next steps first and blocked steps last, naming what blocks them', () => {
    const progress = evaluatePathway(PW01, catalogue, []);
    const list = recommend({ pathway: { def: PW01, progress } });
    expect(list.map((r) => [r.code, r.onPathway, r.blockedBy])).toEqual([
      ['IAM-101', true, []],
      ['IAM-103', true, []],
      ['IAM-204', false, []],
      ['IAM-202', false, []],
      ['IAM-301', false, []],
      ['IAM-302', false, []],
      ['IAM-102', true, ['I.AM Foundations']],
      ['IAM-201', true, ['I.AM Foundations']],
      ['IAM-205', true, ['I.AM Foundations']],
    ]);
    expect(list[6]?.reason).toBe(
      'It is a next step on your pathway; it closes 10 levels of your gap for Asset Data Technician (DAT-01, DAT-02, DAT-03 and more) in about 50 hours; take it after I.AM Foundations.',
    );
  });

  it('unblocks steps once their prerequisites are met, and drops steps no longer needed', () => {
    const held = [credential('mc-01'), credential('mc-08')];
    const progress = evaluatePathway(PW01, catalogue, held);
    const list = recommend({ held, pathway: { def: PW01, progress } });
    expect(list.slice(0, 2).map((r) => [r.code, r.blockedBy])).toEqual([
      ['IAM-102', []],
      ['IAM-103', []],
    ]);
    // The elective is done, and mc-08 and mc-01 already certify what mc-02 would add for the role.
    expect(list.map((r) => r.code)).not.toContain('IAM-201');
    expect(list.every((r) => r.onPathway === (r.code === 'IAM-102' || r.code === 'IAM-103'))).toBe(true);
  });

  it('keeps a pathway step that closes no gap, saying why', () => {
    const planner = role('Asset Management Planner', [['RSK-01', 3, 'core']]);
    const progress = evaluatePathway(PW01, catalogue, []);
    const list = recommendNext({
      role: planner,
      catalogue,
      held: [],
      selfAssessed: [],
      pathway: { def: PW01, progress },
      limit: 3,
    });
    expect(list.map((r) => r.code)).toEqual(['IAM-101', 'IAM-103', 'IAM-203']);
    expect(list[0]).toMatchObject({ gapClosed: 0, score: 0 });
    expect(list[0]?.reason).toBe(
      'It is a next step on your pathway; it adds nothing new for Asset Management Planner but counts towards the pathway.',
    );
  });

  it('blocks the options of a group that is a step, and names a group by its label', () => {
    const def: PathwayDefinition = {
      ...PW01,
      prerequisites: [
        { step: 'electives', after: ['r-mc-07'] },
        { step: 'r-mc-03', after: ['electives'] },
      ],
    };
    const list = recommend({ pathway: { def, progress: evaluatePathway(def, catalogue, []) } });
    expect(list.find((r) => r.code === 'IAM-205')?.blockedBy).toEqual(['Applied Numeracy and Data Analysis']);
    expect(list.find((r) => r.code === 'IAM-102')?.blockedBy).toEqual(['Elective']);
  });

  it('returns at most `limit` recommendations, and none for a limit of 0 or less', () => {
    expect(recommend({ limit: 2 })).toHaveLength(2);
    expect(recommend({ limit: 0 })).toEqual([]);
    expect(recommend({ limit: -1 })).toEqual([]);
  });

  it('writes one plain sentence per recommendation', () => {
    for (const r of recommend()) {
      expect(r.reason).toMatch(/^[A-Z][^.]*\.$/);
      expect(r.hours).toBe(r.credits * HOURS_PER_CREDIT);
    }
    expect(recommend()[1]?.reason).toBe(
      'It closes 4 levels of your gap for Asset Data Technician (FND-01, FND-05 and STR-02) in about 30 hours.',
    );
  });

  it('handles a catalogue of 500 entries against 40 requirements', () => {
    const codes = Array.from({ length: 40 }, (_, i) => `K-${i}`);
    const big = new Map<string, CatalogueEntry>();
    for (let i = 0; i < 500; i++) {
      big.set(`m${i}`, {
        achievementId: `m${i}`,
        code: `M-${String(i).padStart(3, '0')}`,
        title: `Module ${i}`,
        credits: 1 + (i % 15),
        publishedVersion: '1.0.0',
        competencies: [0, 1, 2, 3, 4].map((k) => ({
          frameworkId: FW,
          code: codes[(i * 7 + k * 3) % 40] ?? '',
          level: 1 + ((i + k) % 4),
        })),
      });
    }
    const wide = role(
      'Generalist',
      codes.map((code, i) => [code, 1 + (i % 4), i % 3 === 0 ? 'supporting' : 'core']),
    );
    const list = recommendNext({ role: wide, catalogue: big, held: [], selfAssessed: [], limit: 10 });
    expect(list).toHaveLength(10);
    for (let i = 1; i < list.length; i++)
      expect(list[i - 1]?.score).toBeGreaterThanOrEqual(list[i]?.score ?? 0);
  });
});
