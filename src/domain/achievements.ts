/**
 * A micro-credential (an Open Badges 3.0 Achievement) and its versions. A published version never
 * changes: editing starts a new draft version, so credentials already issued keep pointing at
 * exactly what the learner earned.
 */

/** OB 3.0 achievementType vocabulary (subset Cairn offers; `ext:` values are allowed too). */
export const ACHIEVEMENT_TYPES = [
  'MicroCredential',
  'Badge',
  'Certificate',
  'Competency',
  'Course',
  'Assessment',
  'Award',
  'Certification',
  'Module',
] as const;
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number];

export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const CREDITS_MIN = 1;
export const CREDITS_MAX = 40;
/** NZQA: 1 credit = 10 notional learning hours. */
export const HOURS_PER_CREDIT = 10;
export const NZQF_LEVEL_MIN = 1;
export const NZQF_LEVEL_MAX = 10;

export interface AlignedCompetency {
  /** The competency's code in its framework. */
  frameworkId: string;
  code: string;
  /** A level of the framework's proficiency scale. */
  targetLevel: number;
}

export interface Criterion {
  /** Stable within the version, e.g. "c1". */
  id: string;
  title: string;
  /** What evidence satisfies this criterion. */
  evidenceRequirements: string[];
}

export interface BadgeDesign {
  shape: 'hexagon' | 'circle' | 'shield' | 'rounded-square';
  /** #rrggbb */
  colour: string;
}

export interface NzqaListing {
  /** Six digits. */
  nzscedCode?: string;
  reviewPeriodYears?: number;
  purposeStatement?: string;
}

/** What an author writes; everything that is compared between versions. */
export interface AchievementContent {
  title: string;
  /** Short, for cards and search results. */
  summary: string;
  description: string;
  criteriaNarrative: string;
  /** An ACHIEVEMENT_TYPES value or an `ext:` extension; checked by checkAchievementContent. */
  achievementType: string;
  /** Human code, e.g. "IAM-101". */
  code: string;
  competencies: AlignedCompetency[];
  nzqfLevel: number;
  credits: number;
  assessmentMethods: string[];
  criteria: Criterion[];
  rplAllowed: boolean;
  /** What prior-learning evidence counts, when RPL is allowed. */
  rplEvidence: string;
  /** Credentials for this version expire this many days after issue; absent = no expiry. */
  validityDays?: number;
  tags: string[];
  language: string;
  badge: BadgeDesign;
  nzqa: NzqaListing;
}

export interface AchievementVersion {
  id: string;
  achievementId: string;
  version: string;
  status: VersionStatus;
  changeNote: string;
  content: AchievementContent;
  createdAt: Date;
  publishedAt: Date | null;
}
