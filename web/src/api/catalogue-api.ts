// The public catalogue, competency frameworks and reports: shapes and one
// function per operation (see src/http/routes/{achievements,frameworks,reports}.ts).
import { apiRequest } from './client';
import type { ItemList } from './types';

const v1 = '/api/v1';
const segment = encodeURIComponent;

export interface Ref {
  id: string;
  name: string;
}

export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** A competency a micro-credential teaches, with the level it teaches it to. */
export interface AlignedCompetency {
  /** Empty when the competency is no longer in its framework. */
  id: string;
  frameworkId: string;
  code: string;
  name: string;
  targetLevel: number;
  skillAreas: string[];
}

export interface Endorsement {
  id: string;
  versionId: string;
  organisation: Ref;
  endorsedBy: Ref | null;
  statement: string;
  createdAt: string;
}

export interface CatalogueItem {
  /** The micro-credential's id; the same across versions. */
  id: string;
  versionId: string;
  title: string;
  code: string;
  summary: string;
  version: string;
  achievementType: string;
  credits: number;
  notionalHours: number;
  /** NZQF level. */
  level: number;
  rplAllowed: boolean;
  provider: Ref;
  skillAreas: string[];
  competencies: AlignedCompetency[];
  endorsements: Endorsement[];
  publishedAt: string | null;
  imageUrl: string;
}

export interface CataloguePage {
  items: CatalogueItem[];
  total: number;
  limit: number;
  offset: number;
}

export const CATALOGUE_SORTS = ['relevance', 'title', 'newest', 'credits'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

export interface CatalogueQuery {
  q?: string;
  skillArea?: string;
  level?: number;
  creditsMin?: number;
  creditsMax?: number;
  provider?: string;
  endorsedBy?: string;
  rplAllowed?: boolean;
  /** Competency ids; a micro-credential matches when it teaches any of them. */
  competency?: readonly string[];
  sort?: CatalogueSort;
  limit?: number;
  offset?: number;
}

export interface Criterion {
  id: string;
  title: string;
  evidenceRequirements: string[];
}

export interface NzqaListing {
  nzscedCode?: string;
  reviewPeriodYears?: number;
  purposeStatement?: string;
}

export interface VersionSummary {
  id: string;
  version: string;
  status: VersionStatus;
  changeNote: string;
  createdAt: string;
  publishedAt: string | null;
  createdBy: Ref | null;
}

export interface AchievementAbilities {
  edit: boolean;
  submit: boolean;
  returnToDraft: boolean;
  signOff: boolean;
  publish: boolean;
  comment: boolean;
  startNewVersion: boolean;
  retire: boolean;
  endorse: boolean;
}

/** One version of a micro-credential, as the detail page shows it. */
export interface AchievementDetail {
  id: string;
  versionId: string;
  version: string;
  status: VersionStatus;
  changeNote: string;
  title: string;
  code: string;
  summary: string;
  description: string;
  criteriaNarrative: string;
  achievementType: string;
  credits: number;
  notionalHours: number;
  level: number;
  rplAllowed: boolean;
  rplEvidence: string;
  validityDays: number | null;
  assessmentMethods: string[];
  criteria: Criterion[];
  tags: string[];
  language: string;
  nzqa: NzqaListing;
  competencies: AlignedCompetency[];
  provider: Ref;
  collaborators: Ref[];
  endorsements: Endorsement[];
  /** Newest first. */
  versions: VersionSummary[];
  publishedAt: string | null;
  updatedAt: string;
  imageUrl: string;
  abilities: AchievementAbilities;
}

export interface FrameworkSummary {
  id: string;
  slug: string;
  title: string;
  description: string;
  version: string;
  language: string;
  owner: Ref | null;
  groupCount: number;
  competencyCount: number;
  updatedAt: string;
}

export interface ProficiencyLevel {
  level: number;
  name: string;
  description: string;
}

export interface CompetencyGroup {
  code: string;
  name: string;
  description: string;
}

export interface ExternalAlignment {
  framework: string;
  code: string;
  targetName?: string;
  targetUrl?: string;
}

export interface Competency {
  code: string;
  groupCode: string;
  name: string;
  description: string;
  /** Skill areas and other tags. */
  tags: string[];
  indicators: { level: number; indicator: string }[];
  alignments: ExternalAlignment[];
}

export interface Framework extends FrameworkSummary {
  scale: ProficiencyLevel[];
  groups: CompetencyGroup[];
  competencies: Competency[];
  abilities: { edit: boolean };
}

export interface CoverageReport {
  frameworkId: string;
  uncovered: number;
  competencies: {
    id: string;
    code: string;
    name: string;
    groupCode: string;
    skillAreas: string[];
    /** Published micro-credentials that teach it; 0 is a gap. */
    taughtBy: number;
  }[];
}

export interface OverlapSide {
  id: string;
  versionId: string;
  code: string;
  title: string;
  provider: Ref;
}

export interface OverlapPair {
  /** 0.7 × competencyScore + 0.3 × textScore. */
  score: number;
  competencyScore: number;
  textScore: number;
  a: OverlapSide;
  b: OverlapSide;
  sharedCompetencies: { id: string; code: string; name: string; levelA: number; levelB: number }[];
}

export interface OverlapReport {
  threshold: number;
  /** Published micro-credentials looked at. */
  compared: number;
  pairs: OverlapPair[];
}

/** One rejected row or warning of a framework import. */
export interface ImportIssue {
  /** 1-based row for CSV (the header is row 1); the item's index or identifier for CASE. */
  row: number | string;
  field?: string;
  message: string;
}

export interface FrameworkImportBody {
  organisationId: string;
  format: 'case' | 'csv';
  /** Parsed CASE JSON, or the CSV text. */
  data: unknown;
  title?: string;
  dryRun: boolean;
}

export interface FrameworkImportReport {
  dryRun: boolean;
  frameworkId: string | null;
  title: string;
  groups: number;
  competencies: number;
  warnings: ImportIssue[];
}

function catalogueQuery(query: CatalogueQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.skillArea) params.set('skillArea', query.skillArea);
  if (query.level !== undefined) params.set('level', String(query.level));
  if (query.creditsMin !== undefined) params.set('creditsMin', String(query.creditsMin));
  if (query.creditsMax !== undefined) params.set('creditsMax', String(query.creditsMax));
  if (query.provider) params.set('provider', query.provider);
  if (query.endorsedBy) params.set('endorsedBy', query.endorsedBy);
  if (query.rplAllowed !== undefined) params.set('rplAllowed', String(query.rplAllowed));
  for (const id of query.competency ?? []) params.append('competency', id);
  if (query.sort) params.set('sort', query.sort);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  return params.toString();
}

