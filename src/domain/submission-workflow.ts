/**
 * A learner's submission of evidence for one micro-credential version, from draft to decision:
 *
 *   draft ──submit──▶ submitted ──decide_competent──▶ competent (awaiting_moderation when held)
 *                         └──decide_not_yet_competent──▶ not_yet_competent ──appeal──▶ appealed
 *
 * A learner may withdraw a draft or an undecided submission, and reopen a "not yet competent" one
 * as a draft to resubmit. An appeal is upheld (competent) or dismissed (not yet competent). A
 * moderator confirms or overturns a decision, either before the credential is issued
 * (awaiting_moderation) or after it (competent / not_yet_competent). Who may take each action is a
 * policy question, not this module's.
 */
import type {
  AttestationState,
  DecisionOutcome,
  EvidenceKind,
  RubricRow,
  SubmissionAction,
  SubmissionState,
} from './assessment.js';
import { DomainError, InvalidFields, InvalidInput } from './errors.js';

export const SUBMISSION_ACTIONS = [
  'submit',
  'withdraw',
  'decide_competent',
  'decide_not_yet_competent',
  'moderation_confirm',
  'moderation_overturn',
  'resubmit',
  'appeal',
  'appeal_upheld',
  'appeal_dismissed',
] as const satisfies readonly SubmissionAction[];

// Compile-time guard: the list above names every action of the union, so nothing is left untested.
type MissingAction = Exclude<SubmissionAction, (typeof SUBMISSION_ACTIONS)[number]>;
const _everyActionListed: MissingAction extends never ? true : false = true;

/** decide_competent is absent: where it leads depends on the moderation policy (see below). */
const TRANSITIONS: Record<
  Exclude<SubmissionAction, 'decide_competent'>,
  Partial<Record<SubmissionState, SubmissionState>>
> = {
  submit: { draft: 'submitted' },
  withdraw: { draft: 'withdrawn', submitted: 'withdrawn' },
  decide_not_yet_competent: { submitted: 'not_yet_competent' },
  // After-issue moderation revisits a decision already in force, so competent and NYC are sources too.
  moderation_confirm: {
    awaiting_moderation: 'competent',
    competent: 'competent',
    not_yet_competent: 'not_yet_competent',
  },
  moderation_overturn: {
    awaiting_moderation: 'not_yet_competent',
    competent: 'not_yet_competent',
    not_yet_competent: 'competent',
  },
  resubmit: { not_yet_competent: 'draft' },
  appeal: { not_yet_competent: 'appealed' },
  appeal_upheld: { appealed: 'competent' },
  appeal_dismissed: { appealed: 'not_yet_competent' },
};

const STATE_PHRASE: Record<SubmissionState, string> = {
  draft: 'still a draft',
  submitted: 'submitted',
  awaiting_moderation: 'awaiting moderation',
  competent: 'judged competent',
  not_yet_competent: 'judged not yet competent',
  appealed: 'under appeal',
  withdrawn: 'withdrawn',
};

const ACTION_PHRASE: Record<SubmissionAction, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  decide_competent: 'judged competent',
  decide_not_yet_competent: 'judged not yet competent',
  moderation_confirm: 'confirmed by a moderator',
  moderation_overturn: 'overturned by a moderator',
  resubmit: 'reopened to resubmit',
  appeal: 'appealed',
  appeal_upheld: 'decided in the learner’s favour on appeal',
  appeal_dismissed: 'decided against the learner on appeal',
};

export class SubmissionStateConflict extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'submission-state-conflict';
  readonly title = 'The submission is not in a state that allows this';

  constructor(state: SubmissionState, action: SubmissionAction) {
    super(`A submission that is ${STATE_PHRASE[state]} cannot be ${ACTION_PHRASE[action]}.`, {
      submissionState: state,
      action,
    });
  }
}

/**
 * @param ctx.holdForModeration a competent decision selected for before-issue moderation waits for
 *   the moderator instead of taking effect.
 * @throws SubmissionStateConflict
 */
export function nextSubmissionState(
  state: SubmissionState,
  action: SubmissionAction,
  ctx: { holdForModeration?: boolean } = {},
): SubmissionState {
  if (action === 'decide_competent') {
    if (state !== 'submitted') throw new SubmissionStateConflict(state, action);
    return ctx.holdForModeration === true ? 'awaiting_moderation' : 'competent';
  }
  const to = TRANSITIONS[action][state];
  if (to === undefined) throw new SubmissionStateConflict(state, action);
  return to;
}

/** The actions the state machine allows from here, so a UI can offer only those. */
export function allowedSubmissionActions(state: SubmissionState): SubmissionAction[] {
  return SUBMISSION_ACTIONS.filter((action) =>
    action === 'decide_competent' ? state === 'submitted' : TRANSITIONS[action][state] !== undefined,
  );
}

