// Words and chip tones for the assessment loop, in one place so every page says the same thing.
import type {
  AppealState,
  AttestationState,
  ConflictKind,
  DecisionOutcome,
  ModerationOutcome,
  ModerationSelection,
  RplKind,
  StaffRole,
  SubmissionRoute,
  SubmissionState,
} from '../../api/assessment-api';
import type { ChipTone } from '../../design/chip';

export const SUBMISSION_STATE_LABELS: Record<SubmissionState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  awaiting_moderation: 'Awaiting moderation',
  competent: 'Competent',
  not_yet_competent: 'Not yet competent',
  appealed: 'Appealed',
  withdrawn: 'Withdrawn',
};

export const SUBMISSION_STATE_TONES: Record<SubmissionState, ChipTone> = {
  draft: 'neutral',
  submitted: 'info',
  awaiting_moderation: 'info',
  competent: 'success',
  not_yet_competent: 'warning',
  appealed: 'primary',
  withdrawn: 'neutral',
};

/** What the state means for the learner, in a sentence. */
export const SUBMISSION_STATE_HELP: Record<SubmissionState, string> = {
  draft: 'You are collecting evidence. Nothing is sent to an assessor until you submit.',
  submitted: 'Your evidence is waiting for an assessor.',
  awaiting_moderation:
    'An assessor judged you competent. A moderator checks the decision before the credential is issued.',
  competent: 'You were judged competent.',
  not_yet_competent: 'The assessor’s feedback says what is still needed. You can try again or appeal.',
  appealed: 'A moderator is reviewing your appeal.',
  withdrawn: 'You withdrew this submission. You can start a new one from the micro-credential’s page.',
};

export const ROUTE_LABELS: Record<SubmissionRoute, string> = {
  assessed: 'Assessment',
  rpl: 'Recognition of prior learning',
};

export const ROUTE_SHORT_LABELS: Record<SubmissionRoute, string> = {
  assessed: 'Assessed',
  rpl: 'RPL',
};

export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  competent: 'Competent',
  not_yet_competent: 'Not yet competent',
};

export const OUTCOME_TONES: Record<DecisionOutcome, ChipTone> = {
  competent: 'success',
  not_yet_competent: 'warning',
};

export const SELECTION_LABELS: Record<ModerationSelection, string> = {
  sample: 'Random sample',
  new_assessor: 'New assessor',
  rpl: 'RPL decision',
  all: 'Every decision',
};

export const MODERATION_OUTCOME_LABELS: Record<ModerationOutcome, string> = {
  confirmed: 'Confirmed',
  overturned: 'Overturned',
};

export const APPEAL_STATE_LABELS: Record<AppealState, string> = {
  open: 'Open',
  upheld: 'Upheld',
  dismissed: 'Dismissed',
};

export const ATTESTATION_STATE_LABELS: Record<AttestationState, string> = {
  requested: 'Waiting for the supervisor',
  confirmed: 'Confirmed',
  declined: 'Declined',
};

export const ATTESTATION_STATE_TONES: Record<AttestationState, ChipTone> = {
  requested: 'info',
  confirmed: 'success',
  declined: 'danger',
};

export const CONFLICT_LABELS: Record<ConflictKind, string> = {
  self: 'Your own submission',
  declared: 'Declared conflict',
  own_staff: 'Your organisation’s staff',
};

export function conflictLabel(kind: string): string {
  if (kind === 'already_decided') return 'You decided an earlier attempt';
  return (CONFLICT_LABELS as Record<string, string | undefined>)[kind] ?? kind.replace(/_/g, ' ');
}

export const RPL_KIND_LABELS: Record<RplKind, string> = {
  cv: 'CV',
  reference: 'Reference',
  work_sample: 'Work sample',
  qualification: 'Earlier qualification',
  imported_credential: 'Imported credential',
};

export function rplKindLabel(kind: string): string {
  return (RPL_KIND_LABELS as Record<string, string | undefined>)[kind] ?? kind;
}

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  assessor: 'Assessor',
  moderator: 'Moderator',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long it has waited since it was submitted, for a "Waiting" column: "3 days". */
export function waitingLabel(sinceIso: string, now = Date.now()): string {
  const since = new Date(sinceIso).getTime();
  if (Number.isNaN(since)) return '';
  const ms = Math.max(0, now - since);
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.floor(ms / (60 * 60 * 1000));
  if (hours >= 1) return hours === 1 ? '1 hour' : `${hours} hours`;
  return 'less than an hour';
}

/** Quotes a title at the end of a sentence without doubling its own full stop: “Make charts.” */
export function quotedEnd(title: string): string {
  return /[.!?]$/.test(title.trim()) ? `“${title.trim()}”` : `“${title.trim()}”.`;
}

export function waitingDays(sinceIso: string, now = Date.now()): number {
  const since = new Date(sinceIso).getTime();
  return Number.isNaN(since) ? 0 : Math.floor(Math.max(0, now - since) / DAY_MS);
}

export function fileSizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function achievementLabel(achievement: { code: string; title: string; version: string }): string {
  return `${achievement.code} ${achievement.title} (v${achievement.version})`;
}
