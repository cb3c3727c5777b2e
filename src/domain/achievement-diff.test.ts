import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffAchievementContent, diffWords, type FieldChange, type TextDiffOp } from './achievement-diff.js';
import type { AchievementContent } from './achievements.js';

function content(overrides: Partial<AchievementContent> = {}): AchievementContent {
  return {
    title: 'Risk and Criticality for Infrastructure',
    summary: 'Assess criticality and manage risk.',
    description: 'Learners rank water assets by the consequence of their failure.',
    criteriaNarrative: 'Completes a criticality assessment.',
    achievementType: 'MicroCredential',
    code: 'IAM-203',
    competencies: [
      { frameworkId: 'fw', code: 'RSK-01', targetLevel: 3 },
      { frameworkId: 'fw', code: 'RSK-02', targetLevel: 2 },
    ],
    nzqfLevel: 5,
    credits: 5,
    assessmentMethods: ['workplace project'],
    criteria: [
      { id: 'c1', title: 'Criticality', evidenceRequirements: ['A criticality register'] },
      { id: 'c2', title: 'Risk', evidenceRequirements: ['A risk register', 'A treatment plan'] },
    ],
    rplAllowed: false,
    rplEvidence: '',
    tags: ['core_am'],
    language: 'en-NZ',
    badge: { shape: 'hexagon', colour: '#0f766e' },
    nzqa: {},
    ...overrides,
  };
}

const before = (ops: TextDiffOp[]): string =>
  ops
    .filter((o) => o.op !== 'insert')
    .map((o) => o.text)
    .join('');
const after = (ops: TextDiffOp[]): string =>
  ops
    .filter((o) => o.op !== 'delete')
    .map((o) => o.text)
    .join('');

