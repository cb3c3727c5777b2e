/**
 * Frameworks as CSV (RFC 4180), one competency per row:
 *
 *   group_code,group_name,group_description,code,name,description,tags,level_1,…,level_n,alignments
 *
 * - `tags` are separated by `;`; `alignments` are `framework|code|url` entries separated by `;`, with an
 *   optional fourth part, the target's name (`framework|code|url|name`). A `\` escapes `;`, `|` or `\`.
 * - `group_description` is optional on import (Cairn writes it so a round trip loses nothing). Columns
 *   are found by name, so their order is free.
 * - A row with a group and no competency (`code` and `name` empty) declares a group; Cairn writes these
 *   first only when groups would otherwise be missing or out of order.
 * - Title, description, version, language and the scale are not in the file; the caller supplies them.
 */
import {
  DEFAULT_PROFICIENCY_SCALE,
  findFrameworkProblems,
  type FrameworkProblem,
} from './framework-rules.js';
import type {
  Competency,
  CompetencyGroup,
  ExternalAlignment,
  FrameworkContent,
  ImportIssue,
  ImportResult,
  ProficiencyLevel,
} from './frameworks.js';

const REQUIRED_COLUMNS = [
  'group_code',
  'group_name',
  'code',
  'name',
  'description',
  'tags',
  'alignments',
] as const;
const OPTIONAL_COLUMNS = ['group_description'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const LEVEL_COLUMN = /^level_(\d+)$/;

// ---------------------------------------------------------------------------------------------------
// RFC 4180

export type CsvParse = { ok: true; records: string[][] } | { ok: false; row: number; message: string };

/**
 * Records of an RFC 4180 text. Accepts CRLF, LF or CR line ends and a leading UTF-8 BOM; quoted fields
 * may hold commas, doubled quotes and line breaks. A final line end does not start an empty record.
 */
export function parseCsv(text: string): CsvParse {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  // Whether the current field has begun: a quote may only open a field, and a final field counts.
  let fieldStarted = false;

  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    fieldStarted = false;
  };

  while (i < input.length) {
    const char = input[i] ?? '';
    if (char === '"' && !fieldStarted) {
      // Quoted field: runs to the next quote that is not doubled.
      const start = records.length + 1;
      i += 1;
      for (;;) {
        if (i >= input.length) return { ok: false, row: start, message: 'A quoted field is never closed.' };
        const c = input[i] ?? '';
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += c;
        i += 1;
      }
      fieldStarted = true;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        return {
          ok: false,
          row: records.length + 1,
          message: 'A closing quote must be followed by a comma or a line end.',
        };
      }
      continue;
    }
    if (char === '"') {
      return {
        ok: false,
        row: records.length + 1,
        message: 'A field with a quote in it must be quoted as a whole, with the quote doubled ("").',
      };
    }
    if (char === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += char;
    fieldStarted = true;
    i += 1;
  }
  if (fieldStarted || record.length > 0) endRecord();
  return { ok: true, records };
}

