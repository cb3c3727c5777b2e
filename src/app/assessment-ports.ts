/** What earning a badge needs from storage: enrolments, submissions, assessment, audit, notifications. */
import type {
  AppealQueueItem,
  AppealRecord,
  AssessmentPolicy,
  AttestationRecord,
  DecisionRecord,
  EnrolmentRecord,
  EnrolmentSource,
  EvidenceFileRecord,
  EvidenceKind,
  EvidenceRecord,
  ModerationOutcome,
  ModerationQueueItem,
  ModerationRecord,
  ModerationSelection,
  NotificationRecord,
  PersonRef,
  QueueSubmission,
  StaffRole,
  SubmissionRecord,
  SubmissionRoute,
  SubmissionState,
} from '../domain/assessment.js';
import type { AuditEntry, AuditEntryBody } from '../domain/audit-chain.js';

export interface AssessmentRepository {
  policy(achievementId: string): Promise<AssessmentPolicy | undefined>;
  savePolicy(achievementId: string, policy: AssessmentPolicy, by: string | null, at: Date): Promise<void>;

  staff(achievementId: string): Promise<(PersonRef & { role: StaffRole; approvedAt: Date })[]>;
  /** The micro-credentials this person is approved for, in that role. */
  staffAchievements(userId: string, role: StaffRole): Promise<string[]>;
  isStaff(achievementId: string, userId: string, role: StaffRole): Promise<boolean>;
  addStaff(
    achievementId: string,
    userId: string,
    role: StaffRole,
    by: string | null,
    at: Date,
  ): Promise<void>;
  removeStaff(achievementId: string, userId: string, role: StaffRole): Promise<boolean>;

  declaredConflicts(assessorId: string): Promise<{ learner: PersonRef; reason: string; declaredAt: Date }[]>;
  declareConflict(assessorId: string, learnerId: string, reason: string, at: Date): Promise<void>;

  insertEnrolment(enrolment: {
    id: string;
    achievementId: string;
    learnerId: string;
    source: EnrolmentSource;
    enrolledBy: string | null;
    enrolledByApiKey: string | null;
    at: Date;
  }): Promise<boolean>;
  findEnrolment(id: string): Promise<EnrolmentRecord | undefined>;
  findEnrolmentFor(achievementId: string, learnerId: string): Promise<EnrolmentRecord | undefined>;
  listEnrolments(learnerId: string): Promise<EnrolmentRecord[]>;
  setEnrolmentWithdrawn(id: string, at: Date | null): Promise<void>;

  insertSubmission(submission: {
    id: string;
    enrolmentId: string;
    achievementId: string;
    versionId: string;
    learnerId: string;
    route: SubmissionRoute;
    at: Date;
  }): Promise<boolean>;
  findSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** Locks the row for the rest of the transaction: concurrent changes queue behind it. */
  lockSubmission(id: string): Promise<SubmissionRecord | undefined>;
  listSubmissionsForLearner(learnerId: string): Promise<SubmissionRecord[]>;
  /** Moves the submission only if it is still in `from`; false when someone else moved it first. */
  moveSubmission(
    id: string,
    from: SubmissionState,
    to: SubmissionState,
    changes: { at: Date; submittedAt?: Date; decidedAt?: Date | null; attempt?: number },
  ): Promise<boolean>;
  setSubmissionCredential(id: string, credentialId: string): Promise<void>;
  /** Competent submissions whose credential is not issued yet (after a crash, for instance). */
  competentWithoutCredential(limit: number): Promise<SubmissionRecord[]>;

  insertFile(file: EvidenceFileRecord & { content: Uint8Array }): Promise<void>;
  fileContent(
    submissionId: string,
    fileId: string,
  ): Promise<(EvidenceFileRecord & { content: Uint8Array }) | undefined>;
  fileBudget(submissionId: string): Promise<{ count: number; bytes: number }>;

  insertAttestation(
    attestation: Omit<AttestationRecord, 'state' | 'responseComment' | 'respondedAt'> & {
      tokenHash: string;
    },
  ): Promise<void>;
  findAttestationByToken(tokenHash: string): Promise<AttestationRecord | undefined>;
  /** @returns false when it was already answered. */
  answerAttestation(
    id: string,
    answer: { state: 'confirmed' | 'declined'; comment: string | null; at: Date },
  ): Promise<boolean>;

