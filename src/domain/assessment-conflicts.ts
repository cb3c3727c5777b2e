/**
 * Conflicts of interest between an assessor and a learner. Industry assessors judge people they may
 * know, so the rules are checked before an assessor sees a submission and again when they decide.
 */
import { DomainError, InvalidInput } from './errors.js';

export type ConflictReason = 'self' | 'declared' | 'own_staff' | 'already_decided';

/**
 * The first conflict that stops this assessor deciding this learner's submission, or null.
 * - self: nobody assesses their own work.
 * - declared: the assessor said they know the learner (manager, relative, friend…).
 * - own_staff: the micro-credential forbids assessing people of an organisation the assessor
 *   belongs to, and the two share one.
 * - already_decided: one assessor decides an attempt once; a second opinion needs a second person.
 */
export function findAssessorConflict(input: {
  assessorId: string;
  learnerId: string;
  declaredLearnerIds: ReadonlySet<string>;
  forbidOwnStaff: boolean;
  assessorOrganisationIds: readonly string[];
  learnerOrganisationIds: readonly string[];
  decidedThisAttempt: boolean;
}): ConflictReason | null {
  if (input.assessorId === input.learnerId) return 'self';
  if (input.declaredLearnerIds.has(input.learnerId)) return 'declared';
  if (input.forbidOwnStaff) {
    const learnerOrgs = new Set(input.learnerOrganisationIds);
    if (input.assessorOrganisationIds.some((id) => learnerOrgs.has(id))) return 'own_staff';
  }
  if (input.decidedThisAttempt) return 'already_decided';
  return null;
}

const MESSAGE: Record<ConflictReason, string> = {
  self: 'You cannot assess your own submission.',
  declared: 'You declared a conflict of interest with this learner, so another assessor must assess them.',
  own_staff:
    'You cannot assess people from your own organisation for this micro-credential; another assessor must assess this learner.',
  already_decided: 'You have already decided this attempt; another assessor must give a second decision.',
};

export class AssessorConflict extends DomainError {
  readonly kind = 'forbidden';
  readonly slug = 'assessor-conflict';
  readonly title = 'Conflict of interest';

  constructor(readonly reason: ConflictReason) {
    super(MESSAGE[reason], { reason });
  }
}

export const CONFLICT_REASON_MIN = 3;
export const CONFLICT_REASON_MAX = 500;

/** What an assessor writes when declaring a conflict; moderators read it. @throws InvalidInput */
export function checkConflictReason(text: string): string {
  const t = text.trim();
  if (t.length < CONFLICT_REASON_MIN)
    throw new InvalidInput(
      'reason',
      `Say how you know the learner (at least ${CONFLICT_REASON_MIN} characters).`,
    );
  if (t.length > CONFLICT_REASON_MAX)
    throw new InvalidInput('reason', `Keep the reason under ${CONFLICT_REASON_MAX} characters.`);
  return t;
}
