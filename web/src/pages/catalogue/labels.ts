import type { VersionStatus } from '../../api/catalogue-api';
import type { ChipTone } from '../../design/chip';

/** The eight IAM skill areas; frameworks carry them as competency tags. */
export const SKILL_AREAS = [
  'core_am',
  'maths',
  'science',
  'finance',
  'economics',
  'sociology',
  'public_communications',
  'strategic_thinking',
] as const;

const SKILL_AREA_LABELS: Record<string, string> = {
  core_am: 'Core asset management',
  maths: 'Maths',
  science: 'Science',
  finance: 'Finance',
  economics: 'Economics',
  sociology: 'Sociology',
  public_communications: 'Public communications',
  strategic_thinking: 'Strategic thinking',
};

/** A readable name for a skill area or any other tag, e.g. `public_communications` → "Public communications". */
export function tagLabel(tag: string): string {
  const known = SKILL_AREA_LABELS[tag];
  if (known) return known;
  const words = tag.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isSkillArea(tag: string): boolean {
  return tag in SKILL_AREA_LABELS;
}

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  superseded: 'Superseded',
  retired: 'Retired',
};

export const VERSION_STATUS_TONES: Record<VersionStatus, ChipTone> = {
  draft: 'neutral',
  in_review: 'info',
  published: 'success',
  superseded: 'warning',
  retired: 'danger',
};

export function creditsLabel(credits: number): string {
  return credits === 1 ? '1 credit' : `${credits} credits`;
}

export function hoursLabel(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export function countLabel(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A 0–1 score as a whole percentage. */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
