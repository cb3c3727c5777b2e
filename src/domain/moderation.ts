/**
 * Educator moderation of industry assessors' decisions: the micro-credential's assessment policy,
 * which decisions a moderator reviews, and how often each assessor's decisions are confirmed.
 */
import { createHash } from 'node:crypto';
import {
  MODERATION_TIMINGS,
  type AssessmentPolicy,
  type ModerationOutcome,
  type ModerationSelection,
  type SubmissionRoute,
} from './assessment.js';
import { InvalidFields, InvalidInput } from './errors.js';

export const NEW_ASSESSOR_FIRST_N_MAX = 1000;
export const APPEAL_WINDOW_DAYS_MAX = 365;

/** @throws InvalidFields naming every setting out of range */
export function checkAssessmentPolicy(input: AssessmentPolicy): AssessmentPolicy {
  const issues: { path: string; message: string }[] = [];
  const wholeNumber = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;

  if (!(Number.isFinite(input.sampleRate) && input.sampleRate >= 0 && input.sampleRate <= 1))
    issues.push({
      path: '/sampleRate',
      message: 'The sample rate is a share from 0 to 1 (0.2 moderates one decision in five).',
    });
  if (!wholeNumber(input.newAssessorFirstN, NEW_ASSESSOR_FIRST_N_MAX))
    issues.push({
      path: '/newAssessorFirstN',
      message: `A new assessor's first decisions moderated: a whole number from 0 to ${NEW_ASSESSOR_FIRST_N_MAX}.`,
    });
  if (!wholeNumber(input.appealWindowDays, APPEAL_WINDOW_DAYS_MAX))
    issues.push({
      path: '/appealWindowDays',
      message: `The appeal window is a whole number of days from 0 to ${APPEAL_WINDOW_DAYS_MAX}.`,
    });
  if (!(MODERATION_TIMINGS as readonly string[]).includes(input.timing))
    issues.push({ path: '/timing', message: `Timing must be one of ${MODERATION_TIMINGS.join(', ')}.` });
  if (issues.length > 0) throw new InvalidFields(issues);
  return { ...input };
}

/**
 * A number in [0, 1) fixed by the id alone. Sampling by it, rather than by a random draw, means the
 * same decision is always in or out of the sample: re-running selection cannot change the answer,
 * and an auditor can check it.
 */
export function sampleFraction(id: string): number {
  const digest = createHash('sha256').update(id, 'utf8').digest();
  // 48 bits divide exactly into a double, so the result never rounds up to 1.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Why this decision goes to a moderator, or null when it does not. The strongest reason wins, so
 * the record says "all" rather than "sample" when everything is moderated anyway.
 */
export function selectForModeration(
  policy: AssessmentPolicy,
  decision: { id: string; route: SubmissionRoute; assessorPriorDecisions: number },
): ModerationSelection | null {
  if (policy.moderateAll) return 'all';
  if (decision.route === 'rpl' && policy.moderateAllRpl) return 'rpl';
  if (decision.assessorPriorDecisions < policy.newAssessorFirstN) return 'new_assessor';
  if (sampleFraction(decision.id) < policy.sampleRate) return 'sample';
  return null;
}

export const MODERATION_REASON_MIN = 3;
export const MODERATION_REASON_MAX = 4000;

/**
 * Overturning changes a learner's result, so the moderator must say why; a confirmation may
 * simply agree.
 * @throws InvalidInput (field `reason`)
 */
export function checkModerationReason(outcome: ModerationOutcome, reason: string): string {
  const r = reason.trim();
  if (outcome === 'overturned' && r.length < MODERATION_REASON_MIN)
    throw new InvalidInput(
      'reason',
      `Say why the decision is overturned (at least ${MODERATION_REASON_MIN} characters); the learner and the assessor read it.`,
    );
  if (r.length > MODERATION_REASON_MAX)
    throw new InvalidInput('reason', `The reason is limited to ${MODERATION_REASON_MAX} characters.`);
  return r;
}

export interface AgreementPoint {
  /** Calendar month in UTC, `YYYY-MM`. */
  period: string;
  total: number;
  confirmed: number;
  rate: number;
}

export interface AssessorAgreement {
  assessorId: string;
  assessorName: string;
  total: number;
  confirmed: number;
  /** Share of moderated decisions the moderator confirmed, 0–1. */
  rate: number;
  series: AgreementPoint[];
}

/**
 * How often moderators agree with each assessor, overall and month by month. Lowest agreement
 * first: those are the assessors to calibrate. Ties go to the assessor with more moderated
 * decisions (firmer evidence), then by name.
 */
export function agreementRates(
  rows: readonly {
    assessorId: string;
    assessorName: string;
    moderatedAt: Date;
    outcome: ModerationOutcome;
  }[],
): AssessorAgreement[] {
  const byAssessor = new Map<
    string,
    { name: string; latest: number; months: Map<string, { total: number; confirmed: number }> }
  >();
  for (const row of rows) {
    const at = row.moderatedAt.getTime();
    let entry = byAssessor.get(row.assessorId);
    if (!entry) {
      entry = { name: row.assessorName, latest: at, months: new Map() };
      byAssessor.set(row.assessorId, entry);
    }
    // Names change; show the one from the most recent moderation.
    if (at >= entry.latest) {
      entry.name = row.assessorName;
      entry.latest = at;
    }
    const period = row.moderatedAt.toISOString().slice(0, 7);
    const month = entry.months.get(period) ?? { total: 0, confirmed: 0 };
    month.total++;
    if (row.outcome === 'confirmed') month.confirmed++;
    entry.months.set(period, month);
  }

  const result: AssessorAgreement[] = [...byAssessor].map(([assessorId, entry]) => {
    const series = [...entry.months]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([period, m]) => ({
        period,
        total: m.total,
        confirmed: m.confirmed,
        rate: m.confirmed / m.total,
      }));
    const total = series.reduce((n, p) => n + p.total, 0);
    const confirmed = series.reduce((n, p) => n + p.confirmed, 0);
    return { assessorId, assessorName: entry.name, total, confirmed, rate: confirmed / total, series };
  });
  return result.sort(
    (a, b) =>
      a.rate - b.rate ||
      b.total - a.total ||
      a.assessorName.localeCompare(b.assessorName) ||
      (a.assessorId < b.assessorId ? -1 : a.assessorId > b.assessorId ? 1 : 0),
  );
}
