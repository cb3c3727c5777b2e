import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFramework, DEFAULT_PROFICIENCY_SCALE, findFrameworkProblems } from './framework-rules.js';
import type { Competency, FrameworkContent } from './frameworks.js';

const demo = JSON.parse(
  readFileSync(new URL('../../test/fixtures/frameworks/demo-framework.json', import.meta.url), 'utf8'),
) as FrameworkContent;

function aCompetency(overrides: Partial<Competency> = {}): Competency {
  return {
    code: 'RSK-01',
    groupCode: 'RSK',
    name: 'Asset criticality',
    description: 'Ranks assets by the consequence of failure.',
    tags: ['core_am'],
    indicators: [
      { level: 1, indicator: 'Explains what criticality is.' },
      { level: 3, indicator: 'Runs a criticality assessment.' },
    ],
    alignments: [
      { framework: 'ISO 55001', code: 'ISO 55001 6', targetUrl: 'https://www.iso.org/standard/55089.html' },
    ],
    ...overrides,
  };
}

function aFramework(overrides: Partial<FrameworkContent> = {}): FrameworkContent {
  return {
    title: 'Asset management',
    description: '',
    version: '1',
    language: 'en-NZ',
    scale: DEFAULT_PROFICIENCY_SCALE.map((step) => ({ ...step })),
    groups: [{ code: 'RSK', name: 'Risk', description: '' }],
    competencies: [aCompetency()],
    ...overrides,
  };
}

/** The messages for one row, so a test can say which rule fired where. */
function messagesFor(content: FrameworkContent, row: string): string[] {
  return checkFramework(content)
    .filter((issue) => issue.row === row)
    .map((issue) => issue.message);
}

