// Earning a badge: enrolments, submissions of evidence, assessment, moderation, appeals and
// notifications. Shapes follow docs/assessment.md (the server's routes); the web app may not import
// them, so they are restated here.
import { ApiProblem, apiRequest, csrfHeaders, problemFromText } from './client';
import type { ItemList } from './types';

const v1 = '/api/v1';
const segment = encodeURIComponent;

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

export const SUBMISSION_ROUTES = ['assessed', 'rpl'] as const;
export type SubmissionRoute = (typeof SUBMISSION_ROUTES)[number];

export type EnrolmentSource = 'self' | 'employer' | 'lms';
export type DecisionOutcome = 'competent' | 'not_yet_competent';
export type EvidenceKind = 'text' | 'link' | 'file' | 'attestation';
export type AttestationState = 'requested' | 'confirmed' | 'declined';
export type ModerationSelection = 'sample' | 'new_assessor' | 'rpl' | 'all';
export type ModerationOutcome = 'confirmed' | 'overturned';
export type AppealState = 'open' | 'upheld' | 'dismissed';
export type ModerationTiming = 'before_issue' | 'after_issue';
export type StaffRole = 'assessor' | 'moderator';
export type ConflictKind = 'self' | 'declared' | 'own_staff';

/** What an RPL learner says a piece of evidence is. */
export const RPL_KINDS = ['cv', 'reference', 'work_sample', 'qualification', 'imported_credential'] as const;
export type RplKind = (typeof RPL_KINDS)[number];

export interface AchievementRef {
  id: string;
  title: string;
  code: string;
  version: string;
}

export interface SubmissionCriterion {
  id: string;
  title: string;
  evidenceRequirements: string[];
}

export interface SubmissionAchievement extends AchievementRef {
  versionId: string;
  rplAllowed: boolean;
  rplEvidence: string;
  criteria: SubmissionCriterion[];
}

export interface EvidenceFile {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  downloadUrl: string;
}

export interface Attestation {
  id: string;
  supervisorName: string;
  supervisorEmail: string;
  statement: string;
  state: AttestationState;
  responseComment: string | null;
  requestedAt: string;
  respondedAt: string | null;
}

export interface EvidenceItem {
  id: string;
  criterionId: string;
  kind: EvidenceKind;
  text: string | null;
  url: string | null;
  file: EvidenceFile | null;
  attestation: Attestation | null;
  rplKind: string | null;
  createdAt: string;
}

export interface RubricRow {
  criterionId: string;
  met: boolean;
  feedback: string;
}

export interface Moderation {
  id: string;
  selection: ModerationSelection;
  outcome: ModerationOutcome | null;
  moderator: { id: string; name: string } | null;
  reason: string | null;
  selectedAt: string;
  moderatedAt: string | null;
}

export interface Appeal {
  id: string;
  grounds: string;
  state: AppealState;
  reason: string | null;
  lodgedAt: string;
  decidedAt: string | null;
}

export interface Decision {
  id: string;
  attempt: number;
  assessor: { id: string; name: string };
  outcome: DecisionOutcome;
  feedback: string;
  rubric: RubricRow[];
  decidedAt: string;
  moderation: Moderation | null;
  appeal: Appeal | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string | null;
  summary: string;
}

export interface SubmissionAbilities {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  resubmit: boolean;
  appeal: boolean;
  decide: boolean;
}

export interface Submission {
  id: string;
  state: SubmissionState;
  route: SubmissionRoute;
  attempt: number;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
  achievement: SubmissionAchievement;
  learner: { id: string; name: string; email: string };
  evidence: EvidenceItem[];
  missingCriteria: string[];
  decisions: Decision[];
  credential: { id: string; url: string } | null;
  appealDeadline: string | null;
  timeline: TimelineEntry[];
  abilities: SubmissionAbilities;
}

export interface SubmissionRef {
  id: string;
  state: SubmissionState;
  attempt: number;
}

export interface Enrolment {
  id: string;
  achievement: AchievementRef;
  source: EnrolmentSource;
  createdAt: string;
  submission: SubmissionRef | null;
  credentialId: string | null;
}

