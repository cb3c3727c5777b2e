// The authoring form's working copy of a micro-credential's content. Numbers stay strings while
// they are typed, and repeated rows carry a key so React keeps focus on the right input.
import {
  CREDITS_MAX,
  CREDITS_MIN,
  NZQF_LEVEL_MAX,
  NZQF_LEVEL_MIN,
  type AchievementContent,
  type BadgeShape,
} from '../../api/authoring-api';
import type { ApiProblem } from '../../api/client';
import type { ClientErrors } from '../../hooks/form-errors';

export interface ListItem {
  key: string;
  value: string;
}

export interface CompetencyRow {
  key: string;
  frameworkId: string;
  code: string;
  /** For display; the server knows competencies by framework and code. */
  name: string;
  targetLevel: string;
}

export interface CriterionRow {
  key: string;
  id: string;
  title: string;
  evidenceRequirements: ListItem[];
}

export interface ContentDraft {
  title: string;
  code: string;
  summary: string;
  description: string;
  criteriaNarrative: string;
  achievementType: string;
  nzqfLevel: string;
  credits: string;
  competencies: CompetencyRow[];
  assessmentMethods: ListItem[];
  criteria: CriterionRow[];
  rplAllowed: boolean;
  rplEvidence: string;
  validityDays: string;
  tags: ListItem[];
  language: string;
  badgeShape: BadgeShape;
  badgeColour: string;
  nzscedCode: string;
  reviewPeriodYears: string;
  purposeStatement: string;
}

let lastKey = 0;
/** A React key for a new row; only called from event handlers and initialisers. */
export function newKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

export function listItems(values: readonly string[]): ListItem[] {
  return values.map((value) => ({ key: newKey(), value }));
}

export function emptyCriterion(existing: readonly CriterionRow[]): CriterionRow {
  const taken = new Set(existing.map((c) => c.id));
  let n = existing.length + 1;
  while (taken.has(`c${n}`)) n += 1;
  return { key: newKey(), id: `c${n}`, title: '', evidenceRequirements: listItems(['']) };
}

export function emptyDraft(): ContentDraft {
  return {
    title: '',
    code: '',
    summary: '',
    description: '',
    criteriaNarrative: '',
    achievementType: 'MicroCredential',
    nzqfLevel: '',
    credits: '',
    competencies: [],
    assessmentMethods: listItems(['']),
    criteria: [emptyCriterion([])],
    rplAllowed: false,
    rplEvidence: '',
    validityDays: '',
    tags: [],
    language: 'en-NZ',
    badgeShape: 'hexagon',
    badgeColour: '#0f5f5a',
    nzscedCode: '',
    reviewPeriodYears: '',
    purposeStatement: '',
  };
}

/** `names` gives display names for aligned competencies, keyed `frameworkId:CODE`. */
export function draftFromContent(
  content: AchievementContent,
  names: ReadonlyMap<string, string>,
): ContentDraft {
  return {
    title: content.title,
    code: content.code,
    summary: content.summary,
    description: content.description,
    criteriaNarrative: content.criteriaNarrative,
    achievementType: content.achievementType,
    nzqfLevel: String(content.nzqfLevel),
    credits: String(content.credits),
    competencies: content.competencies.map((c) => ({
      key: newKey(),
      frameworkId: c.frameworkId,
      code: c.code,
      name: names.get(competencyKey(c.frameworkId, c.code)) ?? c.code,
      targetLevel: String(c.targetLevel),
    })),
    assessmentMethods: listItems(content.assessmentMethods),
    criteria: content.criteria.map((c) => ({
      key: newKey(),
      id: c.id,
      title: c.title,
      evidenceRequirements: listItems(c.evidenceRequirements),
    })),
    rplAllowed: content.rplAllowed,
    rplEvidence: content.rplEvidence,
    validityDays: content.validityDays === undefined ? '' : String(content.validityDays),
    tags: listItems(content.tags),
    language: content.language,
    badgeShape: content.badge.shape,
    badgeColour: content.badge.colour,
    nzscedCode: content.nzqa.nzscedCode ?? '',
    reviewPeriodYears:
      content.nzqa.reviewPeriodYears === undefined ? '' : String(content.nzqa.reviewPeriodYears),
    purposeStatement: content.nzqa.purposeStatement ?? '',
  };
}

export function competencyKey(frameworkId: string, code: string): string {
  return `${frameworkId}:${code.toUpperCase()}`;
}

