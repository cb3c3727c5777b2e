import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AchievementContent } from './achievements.js';
import { InvalidInput } from './errors.js';
import {
  bruteForceOverlaps,
  competencyKey,
  contentWords,
  coverage,
  findOverlaps,
  overlapScore,
  overlapSubject,
  textShingles,
  topOverlaps,
  type OverlapPair,
  type OverlapSubject,
} from './overlap.js';

const VOCABULARY = [
  'asset',
  'register',
  'condition',
  'inspection',
  'pipe',
  'renewal',
  'budget',
  'risk',
  'criticality',
  'valve',
  'pump',
  'station',
  'network',
  'maintenance',
  'planning',
  'lifecycle',
  'cost',
  'failure',
  'mode',
  'data',
  'quality',
  'field',
  'survey',
  'report',
  'strategy',
  'treatment',
  'plant',
  'water',
  'wastewater',
  'road',
];
const OTHER_VOCABULARY = VOCABULARY.map((word) => `${word}x`);

function subjectArbitrary(keyPrefix: string, vocabulary: readonly string[]): fc.Arbitrary<OverlapSubject> {
  return fc.record({
    id: fc.uuid(),
    competencies: fc.array(
      fc.record({
        key: fc.integer({ min: 1, max: 12 }).map((n) => `${keyPrefix}:C${n}`),
        level: fc.integer({ min: 1, max: 5 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    text: fc
      .array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 30 })
      .map((words) => words.join(' ')),
  });
}
const subject = subjectArbitrary('fw', VOCABULARY);

/** Straight from the definitions, sharing no code with overlap.ts beyond textShingles. */
function referenceScore(a: OverlapSubject, b: OverlapSubject): number {
  const levels = (s: OverlapSubject): Map<string, number> => {
    const map = new Map<string, number>();
    for (const c of s.competencies) if (c.level > 0) map.set(c.key, Math.max(c.level, map.get(c.key) ?? 0));
    return map;
  };
  const la = levels(a);
  const lb = levels(b);
  let min = 0;
  let max = 0;
  for (const key of new Set([...la.keys(), ...lb.keys()])) {
    min += Math.min(la.get(key) ?? 0, lb.get(key) ?? 0);
    max += Math.max(la.get(key) ?? 0, lb.get(key) ?? 0);
  }
  const sa = new Set(textShingles(a.text));
  const sb = new Set(textShingles(b.text));
  const common = [...sa].filter((s) => sb.has(s)).length;
  const union = sa.size + sb.size - common;
  return 0.7 * (max > 0 ? min / max : 0) + 0.3 * (union > 0 ? common / union : 0);
}

describe('overlapScore', () => {
  it('is symmetric, and swaps the levels of shared competencies', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        const ab = overlapScore(a, b);
        const ba = overlapScore(b, a);
        expect(ba.score).toBe(ab.score);
        expect(ba.competency).toBe(ab.competency);
        expect(ba.text).toBe(ab.text);
        expect(ba.sharedCompetencies).toEqual(
          ab.sharedCompetencies.map(({ key, levelA, levelB }) => ({ key, levelA: levelB, levelB: levelA })),
        );
      }),
    );
  });

  it('is 1 for identical subjects', () => {
    fc.assert(
      fc.property(subject, (a) => {
        expect(overlapScore(a, { ...a, id: 'copy' })).toMatchObject({ score: 1, competency: 1, text: 1 });
      }),
    );
  });

  it('is 0 for subjects sharing no competency and no words', () => {
    fc.assert(
      fc.property(subject, subjectArbitrary('other', OTHER_VOCABULARY), (a, b) => {
        expect(overlapScore(a, b)).toEqual({ score: 0, competency: 0, text: 0, sharedCompetencies: [] });
      }),
    );
  });

  it('stays within 0..1 and matches the definition', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        const { score } = overlapScore(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score).toBeCloseTo(referenceScore(a, b), 12);
      }),
    );
  });

  it('counts a shared competency for more when the levels are close', () => {
    const text = 'pipe renewal';
    const a = { id: 'a', competencies: [{ key: 'fw:C1', level: 3 }], text };
    const sameLevel = overlapScore(a, { id: 'b', competencies: [{ key: 'fw:C1', level: 3 }], text });
    const farLevel = overlapScore(a, { id: 'c', competencies: [{ key: 'fw:C1', level: 1 }], text });
    expect(sameLevel.competency).toBe(1);
    expect(farLevel.competency).toBeCloseTo(1 / 3, 12);
    expect(farLevel.sharedCompetencies).toEqual([{ key: 'fw:C1', levelA: 3, levelB: 1 }]);
  });

  it('counts competencies only one side teaches against the pair', () => {
    const a = {
      id: 'a',
      competencies: [
        { key: 'k1', level: 2 },
        { key: 'k2', level: 2 },
      ],
      text: '',
    };
    const b = { id: 'b', competencies: [{ key: 'k1', level: 2 }], text: '' };
    // Σmin = 2, Σmax = 2 + 2: half the competency profile is shared.
    expect(overlapScore(a, b)).toEqual({
      score: 0.35,
      competency: 0.5,
      text: 0,
      sharedCompetencies: [{ key: 'k1', levelA: 2, levelB: 2 }],
    });
  });

  it('ignores competencies at level 0', () => {
    const a = {
      id: 'a',
      competencies: [
        { key: 'k1', level: 0 },
        { key: 'k2', level: 2 },
      ],
      text: '',
    };
    const b = {
      id: 'b',
      competencies: [
        { key: 'k1', level: 3 },
        { key: 'k2', level: 2 },
      ],
      text: '',
    };
    expect(overlapScore(a, b)).toMatchObject({
      competency: 0.4,
      sharedCompetencies: [{ key: 'k2', levelA: 2, levelB: 2 }],
    });
  });

  it('treats nothing to compare as no overlap', () => {
    const empty = { id: 'a', competencies: [], text: 'the and of' };
    expect(overlapScore(empty, { ...empty, id: 'b' }).score).toBe(0);
  });

  it('scores shared phrasing, not shared vocabulary', () => {
    const a = { id: 'a', competencies: [], text: 'inspect the pump station and report valve condition' };
    const reordered = {
      id: 'b',
      competencies: [],
      text: 'report condition: valve, station, pump and inspect',
    };
    const copied = {
      id: 'c',
      competencies: [],
      text: 'Inspect the pump station and report valve condition.',
    };
    expect(overlapScore(a, reordered).text).toBe(0);
    expect(overlapScore(a, copied).text).toBe(1);
  });
});

