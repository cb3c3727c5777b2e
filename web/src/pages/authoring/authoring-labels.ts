import type { BadgeShape, HistoryEntry, VersionBump, VersionStatus } from '../../api/authoring-api';
import type { OrganisationKind } from '../../api/types';
import type { ChipTone } from '../../design/chip';

export const STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  superseded: 'Superseded',
  retired: 'Retired',
};

export const STATUS_TONES: Record<VersionStatus, ChipTone> = {
  draft: 'neutral',
  in_review: 'info',
  published: 'success',
  superseded: 'neutral',
  retired: 'warning',
};

export const ACHIEVEMENT_TYPE_LABELS: Record<string, string> = {
  MicroCredential: 'Micro-credential',
  Badge: 'Badge',
  Certificate: 'Certificate',
  Competency: 'Competency',
  Course: 'Course',
  Assessment: 'Assessment',
  Award: 'Award',
  Certification: 'Certification',
  Module: 'Module',
};

export function achievementTypeLabel(type: string): string {
  return ACHIEVEMENT_TYPE_LABELS[type] ?? type;
}

export const BADGE_SHAPE_LABELS: Record<BadgeShape, string> = {
  hexagon: 'Hexagon',
  circle: 'Circle',
  shield: 'Shield',
  'rounded-square': 'Rounded square',
};

export const LANGUAGE_LABELS: Record<string, string> = {
  'en-NZ': 'English (New Zealand)',
  mi: 'Te reo Māori',
  en: 'English',
};

/** "an employer", for sentences about sign-offs. */
export const KIND_PHRASES: Record<OrganisationKind, string> = {
  employer: 'an employer',
  education_provider: 'an education provider',
  professional_body: 'a professional body',
  platform: 'the platform',
};

export const BUMP_LABELS: Record<VersionBump, { label: string; hint: string }> = {
  major: {
    label: 'Major',
    hint: 'What learners must show has changed; earlier badges mean something different.',
  },
  minor: { label: 'Minor', hint: 'Additions or clarifications that keep the same outcomes.' },
  patch: { label: 'Patch', hint: 'Typos and wording only.' },
};

export function historyPhrase(entry: HistoryEntry): string {
  switch (entry.action) {
    case 'create':
      return entry.toStatus === 'draft' ? 'Started this version' : 'Created this version';
    case 'submit':
      return 'Submitted for review';
    case 'return_to_draft':
      return 'Returned to draft';
    case 'publish':
      return 'Published';
    case 'retire':
      return 'Retired';
    case 'supersede':
      return 'Superseded by a newer version';
  }
}

/** 1.4.2 → 2.0.0, 1.5.0 or 1.4.3. Mirrors the server's bump so the dialog can say what comes next. */
export function bumpVersion(version: string, bump: VersionBump): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  switch (bump) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
  }
}

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