function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Drops blank rows from the lists before saving, so the server's row numbers in `/tags/2` match the
 * rows on screen. A list that needs at least one entry keeps an empty row to type into.
 */
export function tidyDraft(draft: ContentDraft): ContentDraft {
  const keep = (items: ListItem[], minimumRows: number) => {
    const kept = items.filter((item) => item.value.trim() !== '');
    return kept.length >= minimumRows ? kept : [...kept, ...listItems(['']).slice(0, minimumRows)];
  };
  return {
    ...draft,
    assessmentMethods: keep(draft.assessmentMethods, 1),
    tags: keep(draft.tags, 0),
    criteria: draft.criteria.map((row) => ({
      ...row,
      evidenceRequirements: keep(row.evidenceRequirements, 1),
    })),
  };
}

const filled = (items: readonly ListItem[]) => items.map((i) => i.value.trim()).filter((v) => v !== '');

/**
 * The content to send, or the errors that stop us sending it. Only what JSON cannot carry is
 * checked here (a number that isn't one); every other rule is the server's, shown beside the field.
 */
export function contentFromDraft(
  draft: ContentDraft,
): { ok: true; content: AchievementContent } | { ok: false; errors: ClientErrors } {
  const errors: ClientErrors = {};
  const credits = wholeNumber(draft.credits);
  if (credits === undefined || credits < CREDITS_MIN || credits > CREDITS_MAX) {
    errors['credits'] = `Enter a whole number of credits from ${CREDITS_MIN} to ${CREDITS_MAX}.`;
  }
  const level = wholeNumber(draft.nzqfLevel);
  if (level === undefined || level < NZQF_LEVEL_MIN || level > NZQF_LEVEL_MAX) {
    errors['nzqfLevel'] = 'Choose the NZQF level.';
  }
  const validityDays = draft.validityDays.trim() === '' ? undefined : wholeNumber(draft.validityDays);
  if (draft.validityDays.trim() !== '' && validityDays === undefined) {
    errors['validityDays'] = 'Enter a whole number of days, or leave it empty.';
  }
  const targetLevels = draft.competencies.map((row, i) => {
    const value = wholeNumber(row.targetLevel);
    if (value === undefined)
      errors[`competencies/${i}/targetLevel`] = `Choose a target level for ${row.code}.`;
    return value ?? 0;
  });
  if (Object.keys(errors).length > 0 || credits === undefined || level === undefined) {
    return { ok: false, errors };
  }

  const reviewPeriodYears = wholeNumber(draft.reviewPeriodYears);
  return {
    ok: true,
    content: {
      title: draft.title.trim(),
      code: draft.code.trim(),
      summary: draft.summary.trim(),
      description: draft.description.trim(),
      criteriaNarrative: draft.criteriaNarrative.trim(),
      achievementType: draft.achievementType,
      nzqfLevel: level,
      credits,
      competencies: draft.competencies.map((row, i) => ({
        frameworkId: row.frameworkId,
        code: row.code,
        targetLevel: targetLevels[i] ?? 0,
      })),
      assessmentMethods: filled(draft.assessmentMethods),
      criteria: draft.criteria.map((row) => ({
        id: row.id.trim(),
        title: row.title.trim(),
        evidenceRequirements: filled(row.evidenceRequirements),
      })),
      rplAllowed: draft.rplAllowed,
      rplEvidence: draft.rplAllowed ? draft.rplEvidence.trim() : '',
      ...(validityDays !== undefined ? { validityDays } : {}),
      tags: filled(draft.tags),
      language: draft.language,
      badge: { shape: draft.badgeShape, colour: draft.badgeColour },
      nzqa: {
        ...(draft.nzscedCode.trim() ? { nzscedCode: draft.nzscedCode.trim() } : {}),
        ...(reviewPeriodYears !== undefined ? { reviewPeriodYears } : {}),
        ...(draft.purposeStatement.trim() ? { purposeStatement: draft.purposeStatement.trim() } : {}),
      },
    },
  };
}

/**
 * The server names fields by JSON pointer into the content (`/competencies/0/targetLevel`), with
 * `/content` in front when the request schema refused it. Field keys here drop the leading slash.
 */
export function problemFieldKey(path: string): string {
  return path.replace(/^\/(body\/)?(content\/)?/, '');
}

/** Our own check first, then the server's message for exactly this field. */
export function contentFieldError(
  key: string,
  clientErrors: ClientErrors,
  problem: ApiProblem | null,
): string | undefined {
  return clientErrors[key] ?? problem?.errors.find((e) => problemFieldKey(e.path) === key)?.message;
}
