/**
 * What changed between two versions of a micro-credential, in terms a reviewer reads: a word-level
 * diff for prose, added / removed / changed for lists, before → after for single values.
 * Unchanged fields are left out, so an empty result means "no changes".
 */
import type { AchievementContent, AlignedCompetency, Criterion } from './achievements.js';

export type TextDiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

export type ScalarValue = string | number | boolean | null;

export type ScalarField =
  | 'title'
  | 'achievementType'
  | 'code'
  | 'nzqfLevel'
  | 'credits'
  | 'rplAllowed'
  | 'validityDays'
  | 'language'
  | 'badge.shape'
  | 'badge.colour'
  | 'nzqa.nzscedCode'
  | 'nzqa.reviewPeriodYears';

export type TextField =
  'summary' | 'description' | 'criteriaNarrative' | 'rplEvidence' | 'nzqa.purposeStatement';

export type ListField = 'tags' | 'assessmentMethods';

export interface CompetencyLevelChange {
  frameworkId: string;
  code: string;
  before: number;
  after: number;
}

export interface CriterionChange {
  id: string;
  titleBefore: string;
  titleAfter: string;
  evidenceAdded: string[];
  evidenceRemoved: string[];
}

export type FieldChange =
  | { kind: 'scalar'; field: ScalarField; label: string; before: ScalarValue; after: ScalarValue }
  | {
      kind: 'text';
      field: TextField;
      label: string;
      diff: TextDiffOp[];
      /** False when the texts were too long or too different to compare word by word. */
      wordByWord: boolean;
    }
  | {
      kind: 'competencies';
      field: 'competencies';
      label: string;
      added: AlignedCompetency[];
      removed: AlignedCompetency[];
      levelChanged: CompetencyLevelChange[];
    }
  | {
      kind: 'criteria';
      field: 'criteria';
      label: string;
      added: Criterion[];
      removed: Criterion[];
      changed: CriterionChange[];
      /** The criteria both versions have now come in a different order. */
      reordered: boolean;
    }
  | { kind: 'list'; field: ListField; label: string; added: string[]; removed: string[] };

type Differ = (before: AchievementContent, after: AchievementContent) => FieldChange[];

/**
 * One entry per field of AchievementContent, in the order a reviewer reads them; the mapped type
 * makes a new content field a compile error here until someone decides how to show its changes.
 */
const DIFFERS: { [K in keyof AchievementContent]-?: Differ } = {
  title: scalar('title', 'Title', (c) => c.title),
  code: scalar('code', 'Code', (c) => c.code),
  achievementType: scalar('achievementType', 'Achievement type', (c) => c.achievementType),
  summary: text('summary', 'Summary', (c) => c.summary),
  description: text('description', 'Description', (c) => c.description),
  competencies: diffCompetencies,
  nzqfLevel: scalar('nzqfLevel', 'NZQF level', (c) => c.nzqfLevel),
  credits: scalar('credits', 'Credits', (c) => c.credits),
  criteriaNarrative: text('criteriaNarrative', 'Criteria narrative', (c) => c.criteriaNarrative),
  criteria: diffCriteria,
  assessmentMethods: list('assessmentMethods', 'Assessment methods', (c) => c.assessmentMethods),
  rplAllowed: scalar('rplAllowed', 'Recognition of prior learning allowed', (c) => c.rplAllowed),
  rplEvidence: text('rplEvidence', 'Prior-learning evidence', (c) => c.rplEvidence),
  validityDays: scalar('validityDays', 'Valid for (days)', (c) => c.validityDays),
  tags: list('tags', 'Tags', (c) => c.tags),
  language: scalar('language', 'Language', (c) => c.language),
  badge: all(
    scalar('badge.shape', 'Badge shape', (c) => c.badge.shape),
    scalar('badge.colour', 'Badge colour', (c) => c.badge.colour),
  ),
  nzqa: all(
    scalar('nzqa.nzscedCode', 'NZSCED code', (c) => c.nzqa.nzscedCode),
    scalar('nzqa.reviewPeriodYears', 'Review period (years)', (c) => c.nzqa.reviewPeriodYears),
    text('nzqa.purposeStatement', 'Purpose statement', (c) => c.nzqa.purposeStatement ?? ''),
  ),
};