describe('contentWords and textShingles', () => {
  it('lower-cases, drops stop words and diacritics', () => {
    expect(contentWords('The learner will inspect Kōwhai Street’s water mains.')).toEqual([
      'inspect',
      'kowhai',
      'street',
      's',
      'water',
      'mains',
    ]);
  });
  it('pairs neighbouring words, and keeps a lone word as itself', () => {
    expect(textShingles('asset renewal planning')).toEqual(['asset renewal', 'renewal planning']);
    expect(textShingles('the asset')).toEqual(['asset']);
    expect(textShingles('of the')).toEqual([]);
  });
});

describe('overlapSubject', () => {
  it('keys competencies by framework and code, and reads the text an author writes', () => {
    const content = {
      title: 'Pipe condition',
      summary: 'Assess pipes',
      description: 'Field inspection of water pipes',
      criteriaNarrative: 'Inspect three sites',
      competencies: [{ frameworkId: 'fw-1', code: 'AM-3', targetLevel: 2 }],
      criteria: [{ id: 'c1', title: 'CCTV survey', evidenceRequirements: ['Survey log'] }],
    } as unknown as AchievementContent;
    const subjectOf = overlapSubject('ach-1', content);
    expect(subjectOf.competencies).toEqual([{ key: competencyKey('fw-1', 'AM-3'), level: 2 }]);
    for (const part of [
      'Pipe condition',
      'Assess pipes',
      'water pipes',
      'three sites',
      'CCTV survey',
      'Survey log',
    ]) {
      expect(subjectOf.text).toContain(part);
    }
  });
});