/** One RFC 4180 record, CRLF-terminated; fields are quoted only when they must be. */
export function formatCsvRecord(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------
// Export

/** The framework as CSV text (UTF-8, no BOM, CRLF line ends). The scale's size sets the level columns. */
export function exportCsv(content: FrameworkContent): string {
  const levels = content.scale.map((step) => step.level);
  const header = [
    'group_code',
    'group_name',
    'group_description',
    'code',
    'name',
    'description',
    'tags',
    ...levels.map((level) => `level_${level}`),
    'alignments',
  ];
  const groupsByCode = new Map(content.groups.map((g) => [g.code, g]));
  const groupCells = (code: string): string[] => {
    const group = groupsByCode.get(code);
    return [code, group?.name ?? '', group?.description ?? ''];
  };

  const lines = [formatCsvRecord(header)];
  // Group-only rows are needed when a group has no competency or first use would reorder the groups.
  const firstUse = [...new Set(content.competencies.map((c) => c.groupCode))].filter((code) =>
    groupsByCode.has(code),
  );
  const groupOrder = content.groups.map((g) => g.code);
  if (firstUse.join('\u0000') !== groupOrder.join('\u0000')) {
    for (const group of content.groups) {
      lines.push(formatCsvRecord([...groupCells(group.code), '', '', '', '', ...levels.map(() => ''), '']));
    }
  }
  for (const competency of content.competencies) {
    lines.push(
      formatCsvRecord([
        ...groupCells(competency.groupCode),
        competency.code,
        competency.name,
        competency.description,
        competency.tags.map((tag) => escapeList(tag, ';')).join(';'),
        ...levels.map((level) => competency.indicators.find((i) => i.level === level)?.indicator ?? ''),
        competency.alignments.map(formatAlignment).join(';'),
      ]),
    );
  }
  return lines.join('');
}

function formatAlignment(alignment: ExternalAlignment): string {
  const parts = [alignment.framework, alignment.code, alignment.targetUrl ?? ''];
  if (alignment.targetName !== undefined) parts.push(alignment.targetName);
  return parts.map((part) => escapeList(part, ';|')).join('|');
}

function escapeList(text: string, separators: string): string {
  let escaped = '';
  for (const char of text) escaped += char === '\\' || separators.includes(char) ? `\\${char}` : char;
  return escaped;
}

// ---------------------------------------------------------------------------------------------------
// Import

export interface CsvImportOptions {
  title: string;
  description: string;
  version: string;
  language: string;
  /** The framework's scale; `DEFAULT_PROFICIENCY_SCALE` when not given. */
  scale?: ProficiencyLevel[];
}

/**
 * A framework from CSV text. All or nothing: every rejected row is reported with its row number (the
 * header is row 1) and the reason, and any error gives `ok: false`.
 */
export function importCsv(text: string, options: CsvImportOptions): ImportResult {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const failed = (): ImportResult => ({ ok: false, errors, warnings });
  const error = (row: number | string, message: string, field?: string): void => {
    errors.push(field === undefined ? { row, message } : { row, field, message });
  };

  const parsed = parseCsv(text);
  if (!parsed.ok) {
    error(parsed.row, parsed.message);
    return failed();
  }
  const [header, ...body] = parsed.records;
  if (header === undefined || (header.length === 1 && header[0]?.trim() === '')) {
    error(1, `The file is empty; the first row must be the header: ${REQUIRED_COLUMNS.join(',')}.`);
    return failed();
  }

  const scale = (options.scale ?? DEFAULT_PROFICIENCY_SCALE).map((step) => ({ ...step }));
  const columns = readHeader(header, scale.length, error, (message) => {
    warnings.push({ row: 1, message });
  });
  if (columns === undefined) return failed();

  const groups: CompetencyGroup[] = [];
  const groupRows: number[] = [];
  const groupIndex = new Map<string, number>();
  const competencies: Competency[] = [];
  const competencyRows: number[] = [];

  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return; // blank line
    if (cells.length !== header.length) {
      error(row, `The row has ${cells.length} fields; the header has ${header.length}.`);
      return;
    }
    const cell = (column: Column): string => {
      const at = columns.named.get(column);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };

    // The group: declared by its first row; later rows may repeat its name but not change it.
    const groupCode = cell('group_code');
    if (groupCode === '') {
      error(row, 'The row has no group_code.', 'group_code');
      return;
    }
    const known = groupIndex.get(groupCode);
    const group = known === undefined ? undefined : groups[known];
    if (group === undefined) {
      groupIndex.set(groupCode, groups.length);
      groups.push({ code: groupCode, name: cell('group_name'), description: cell('group_description') });
      groupRows.push(row);
    } else {
      for (const [column, key] of [
        ['group_name', 'name'],
        ['group_description', 'description'],
      ] as const) {
        const value = cell(column);
        if (value === '') continue;
        if (group[key] === '') group[key] = value;
        else if (group[key] !== value) {
          error(
            row,
            `Group ${groupCode} has a different ${column} in row ${groupRows[known ?? 0] ?? '?'}.`,
            column,
          );
        }
      }
    }

    const code = cell('code');
    const name = cell('name');
    const rest = [
      cell('description'),
      cell('tags'),
      cell('alignments'),
      ...columns.levels.map((at) => (cells[at] ?? '').trim()),
    ];
    if (code === '' && name === '') {
      if (rest.some((value) => value !== ''))
        error(row, 'The row describes a competency but has no code or name.', 'code');
      return; // a row that only declares a group
    }

    const indicators = columns.levels.flatMap((at, i) => {
      const indicator = (cells[at] ?? '').trim();
      return indicator === '' ? [] : [{ level: i + 1, indicator }];
    });
    const alignments = parseAlignments(cell('alignments'), (message) => {
      error(row, message, 'alignments');
    });
    competencies.push({
      code,
      groupCode,
      name,
      description: cell('description'),
      tags: splitList(cell('tags'), ';')
        .map((tag) => unescapeList(tag).trim())
        .filter((tag) => tag !== ''),
      indicators,
      alignments,
    });
    competencyRows.push(row);
  });

  const framework: FrameworkContent = {
    title: options.title,
    description: options.description,
    version: options.version,
    language: options.language,
    scale,
    groups,
    competencies,
  };
  for (const problem of findFrameworkProblems(framework)) {
    error(csvRow(problem, groupRows, competencyRows), problem.message, csvField(problem));
  }
  errors.sort((a, b) => rowOrder(a.row) - rowOrder(b.row));
  return errors.length > 0 ? failed() : { ok: true, framework, warnings };
}