export function diffAchievementContent(before: AchievementContent, after: AchievementContent): FieldChange[] {
  return Object.values(DIFFERS).flatMap((differ) => differ(before, after));
}

function scalar(
  field: ScalarField,
  label: string,
  read: (c: AchievementContent) => ScalarValue | undefined,
): Differ {
  return (b, a) => {
    const before = read(b) ?? null;
    const after = read(a) ?? null;
    return before === after ? [] : [{ kind: 'scalar', field, label, before, after }];
  };
}

function text(field: TextField, label: string, read: (c: AchievementContent) => string): Differ {
  return (b, a) => {
    const before = read(b);
    const after = read(a);
    if (before === after) return [];
    const { ops, wordByWord } = diffWords(before, after);
    return [{ kind: 'text', field, label, diff: ops, wordByWord }];
  };
}

function list(field: ListField, label: string, read: (c: AchievementContent) => string[]): Differ {
  return (b, a) => {
    const before = new Set(read(b));
    const after = new Set(read(a));
    const added = [...after].filter((item) => !before.has(item));
    const removed = [...before].filter((item) => !after.has(item));
    return added.length + removed.length === 0 ? [] : [{ kind: 'list', field, label, added, removed }];
  };
}

function all(...differs: Differ[]): Differ {
  return (b, a) => differs.flatMap((differ) => differ(b, a));
}

function diffCompetencies(b: AchievementContent, a: AchievementContent): FieldChange[] {
  const key = (c: AlignedCompetency): string => JSON.stringify([c.frameworkId, c.code]);
  const before = new Map(b.competencies.map((c) => [key(c), c]));
  const after = new Map(a.competencies.map((c) => [key(c), c]));
  const added = [...after].filter(([k]) => !before.has(k)).map(([, c]) => c);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, c]) => c);
  const levelChanged = [...after].flatMap(([k, now]): CompetencyLevelChange[] => {
    const was = before.get(k);
    if (was === undefined || was.targetLevel === now.targetLevel) return [];
    return [
      { frameworkId: now.frameworkId, code: now.code, before: was.targetLevel, after: now.targetLevel },
    ];
  });
  if (added.length + removed.length + levelChanged.length === 0) return [];
  return [
    { kind: 'competencies', field: 'competencies', label: 'Competencies', added, removed, levelChanged },
  ];
}

/** Criteria are matched by id, which new versions carry over from the one they were started from. */
function diffCriteria(b: AchievementContent, a: AchievementContent): FieldChange[] {
  const before = new Map(b.criteria.map((c) => [c.id, c]));
  const after = new Map(a.criteria.map((c) => [c.id, c]));
  const added = [...after.values()].filter((c) => !before.has(c.id));
  const removed = [...before.values()].filter((c) => !after.has(c.id));
  const changed = [...after.values()].flatMap((now): CriterionChange[] => {
    const was = before.get(now.id);
    if (was === undefined) return [];
    const evidenceBefore = new Set(was.evidenceRequirements);
    const evidenceAfter = new Set(now.evidenceRequirements);
    const evidenceAdded = [...evidenceAfter].filter((e) => !evidenceBefore.has(e));
    const evidenceRemoved = [...evidenceBefore].filter((e) => !evidenceAfter.has(e));
    if (was.title === now.title && evidenceAdded.length + evidenceRemoved.length === 0) return [];
    return [{ id: now.id, titleBefore: was.title, titleAfter: now.title, evidenceAdded, evidenceRemoved }];
  });
  const keptInOrderBefore = [...before.keys()].filter((id) => after.has(id));
  const keptInOrderAfter = [...after.keys()].filter((id) => before.has(id));
  const reordered = keptInOrderBefore.some((id, i) => keptInOrderAfter[i] !== id);
  if (added.length + removed.length + changed.length === 0 && !reordered) return [];
  return [{ kind: 'criteria', field: 'criteria', label: 'Criteria', added, removed, changed, reordered }];
}

