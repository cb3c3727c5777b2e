import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_POLICY, type AssessmentPolicy, type ModerationOutcome } from './assessment.js';
import { InvalidFields, InvalidInput } from './errors.js';
import {
  agreementRates,
  checkAssessmentPolicy,
  checkModerationReason,
  sampleFraction,
  selectForModeration,
} from './moderation.js';

function pathsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidFields);
    return (err as InvalidFields).errors.map((e) => e.path);
  }
  throw new Error('expected InvalidFields');
}

/** A v4-shaped id from a counter, so the test needs neither randomness nor a clock. */
function uuidLike(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `5f0c${hex.slice(0, 4)}-1a2b-4c3d-8e9f-${hex}`;
}

describe('checkAssessmentPolicy', () => {
  it('accepts the defaults and the edges', () => {
    expect(checkAssessmentPolicy(DEFAULT_ASSESSMENT_POLICY)).toEqual(DEFAULT_ASSESSMENT_POLICY);
    const edges: AssessmentPolicy = {
      ...DEFAULT_ASSESSMENT_POLICY,
      sampleRate: 1,
      newAssessorFirstN: 1000,
      appealWindowDays: 365,
      timing: 'before_issue',
    };
    expect(checkAssessmentPolicy(edges)).toEqual(edges);
    expect(
      checkAssessmentPolicy({ ...edges, sampleRate: 0, newAssessorFirstN: 0, appealWindowDays: 0 }),
    ).toMatchObject({
      sampleRate: 0,
    });
  });

  it.each([
    [{ sampleRate: -0.01 }, '/sampleRate'],
    [{ sampleRate: 1.01 }, '/sampleRate'],
    [{ sampleRate: Number.NaN }, '/sampleRate'],
    [{ newAssessorFirstN: -1 }, '/newAssessorFirstN'],
    [{ newAssessorFirstN: 2.5 }, '/newAssessorFirstN'],
    [{ newAssessorFirstN: 1001 }, '/newAssessorFirstN'],
    [{ appealWindowDays: -1 }, '/appealWindowDays'],
    [{ appealWindowDays: 0.5 }, '/appealWindowDays'],
    [{ appealWindowDays: 366 }, '/appealWindowDays'],
    [{ timing: 'whenever' as AssessmentPolicy['timing'] }, '/timing'],
  ])('refuses %j', (change, path) => {
    expect(pathsOf(() => checkAssessmentPolicy({ ...DEFAULT_ASSESSMENT_POLICY, ...change }))).toEqual([path]);
  });

  it('names every bad setting at once', () => {
    expect(
      pathsOf(() =>
        checkAssessmentPolicy({
          ...DEFAULT_ASSESSMENT_POLICY,
          sampleRate: 2,
          newAssessorFirstN: -1,
          appealWindowDays: 400,
          timing: 'later' as AssessmentPolicy['timing'],
        }),
      ),
    ).toEqual(['/sampleRate', '/newAssessorFirstN', '/appealWindowDays', '/timing']);
  });
});

describe('sampleFraction', () => {
  it('is fixed by the id and lies in [0, 1)', () => {
    expect(sampleFraction('abc')).toBe(sampleFraction('abc'));
    expect(sampleFraction('abc')).not.toBe(sampleFraction('abd'));
    for (let i = 0; i < 1000; i++) {
      const f = sampleFraction(uuidLike(i));
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });

  it('matches the first 48 bits of SHA-256', () => {
    // sha256("") = e3b0c44298fc1c14…
    expect(sampleFraction('')).toBe(0xe3b0c44298fc / 2 ** 48);
  });

  it('spreads ids evenly', () => {
    const n = 10_000;
    const fractions = Array.from({ length: n }, (_, i) => sampleFraction(uuidLike(i)));
    const share = fractions.filter((f) => f < 0.2).length / n;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    // Every tenth of the range gets roughly its share, not just the bottom fifth.
    const deciles = Array.from({ length: 10 }, () => 0);
    for (const f of fractions) deciles[Math.floor(f * 10)]!++;
    for (const count of deciles) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });
});

describe('selectForModeration', () => {
  const never: AssessmentPolicy = {
    ...DEFAULT_ASSESSMENT_POLICY,
    sampleRate: 0,
    newAssessorFirstN: 0,
    moderateAllRpl: false,
    moderateAll: false,
  };
  const decision = { id: 'decision-1', route: 'assessed' as const, assessorPriorDecisions: 10 };

  it('selects nothing when the policy moderates nothing', () => {
    expect(selectForModeration(never, decision)).toBeNull();
    expect(selectForModeration(never, { ...decision, route: 'rpl', assessorPriorDecisions: 0 })).toBeNull();
  });

  it('moderates everything when told to, before any other reason', () => {
    const all = { ...never, moderateAll: true, moderateAllRpl: true, newAssessorFirstN: 5, sampleRate: 1 };
    expect(selectForModeration(all, { ...decision, route: 'rpl', assessorPriorDecisions: 0 })).toBe('all');
  });

  it('moderates RPL decisions when the policy says so', () => {
    const rpl = { ...never, moderateAllRpl: true, newAssessorFirstN: 5, sampleRate: 1 };
    expect(selectForModeration(rpl, { ...decision, route: 'rpl', assessorPriorDecisions: 0 })).toBe('rpl');
    expect(selectForModeration(rpl, { ...decision, assessorPriorDecisions: 0 })).toBe('new_assessor');
  });

  it("moderates a new assessor's first N decisions", () => {
    const first5 = { ...never, newAssessorFirstN: 5 };
    expect(selectForModeration(first5, { ...decision, assessorPriorDecisions: 0 })).toBe('new_assessor');
    expect(selectForModeration(first5, { ...decision, assessorPriorDecisions: 4 })).toBe('new_assessor');
    expect(selectForModeration(first5, { ...decision, assessorPriorDecisions: 5 })).toBeNull();
  });

  it('samples by the decision id', () => {
    const ids = Array.from({ length: 200 }, (_, i) => uuidLike(i));
    const policy = { ...never, sampleRate: 0.3 };
    for (const id of ids) {
      expect(selectForModeration(policy, { ...decision, id })).toBe(
        sampleFraction(id) < 0.3 ? 'sample' : null,
      );
    }
    expect(
      ids.every((id) => selectForModeration({ ...never, sampleRate: 1 }, { ...decision, id }) === 'sample'),
    ).toBe(true);
  });
});

describe('checkModerationReason', () => {
  it('needs a reason to overturn', () => {
    expect(checkModerationReason('overturned', '  Evidence for c2 is a stock photo. ')).toBe(
      'Evidence for c2 is a stock photo.',
    );
    for (const reason of ['', '  ', 'no']) {
      expect(() => checkModerationReason('overturned', reason)).toThrow(InvalidInput);
    }
  });

  it('lets a confirmation go without one', () => {
    expect(checkModerationReason('confirmed', '   ')).toBe('');
    expect(checkModerationReason('confirmed', ' ok ')).toBe('ok');
  });

  it.each<ModerationOutcome>(['confirmed', 'overturned'])(
    'limits a %s reason to 4000 characters',
    (outcome) => {
      expect(checkModerationReason(outcome, 'x'.repeat(4000))).toHaveLength(4000);
      try {
        checkModerationReason(outcome, 'x'.repeat(4001));
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidInput);
        expect((err as InvalidInput).field).toBe('reason');
      }
    },
  );
});

