/**
 * Earning a badge: enrolments, submissions of evidence, industry assessment, educator moderation and
 * appeals. The types every rule module (submission-workflow, assessment-conflicts, moderation,
 * evidence-files) and the use cases share.
 */
import { DomainError } from './errors.js';

export const ENROLMENT_SOURCES = ['self', 'employer', 'lms'] as const;
/** Who enrolled the learner: themselves, their employer, or a learning system through an API key. */
export type EnrolmentSource = (typeof ENROLMENT_SOURCES)[number];

export const SUBMISSION_ROUTES = ['assessed', 'rpl'] as const;
/** Learning then assessment, or recognition of prior learning: the credential records which. */
export type SubmissionRoute = (typeof SUBMISSION_ROUTES)[number];

export const SUBMISSION_STATES = [
  'draft',
  'submitted',
  'awaiting_moderation',
  'competent',
  'not_yet_competent',
  'appealed',
  'withdrawn',
] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const DECISION_OUTCOMES = ['competent', 'not_yet_competent'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Everything that moves a submission; who may do it is a policy question, not this one. */
export type SubmissionAction =
  | 'submit'
  | 'withdraw'
  | 'decide_competent'
  | 'decide_not_yet_competent'
  | 'moderation_confirm'
  | 'moderation_overturn'
  | 'resubmit'
  | 'appeal'
  | 'appeal_upheld'
  | 'appeal_dismissed';

export const EVIDENCE_KINDS = ['text', 'link', 'file', 'attestation'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const ATTESTATION_STATES = ['requested', 'confirmed', 'declined'] as const;
export type AttestationState = (typeof ATTESTATION_STATES)[number];

/** One row of an assessor's rubric: a criterion of the version, met or not yet, with feedback. */
export interface RubricRow {
  criterionId: string;
  met: boolean;
  feedback: string;
}

export const MODERATION_SELECTIONS = ['sample', 'new_assessor', 'rpl', 'all'] as const;
/** Why a decision went to a moderator. */
export type ModerationSelection = (typeof MODERATION_SELECTIONS)[number];

export const MODERATION_OUTCOMES = ['confirmed', 'overturned'] as const;
export type ModerationOutcome = (typeof MODERATION_OUTCOMES)[number];

export const MODERATION_TIMINGS = ['before_issue', 'after_issue'] as const;
/** Whether a competent decision waits for its moderator before the credential is issued. */
export type ModerationTiming = (typeof MODERATION_TIMINGS)[number];

/** A micro-credential's assessment settings, set by its owning organisation. */
export interface AssessmentPolicy {
  /** Share of each assessor's decisions sampled for moderation, 0–1. */
  sampleRate: number;
  /** All of a new assessor's first N decisions on this micro-credential are moderated. */
  newAssessorFirstN: number;
  /** Every RPL decision is moderated. */
  moderateAllRpl: boolean;
  /** Every decision is moderated (overrides the rest). */
  moderateAll: boolean;
  timing: ModerationTiming;
  /** Assessors may not assess learners who belong to the same organisation as they do. */
  forbidOwnStaff: boolean;
  /** Days after a "not yet competent" decision during which the learner may appeal. */
  appealWindowDays: number;
}

export const DEFAULT_ASSESSMENT_POLICY: AssessmentPolicy = {
  sampleRate: 0.2,
  newAssessorFirstN: 5,
  moderateAllRpl: true,
  moderateAll: false,
  timing: 'after_issue',
  forbidOwnStaff: false,
  appealWindowDays: 28,
};

export const APPEAL_STATES = ['open', 'upheld', 'dismissed'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

/** Only a published micro-credential takes enrolments. */
export class NotOpenForEnrolment extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'not-open-for-enrolment';
  readonly title = 'This micro-credential is not open for enrolment';
}

/** A learner works on one live submission per micro-credential at a time. */
export class SubmissionAlreadyOpen extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'submission-already-open';
  readonly title = 'A submission is already in progress';

  constructor(readonly openSubmissionId: string) {
    super('You already have a submission in progress for this micro-credential: continue that one.', {
      submissionId: openSubmissionId,
    });
  }
}

/** Evidence changes only while the learner is still drafting. */
export class SubmissionNotEditable extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'submission-not-editable';
  readonly title = 'The submission can no longer be changed';
}

/** A supervisor's link that was answered already or has expired. */
export class AttestationClosed extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'attestation-closed';
  readonly title = 'This attestation request is closed';
}

/** Supervisors have this long to answer before the learner must ask again. */
export const ATTESTATION_LINK_DAYS = 30;

/** One appeal per decision: a dismissed appeal is final for that attempt. */
export class AlreadyAppealed extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'already-appealed';
  readonly title = 'This decision has been appealed already';
}

// ---------------------------------------------------------------------------------------------
// Records: what storage gives back.

export type StaffRole = 'assessor' | 'moderator';

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface EnrolmentRecord {
  id: string;
  achievementId: string;
  learner: PersonRef;
  source: EnrolmentSource;
  enrolledBy: string | null;
  createdAt: Date;
  withdrawnAt: Date | null;
}

export interface SubmissionRecord {
  id: string;
  enrolmentId: string;
  achievementId: string;
  versionId: string;
  /** The micro-credential's owner: it issues the credential and sets the assessment policy. */
  organisationId: string;
  learner: PersonRef;
  route: SubmissionRoute;
  state: SubmissionState;
  attempt: number;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  updatedAt: Date;
  credentialId: string | null;
}

export interface EvidenceFileRecord {
  id: string;
  submissionId: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export interface AttestationRecord {
  id: string;
  submissionId: string;
  criterionId: string;
  supervisorEmail: string;
  supervisorName: string;
  statement: string;
  state: AttestationState;
  responseComment: string | null;
  requestedAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
}

export interface EvidenceRecord {
  id: string;
  submissionId: string;
  criterionId: string;
  kind: EvidenceKind;
  body: string | null;
  url: string | null;
  file: EvidenceFileRecord | null;
  attestation: AttestationRecord | null;
  rplKind: string | null;
  createdAt: Date;
}

export interface DecisionRecord {
  id: string;
  submissionId: string;
  attempt: number;
  assessor: { id: string; name: string };
  outcome: DecisionOutcome;
  feedback: string;
  rubric: RubricRow[];
  decidedAt: Date;
}

export interface ModerationRecord {
  id: string;
  decisionId: string;
  submissionId: string;
  achievementId: string;
  selection: ModerationSelection;
  outcome: ModerationOutcome | null;
  moderator: { id: string; name: string } | null;
  reason: string | null;
  selectedAt: Date;
  moderatedAt: Date | null;
}

export interface AppealRecord {
  id: string;
  submissionId: string;
  decisionId: string;
  grounds: string;
  state: AppealState;
  decidedBy: { id: string; name: string } | null;
  reason: string | null;
  lodgedAt: Date;
  decidedAt: Date | null;
}

/** A row of a work queue: enough to choose what to open next. */
export interface QueueSubmission {
  submission: SubmissionRecord;
  achievement: { id: string; title: string; code: string; version: string };
  evidenceCount: number;
}

export interface ModerationQueueItem {
  moderation: ModerationRecord;
  decision: DecisionRecord;
  submission: SubmissionRecord;
  achievement: { id: string; title: string; code: string; version: string };
}

export interface AppealQueueItem {
  appeal: AppealRecord;
  decision: DecisionRecord;
  submission: SubmissionRecord;
  achievement: { id: string; title: string; code: string; version: string };
}

export interface NotificationRecord {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}