// ---------------------------------------------------------------------------------------------
// Word diff.

/** Past this many tokens in the changed middle, or this many token edits, a text is shown as one replacement. */
export const WORD_DIFF_MAX_TOKENS = 100_000;
export const WORD_DIFF_MAX_EDITS = 1_000;

/** Words (with inner apostrophes and hyphens), runs of whitespace, and any other single character. */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|\s+|./gsu;

/**
 * A word-level diff. Joining the `equal` and `delete` texts gives `before`; joining the `equal` and
 * `insert` texts gives `after`. Cost is bounded: the common start and end are matched in linear
 * time and the rest by Myers' O((N+M)·D) algorithm, giving up (one delete, one insert) past the caps.
 */
export function diffWords(
  before: string,
  after: string,
  limits: { maxTokens: number; maxEdits: number } = {
    maxTokens: WORD_DIFF_MAX_TOKENS,
    maxEdits: WORD_DIFF_MAX_EDITS,
  },
): { ops: TextDiffOp[]; wordByWord: boolean } {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle =
    middleA.length + middleB.length <= limits.maxTokens
      ? myers(middleA, middleB, limits.maxEdits)
      : undefined;
  const raw: TextDiffOp[] = [
    ...a.slice(0, start).map((t) => ({ op: 'equal' as const, text: t })),
    ...(middle ?? [
      { op: 'delete' as const, text: middleA.join('') },
      { op: 'insert' as const, text: middleB.join('') },
    ]),
    ...a.slice(endA).map((t) => ({ op: 'equal' as const, text: t })),
  ];
  return { ops: tidy(raw), wordByWord: middle !== undefined };
}

/**
 * Myers' shortest edit script over tokens, or undefined past `maxEdits`. Keeps V for each d
 * (only its live diagonals −d−1..d+1) to walk back the path; memory O(D²).
 */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): TextDiffOp[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;

  const ops: TextDiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const saved = trace[d] ?? new Int32Array(0);
    const at = (k: number): number => saved[k + d + 1] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', text: a[x - 1] ?? '' });
      x--;
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ op: 'insert', text: b[prevY] ?? '' });
      else ops.push({ op: 'delete', text: a[prevX] ?? '' });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/**
 * Readable runs: within each stretch of changes, all deleted text then all inserted text; and a
 * lone space between two changes joins them, so "quick brown" → "slow red" reads as one
 * replacement rather than two with a kept space in between.
 */
function tidy(raw: readonly TextDiffOp[]): TextDiffOp[] {
  type Run = { equal: string } | { deleted: string; inserted: string };
  const runs: Run[] = [];
  for (const { op, text } of raw) {
    const last = runs.at(-1);
    if (op === 'equal') {
      if (last !== undefined && 'equal' in last) last.equal += text;
      else runs.push({ equal: text });
    } else {
      const change = last !== undefined && !('equal' in last) ? last : { deleted: '', inserted: '' };
      if (change !== last) runs.push(change);
      if (op === 'delete') change.deleted += text;
      else change.inserted += text;
    }
  }
  const merged: Run[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const previous = merged.at(-1);
    const next = runs[i + 1];
    if (
      run !== undefined &&
      'equal' in run &&
      /^\s+$/.test(run.equal) &&
      previous !== undefined &&
      !('equal' in previous) &&
      next !== undefined &&
      !('equal' in next)
    ) {
      previous.deleted += run.equal + next.deleted;
      previous.inserted += run.equal + next.inserted;
      i++;
    } else if (run !== undefined) {
      merged.push(run);
    }
  }
  return merged.flatMap((run): TextDiffOp[] => {
    if ('equal' in run) return run.equal === '' ? [] : [{ op: 'equal', text: run.equal }];
    const ops: TextDiffOp[] = [];
    if (run.deleted !== '') ops.push({ op: 'delete', text: run.deleted });
    if (run.inserted !== '') ops.push({ op: 'insert', text: run.inserted });
    return ops;
  });
}