export interface QueueItem {
  submissionId: string;
  learner: { id: string; name: string };
  achievement: AchievementRef;
  route: SubmissionRoute;
  attempt: number;
  submittedAt: string | null;
  evidenceCount: number;
  /** Why this assessor may not decide it: a ConflictKind, or another reason a newer server sends. */
  conflict: ConflictKind | (string & {}) | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface DecisionSummary {
  id: string;
  outcome: DecisionOutcome;
  assessor: { id: string; name: string };
  decidedAt: string;
  feedback: string;
}

export interface ModerationQueueItem {
  id: string;
  submissionId: string;
  selection: ModerationSelection;
  selectedAt: string;
  decision: DecisionSummary;
  learner: { id: string; name: string };
  achievement: AchievementRef;
  route: SubmissionRoute;
  state: SubmissionState;
}

export interface AppealQueueItem {
  id: string;
  submissionId: string;
  grounds: string;
  lodgedAt: string;
  decision: DecisionSummary;
  learner: { id: string; name: string };
  achievement: AchievementRef;
}

export interface AgreementPoint {
  /** A month, `YYYY-MM`. */
  period: string;
  total: number;
  confirmed: number;
  /** 0–1. */
  rate: number;
}

export interface AssessorAgreement {
  assessorId: string;
  assessorName: string;
  total: number;
  confirmed: number;
  rate: number;
  series: AgreementPoint[];
}

export interface AssessmentPolicy {
  /** 0–1. */
  sampleRate: number;
  newAssessorFirstN: number;
  moderateAllRpl: boolean;
  moderateAll: boolean;
  timing: ModerationTiming;
  forbidOwnStaff: boolean;
  appealWindowDays: number;
}

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  approvedAt: string;
}