/** A catalogue with real duplication: clusters of near-copies and one competency half of it teaches. */
function catalogue(size: number, seed: number, wordChange = 0.15): OverlapSubject[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = (n: number): number => Math.floor(random() * n);
  const word = (): string => `w${pick(3_000).toString(36)}`;
  const subjects: OverlapSubject[] = [];
  for (let i = 0; i < size; i++) {
    const original = i > 0 && random() < 0.3 ? subjects[pick(i)] : undefined;
    let competencies: OverlapSubject['competencies'];
    let text: string;
    if (original === undefined) {
      competencies = Array.from({ length: 3 + pick(6) }, () => ({
        key: `fw:C${pick(2_000)}`,
        level: 1 + pick(5),
      }));
      text = Array.from({ length: 80 }, word).join(' ');
    } else {
      competencies = original.competencies
        .filter(() => random() < 0.8)
        .map((c) => ({ key: c.key, level: random() < 0.3 ? 1 + pick(5) : c.level }))
        .concat(random() < 0.5 ? [{ key: `fw:C${pick(2_000)}`, level: 1 + pick(5) }] : []);
      text = original.text
        .split(' ')
        .map((w) => (random() < wordChange ? word() : w))
        .join(' ');
    }
    if (random() < 0.5) competencies = [...competencies, { key: 'fw:SAFETY', level: 1 + pick(3) }];
    subjects.push({ id: `s${i}`, competencies, text });
  }
  return subjects;
}

const sharesCompetency = (pair: OverlapPair): boolean => pair.sharedCompetencies.length > 0;

describe('findOverlaps', () => {
  it(
    'finds exactly the pairs brute force finds when competencies carry the score',
    { timeout: 60_000 },
    () => {
      const subjects = catalogue(2_000, 1);
      const reference = bruteForceOverlaps(subjects, { threshold: 0.31 });
      expect(reference.length).toBeGreaterThan(100); // the check means something
      for (const threshold of [0.31, 0.4, 0.5, 0.7]) {
        const expected = reference.filter((p) => p.score >= threshold);
        expect(findOverlaps(subjects, { threshold })).toEqual(expected);
      }
    },
  );

  it('agrees with brute force on small, dense catalogues at any threshold above text alone', () => {
    // Few keys, and mostly one shared text so text adds its full weight: the pairs that sit right
    // at the edge of the prefix filter, which assumes exactly that.
    const dense = fc.array(
      fc.record({
        id: fc.uuid(),
        competencies: subjectArbitrary('fw', VOCABULARY).map((s) => s.competencies),
        text: fc.constantFrom('asset register', 'asset register', ''),
      }),
      { minLength: 2, maxLength: 40 },
    );
    fc.assert(
      fc.property(dense, fc.double({ min: 0.301, max: 1, noNaN: true }), (subjects, threshold) => {
        expect(findOverlaps(subjects, { threshold })).toEqual(bruteForceOverlaps(subjects, { threshold }));
      }),
      { numRuns: 300 },
    );
    // And with the threshold exactly at one pair's score, where rounding decides.
    fc.assert(
      fc.property(dense, fc.nat(), fc.nat(), (subjects, x, y) => {
        const a = subjects[x % subjects.length]!;
        const b = subjects[(x + 1 + (y % (subjects.length - 1))) % subjects.length]!;
        const threshold = overlapScore(a, b).score;
        fc.pre(threshold > 0.3);
        expect(findOverlaps(subjects, { threshold })).toEqual(bruteForceOverlaps(subjects, { threshold }));
      }),
      { numRuns: 300 },
    );
  });

  it(
    'with a low threshold, misses no pair sharing a competency and invents none',
    { timeout: 60_000 },
    () => {
      const subjects = catalogue(600, 2);
      for (const threshold of [0.15, 0.3]) {
        const expected = bruteForceOverlaps(subjects, { threshold });
        const found = findOverlaps(subjects, { threshold });
        const key = (p: OverlapPair): string => `${p.a}|${p.b}`;
        const expectedByKey = new Map(expected.map((p) => [key(p), p]));
        for (const pair of found) expect(pair).toEqual(expectedByKey.get(key(pair)));
        const foundKeys = new Set(found.map(key));
        expect(expected.filter(sharesCompetency).filter((p) => !foundKeys.has(key(p)))).toEqual([]);
      }
    },
  );

  it('finds near-copied text with no competency in common through MinHash', () => {
    const subjects = catalogue(400, 3, 0.03).map((s, i) => ({
      ...s,
      competencies: [{ key: `own:${i}`, level: 1 }],
    }));
    const nearCopies = bruteForceOverlaps(subjects, { threshold: 0.25 });
    expect(nearCopies.length).toBeGreaterThan(10);
    expect(nearCopies.every((p) => !sharesCompetency(p))).toBe(true);
    const found = findOverlaps(subjects, { threshold: 0.25 });
    // Text Jaccard ≥ 0.83 here, where banding misses about one pair in 10^6.
    expect(found).toEqual(nearCopies);
  });

  it('finds identical text alone at a threshold of exactly its weight', () => {
    const text = 'condition assessment of buried water pipes';
    const subjects = [
      { id: 'a', competencies: [{ key: 'k1', level: 2 }], text },
      { id: 'b', competencies: [{ key: 'k2', level: 2 }], text },
    ];
    expect(findOverlaps(subjects, { threshold: 0.3 })).toMatchObject([
      { a: 'a', b: 'b', score: 0.3, text: 1 },
    ]);
  });

  it('gives the same pairs whatever order the subjects come in', () => {
    const subjects = catalogue(300, 4);
    const unordered = (pairs: OverlapPair[]): string[] =>
      pairs.map((p) => `${[p.a, p.b].sort().join('|')}@${p.score}`).sort();
    fc.assert(
      fc.property(fc.shuffledSubarray(subjects, { minLength: subjects.length }), (shuffled) => {
        expect(unordered(findOverlaps(shuffled, { threshold: 0.4 }))).toEqual(
          unordered(findOverlaps(subjects, { threshold: 0.4 })),
        );
      }),
      { numRuns: 5 },
    );
  });

  it('puts the best first and keeps at most maxPairs', () => {
    const subjects = catalogue(300, 5);
    const all = findOverlaps(subjects, { threshold: 0.4 });
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((p) => p.score)).toEqual([...all.map((p) => p.score)].sort((x, y) => y - x));
    expect(findOverlaps(subjects, { threshold: 0.4, maxPairs: 5 })).toEqual(all.slice(0, 5));
  });

  it.each([
    [{ threshold: 0 }, 'threshold'],
    [{ threshold: 1.5 }, 'threshold'],
    [{ threshold: Number.NaN }, 'threshold'],
    [{ threshold: 0.5, maxPairs: 0 }, 'maxPairs'],
    [{ threshold: 0.5, maxPairs: 2.5 }, 'maxPairs'],
  ])('refuses %j', (options, field) => {
    expect(() => findOverlaps([], options)).toThrow(InvalidInput);
    try {
      bruteForceOverlaps([], options);
    } catch (err) {
      expect((err as InvalidInput).field).toBe(field);
    }
  });
});

