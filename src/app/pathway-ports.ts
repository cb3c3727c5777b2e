/** What stacks and pathways need from storage. */
import type { Ref, ReviewRecords } from './catalogue-ports.js';
import type {
  CatalogueEntry,
  HeldCredential,
  PathwayDefinition,
  PathwayStatus,
  PathwayVersionRecord,
  ProgressRecord,
  RevocationPolicy,
  RoleProfile,
} from '../domain/pathways.js';

export interface PathwayVersionWrite {
  title: string;
  summary: string;
  audience: string;
  targetRoleId: string | null;
  definition: PathwayDefinition;
  /** Every micro-credential that can count towards it (domain componentAchievementIds). */
  componentIds: readonly string[];
  stackTitle: string;
  stackDescription: string;
  revocationPolicy: RevocationPolicy;
  changeNote: string;
  /** Digest of the content above (less the change note): what sign-offs name. */
  contentHash: string;
}

/** Co-authoring records as for micro-credentials (ReviewRecords), over the pathway tables. */
export interface PathwayRepository extends ReviewRecords {
  insertRole(role: RoleProfile & { ownerOrganisationId: string | null; at: Date }): Promise<void>;
  setNextRoles(roleId: string, nextRoleIds: readonly string[]): Promise<void>;
  listRoles(): Promise<RoleProfile[]>;
  findRole(idOrKey: string): Promise<RoleProfile | undefined>;

  insertPathway(p: { id: string; key: string | null; ownerOrganisationId: string; at: Date }): Promise<void>;
  findPathwayByKey(key: string): Promise<string | undefined>;
  setStackAchievement(pathwayId: string, achievementId: string): Promise<void>;
  /** @returns false when the pathway already has a draft (or the version number is taken). */
  insertVersion(
    v: PathwayVersionWrite & {
      id: string;
      pathwayId: string;
      version: string;
      status: PathwayStatus;
      createdBy: string | null;
      at: Date;
    },
  ): Promise<boolean>;
  /** Changes a draft or a version in review; published versions never change. */
  updateVersion(id: string, v: PathwayVersionWrite & { at: Date }): Promise<void>;
  moveVersion(id: string, from: PathwayStatus, to: PathwayStatus, at: Date): Promise<boolean>;
  setStackVersion(id: string, stackVersionId: string): Promise<void>;
  findVersion(id: string, options?: { forUpdate?: boolean }): Promise<PathwayVersionRecord | undefined>;
  listVersions(pathwayId: string): Promise<PathwayVersionRecord[]>;
  /** The pathway version whose stacked credential this achievement version is. */
  findByStackVersion(stackVersionId: string): Promise<PathwayVersionRecord | undefined>;
  listPublished(): Promise<PathwayVersionRecord[]>;
  publishedContaining(achievementIds: readonly string[]): Promise<PathwayVersionRecord[]>;

  setCollaborators(pathwayId: string, organisationIds: readonly string[]): Promise<void>;
  listCollaborators(pathwayId: string): Promise<Ref[]>;

  /** Every micro-credential (or only these) with its published version. */
  catalogue(onlyIds?: readonly string[]): Promise<CatalogueEntry[]>;
  heldCredentials(learnerIds: readonly string[], now: Date): Promise<Map<string, HeldCredential[]>>;
  learnersHolding(achievementIds: readonly string[]): Promise<string[]>;
  upsertProgress(records: readonly Omit<ProgressRecord, 'stackCredentialId'>[]): Promise<void>;
  findProgress(learnerId: string, pathwayVersionId: string): Promise<ProgressRecord | undefined>;
  progressForLearner(learnerId: string): Promise<ProgressRecord[]>;
  progressForLearners(learnerIds: readonly string[]): Promise<ProgressRecord[]>;
  setStackCredential(learnerId: string, pathwayVersionId: string, credentialId: string): Promise<void>;
  learnersWithExpiries(since: Date, until: Date): Promise<{ learnerId: string; achievementId: string }[]>;

  target(learnerId: string): Promise<{ roleId: string | null; pathwayId: string | null } | undefined>;
  setTarget(
    learnerId: string,
    t: { roleId: string | null; pathwayId: string | null },
    at: Date,
  ): Promise<void>;
  selfAssessment(learnerId: string): Promise<{ frameworkId: string; code: string; level: number }[]>;
  replaceSelfAssessment(
    learnerId: string,
    items: readonly { frameworkId: string; code: string; level: number }[],
    at: Date,
  ): Promise<void>;
  mentors(): Promise<{ id: string; name: string; organisation: string }[]>;
}
