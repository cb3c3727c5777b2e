/** What the catalogue, framework and authoring use cases need from storage. */
import type { AchievementContent, AchievementVersion, VersionStatus } from '../domain/achievements.js';
import type { SignOff, WorkflowAction } from '../domain/version-workflow.js';
import type { Competency, FrameworkContent, ProficiencyLevel } from '../domain/frameworks.js';

export interface Ref {
  id: string;
  name: string;
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
  updatedAt: Date;
}

export interface StoredFramework extends FrameworkSummary {
  content: FrameworkContent;
  /** Each competency's id (what catalogue filters take), by code. */
  competencyIds: Record<string, string>;
}

export interface CompetencyRef {
  id: string;
  frameworkId: string;
  code: string;
  name: string;
  tags: string[];
}

export interface FrameworkRepository {
  list(): Promise<FrameworkSummary[]>;
  find(id: string): Promise<StoredFramework | undefined>;
  findBySlug(slug: string): Promise<StoredFramework | undefined>;
  freeSlug(base: string): Promise<string>;
  insert(input: {
    slug: string;
    ownerOrganisationId: string | null;
    content: FrameworkContent;
  }): Promise<string>;
  updateDetails(
    id: string,
    details: { title: string; description: string; version: string; scale: ProficiencyLevel[] },
    at: Date,
  ): Promise<void>;
  /** Adds the competency, or replaces the one with the same code. */
  saveCompetency(frameworkId: string, competency: Competency, at: Date): Promise<void>;
  /** Competencies of the given frameworks (all when omitted), only those codes when `codes` is given. */
  competencies(frameworkIds?: string[], codes?: string[]): Promise<CompetencyRef[]>;
  scaleSizes(): Promise<Map<string, number>>;
  /** Which of these CASE identifiers a stored framework or competency already has. */
  caseIdentifiersInUse(ids: string[]): Promise<Set<string>>;
}

export interface AchievementRecord {
  id: string;
  owner: Ref;
  collaborators: Ref[];
  createdAt: Date;
}

export interface VersionRecord extends AchievementVersion {
  contentHash: string;
  createdBy: Ref | null;
  updatedAt: Date;
}

export interface VersionWrite {
  content: AchievementContent;
  contentHash: string;
  changeNote: string;
  /** Resolved ids of the aligned competencies, in content order. */
  competencyIds: string[];
  /** Union of the aligned competencies' tags (skill areas), for search filters. */
  skillAreas: string[];
  /** Words of the aligned competencies, so a search for "criticality" finds the credential. */
  competencyText: string;
  at: Date;
}

export interface Transition {
  action: WorkflowAction | 'create' | 'supersede';
  fromStatus: VersionStatus | null;
  toStatus: VersionStatus;
  actor: Ref | null;
  note: string;
  at: Date;
}

export interface Comment {
  id: string;
  author: Ref | null;
  body: string;
  at: Date;
}

export interface Endorsement {
  id: string;
  versionId: string;
  organisation: Ref;
  endorsedBy: Ref | null;
  statement: string;
  at: Date;
}

export interface StoredSignOff extends SignOff {
  user: Ref;
  organisationName: string;
}

/** The co-authoring record of a version (micro-credential or pathway): its history, sign-offs and comments. */
export interface ReviewRecords {
  addTransition(
    versionId: string,
    t: Omit<Transition, 'actor'> & { actorUserId: string | null },
  ): Promise<void>;
  listTransitions(versionId: string): Promise<Transition[]>;
  /** Signing the same content twice for one organisation records it once. */
  addSignOff(versionId: string, signOff: SignOff): Promise<void>;
  listSignOffs(versionId: string): Promise<StoredSignOff[]>;
  addComment(versionId: string, comment: { authorId: string; body: string; at: Date }): Promise<Comment>;
  listComments(versionId: string): Promise<Comment[]>;
}

export interface AchievementRepository extends ReviewRecords {
  insertAchievement(input: {
    ownerOrganisationId: string;
    createdBy: string | null;
    at: Date;
  }): Promise<string>;
  findAchievement(id: string): Promise<AchievementRecord | undefined>;
  setCollaborators(achievementId: string, organisationIds: string[]): Promise<void>;
  /** Locks the version row for the rest of the transaction (serialises concurrent transitions). */
  findVersion(versionId: string, options?: { forUpdate?: boolean }): Promise<VersionRecord | undefined>;
  listVersions(achievementId: string): Promise<VersionRecord[]>;
  /** @returns undefined when the micro-credential already has a version in the making. */
  insertVersion(
    input: VersionWrite & {
      achievementId: string;
      version: string;
      status: VersionStatus;
      createdBy: string | null;
      /** false for a stacked credential's achievement, kept out of the micro-credential catalogue. */
      listed?: boolean;
    },
  ): Promise<string | undefined>;
  updateVersion(versionId: string, write: VersionWrite): Promise<void>;
  setStatus(versionId: string, status: VersionStatus, at: Date): Promise<void>;
  /** @returns undefined when the organisation already endorses that version. */
  addEndorsement(input: {
    versionId: string;
    organisationId: string;
    endorsedBy: string | null;
    statement: string;
    at: Date;
  }): Promise<string | undefined>;
  withdrawEndorsement(endorsementId: string, at: Date): Promise<boolean>;
  listEndorsements(versionIds: string[]): Promise<Endorsement[]>;
  /** Micro-credentials owned by or co-designed with these organisations, newest version each. */
  listForOrganisations(
    organisationIds: string[],
  ): Promise<{ achievement: AchievementRecord; latest: VersionRecord }[]>;
  saveBadgeImage(
    versionId: string,
    image: { mediaType: string; bytes: Uint8Array; sha256: string; width: number; height: number },
  ): Promise<void>;
  findBadgeImage(versionId: string): Promise<{ mediaType: string; bytes: Uint8Array } | undefined>;
  copyBadgeImage(fromVersionId: string, toVersionId: string): Promise<void>;
}

export type CatalogueSort = 'relevance' | 'title' | 'newest' | 'credits';

export interface CatalogueQuery {
  q?: string;
  competencyIds?: string[];
  skillArea?: string;
  nzqfLevel?: number;
  creditsMin?: number;
  creditsMax?: number;
  providerId?: string;
  endorsedBy?: string;
  rplAllowed?: boolean;
  sort: CatalogueSort;
  limit: number;
  offset: number;
}

export interface CatalogueEntry {
  achievementId: string;
  versionId: string;
  version: string;
  code: string;
  title: string;
  summary: string;
  credits: number;
  nzqfLevel: number;
  rplAllowed: boolean;
  achievementType: string;
  provider: Ref;
  skillAreas: string[];
  publishedAt: Date | null;
  competencyIds: string[];
  /** Aligned competencies with target levels, from the version's content. */
  content: AchievementContent;
}

export interface PublishedProfile {
  achievementId: string;
  versionId: string;
  code: string;
  title: string;
  provider: Ref;
  competencies: { competencyId: string; level: number }[];
  text: string;
}

export interface CatalogueRepository {
  search(query: CatalogueQuery): Promise<{ items: CatalogueEntry[]; total: number }>;
  /** Every published version's competency profile and text, for overlap and coverage. */
  publishedProfiles(): Promise<PublishedProfile[]>;
}
