// Stacks and pathways: requirement trees that lead to a role and a stacked credential, the
// learner's progress, target and self-assessment, and guidance. Shapes follow docs/pathways.md;
// the web app may not import the server's types, so they are restated here.
import type { CommentView, HistoryEntry, Ref, SignOffView, WorkflowAction } from './authoring-api';
import type { ProblemFieldError } from './client';
import { apiRequest } from './client';
import type { ItemList, OrganisationKind } from './types';

const v1 = '/api/v1';
const segment = encodeURIComponent;

/** The co-authoring workflow of micro-credentials: draft → in review → published. */
export const PATHWAY_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'retired'] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

export const REVOCATION_POLICIES = ['suspend', 'keep'] as const;
/** What happens to an awarded stacked credential when one of its components is later revoked. */
export type RevocationPolicy = (typeof REVOCATION_POLICIES)[number];

/** A micro-credential that can meet a requirement. */
export interface AchievementOption {
  achievementId: string;
  code: string;
  title: string;
  credits: number;
}

// ---------------------------------------------------------------------------------------------
// The requirement tree, as written (create, update, check) and as presented (getPathway).

/** A node as authors write it; every id is unique within the version. */
export type RequirementInput =
  | { id: string; kind: 'all'; label?: string; items: RequirementInput[] }
  | { id: string; kind: 'n_of'; n: number; label?: string; items: RequirementInput[] }
  | { id: string; kind: 'achievement'; achievementId: string; minVersion?: string }
  | { id: string; kind: 'competency'; frameworkId: string; code: string; minLevel: number };

/** A node as getPathway presents it: leaves carry the catalogue's names and credits. */
export type RequirementView =
  | { id: string; kind: 'all'; label: string | null; items: RequirementView[] }
  | { id: string; kind: 'n_of'; n: number; label: string | null; items: RequirementView[] }
  | {
      id: string;
      kind: 'achievement';
      achievementId: string;
      code: string;
      title: string;
      credits: number;
      minVersion: string | null;
    }
  | {
      id: string;
      kind: 'competency';
      frameworkId: string;
      code: string;
      name: string;
      minLevel: number;
      options: AchievementOption[];
    };

export type RequirementKind = RequirementView['kind'];
export type GroupView = Extract<RequirementView, { kind: 'all' | 'n_of' }>;
export type LeafView = Extract<RequirementView, { kind: 'achievement' | 'competency' }>;

/** `step` should come after every one of `after` (requirement node ids). */
export interface Prerequisite {
  step: string;
  after: string[];
}

export interface CoverageItem {
  frameworkId: string;
  code: string;
  /** docs/pathways.md shows it; the server does not send it yet. */
  name?: string;
  /** The level the role needs. */
  required: number;
  /** The highest level the pathway's micro-credentials certify. */
  provided: number;
}

export interface RoleCoverage {
  percent: number;
  covered: CoverageItem[];
  partly: CoverageItem[];
  missing: CoverageItem[];
}

export interface PathwayVersionSummary {
  id: string;
  version: string;
  status: PathwayStatus;
  publishedAt: string | null;
}

export interface RoleRef {
  id: string;
  title: string;
  careerLevel: string;
}

export interface PathwaySummary {
  id: string;
  versionId: string;
  version: string;
  status: PathwayStatus;
  title: string;
  summary: string;
  audience: string;
  owner: { id: string; name: string };
  targetRole: RoleRef | null;
  stack: { title: string; description: string; achievementId: string | null };
  revocationPolicy: RevocationPolicy;
  credits: { required: number };
  requirements: RequirementView;
  sequence: string[];
  prerequisites: Prerequisite[];
}

export interface PathwayAbilities {
  edit: boolean;
  submit: boolean;
  returnToDraft: boolean;
  signOff: boolean;
  publish: boolean;
  comment: boolean;
  newVersion: boolean;
  /** The owner's admins may retire. */
  retire: boolean;
}

export interface Pathway extends PathwaySummary {
  /** Every version the caller may see. */
  versions: PathwayVersionSummary[];
  coverage: RoleCoverage | null;
  /** Organisations co-designing the pathway with its owner. */
  collaborators: Ref[];
  abilities: PathwayAbilities;
  changeNote?: string;
  // The design team's working papers: sent only to those who may review the version.
  signOffs?: SignOffView[];
  requiredSignOffKinds?: OrganisationKind[];
  missingSignOffKinds?: OrganisationKind[];
  comments?: CommentView[];
  history?: HistoryEntry[];
}

