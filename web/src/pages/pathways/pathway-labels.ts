import type { NodeState, PathwayStatus, RevocationPolicy } from '../../api/pathways-api';
import type { ChipTone } from '../../design/chip';

export const STATE_LABELS: Record<NodeState, string> = {
  done: 'Done',
  in_progress: 'In progress',
  available: 'Available',
  locked: 'Locked',
};

/** What each state means, for the legend. */
export const STATE_HINTS: Record<NodeState, string> = {
  done: 'met by a current credential',
  in_progress: 'a submission or part of a group is under way',
  available: 'you can start it now',
  locked: 'a prerequisite is not met yet',
};

export const STATE_TONES: Record<NodeState, ChipTone> = {
  done: 'success',
  in_progress: 'info',
  available: 'primary',
  locked: 'neutral',
};

export const PATHWAY_STATUS_LABELS: Record<PathwayStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  superseded: 'Superseded',
  retired: 'Retired',
};

export const PATHWAY_STATUS_TONES: Record<PathwayStatus, ChipTone> = {
  draft: 'neutral',
  in_review: 'info',
  published: 'success',
  superseded: 'warning',
  retired: 'danger',
};

export const REVOCATION_POLICY_LABELS: Record<RevocationPolicy, string> = {
  suspend: 'Suspend the stacked credential (reinstate it when the requirement is met again)',
  keep: 'Keep the stacked credential',
};

export function pathwayPath(id: string): string {
  return `/pathways/${encodeURIComponent(id)}`;
}

export function pathwayEditPath(id: string): string {
  return `/pathways/${encodeURIComponent(id)}/edit`;
}

export function cataloguePath(achievementId: string): string {
  return `/catalogue/${encodeURIComponent(achievementId)}`;
}

export function credentialPath(credentialId: string): string {
  return `/credentials/${encodeURIComponent(credentialId)}`;
}

export function competencyPath(frameworkId: string, code: string): string {
  return `/frameworks/${encodeURIComponent(frameworkId)}#competency-${code}`;
}

export function clampPercent(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value)));
}
