import {
  ACHIEVEMENT_TYPES,
  CREDITS_MAX,
  CREDITS_MIN,
  HOURS_PER_CREDIT,
  NZQF_LEVEL_MAX,
  NZQF_LEVEL_MIN,
  type AchievementContent,
} from './achievements.js';

export interface FieldIssue {
  path: string;
  message: string;
}

/** What the rules need to know about the frameworks a micro-credential aligns to. */
export interface FrameworkLookup {
  /** Number of levels in the framework's proficiency scale, or undefined for an unknown framework. */
  scaleSize(frameworkId: string): number | undefined;
  competencyExists(frameworkId: string, code: string): boolean;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const SHAPES = ['hexagon', 'circle', 'shield', 'rounded-square'];

/**
 * Every rule a micro-credential's content must keep before it can be saved (drafts included:
 * catching a credit value of 45 at publishing time would be too late).
 */
export function checkAchievementContent(c: AchievementContent, frameworks: FrameworkLookup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const text = (path: string, value: string, label: string, min: number, max: number) => {
    const length = value.trim().length;
    if (length < min)
      add(path, min === 1 ? `${label} is required.` : `${label} needs at least ${min} characters.`);
    else if (value.length > max) add(path, `${label} is limited to ${max} characters.`);
  };

  text('/title', c.title, 'Title', 3, 200);
  text('/summary', c.summary, 'Summary', 1, 500);
  text('/description', c.description, 'Description', 0, 10_000);
  text('/criteriaNarrative', c.criteriaNarrative, 'Criteria', 1, 10_000);
  if (!CODE.test(c.code))
    add('/code', 'Code is letters, digits, dot, dash or underscore, up to 32 characters (e.g. IAM-101).');
  if (
    !(ACHIEVEMENT_TYPES as readonly string[]).includes(c.achievementType) &&
    !/^ext:[A-Za-z0-9]+$/.test(c.achievementType)
  ) {
    add(
      '/achievementType',
      `Achievement type must be one of ${ACHIEVEMENT_TYPES.join(', ')} or an ext: extension.`,
    );
  }
  if (!Number.isInteger(c.credits) || c.credits < CREDITS_MIN || c.credits > CREDITS_MAX) {
    add(
      '/credits',
      `Credits must be a whole number from ${CREDITS_MIN} to ${CREDITS_MAX} (1 credit = ${HOURS_PER_CREDIT} notional learning hours).`,
    );
  }
  if (!Number.isInteger(c.nzqfLevel) || c.nzqfLevel < NZQF_LEVEL_MIN || c.nzqfLevel > NZQF_LEVEL_MAX) {
    add('/nzqfLevel', `NZQF level must be a whole number from ${NZQF_LEVEL_MIN} to ${NZQF_LEVEL_MAX}.`);
  }

  if (c.competencies.length === 0) add('/competencies', 'Align at least one competency.');
  const seen = new Set<string>();
  c.competencies.forEach((a, i) => {
    const path = `/competencies/${i}`;
    const key = `${a.frameworkId}:${a.code.toUpperCase()}`;
    if (seen.has(key)) add(path, `Competency ${a.code} is listed twice.`);
    seen.add(key);
    const levels = frameworks.scaleSize(a.frameworkId);
    if (levels === undefined) {
      add(`${path}/frameworkId`, 'Unknown competency framework.');
      return;
    }
    if (!frameworks.competencyExists(a.frameworkId, a.code))
      add(`${path}/code`, `No competency ${a.code} in that framework.`);
    if (!Number.isInteger(a.targetLevel) || a.targetLevel < 1 || a.targetLevel > levels) {
      add(
        `${path}/targetLevel`,
        `Target level for ${a.code} must be a level of the framework's scale, 1 to ${levels}.`,
      );
    }
  });

  if (c.criteria.length === 0) add('/criteria', 'Give at least one assessment criterion.');
  const criterionIds = new Set<string>();
  c.criteria.forEach((cr, i) => {
    if (criterionIds.has(cr.id)) add(`/criteria/${i}/id`, `Criterion id ${cr.id} is used twice.`);
    criterionIds.add(cr.id);
    text(`/criteria/${i}/title`, cr.title, 'Criterion', 1, 500);
    if (cr.evidenceRequirements.filter((e) => e.trim() !== '').length === 0) {
      add(`/criteria/${i}/evidenceRequirements`, `Say what evidence meets criterion "${cr.title || cr.id}".`);
    }
  });

  if (c.rplAllowed && c.rplEvidence.trim() === '') {
    add(
      '/rplEvidence',
      'Say what prior-learning evidence counts when recognition of prior learning is allowed.',
    );
  }
  if (
    c.validityDays !== undefined &&
    (!Number.isInteger(c.validityDays) || c.validityDays < 1 || c.validityDays > 3650)
  ) {
    add(
      '/validityDays',
      'Validity is a whole number of days from 1 to 3650, or none for credentials that do not expire.',
    );
  }
  if (c.tags.length > 20) add('/tags', 'Use at most 20 tags.');
  c.tags.forEach((t, i) => {
    if (t.trim() === '' || t.length > 40) add(`/tags/${i}`, 'Tags are 1 to 40 characters.');
  });
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(c.language))
    add('/language', 'Language is a code such as en or en-NZ.');
  if (!SHAPES.includes(c.badge.shape)) add('/badge/shape', `Badge shape is one of ${SHAPES.join(', ')}.`);
  if (!COLOUR.test(c.badge.colour)) add('/badge/colour', 'Badge colour is a hex colour such as #0f766e.');
  if (c.nzqa.nzscedCode !== undefined && !/^\d{6}$/.test(c.nzqa.nzscedCode)) {
    add('/nzqa/nzscedCode', 'The NZSCED code has six digits.');
  }
  if (
    c.nzqa.reviewPeriodYears !== undefined &&
    (!Number.isInteger(c.nzqa.reviewPeriodYears) ||
      c.nzqa.reviewPeriodYears < 1 ||
      c.nzqa.reviewPeriodYears > 3)
  ) {
    add('/nzqa/reviewPeriodYears', 'NZQA review periods are 1, 2 or 3 years.');
  }
  return issues;
}