interface Columns {
  named: Map<Column, number>;
  /** Positions of level_1 … level_n, in level order. */
  levels: number[];
}

function readHeader(
  header: string[],
  scaleSize: number,
  error: (row: number, message: string) => void,
  warn: (message: string) => void,
): Columns | undefined {
  const named = new Map<Column, number>();
  const levelAt = new Map<number, number>();
  let ok = true;
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  header.forEach((raw, at) => {
    const name = raw.trim().toLowerCase();
    const level = LEVEL_COLUMN.exec(name)?.[1];
    if (level !== undefined) {
      const n = Number(level);
      if (levelAt.has(n)) {
        error(1, `Column ${name} appears twice.`);
        ok = false;
      }
      levelAt.set(n, at);
    } else if (known.includes(name)) {
      if (named.has(name as Column)) {
        error(1, `Column ${name} appears twice.`);
        ok = false;
      }
      named.set(name as Column, at);
    } else {
      warn(`Column "${raw}" is not one Cairn reads; it was ignored.`);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !named.has(column));
  if (missing.length > 0) {
    error(
      1,
      `The header lacks ${missing.join(', ')}; it must have ${REQUIRED_COLUMNS.join(', ')} and level_1 … level_n.`,
    );
    ok = false;
  }
  const levels: number[] = [];
  for (let n = 1; n <= levelAt.size; n += 1) {
    const at = levelAt.get(n);
    if (at === undefined) {
      error(1, `The level columns must be level_1, level_2 … without gaps; level_${n} is missing.`);
      return undefined;
    }
    levels.push(at);
  }
  if (levels.length > scaleSize) {
    error(1, `The file has columns up to level_${levels.length}, but the scale has ${scaleSize} levels.`);
    ok = false;
  }
  return ok ? { named, levels } : undefined;
}

/** Each entry is `framework|code|url` or `framework|code|url|name`; url and name may be empty. */
function parseAlignments(cell: string, error: (message: string) => void): ExternalAlignment[] {
  const alignments: ExternalAlignment[] = [];
  for (const entry of splitList(cell, ';')) {
    if (entry.trim() === '') continue;
    const parts = splitList(entry, '|').map((part) => unescapeList(part).trim());
    const [framework = '', code = '', targetUrl = '', targetName = ''] = parts;
    if (parts.length < 2 || parts.length > 4) {
      error(`Alignment "${entry.trim()}" must be framework|code|url (url may be empty).`);
      continue;
    }
    alignments.push({
      framework,
      code,
      ...(targetName === '' ? {} : { targetName }),
      ...(targetUrl === '' ? {} : { targetUrl }),
    });
  }
  return alignments;
}

/** Splits on separators not escaped with `\`; escapes are kept, for an inner split or `unescapeList`. */
function splitList(text: string, separator: string): string[] {
  if (text === '') return [];
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '\\' && i + 1 < text.length) {
      part += char + (text[i + 1] ?? '');
      i += 1;
    } else if (char === separator) {
      parts.push(part);
      part = '';
    } else part += char;
  }
  parts.push(part);
  return parts;
}

function unescapeList(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

function csvRow(problem: FrameworkProblem, groupRows: number[], competencyRows: number[]): number | string {
  switch (problem.at.kind) {
    case 'framework':
      return 'framework';
    case 'scale':
      return 'scale';
    case 'group':
      return groupRows[problem.at.index] ?? 'framework';
    case 'competency':
      return competencyRows[problem.at.index] ?? 'framework';
  }
}

/** The CSV column a problem is in, so the message can be found in a spreadsheet. */
function csvField(problem: FrameworkProblem): string {
  if (problem.at.kind === 'group') return `group_${problem.field}`;
  if (problem.at.kind !== 'competency') return problem.field;
  if (problem.field === 'indicators' && problem.level !== undefined) return `level_${problem.level}`;
  return problem.field === 'groupCode' ? 'group_code' : problem.field;
}

/** Numbered rows first, in order; then the named ones (framework, scale). */
function rowOrder(row: number | string): number {
  return typeof row === 'number' ? row : Number.MAX_SAFE_INTEGER;
}