/** What authors write: the body of updatePathwayVersion and checkPathway. */
export interface PathwayContent {
  title: string;
  summary: string;
  audience: string;
  targetRoleId: string | null;
  requirements: RequirementInput;
  sequence: string[];
  prerequisites: Prerequisite[];
  stackTitle: string;
  stackDescription: string;
  revocationPolicy: RevocationPolicy;
  changeNote?: string;
  /** Organisations co-designing it; left as they are when absent. */
  collaboratorIds?: string[];
}

export interface NewPathway extends PathwayContent {
  organisationId: string;
}

/** The server takes the tree, its order and prerequisites together as `definition`. */
function wireBody({ requirements, sequence, prerequisites, ...rest }: PathwayContent) {
  return { ...rest, definition: { requirements, sequence, prerequisites } };
}

/** checkPathway's answer: validation and coverage without saving. */
export interface PathwayCheck {
  valid?: boolean;
  /** Problems found; the same `{ path, message }` pairs an InvalidFields problem carries. */
  errors?: ProblemFieldError[];
  problems?: ProblemFieldError[];
  coverage?: RoleCoverage | null;
  /** Credits the pathway needs, once it is valid. */
  credits?: number | null;
  /** The tree with the catalogue's names, when the server resolves it. */
  requirements?: RequirementView;
}

// ---------------------------------------------------------------------------------------------
// Roles

export interface RoleRequirementView {
  frameworkId: string;
  code: string;
  name?: string;
  level: number;
  importance: 'core' | 'supporting';
}

export interface RoleProfile {
  id: string;
  key?: string;
  title: string;
  summary: string;
  careerLevel: string;
  careerRank?: number;
  requirements: RoleRequirementView[];
  nextRoleIds?: string[];
}

// ---------------------------------------------------------------------------------------------
// Progress

export const NODE_STATES = ['done', 'in_progress', 'available', 'locked'] as const;
export type NodeState = (typeof NODE_STATES)[number];

export interface MetBy {
  credentialId: string;
  title: string;
}

export interface ProgressNode {
  id: string;
  kind: RequirementKind;
  label?: string | null;
  title: string;
  met: boolean;
  requiredCredits?: number;
  earnedCredits?: number;
  metBy: MetBy[];
  state: NodeState;
  children: ProgressNode[];
  options?: AchievementOption[];
}

export interface RemainingRequirement {
  id: string;
  title: string;
  options: AchievementOption[];
}

export interface PathwayProgress {
  pathwayId: string;
  versionId: string;
  percentComplete: number;
  met: boolean;
  tree: ProgressNode;
  metRequirements: { id: string; title: string; metBy: MetBy[] }[];
  remaining: RemainingRequirement[];
  stackCredentialId: string | null;
}

/** One row of listMyPathways: progress on a published pathway. */
export interface MyPathway {
  pathwayId: string;
  versionId: string;
  title?: string;
  percentComplete: number;
  met: boolean;
  stackCredentialId?: string | null;
}

export interface LearnerTarget {
  roleId: string | null;
  pathwayId: string | null;
}

export interface SelfAssessmentItem {
  frameworkId: string;
  code: string;
  level: number;
}

export interface SelfAssessment {
  items: SelfAssessmentItem[];
}

// ---------------------------------------------------------------------------------------------
// Guidance

export interface GapRow {
  frameworkId: string;
  code: string;
  name: string;
  /** `core` or `supporting` in the demo data. */
  importance: string;
  required: number;
  held: number;
  selfAssessed: number | null;
  gap: number;
}

/** The spec leaves its items' shape open: ids, codes or small objects. */
export type BlockedBy = string | { achievementId?: string; code?: string; title?: string };

export interface Recommendation {
  achievementId: string;
  code: string;
  title: string;
  credits: number;
  hours: number;
  gapClosed: number;
  score: number;
  blockedBy: BlockedBy[];
  rplLikely: boolean;
  reason: string;
}

export interface Mentor {
  id: string;
  name: string;
  organisation: string;
}