export const catalogueApi = {
  // Catalogue
  searchCatalogue: (query: CatalogueQuery, signal?: AbortSignal) =>
    apiRequest<CataloguePage>('GET', `${v1}/achievements?${catalogueQuery(query)}`, { signal }),
  /** By the micro-credential's id (its published version) or by a version id (that version). */
  getAchievement: (id: string, signal?: AbortSignal) =>
    apiRequest<AchievementDetail>('GET', `${v1}/achievements/${segment(id)}`, { signal }),
  endorseVersion: (versionId: string, body: { organisationId: string; statement: string }) =>
    apiRequest<AchievementDetail>('POST', `${v1}/achievement-versions/${segment(versionId)}/endorsements`, {
      body,
    }),

  // Frameworks
  listFrameworks: (signal?: AbortSignal) =>
    apiRequest<ItemList<FrameworkSummary>>('GET', `${v1}/frameworks`, { signal }),
  getFramework: (frameworkId: string, signal?: AbortSignal) =>
    apiRequest<Framework>('GET', `${v1}/frameworks/${segment(frameworkId)}`, { signal }),
  saveCompetency: (frameworkId: string, competency: Competency) =>
    apiRequest<Framework>(
      'PUT',
      `${v1}/frameworks/${segment(frameworkId)}/competencies/${segment(competency.code)}`,
      { body: competency },
    ),
  importFramework: (body: FrameworkImportBody) =>
    apiRequest<FrameworkImportReport>('POST', `${v1}/frameworks/import`, { body }),
  /** Download links, not fetches: the browser saves the file. */
  frameworkCaseUrl: (frameworkId: string) => `${v1}/frameworks/${segment(frameworkId)}/case`,
  frameworkCsvUrl: (frameworkId: string) => `${v1}/frameworks/${segment(frameworkId)}/csv`,

  // Reports
  frameworkCoverage: (frameworkId: string, signal?: AbortSignal) =>
    apiRequest<CoverageReport>('GET', `${v1}/frameworks/${segment(frameworkId)}/coverage`, { signal }),
  overlapReport: (threshold: number, signal?: AbortSignal) =>
    apiRequest<OverlapReport>('GET', `${v1}/reports/overlap?threshold=${threshold}&limit=200`, { signal }),
};