/** States nothing moves a submission out of. */
export function isFinalSubmissionState(state: SubmissionState): boolean {
  return allowedSubmissionActions(state).length === 0;
}

// ---------------------------------------------------------------------------------------------
// Decisions

export const RUBRIC_FEEDBACK_MAX = 4000;
export const DECISION_FEEDBACK_MIN = 3;
export const DECISION_FEEDBACK_MAX = 8000;

interface Criterion {
  id: string;
  title: string;
}

/**
 * An assessor's rubric must judge every criterion of the version exactly once, agree with the
 * outcome, and tell the learner what is missing wherever a criterion is not met.
 * @returns the rows in the criteria's order, feedback trimmed
 * @throws InvalidFields listing every problem, with paths such as `/rubric/2/criterionId`
 */
export function checkRubric(
  criteria: readonly Criterion[],
  rubric: readonly RubricRow[],
  outcome: DecisionOutcome,
): RubricRow[] {
  const issues: { path: string; message: string }[] = [];
  const titles = new Map(criteria.map((c) => [c.id, c.title]));
  const rowFor = new Map<string, RubricRow>();

  rubric.forEach((row, i) => {
    const title = titles.get(row.criterionId);
    if (title === undefined) {
      issues.push({
        path: `/rubric/${i}/criterionId`,
        message: `No criterion ${row.criterionId} in this version.`,
      });
      return;
    }
    if (rowFor.has(row.criterionId)) {
      issues.push({
        path: `/rubric/${i}/criterionId`,
        message: `“${title}” is judged more than once; keep one row for it.`,
      });
      return;
    }
    const feedback = row.feedback.trim();
    rowFor.set(row.criterionId, { criterionId: row.criterionId, met: row.met, feedback });
    if (!row.met && outcome === 'competent') {
      issues.push({
        path: `/rubric/${i}/met`,
        message: `A competent decision needs every criterion met, and “${title}” is not.`,
      });
    }
    if (!row.met && feedback === '') {
      issues.push({
        path: `/rubric/${i}/feedback`,
        message: `Say what is still missing for “${title}”: feedback is required for a criterion not yet met.`,
      });
    }
    if (feedback.length > RUBRIC_FEEDBACK_MAX) {
      issues.push({
        path: `/rubric/${i}/feedback`,
        message: `Feedback on “${title}” is limited to ${RUBRIC_FEEDBACK_MAX} characters.`,
      });
    }
  });
  for (const c of criteria) {
    if (!rowFor.has(c.id)) {
      issues.push({ path: '/rubric', message: `“${c.title}” is not judged: every criterion needs one row.` });
    }
  }
  if (issues.length > 0) throw new InvalidFields(issues);
  return criteria.map((c) => rowFor.get(c.id)).filter((r): r is RubricRow => r !== undefined);
}

/** @throws InvalidInput (field `feedback`) */
export function checkDecisionFeedback(text: string): string {
  const t = text.trim();
  if (t === '') throw new InvalidInput('feedback', 'Give the learner feedback on the decision.');
  if (t.length < DECISION_FEEDBACK_MIN)
    throw new InvalidInput('feedback', `Feedback needs at least ${DECISION_FEEDBACK_MIN} characters.`);
  if (t.length > DECISION_FEEDBACK_MAX)
    throw new InvalidInput('feedback', `Feedback is limited to ${DECISION_FEEDBACK_MAX} characters.`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Completeness

export class SubmissionIncomplete extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'submission-incomplete';
  readonly title = 'Evidence missing';
  override readonly extensions: { missingCriteria: readonly Criterion[] };

  constructor(missing: readonly Criterion[]) {
    super(
      `Add evidence for every criterion before submitting. Still without evidence: ${missing
        .map((c) => `“${c.title}”`)
        .join(', ')}.`,
      { missingCriterionIds: missing.map((c) => c.id).join(',') },
    );
    this.extensions = { missingCriteria: missing.map((c) => ({ id: c.id, title: c.title })) };
  }
}

/**
 * Criteria with no usable evidence, in the criteria's order. A supervisor's attestation counts
 * only once the supervisor has confirmed it: a request or a refusal proves nothing.
 */
export function missingEvidence(
  criteria: readonly Criterion[],
  evidence: readonly { criterionId: string; kind: EvidenceKind; attestationState?: AttestationState }[],
): Criterion[] {
  const covered = new Set(
    evidence
      .filter((e) => e.kind !== 'attestation' || e.attestationState === 'confirmed')
      .map((e) => e.criterionId),
  );
  return criteria.filter((c) => !covered.has(c.id)).map((c) => ({ id: c.id, title: c.title }));
}

/** @throws SubmissionIncomplete */
export function ensureComplete(
  criteria: readonly Criterion[],
  evidence: readonly { criterionId: string; kind: EvidenceKind; attestationState?: AttestationState }[],
): void {
  const missing = missingEvidence(criteria, evidence);
  if (missing.length > 0) throw new SubmissionIncomplete(missing);
}

// ---------------------------------------------------------------------------------------------
// Appeals

const DAY_MS = 24 * 60 * 60 * 1000;

export class AppealWindowClosed extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'appeal-window-closed';
  readonly title = 'The appeal window has closed';

  constructor(deadline: Date, windowDays: number) {
    super(
      windowDays === 0
        ? 'This micro-credential does not accept appeals.'
        : `Appeals were possible for ${windowDays} day${windowDays === 1 ? '' : 's'} after the decision, ` +
            `until ${deadline.toISOString()}. You can resubmit instead.`,
      { appealDeadline: deadline.toISOString(), appealWindowDays: windowDays },
    );
  }
}