export interface DeclaredConflict {
  learner: { id: string; name: string; email: string };
  reason: string;
  declaredAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export interface AssessmentRoles {
  assessorOf: string[];
  moderatorOf: string[];
  /** True for moderators of an owning organisation (they moderate without a per-micro-credential approval). */
  moderatesByRole?: boolean;
  adminOf?: string[];
}

/** A policy as the server presents it, with whether the caller may change it. */
export interface PolicyView {
  policy: AssessmentPolicy;
  canManage: boolean;
}

/** The row listMySubmissions answers (getSubmission has the whole submission). */
export interface SubmissionSummary {
  id: string;
  state: SubmissionState;
  route: SubmissionRoute;
  attempt: number;
  achievementId: string;
  versionId: string;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
  credentialId: string | null;
}

/** What the supervisor's link shows, without an account. */
export interface AttestationRequest {
  learnerName: string;
  achievementTitle: string;
  criterionTitle: string;
  supervisorName: string;
  statement: string;
  state: AttestationState;
  expiresAt: string;
  expired: boolean;
}

export interface AddEvidenceBody {
  criterionId: string;
  kind: 'text' | 'link';
  text?: string;
  url?: string;
  rplKind?: string;
}

export interface AttestationBody {
  criterionId: string;
  supervisorEmail: string;
  supervisorName: string;
  statement: string;
}

export interface DecisionBody {
  outcome: DecisionOutcome;
  feedback: string;
  rubric: RubricRow[];
}

export interface QueueFilter {
  achievementId?: string;
  route?: SubmissionRoute;
  limit: number;
  offset: number;
}

/** The server's per-file limit (docs/assessment.md, "Evidence files"); checked first to save the upload. */
export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface UploadOptions {
  criterionId: string;
  file: File;
  rplKind?: string;
  /** Called with 0–1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a file's raw bytes, with XMLHttpRequest so the page can show upload progress
 * (fetch has no upload progress). Failures become ApiProblem, as with apiRequest.
 */
function uploadEvidenceFile(submissionId: string, options: UploadOptions): Promise<unknown> {
  const params = new URLSearchParams({ criterionId: options.criterionId, filename: options.file.name });
  if (options.rplKind) params.set('rplKind', options.rplKind);
  const url = `${v1}/submissions/${segment(submissionId)}/files?${params.toString()}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', options.file.type || 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        try {
          resolve(xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined);
        } catch {
          resolve(undefined);
        }
      } else {
        reject(problemFromText(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => {
      reject(
        new ApiProblem({
          type: 'about:network-error',
          title: 'The file could not be sent',
          status: 0,
          detail: 'Check your connection and try again.',
        }),
      );
    };
    xhr.onabort = () => {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    options.signal?.addEventListener('abort', () => {
      xhr.abort();
    });
    xhr.send(options.file);
  });
}

function queueQuery(filter: QueueFilter): string {
  const params = new URLSearchParams({ limit: String(filter.limit), offset: String(filter.offset) });
  if (filter.achievementId) params.set('achievementId', filter.achievementId);
  if (filter.route) params.set('route', filter.route);
  return params.toString();
}

export const assessmentApi = {
  // Learners
  /** [enrol] Without a learner email the caller enrols themself; answers 200 when already enrolled. */
  enrol: (achievementId: string, body: { learnerEmail?: string } = {}) =>
    apiRequest<Enrolment>('POST', `${v1}/achievements/${segment(achievementId)}/enrolments`, { body }),
  /** [listMyEnrolments] */
  listMyEnrolments: (signal?: AbortSignal) =>
    apiRequest<ItemList<Enrolment>>('GET', `${v1}/me/enrolments`, { signal }),
  /** [createSubmission] */
  createSubmission: (enrolmentId: string, route: SubmissionRoute) =>
    apiRequest<Submission>('POST', `${v1}/enrolments/${segment(enrolmentId)}/submissions`, {
      body: { route },
    }),
  /** [listMySubmissions] */
  listMySubmissions: (signal?: AbortSignal) =>
    apiRequest<ItemList<SubmissionSummary>>('GET', `${v1}/me/submissions`, { signal }),
  /** [getSubmission] */
  getSubmission: (id: string, signal?: AbortSignal) =>
    apiRequest<Submission>('GET', `${v1}/submissions/${segment(id)}`, { signal }),
  /** [addEvidence] */
  addEvidence: (submissionId: string, body: AddEvidenceBody) =>
    apiRequest<unknown>('POST', `${v1}/submissions/${segment(submissionId)}/evidence`, { body }),
  /** [uploadEvidenceFile] */
  uploadEvidenceFile,
  /** [downloadEvidenceFile] A link, not a fetch: the browser saves the file. */
  evidenceFileUrl: (submissionId: string, fileId: string) =>
    `${v1}/submissions/${segment(submissionId)}/files/${segment(fileId)}`,
  /** [removeEvidence] */
  removeEvidence: (submissionId: string, evidenceId: string) =>
    apiRequest<unknown>(
      'DELETE',
      `${v1}/submissions/${segment(submissionId)}/evidence/${segment(evidenceId)}`,
    ),
  /** [requestAttestation] */
  requestAttestation: (submissionId: string, body: AttestationBody) =>
    apiRequest<unknown>('POST', `${v1}/submissions/${segment(submissionId)}/attestations`, { body }),
  /** [getAttestationRequest] The supervisor's link; no account. */
  getAttestationRequest: (token: string, signal?: AbortSignal) =>
    apiRequest<AttestationRequest>('GET', `${v1}/attestations/${segment(token)}`, {
      signal,
      expectUnauthorised: true,
    }),
  /** [answerAttestation] */
  answerAttestation: (token: string, body: { confirm: boolean; comment?: string }) =>
    apiRequest<unknown>('POST', `${v1}/attestations/${segment(token)}`, { body, expectUnauthorised: true }),
  /** [submitSubmission] */
  submit: (id: string) => apiRequest<Submission>('POST', `${v1}/submissions/${segment(id)}/submit`),
  /** [withdrawSubmission] */
  withdraw: (id: string) => apiRequest<Submission>('POST', `${v1}/submissions/${segment(id)}/withdraw`),
  /** [resubmitSubmission] */
  resubmit: (id: string) => apiRequest<Submission>('POST', `${v1}/submissions/${segment(id)}/resubmit`),
  /** [appeal] */
  appeal: (id: string, grounds: string) =>
    apiRequest<unknown>('POST', `${v1}/submissions/${segment(id)}/appeal`, { body: { grounds } }),

  // Assessors
  /** [listAssessmentQueue] Oldest first. */
  listAssessmentQueue: (filter: QueueFilter, signal?: AbortSignal) =>
    apiRequest<Paged<QueueItem>>('GET', `${v1}/assessment/queue?${queueQuery(filter)}`, { signal }),
  /** [decide] */
  decide: (submissionId: string, body: DecisionBody) =>
    apiRequest<unknown>('POST', `${v1}/submissions/${segment(submissionId)}/decision`, { body }),
  /** [listMyConflicts] */
  listMyConflicts: (signal?: AbortSignal) =>
    apiRequest<ItemList<DeclaredConflict>>('GET', `${v1}/me/conflicts`, { signal }),
  /** [declareConflict] */
  declareConflict: (body: { learnerEmail: string; reason: string }) =>
    apiRequest<unknown>('POST', `${v1}/me/conflicts`, { body }),

  // Moderators
  /** [listModerationQueue] */
  listModerationQueue: (page: { limit: number; offset: number }, signal?: AbortSignal) =>
    apiRequest<Paged<ModerationQueueItem>>(
      'GET',
      `${v1}/moderation/queue?limit=${page.limit}&offset=${page.offset}`,
      { signal },
    ),
  /** [moderate] */
  moderate: (moderationId: string, body: { outcome: ModerationOutcome; reason: string }) =>
    apiRequest<unknown>('POST', `${v1}/moderations/${segment(moderationId)}`, { body }),
  /** [listAppeals] */
  listAppeals: (signal?: AbortSignal) =>
    apiRequest<{ items: AppealQueueItem[] }>('GET', `${v1}/appeals`, { signal }),
  /** [decideAppeal] */
  decideAppeal: (appealId: string, body: { outcome: 'upheld' | 'dismissed'; reason: string }) =>
    apiRequest<unknown>('POST', `${v1}/appeals/${segment(appealId)}/decision`, { body }),
  /** [getAssessorAgreement] */
  getAssessorAgreement: (achievementId: string | undefined, signal?: AbortSignal) =>
    apiRequest<{ assessors: AssessorAgreement[] }>(
      'GET',
      `${v1}/moderation/agreement${achievementId ? `?achievementId=${segment(achievementId)}` : ''}`,
      { signal },
    ),

  // Owning organisation's admins
  /** [getAssessmentPolicy] */
  getAssessmentPolicy: (achievementId: string, signal?: AbortSignal) =>
    apiRequest<PolicyView>('GET', `${v1}/achievements/${segment(achievementId)}/assessment-policy`, {
      signal,
    }),
  /** [setAssessmentPolicy] */
  setAssessmentPolicy: (achievementId: string, policy: AssessmentPolicy) =>
    apiRequest<PolicyView>('PUT', `${v1}/achievements/${segment(achievementId)}/assessment-policy`, {
      body: policy,
    }),
  /** [listAssessmentStaff] */
  listAssessmentStaff: (achievementId: string, signal?: AbortSignal) =>
    apiRequest<ItemList<StaffMember>>(
      'GET',
      `${v1}/achievements/${segment(achievementId)}/assessment-staff`,
      {
        signal,
      },
    ),
  /** [approveAssessmentStaff] */
  approveAssessmentStaff: (achievementId: string, body: { email: string; role: StaffRole }) =>
    apiRequest<ItemList<StaffMember>>(
      'POST',
      `${v1}/achievements/${segment(achievementId)}/assessment-staff`,
      { body },
    ),
  /** [removeAssessmentStaff] */
  removeAssessmentStaff: (achievementId: string, userId: string, role: StaffRole) =>
    apiRequest<unknown>(
      'DELETE',
      `${v1}/achievements/${segment(achievementId)}/assessment-staff/${segment(userId)}/${segment(role)}`,
    ),

  // Everyone signed in
  /** [listMyNotifications] */
  listMyNotifications: (signal?: AbortSignal) =>
    apiRequest<NotificationList>('GET', `${v1}/me/notifications`, { signal }),
  /** [markNotificationsRead] Without ids, marks them all. */
  markNotificationsRead: (ids?: string[]) =>
    apiRequest<unknown>('POST', `${v1}/me/notifications/read`, { body: ids ? { ids } : {} }),
  /** [getMyAssessmentRoles] */
  getMyAssessmentRoles: (signal?: AbortSignal) =>
    apiRequest<AssessmentRoles>('GET', `${v1}/me/assessment-roles`, { signal }),
};
