import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportCsv, formatCsvRecord, importCsv, parseCsv, type CsvImportOptions } from './framework-csv.js';
import { DEFAULT_PROFICIENCY_SCALE } from './framework-rules.js';
import type { FrameworkContent, ImportResult } from './frameworks.js';

const demo = JSON.parse(
  readFileSync(new URL('../../test/fixtures/frameworks/demo-framework.json', import.meta.url), 'utf8'),
) as FrameworkContent;

const demoOptions: CsvImportOptions = {
  title: demo.title,
  description: demo.description,
  version: demo.version,
  language: demo.language,
  scale: demo.scale,
};

const HEADER =
  'group_code,group_name,code,name,description,tags,level_1,level_2,level_3,level_4,level_5,alignments';

function framework(result: ImportResult): FrameworkContent {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors, null, 2)}`);
  return result.framework;
}

function errors(result: ImportResult) {
  if (result.ok) throw new Error('import succeeded, expected errors');
  return result.errors;
}

function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF or CR line ends', () => {
    const records = [
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ];
    for (const end of ['\n', '\r\n', '\r']) {
      expect(parseCsv(`a,b,c${end}1,,3${end}`)).toEqual({ ok: true, records });
      expect(parseCsv(`a,b,c${end}1,,3`)).toEqual({ ok: true, records });
    }
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"a,b","say ""hi""","two\r\nlines","",x\r\n')).toEqual({
      ok: true,
      records: [['a,b', 'say "hi"', 'two\r\nlines', '', 'x']],
    });
  });

  it('drops a UTF-8 BOM and keeps other characters as they are', () => {
    expect(parseCsv('\uFEFFcode,name\nFND-01,Tikanga Māori ✓\n')).toEqual({
      ok: true,
      records: [
        ['code', 'name'],
        ['FND-01', 'Tikanga Māori ✓'],
      ],
    });
  });

  it('keeps trailing empty fields and empty lines', () => {
    expect(parseCsv('a,\n\nb')).toEqual({ ok: true, records: [['a', ''], [''], ['b']] });
    expect(parseCsv('')).toEqual({ ok: true, records: [] });
  });

  it.each([
    ['"never closed\n', 1, 'never closed'],
    ['a\n"b"c\n', 2, 'closing quote must be followed'],
    ['a\nb,c"d\n', 2, 'must be quoted as a whole'],
  ])('refuses %j at record %i', (text, row, reason) => {
    const result = parseCsv(text);
    expect(result).toMatchObject({ ok: false, row });
    expect(result.ok ? '' : result.message).toContain(reason);
  });

  it('reads back what formatCsvRecord writes', () => {
    const fields = ['plain', 'com,ma', 'quo"te', 'line\nbreak', '', ' spaced '];
    expect(parseCsv(formatCsvRecord(fields) + formatCsvRecord(['x']))).toEqual({
      ok: true,
      records: [fields, ['x']],
    });
    expect(formatCsvRecord(['a', 'b c'])).toBe('a,b c\r\n');
  });
});

describe('exportCsv', () => {
  const text = exportCsv(demo);
  const lines = text.split('\r\n');

  it('writes the header, then one row per competency', () => {
    expect(lines[0]).toBe(
      'group_code,group_name,group_description,code,name,description,tags,level_1,level_2,level_3,level_4,level_5,alignments',
    );
    expect(lines).toHaveLength(1 + 42 + 1); // the final CRLF leaves an empty string
    expect(lines.at(-1)).toBe('');
  });

  it('joins tags with ; and alignments as framework|code|url|name', () => {
    const parsed = parseCsv(text);
    const row = parsed.ok ? parsed.records[1] : undefined;
    expect(row?.slice(0, 4)).toEqual(['FND', 'Foundations & context', demo.groups[0]!.description, 'FND-01']);
    expect(row?.[6]).toBe('core_am;strategic_thinking');
    expect(row?.[12]).toBe(
      'GFMAM Asset Management Landscape|GF01||Asset Management Policy;' +
        'GFMAM Asset Management Landscape|GF02||Asset Management Strategy & Objectives;' +
        'IAM Competences Framework|KR1||Policy Development;' +
        'IAM Competences Framework|KR2||Strategy Development;' +
        'ISO 55001|ISO 55001 4||Context of the organization',
    );
  });

  it('escapes separators inside tags and alignments', () => {
    const content = structuredClone(demo);
    content.competencies[0]!.tags = ['a;b', 'c\\d'];
    content.competencies[0]!.alignments = [
      { framework: 'X|Y', code: 'K;1', targetUrl: 'https://example.org/a;b' },
    ];
    const parsed = parseCsv(exportCsv(content));
    const row = parsed.ok ? parsed.records[1] : undefined;
    expect(row?.[6]).toBe('a\\;b;c\\\\d');
    expect(row?.[12]).toBe('X\\|Y|K\\;1|https://example.org/a\\;b');
  });

  it('declares groups in their own rows only when the competencies would not', () => {
    const content = structuredClone(demo);
    content.groups.push({ code: 'EMPTY', name: 'Nothing here yet', description: '' });
    const withGroupRows = exportCsv(content).split('\r\n');
    expect(withGroupRows).toHaveLength(1 + 9 + 42 + 1);
    expect(withGroupRows[9]).toBe('EMPTY,Nothing here yet,,,,,,,,,,,');
  });
});

describe('importCsv', () => {
  it('round-trips the demo framework', () => {
    const result = importCsv(exportCsv(demo), demoOptions);
    expect(result.warnings).toEqual([]);
    expect(framework(result)).toEqual(demo);
  });

  it('round-trips awkward text: quotes, commas, line breaks, separators, empty groups and reordered groups', () => {
    const content = structuredClone(demo);
    const competency = content.competencies[3]!;
    competency.name = 'Risk, "criticality" and resilience';
    competency.description = 'First line.\nSecond line, with a comma; and a semicolon.';
    competency.tags = ['a;b', 'c|d', 'back\\slash'];
    competency.indicators = [{ level: 5, indicator: 'Says "no" when needed.' }];
    competency.alignments = [
      { framework: 'ESCO', code: 'S1|2', targetUrl: 'https://esco.example/s;1', targetName: 'Skill; one' },
      { framework: 'Local', code: 'L1' },
    ];
    content.groups.reverse();
    content.groups.push({ code: 'EMPTY', name: 'Nothing yet', description: 'Later.' });
    expect(framework(importCsv(exportCsv(content), { ...demoOptions, scale: content.scale }))).toEqual(
      content,
    );
  });

  it('reads a hand-written file: columns in any order, no group_description, a BOM and CRLF', () => {
    const text =
      '\uFEFFcode,name,group_code,group_name,description,tags,level_1,level_2,alignments\r\n' +
      'RSK-01,Asset criticality,RSK,Risk,"Ranks assets by consequence, then likelihood.", core_am ; science ,Explains it.,,GFMAM|GF31|https://gfmam.example/31\r\n' +
      'RSK-02,Risk treatment,RSK,,,,,Chooses treatments.,\r\n';
    const imported = framework(
      importCsv(text, { title: 'Risk', description: '', version: '1', language: 'en' }),
    );
    expect(imported.scale).toEqual(DEFAULT_PROFICIENCY_SCALE);
    expect(imported.groups).toEqual([{ code: 'RSK', name: 'Risk', description: '' }]);
    expect(imported.competencies).toEqual([
      {
        code: 'RSK-01',
        groupCode: 'RSK',
        name: 'Asset criticality',
        description: 'Ranks assets by consequence, then likelihood.',
        tags: ['core_am', 'science'],
        indicators: [{ level: 1, indicator: 'Explains it.' }],
        alignments: [{ framework: 'GFMAM', code: 'GF31', targetUrl: 'https://gfmam.example/31' }],
      },
      {
        code: 'RSK-02',
        groupCode: 'RSK',
        name: 'Risk treatment',
        description: '',
        tags: [],
        indicators: [{ level: 2, indicator: 'Chooses treatments.' }],
        alignments: [],
      },
    ]);
  });

  it('warns about columns it does not read, and skips blank lines', () => {
    const text = csv(HEADER + ',owner', '', 'RSK,Risk,RSK-01,Criticality,,,,,,,,,Kim', ',,,,,,,,,,,,');
    const result = importCsv(text, demoOptions);
    expect(framework(result).competencies).toHaveLength(1);
    expect(result.warnings).toEqual([
      { row: 1, message: 'Column "owner" is not one Cairn reads; it was ignored.' },
    ]);
  });

  describe('refuses, row by row, and imports nothing', () => {
    it('a file without the header', () => {
      expect(errors(importCsv('', demoOptions))).toEqual([
        { row: 1, message: expect.stringContaining('The file is empty') as string },
      ]);
      expect(errors(importCsv(csv('code,name', 'A,B'), demoOptions))).toEqual([
        {
          row: 1,
          message: expect.stringContaining(
            'The header lacks group_code, group_name, description, tags, alignments',
          ) as string,
        },
      ]);
    });

    it('level columns beyond the scale, or with gaps', () => {
      const sixLevels =
        'group_code,group_name,code,name,description,tags,level_1,level_2,level_3,level_4,level_5,level_6,alignments';
      expect(errors(importCsv(csv(sixLevels), demoOptions))).toEqual([
        { row: 1, message: 'The file has columns up to level_6, but the scale has 5 levels.' },
      ]);
      expect(
        errors(
          importCsv(
            csv('group_code,group_name,code,name,description,tags,level_1,level_3,alignments'),
            demoOptions,
          ),
        ),
      ).toEqual([
        { row: 1, message: 'The level columns must be level_1, level_2 … without gaps; level_2 is missing.' },
      ]);
    });

    it('each bad row with its number and reason', () => {
      const text = csv(
        HEADER,
        'RSK,Risk,RSK-01,Criticality,,,,,,,,',
        'RSK,Risk,RSK-02,Treatment,,,,,,,',
        ',,RSK-03,No group,,,,,,,,',
        'RSK,Risk,RSK 04,Bad code,,,,,,,,',
        'RSK,Risk,rsk-01,Same code,,,,,,,,',
        'RSK,Hazards,RSK-05,Renamed group,,,,,,,,',
        'RSK,Risk,RSK-06,,,,,,,,,',
        'RSK,Risk,RSK-07,Bad alignment,,,,,,,,GF31',
        'RSK,Risk,RSK-08,Bad URL,,,,,,,,GFMAM|GF31|ftp://x',
        '"RSK","Risk","RSK-09","A name on\nthree lines,\nrow 11",,,,,,,,',
        'RSK,Risk,,,Description without a competency,,,,,,,',
      );
      const result = importCsv(text, demoOptions);
      expect(result).not.toHaveProperty('framework');
      expect(errors(result).map(({ row, field, message }) => [row, field, message])).toEqual([
        [3, undefined, 'The row has 11 fields; the header has 12.'],
        [4, 'group_code', 'The row has no group_code.'],
        [5, 'code', expect.stringContaining('Code "RSK 04" must start with a letter or digit') as string],
        [6, 'code', 'Code "rsk-01" is used by another competency.'],
        [7, 'group_name', 'Group RSK has a different group_name in row 2.'],
        [8, 'name', 'Name is empty.'],
        [9, 'alignments', 'Alignment "GF31" must be framework|code|url (url may be empty).'],
        [10, 'alignments', 'Alignment GFMAM GF31: "ftp://x" is not an http(s) URL.'],
        [12, 'code', 'The row describes a competency but has no code or name.'],
      ]);
    });

    it('level columns that the scale cannot hold; a blank level cell is no indicator', () => {
      const scale = DEFAULT_PROFICIENCY_SCALE.slice(0, 4).map((s) => ({ ...s }));
      const text = csv(
        'group_code,group_name,code,name,description,tags,level_1,level_2,level_3,level_4,alignments',
        'RSK,Risk,RSK-01,Criticality,,,,,,  ,',
      );
      expect(framework(importCsv(text, { ...demoOptions, scale })).competencies[0]?.indicators).toEqual([]);
      expect(errors(importCsv(text, { ...demoOptions, scale: scale.slice(0, 3) }))).toEqual([
        { row: 1, message: 'The file has columns up to level_4, but the scale has 3 levels.' },
      ]);
    });

    it('a group without a name, at the row that declared it', () => {
      const text = csv(HEADER, 'RSK,,RSK-01,Criticality,,,,,,,,', 'FIN,Finance,FIN-01,Valuation,,,,,,,,');
      expect(errors(importCsv(text, demoOptions))).toEqual([
        { row: 2, field: 'group_name', message: 'Group name is empty.' },
      ]);
    });

    it('a broken quote, with the record it starts in', () => {
      expect(errors(importCsv(csv(HEADER, 'RSK,Risk,RSK-01,"Criticality,,,,,,,,'), demoOptions))).toEqual([
        { row: 2, message: 'A quoted field is never closed.' },
      ]);
    });

    it('a scale from the caller that breaks the rules', () => {
      const text = csv(
        HEADER.replace(',level_2,level_3,level_4,level_5', ''),
        'RSK,Risk,RSK-01,Criticality,,,,',
      );
      const scale = [{ level: 1, name: 'Only', description: '' }];
      expect(errors(importCsv(text, { ...demoOptions, scale }))).toEqual([
        { row: 'scale', field: 'scale', message: 'The proficiency scale has 1 levels; it needs 2 to 10.' },
      ]);
    });
  });
});