/** The instant the window closes: exactly windowDays × 24 hours after the decision. */
export function appealDeadline(decidedAt: Date, windowDays: number): Date {
  return new Date(decidedAt.getTime() + windowDays * DAY_MS);
}

/** @throws AppealWindowClosed from the deadline on (a zero-day window never opens) */
export function ensureAppealOpen(decidedAt: Date, windowDays: number, now: Date): void {
  const deadline = appealDeadline(decidedAt, windowDays);
  if (now.getTime() >= deadline.getTime()) throw new AppealWindowClosed(deadline, windowDays);
}

export const APPEAL_GROUNDS_MIN = 10;
export const APPEAL_GROUNDS_MAX = 8000;

/** @throws InvalidInput (field `grounds`) */
export function checkAppealGrounds(text: string): string {
  const t = text.trim();
  if (t.length < APPEAL_GROUNDS_MIN)
    throw new InvalidInput(
      'grounds',
      `Explain why the decision should change (at least ${APPEAL_GROUNDS_MIN} characters).`,
    );
  if (t.length > APPEAL_GROUNDS_MAX)
    throw new InvalidInput('grounds', `The grounds are limited to ${APPEAL_GROUNDS_MAX} characters.`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Evidence items

export const EVIDENCE_TEXT_MAX = 20_000;
export const EVIDENCE_LINK_MAX = 2000;

/** @throws InvalidInput (field `text`) */
export function checkEvidenceText(text: string): string {
  const t = text.trim();
  if (t === '') throw new InvalidInput('text', 'Write something as evidence.');
  if (t.length > EVIDENCE_TEXT_MAX)
    throw new InvalidInput(
      'text',
      `Written evidence is limited to ${EVIDENCE_TEXT_MAX.toLocaleString('en')} characters; upload a file for more.`,
    );
  return t;
}

/**
 * Assessors open these links, so only plain web addresses are accepted: no javascript:, data: or
 * file: URLs, and no user:password@ part (a classic way to disguise where a link goes).
 * @throws InvalidInput (field `url`)
 */
export function checkEvidenceLink(url: string): string {
  const u = url.trim();
  const refuse = (): never => {
    throw new InvalidInput('url', 'Give a full web address starting with https:// or http://.');
  };
  if (u.length > EVIDENCE_LINK_MAX)
    throw new InvalidInput('url', `Links are limited to ${EVIDENCE_LINK_MAX} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return refuse();
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse();
  if (!/^https?:\/\//i.test(u) || parsed.hostname === '') return refuse();
  if (parsed.username !== '' || parsed.password !== '')
    throw new InvalidInput('url', 'Remove the user name or password from the link.');
  return u;
}

/** @throws InvalidInput (field `criterionId`) */
export function checkCriterion(criteria: readonly { id: string }[], criterionId: string): void {
  if (!criteria.some((c) => c.id === criterionId))
    throw new InvalidInput('criterionId', `No criterion ${criterionId} in this version.`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const SUPERVISOR_NAME_MAX = 200;

/**
 * The supervisor asked to attest: an email to write to and a name to greet. Control characters are
 * refused in the name because it goes into an email.
 * @throws InvalidFields with paths `/supervisorEmail` and `/supervisorName`, the request's field names
 */
export function checkSupervisor(input: { email: string; name: string }): { email: string; name: string } {
  const issues: { path: string; message: string }[] = [];
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!EMAIL.test(email) || email.length > 254)
    issues.push({ path: '/supervisorEmail', message: `“${input.email}” is not an email address.` });
  if (name === '') issues.push({ path: '/supervisorName', message: 'Give the supervisor’s name.' });
  else if (name.length > SUPERVISOR_NAME_MAX)
    issues.push({
      path: '/supervisorName',
      message: `The name is limited to ${SUPERVISOR_NAME_MAX} characters.`,
    });
  else if (/[\u0000-\u001f\u007f]/.test(name))
    issues.push({ path: '/supervisorName', message: 'The name cannot contain control characters.' });
  if (issues.length > 0) throw new InvalidFields(issues);
  return { email, name };
}