describe('checkFramework', () => {
  it('finds nothing wrong with the demo framework', () => {
    expect(checkFramework(demo)).toEqual([]);
    expect(demo.competencies).toHaveLength(42);
  });

  it('finds nothing wrong with a small valid framework', () => {
    expect(checkFramework(aFramework())).toEqual([]);
  });

  describe('the scale', () => {
    it.each([
      [1, 'has 1 levels; it needs 2 to 10'],
      [11, 'has 11 levels; it needs 2 to 10'],
    ])('refuses a scale of %i levels', (count, reason) => {
      const scale = Array.from({ length: count }, (_, i) => ({
        level: i + 1,
        name: `L${i + 1}`,
        description: '',
      }));
      expect(messagesFor(aFramework({ scale, competencies: [] }), 'scale').join()).toContain(reason);
    });

    it('accepts the smallest and largest scales', () => {
      for (const count of [2, 10]) {
        const scale = Array.from({ length: count }, (_, i) => ({
          level: i + 1,
          name: `L${i + 1}`,
          description: '',
        }));
        expect(checkFramework(aFramework({ scale, competencies: [] }))).toEqual([]);
      }
    });

    it('wants levels numbered 1..n in order', () => {
      const scale = [
        { level: 1, name: 'One', description: '' },
        { level: 3, name: 'Three', description: '' },
      ];
      expect(checkFramework(aFramework({ scale, competencies: [] }))).toEqual([
        { row: 'scale', field: 'level', message: expect.stringContaining('level 2 is numbered 3') as string },
      ]);
    });

    it('wants every level named, once', () => {
      const scale = [
        { level: 1, name: 'Aware', description: '' },
        { level: 2, name: ' ', description: '' },
        { level: 3, name: 'aware', description: '' },
      ];
      expect(messagesFor(aFramework({ scale, competencies: [] }), 'scale')).toEqual([
        'Level 2 name is empty.',
        'Level 3 has the same name as another level: "aware".',
      ]);
    });
  });

  describe('codes', () => {
    it('refuses a group code used twice, whatever its case', () => {
      const groups = [
        { code: 'RSK', name: 'Risk', description: '' },
        { code: 'rsk', name: 'Risk again', description: '' },
      ];
      expect(messagesFor(aFramework({ groups }), 'rsk')).toEqual([
        'Group code "rsk" is used by another group.',
      ]);
    });

    it('refuses a competency code used twice, whatever its case', () => {
      const competencies = [aCompetency(), aCompetency({ code: 'rsk-01' })];
      expect(checkFramework(aFramework({ competencies }))).toEqual([
        { row: 'rsk-01', field: 'code', message: 'Code "rsk-01" is used by another competency.' },
      ]);
    });

    it.each(['-RSK', 'RSK 01', 'RSK/01', 'Ā-01', 'X'.repeat(33)])('refuses the code %j', (code) => {
      const issues = checkFramework(aFramework({ competencies: [aCompetency({ code })] }));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ row: code, field: 'code' });
      expect(issues[0]?.message).toContain('must start with a letter or digit');
    });

    it.each(['R', '1', 'RSK-01', 'rsk_01.a', 'X'.repeat(32)])('accepts the code %j', (code) => {
      expect(checkFramework(aFramework({ competencies: [aCompetency({ code })] }))).toEqual([]);
    });

    it('names a competency without a code by its position', () => {
      const issues = checkFramework(aFramework({ competencies: [aCompetency(), aCompetency({ code: '' })] }));
      expect(issues).toEqual([{ row: 'competency 2', field: 'code', message: 'Code is missing.' }]);
    });
  });

  it('wants each competency in a group that exists', () => {
    const competencies = [aCompetency({ groupCode: 'FIN' }), aCompetency({ code: 'RSK-02', groupCode: '' })];
    expect(checkFramework(aFramework({ competencies }))).toEqual([
      { row: 'RSK-01', field: 'groupCode', message: 'Group "FIN" does not exist.' },
      { row: 'RSK-02', field: 'groupCode', message: 'The competency has no group.' },
    ]);
  });

  describe('indicators', () => {
    it('wants indicator levels on the scale', () => {
      const competency = aCompetency({ indicators: [{ level: 6, indicator: 'Beyond the scale' }] });
      expect(messagesFor(aFramework({ competencies: [competency] }), 'RSK-01')).toEqual([
        'Level 6 is not on the proficiency scale (levels 1–5).',
      ]);
    });

    it('refuses a level described twice', () => {
      const competency = aCompetency({
        indicators: [
          { level: 2, indicator: 'Once' },
          { level: 2, indicator: 'Twice' },
        ],
      });
      expect(findFrameworkProblems(aFramework({ competencies: [competency] }))).toEqual([
        {
          at: { kind: 'competency', index: 0 },
          field: 'indicators',
          level: 2,
          message: 'Level 2 has more than one indicator.',
        },
      ]);
    });

    it('refuses an empty indicator', () => {
      const competency = aCompetency({ indicators: [{ level: 2, indicator: '  ' }] });
      expect(messagesFor(aFramework({ competencies: [competency] }), 'RSK-01')).toEqual([
        'The level 2 indicator is empty.',
      ]);
    });
  });

  describe('text', () => {
    it('wants names', () => {
      const content = aFramework({
        title: '',
        groups: [{ code: 'RSK', name: '', description: '' }],
        competencies: [aCompetency({ name: ' ' })],
      });
      expect(checkFramework(content)).toEqual([
        { row: 'framework', field: 'title', message: 'Title is empty.' },
        { row: 'RSK', field: 'name', message: 'Group name is empty.' },
        { row: 'RSK-01', field: 'name', message: 'Name is empty.' },
      ]);
    });

    it('keeps lengths sane, at the limits exactly', () => {
      const atLimit = aFramework({
        title: 'T'.repeat(200),
        competencies: [aCompetency({ name: 'N'.repeat(200), description: 'D'.repeat(4000) })],
      });
      expect(checkFramework(atLimit)).toEqual([]);

      const over = aFramework({
        title: 'T'.repeat(201),
        competencies: [aCompetency({ name: 'N'.repeat(201), description: 'D'.repeat(4001) })],
      });
      expect(checkFramework(over).map((i) => i.message)).toEqual([
        'Title is 201 characters long; the limit is 200.',
        'Name is 201 characters long; the limit is 200.',
        'Description is 4001 characters long; the limit is 4000.',
      ]);
    });

    it('wants a language tag', () => {
      expect(checkFramework(aFramework({ language: 'English' }))).toEqual([
        {
          row: 'framework',
          field: 'language',
          message: 'Language "English" is not a language tag such as en or en-NZ.',
        },
      ]);
    });

    it('refuses empty tags', () => {
      expect(
        messagesFor(aFramework({ competencies: [aCompetency({ tags: ['maths', ''] })] }), 'RSK-01'),
      ).toEqual(['Tags cannot be empty.']);
    });
  });

  describe('alignments', () => {
    it('wants a framework and a code', () => {
      const competency = aCompetency({
        alignments: [
          { framework: '', code: 'GF31' },
          { framework: 'GFMAM', code: '' },
        ],
      });
      expect(messagesFor(aFramework({ competencies: [competency] }), 'RSK-01')).toEqual([
        'Alignment ? GF31: framework is empty.',
        'Alignment GFMAM ?: code is empty.',
      ]);
    });

    it.each(['ftp://example.org/x', 'javascript:alert(1)', 'www.example.org', 'https://'])(
      'refuses the URL %j',
      (targetUrl) => {
        const competency = aCompetency({ alignments: [{ framework: 'GFMAM', code: 'GF31', targetUrl }] });
        expect(messagesFor(aFramework({ competencies: [competency] }), 'RSK-01')).toEqual([
          `Alignment GFMAM GF31: "${targetUrl}" is not an http(s) URL.`,
        ]);
      },
    );

    it('refuses the same alignment twice', () => {
      const competency = aCompetency({
        alignments: [
          { framework: 'GFMAM', code: 'GF31' },
          { framework: 'gfmam', code: 'gf31' },
        ],
      });
      expect(messagesFor(aFramework({ competencies: [competency] }), 'RSK-01')).toEqual([
        'Alignment gfmam gf31 is listed twice.',
      ]);
    });
  });

  it('wants CASE identifiers to be UUIDs, each used once', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const content = aFramework({
      caseIdentifier: id,
      competencies: [
        aCompetency({ caseIdentifier: id }),
        aCompetency({ code: 'RSK-02', caseIdentifier: 'RSK-02' }),
      ],
    });
    expect(checkFramework(content)).toEqual([
      {
        row: 'RSK-01',
        field: 'caseIdentifier',
        message: 'The CASE identifier is used elsewhere in this framework.',
      },
      { row: 'RSK-02', field: 'caseIdentifier', message: 'The CASE identifier must be a lower-case UUID.' },
    ]);
  });
});