describe('diffAchievementContent', () => {
  it('reports nothing for identical content', () => {
    expect(diffAchievementContent(content(), content())).toEqual([]);
  });

  it('shows single values as before and after, with plain labels', () => {
    const changes = diffAchievementContent(
      content(),
      content({
        credits: 10,
        nzqfLevel: 6,
        validityDays: 730,
        rplAllowed: true,
        badge: { shape: 'circle', colour: '#0f766e' },
      }),
    );
    expect(changes).toEqual([
      { kind: 'scalar', field: 'nzqfLevel', label: 'NZQF level', before: 5, after: 6 },
      { kind: 'scalar', field: 'credits', label: 'Credits', before: 5, after: 10 },
      {
        kind: 'scalar',
        field: 'rplAllowed',
        label: 'Recognition of prior learning allowed',
        before: false,
        after: true,
      },
      { kind: 'scalar', field: 'validityDays', label: 'Valid for (days)', before: null, after: 730 },
      { kind: 'scalar', field: 'badge.shape', label: 'Badge shape', before: 'hexagon', after: 'circle' },
    ]);
  });

  it('diffs prose word by word', () => {
    const [change] = diffAchievementContent(
      content(),
      content({
        description: 'Learners rank wastewater assets by the consequence and likelihood of their failure.',
      }),
    );
    expect(change).toEqual({
      kind: 'text',
      field: 'description',
      label: 'Description',
      wordByWord: true,
      diff: [
        { op: 'equal', text: 'Learners rank ' },
        { op: 'delete', text: 'water' },
        { op: 'insert', text: 'wastewater' },
        { op: 'equal', text: ' assets by the consequence' },
        { op: 'insert', text: ' and likelihood' },
        { op: 'equal', text: ' of their failure.' },
      ],
    });
  });

  it('treats an absent NZQA purpose statement as empty text', () => {
    expect(
      diffAchievementContent(content(), content({ nzqa: { purposeStatement: 'Build capability.' } })),
    ).toEqual([
      {
        kind: 'text',
        field: 'nzqa.purposeStatement',
        label: 'Purpose statement',
        wordByWord: true,
        diff: [{ op: 'insert', text: 'Build capability.' }],
      },
    ]);
  });

  it('lists competencies added, removed and at a new level', () => {
    const changes = diffAchievementContent(
      content(),
      content({
        competencies: [
          { frameworkId: 'fw', code: 'RSK-02', targetLevel: 4 },
          { frameworkId: 'fw', code: 'DAT-01', targetLevel: 2 },
          { frameworkId: 'other', code: 'RSK-01', targetLevel: 3 },
        ],
      }),
    );
    expect(changes).toEqual([
      {
        kind: 'competencies',
        field: 'competencies',
        label: 'Competencies',
        added: [
          { frameworkId: 'fw', code: 'DAT-01', targetLevel: 2 },
          { frameworkId: 'other', code: 'RSK-01', targetLevel: 3 },
        ],
        removed: [{ frameworkId: 'fw', code: 'RSK-01', targetLevel: 3 }],
        levelChanged: [{ frameworkId: 'fw', code: 'RSK-02', before: 2, after: 4 }],
      },
    ]);
  });

  it('lists criteria added, removed and changed, matched by id', () => {
    const changes = diffAchievementContent(
      content(),
      content({
        criteria: [
          { id: 'c2', title: 'Risk treatment', evidenceRequirements: ['A risk register', 'A board paper'] },
          { id: 'c3', title: 'Data', evidenceRequirements: ['A data quality report'] },
        ],
      }),
    );
    expect(changes).toEqual([
      {
        kind: 'criteria',
        field: 'criteria',
        label: 'Criteria',
        added: [{ id: 'c3', title: 'Data', evidenceRequirements: ['A data quality report'] }],
        removed: [{ id: 'c1', title: 'Criticality', evidenceRequirements: ['A criticality register'] }],
        changed: [
          {
            id: 'c2',
            titleBefore: 'Risk',
            titleAfter: 'Risk treatment',
            evidenceAdded: ['A board paper'],
            evidenceRemoved: ['A treatment plan'],
          },
        ],
        reordered: false,
      },
    ]);
  });

  it('notices criteria that only moved', () => {
    const original = content();
    const changes = diffAchievementContent(original, content({ criteria: [...original.criteria].reverse() }));
    expect(changes).toMatchObject([
      { field: 'criteria', added: [], removed: [], changed: [], reordered: true },
    ]);
  });

  it('lists tags and assessment methods added and removed, ignoring order', () => {
    const changes = diffAchievementContent(
      content({ tags: ['core_am', 'water'] }),
      content({ tags: ['water', 'risk'], assessmentMethods: ['workplace project', 'oral'] }),
    );
    expect(changes).toEqual([
      { kind: 'list', field: 'assessmentMethods', label: 'Assessment methods', added: ['oral'], removed: [] },
      { kind: 'list', field: 'tags', label: 'Tags', added: ['risk'], removed: ['core_am'] },
    ]);
    expect(diffAchievementContent(content({ tags: ['a', 'b'] }), content({ tags: ['b', 'a'] }))).toEqual([]);
  });

  it('reports a change in every field, once, under its own name', () => {
    const original = content({
      validityDays: 365,
      nzqa: { nzscedCode: '030101', reviewPeriodYears: 5, purposeStatement: 'x' },
    });
    const edits: Partial<AchievementContent> = {
      title: 'New title',
      summary: 'New summary',
      description: 'New description',
      criteriaNarrative: 'New narrative',
      achievementType: 'Badge',
      code: 'IAM-999',
      competencies: [],
      nzqfLevel: 7,
      credits: 15,
      assessmentMethods: [],
      criteria: [],
      rplAllowed: true,
      rplEvidence: 'Logbooks',
      validityDays: 30,
      tags: [],
      language: 'mi',
      badge: { shape: 'shield', colour: '#000000' },
      nzqa: { nzscedCode: '030102', reviewPeriodYears: 3, purposeStatement: 'y' },
    };
    // Keeps this test honest when AchievementContent grows.
    expect(Object.keys(edits).sort()).toEqual(Object.keys(original).sort());
    for (const [key, value] of Object.entries(edits)) {
      const changes: FieldChange[] = diffAchievementContent(original, content({ ...original, [key]: value }));
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.every((c) => c.field === key || c.field.startsWith(`${key}.`))).toBe(true);
      expect(changes.every((c) => c.label.length > 0 && c.label !== c.field)).toBe(true);
    }
  });
});