export interface Guidance {
  role: RoleProfile;
  gap: GapRow[];
  recommendations: Recommendation[];
  mentors: Mentor[];
}

export const pathwaysApi = {
  // Pathways (public reads)
  listPathways: (signal?: AbortSignal) =>
    apiRequest<ItemList<PathwaySummary>>('GET', `${v1}/pathways`, { signal }),
  /** By the pathway's id (its current version) or by a version id (that version). */
  getPathway: (id: string, signal?: AbortSignal) =>
    apiRequest<Pathway>('GET', `${v1}/pathways/${segment(id)}`, { signal }),

  // Authoring
  createPathway: ({ organisationId, ...content }: NewPathway) =>
    apiRequest<Pathway>('POST', `${v1}/pathways`, { body: { organisationId, ...wireBody(content) } }),
  updatePathwayVersion: (versionId: string, body: PathwayContent) =>
    apiRequest<Pathway>('PUT', `${v1}/pathway-versions/${segment(versionId)}`, { body: wireBody(body) }),
  /** Validation and role coverage without saving, for the editor's live preview. */
  checkPathway: (body: PathwayContent, signal?: AbortSignal) =>
    apiRequest<PathwayCheck>('POST', `${v1}/pathway-versions/check`, { body: wireBody(body), signal }),
  publishPathwayVersion: (versionId: string) =>
    apiRequest<Pathway>('POST', `${v1}/pathway-versions/${segment(versionId)}/publish`),
  /** Submit for review, return to draft, publish or retire, with a note for the history. */
  movePathwayVersion: (versionId: string, action: WorkflowAction, note?: string) =>
    apiRequest<Pathway>('POST', `${v1}/pathway-versions/${segment(versionId)}/transitions`, {
      body: { action, ...(note ? { note } : {}) },
    }),
  signOffPathwayVersion: (versionId: string, organisationId: string) =>
    apiRequest<Pathway>('POST', `${v1}/pathway-versions/${segment(versionId)}/sign-offs`, {
      body: { organisationId },
    }),
  commentOnPathwayVersion: (versionId: string, body: string) =>
    apiRequest<CommentView>('POST', `${v1}/pathway-versions/${segment(versionId)}/comments`, {
      body: { body },
    }),
  /** Starts a draft from the published version. */
  newPathwayVersion: (pathwayId: string, body: { changeNote: string }) =>
    apiRequest<Pathway>('POST', `${v1}/pathways/${segment(pathwayId)}/versions`, { body }),
  retirePathwayVersion: (versionId: string) =>
    apiRequest<Pathway>('POST', `${v1}/pathway-versions/${segment(versionId)}/retire`),

  // Roles (public)
  listRoles: (signal?: AbortSignal) => apiRequest<ItemList<RoleProfile>>('GET', `${v1}/roles`, { signal }),
  getRole: (id: string, signal?: AbortSignal) =>
    apiRequest<RoleProfile>('GET', `${v1}/roles/${segment(id)}`, { signal }),

  // The signed-in learner
  listMyPathways: (signal?: AbortSignal) =>
    apiRequest<ItemList<MyPathway>>('GET', `${v1}/learners/me/pathways`, { signal }),
  getMyPathwayProgress: (pathwayId: string, signal?: AbortSignal) =>
    apiRequest<PathwayProgress>('GET', `${v1}/learners/me/pathways/${segment(pathwayId)}/progress`, {
      signal,
    }),
  getMyTarget: (signal?: AbortSignal) =>
    apiRequest<LearnerTarget>('GET', `${v1}/learners/me/target`, { signal }),
  setMyTarget: (body: LearnerTarget) =>
    apiRequest<LearnerTarget>('PUT', `${v1}/learners/me/target`, { body }),
  getMySelfAssessment: (signal?: AbortSignal) =>
    apiRequest<SelfAssessment>('GET', `${v1}/learners/me/self-assessment`, { signal }),
  setMySelfAssessment: (body: SelfAssessment) =>
    apiRequest<SelfAssessment>('PUT', `${v1}/learners/me/self-assessment`, { body }),
  getMyGuidance: (roleId: string | null, signal?: AbortSignal) =>
    apiRequest<Guidance>('GET', `${v1}/learners/me/guidance${roleId ? `?roleId=${segment(roleId)}` : ''}`, {
      signal,
    }),
};