  insertEvidence(evidence: {
    id: string;
    submissionId: string;
    criterionId: string;
    kind: EvidenceKind;
    body?: string;
    url?: string;
    fileId?: string;
    attestationId?: string;
    rplKind?: string | null;
    at: Date;
  }): Promise<void>;
  listEvidence(submissionId: string): Promise<EvidenceRecord[]>;
  /** Deletes the item and its file or attestation. @returns false when there was no such item. */
  deleteEvidence(submissionId: string, evidenceId: string): Promise<boolean>;

  /** @returns false when the attempt already has a decision (someone decided first). */
  insertDecision(decision: Omit<DecisionRecord, 'assessor'> & { assessorId: string }): Promise<boolean>;
  listDecisions(submissionId: string): Promise<DecisionRecord[]>;
  /** How many decisions the assessor made on this micro-credential before now. */
  countAssessorDecisions(assessorId: string, achievementId: string): Promise<number>;

  insertModeration(moderation: {
    id: string;
    decisionId: string;
    submissionId: string;
    achievementId: string;
    selection: ModerationSelection;
    at: Date;
  }): Promise<void>;
  findModeration(id: string): Promise<ModerationRecord | undefined>;
  moderationsFor(submissionId: string): Promise<ModerationRecord[]>;
  /** @returns false when it was already moderated. */
  recordModeration(
    id: string,
    result: { outcome: ModerationOutcome; moderatorId: string; reason: string | null; at: Date },
  ): Promise<boolean>;

  insertAppeal(appeal: {
    id: string;
    submissionId: string;
    decisionId: string;
    grounds: string;
    at: Date;
  }): Promise<boolean>;
  findAppeal(id: string): Promise<AppealRecord | undefined>;
  appealsFor(submissionId: string): Promise<AppealRecord[]>;
  /** @returns false when it was already decided. */
  decideAppeal(
    id: string,
    result: { state: 'upheld' | 'dismissed'; by: string; reason: string; at: Date },
  ): Promise<boolean>;

  assessmentQueue(query: {
    achievementIds: readonly string[];
    achievementId?: string;
    route?: SubmissionRoute;
    limit: number;
    offset: number;
  }): Promise<{ items: QueueSubmission[]; total: number }>;
  moderationQueue(query: {
    achievementIds: readonly string[];
    limit: number;
    offset: number;
  }): Promise<{ items: ModerationQueueItem[]; total: number }>;
  appealQueue(query: { achievementIds: readonly string[]; limit: number }): Promise<AppealQueueItem[]>;
  /** Every moderated decision on these micro-credentials, for agreement rates. */
  moderatedDecisions(
    achievementIds: readonly string[],
  ): Promise<{ assessorId: string; assessorName: string; moderatedAt: Date; outcome: ModerationOutcome }[]>;
  /** Organisations the person belongs to, for the own-staff rule. */
  organisationsOf(userId: string): Promise<string[]>;
}

export interface NotificationRepository {
  insert(notification: Omit<NotificationRecord, 'readAt'> & { userId: string }): Promise<void>;
  list(userId: string, limit: number): Promise<{ items: NotificationRecord[]; unread: number }>;
  markRead(userId: string, ids: readonly string[] | 'all', at: Date): Promise<number>;
}

export interface AuditLogRepository {
  /**
   * Appends after the current last entry under a transaction-scoped advisory lock, so appends from
   * several processes chain in one order. Must run inside a transaction.
   */
  append(entry: Omit<AuditEntryBody, 'seq'>): Promise<AuditEntry>;
  /** Newest first. `organisationIds: null` means every entry. */
  list(query: {
    organisationIds: readonly string[] | null;
    subject?: { type: string; id: string };
    beforeSeq?: number;
    limit: number;
  }): Promise<AuditEntry[]>;
  /** Oldest first from `afterSeq`, for verifying and exporting the chain in batches. */
  range(afterSeq: number, limit: number, organisationIds?: readonly string[] | null): Promise<AuditEntry[]>;
  count(): Promise<number>;
}