describe('topOverlaps', () => {
  const draft: OverlapSubject = {
    id: 'draft',
    competencies: [
      { key: 'k1', level: 3 },
      { key: 'k2', level: 2 },
    ],
    text: 'asset register data quality',
  };
  const published: OverlapSubject[] = [
    { id: 'unrelated', competencies: [{ key: 'k9', level: 3 }], text: 'road marking' },
    {
      id: 'close',
      competencies: [
        { key: 'k1', level: 3 },
        { key: 'k2', level: 1 },
      ],
      text: 'asset register data',
    },
    { id: 'same', competencies: draft.competencies, text: draft.text },
    { id: 'draft', competencies: draft.competencies, text: draft.text },
    { id: 'partial', competencies: [{ key: 'k1', level: 2 }], text: 'pump station' },
  ];

  it('returns the best k above the threshold, skipping the draft itself', () => {
    const top = topOverlaps(draft, published, 2);
    expect(top.map((m) => [m.id, Math.round(m.score * 100)])).toEqual([
      ['same', 100],
      ['close', 76],
    ]);
    expect(topOverlaps(draft, published, 10, 0.25).map((m) => m.id)).toEqual(['same', 'close', 'partial']);
    expect(topOverlaps(draft, published, 0)).toEqual([]);
  });

  it('refuses a k that is not a whole number', () => {
    expect(() => topOverlaps(draft, published, -1)).toThrow(InvalidInput);
    expect(() => topOverlaps(draft, published, 1.5)).toThrow(InvalidInput);
  });
});

describe('coverage', () => {
  it('counts how many subjects teach each competency and lists those none teach', () => {
    const subjects: OverlapSubject[] = [
      {
        id: 'a',
        competencies: [
          { key: 'k1', level: 2 },
          { key: 'k1', level: 3 },
          { key: 'k2', level: 1 },
        ],
        text: '',
      },
      {
        id: 'b',
        competencies: [
          { key: 'k1', level: 1 },
          { key: 'elsewhere', level: 1 },
          { key: 'k3', level: 0 },
        ],
        text: '',
      },
    ];
    const { uncovered, counts } = coverage(['k1', 'k2', 'k3', 'k4'], subjects);
    expect(uncovered).toEqual(['k3', 'k4']);
    expect([...counts]).toEqual([
      ['k1', 2],
      ['k2', 1],
      ['k3', 0],
      ['k4', 0],
    ]);
  });
});