describe('agreementRates', () => {
  const row = (
    assessorId: string,
    at: string,
    outcome: ModerationOutcome,
    assessorName = `Name ${assessorId}`,
  ) => ({
    assessorId,
    assessorName,
    moderatedAt: new Date(at),
    outcome,
  });

  it('is empty without moderations', () => {
    expect(agreementRates([])).toEqual([]);
  });

  it('gives each assessor an overall rate and a monthly series in time order', () => {
    const rows = [
      row('a', '2025-03-10T00:00:00Z', 'confirmed'),
      row('a', '2025-01-31T23:59:59Z', 'overturned'),
      row('a', '2025-01-05T00:00:00Z', 'confirmed'),
      row('a', '2025-03-01T00:00:00Z', 'confirmed'),
    ];
    expect(agreementRates(rows)).toEqual([
      {
        assessorId: 'a',
        assessorName: 'Name a',
        total: 4,
        confirmed: 3,
        rate: 0.75,
        series: [
          { period: '2025-01', total: 2, confirmed: 1, rate: 0.5 },
          { period: '2025-03', total: 2, confirmed: 2, rate: 1 },
        ],
      },
    ]);
  });

  it('buckets months in UTC', () => {
    // 23:30 on 31 January in UTC is already February in New Zealand; the bucket is January.
    const [a] = agreementRates([
      row('a', '2025-01-31T23:30:00Z', 'confirmed'),
      row('a', '2025-02-01T00:00:00Z', 'confirmed'),
    ]);
    expect(a!.series.map((p) => p.period)).toEqual(['2025-01', '2025-02']);
  });

  it('puts the assessors who most need calibrating first', () => {
    const rows = [
      row('good', '2025-01-01T00:00:00Z', 'confirmed'),
      row('poor', '2025-01-01T00:00:00Z', 'overturned'),
      row('poor', '2025-01-02T00:00:00Z', 'confirmed'),
      row('middle', '2025-01-01T00:00:00Z', 'confirmed'),
      row('middle', '2025-01-02T00:00:00Z', 'confirmed'),
      row('middle', '2025-01-03T00:00:00Z', 'overturned'),
      row('worst', '2025-01-03T00:00:00Z', 'overturned'),
    ];
    expect(agreementRates(rows).map((a) => [a.assessorId, a.rate])).toEqual([
      ['worst', 0],
      ['poor', 0.5],
      ['middle', 2 / 3],
      ['good', 1],
    ]);
  });

  it('breaks ties by more moderated decisions, then by name', () => {
    const rows = [
      row('x', '2025-01-01T00:00:00Z', 'confirmed', 'Zed'),
      row('y', '2025-01-01T00:00:00Z', 'confirmed', 'Amy'),
      row('z', '2025-01-01T00:00:00Z', 'confirmed', 'Max'),
      row('z', '2025-01-02T00:00:00Z', 'confirmed', 'Max'),
    ];
    expect(agreementRates(rows).map((a) => a.assessorId)).toEqual(['z', 'y', 'x']);
  });

  it('shows the name from the latest moderation', () => {
    const rows = [
      row('a', '2025-02-01T00:00:00Z', 'confirmed', 'Aroha Smith'),
      row('a', '2025-01-01T00:00:00Z', 'confirmed', 'Aroha Jones'),
    ];
    expect(agreementRates(rows)[0]!.assessorName).toBe('Aroha Smith');
  });
});