describe('diffWords', () => {
  it('rebuilds both texts from the diff', () => {
    const prose = fc
      .array(
        fc.constantFrom('pipe', 'renewal', 'the', ' ', '  ', '\n', ',', '.', 'Kōwhai', "don't", 'co-design'),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(prose, prose, (x, y) => {
        const { ops, wordByWord } = diffWords(x, y);
        expect(wordByWord).toBe(true);
        expect(before(ops)).toBe(x);
        expect(after(ops)).toBe(y);
        expect(ops.every((o) => o.text !== '')).toBe(true);
        // Tidy runs: never two neighbouring ops of the same kind, never an insert before a delete.
        ops.slice(1).forEach((o, i) => {
          const previous = ops[i]!;
          expect(o.op === previous.op).toBe(false);
          expect(previous.op === 'insert' && o.op === 'delete').toBe(false);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps as much text unchanged as a longest common subsequence does', () => {
    // Punctuation marks are one token each and never merged away, so kept characters = kept tokens.
    const marks = fc.array(fc.constantFrom(',', ';', ':', '!'), { maxLength: 30 });
    const lcsLength = (x: string[], y: string[]): number => {
      const table = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
      for (let i = 1; i <= x.length; i++) {
        for (let j = 1; j <= y.length; j++) {
          const row = table[i]!;
          const previousRow = table[i - 1]!;
          row[j] = x[i - 1] === y[j - 1] ? previousRow[j - 1]! + 1 : Math.max(previousRow[j]!, row[j - 1]!);
        }
      }
      return table[x.length]![y.length]!;
    };
    fc.assert(
      fc.property(marks, marks, (x, y) => {
        const { ops } = diffWords(x.join(''), y.join(''));
        const kept = ops.filter((o) => o.op === 'equal').reduce((sum, o) => sum + o.text.length, 0);
        expect(kept).toBe(lcsLength(x, y));
      }),
      { numRuns: 500 },
    );
  });

  it('shows a replaced phrase as one replacement, not word-space-word', () => {
    expect(diffWords('The quick brown fox', 'The slow red fox').ops).toEqual([
      { op: 'equal', text: 'The ' },
      { op: 'delete', text: 'quick brown' },
      { op: 'insert', text: 'slow red' },
      { op: 'equal', text: ' fox' },
    ]);
  });

  it('degrades to one replacement past the caps, keeping the unchanged start and end', () => {
    const x = Array.from({ length: 300 }, (_, i) => `a${i}`).join(' ');
    const y = Array.from({ length: 300 }, (_, i) => `b${i}`).join(' ');
    const tooDifferent = diffWords(`Intro. ${x} Outro.`, `Intro. ${y} Outro.`, {
      maxTokens: 10_000,
      maxEdits: 100,
    });
    expect(tooDifferent).toEqual({
      wordByWord: false,
      ops: [
        { op: 'equal', text: 'Intro. ' },
        { op: 'delete', text: x },
        { op: 'insert', text: y },
        { op: 'equal', text: ' Outro.' },
      ],
    });
    const tooLong = diffWords(x, y, { maxTokens: 100, maxEdits: 10_000 });
    expect(tooLong).toEqual({
      wordByWord: false,
      ops: [
        { op: 'delete', text: x },
        { op: 'insert', text: y },
      ],
    });
  });

  it('stays fast on a long description with a few edits', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 997}`);
    const edited = [...words];
    edited.splice(5_000, 3, 'inserted', 'words');
    edited.splice(15_000, 0, 'more');
    const { ops, wordByWord } = diffWords(words.join(' '), edited.join(' '));
    expect(wordByWord).toBe(true);
    expect(ops.filter((o) => o.op !== 'equal').length).toBeLessThanOrEqual(4);
    expect(after(ops)).toBe(edited.join(' '));
  });
});
