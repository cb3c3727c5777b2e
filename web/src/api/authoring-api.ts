// Co-designing micro-credentials: drafts, the review workflow, version diffs and badge images.
// Shapes follow the server's authoring and catalogue routes (src/http/routes/achievements.ts, badges.ts).
import { ApiProblem, apiRequest, type ProblemDocument } from './client';
import type { ItemList, OrganisationKind } from './types';
import { catalogueApi, type AchievementAbilities } from './catalogue-api';

export type {
  AchievementAbilities,
  FrameworkSummary,
  ProficiencyLevel,
  Framework as FrameworkDetail,
} from './catalogue-api';

const v1 = '/api/v1';
const segment = encodeURIComponent;

/** OB 3.0 `achievementType` values Cairn offers (`ext:Name` extensions are also accepted). */
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

export const BADGE_SHAPES = ['hexagon', 'circle', 'shield', 'rounded-square'] as const;
export type BadgeShape = (typeof BADGE_SHAPES)[number];

export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type WorkflowAction = 'submit' | 'return_to_draft' | 'publish' | 'retire';
export type VersionBump = 'major' | 'minor' | 'patch';

export const CREDITS_MIN = 1;
export const CREDITS_MAX = 40;
/** NZQA: 1 credit = 10 notional learning hours. */
export const HOURS_PER_CREDIT = 10;
export const NZQF_LEVEL_MIN = 1;
export const NZQF_LEVEL_MAX = 10;
/** The server refuses badge uploads above 1 MiB. */
export const BADGE_UPLOAD_MAX_BYTES = 1024 * 1024;

export interface Ref {
  id: string;
  name: string;
}

export interface AlignedCompetency {
  frameworkId: string;
  code: string;
  /** A level of the framework's proficiency scale. */
  targetLevel: number;
}

export interface Criterion {
  /** Stable within the version and carried into later versions, e.g. "c1". */
  id: string;
  title: string;
  evidenceRequirements: string[];
}

export interface BadgeDesign {
  shape: BadgeShape;
  /** #rrggbb */
  colour: string;
}

export interface NzqaListing {
  nzscedCode?: string;
  reviewPeriodYears?: number;
  purposeStatement?: string;
}

/** What authors write; the body of createAchievement and updateDraft. */
export interface AchievementContent {
  title: string;
  summary: string;
  description: string;
  criteriaNarrative: string;
  achievementType: string;
  code: string;
  competencies: AlignedCompetency[];
  nzqfLevel: number;
  credits: number;
  assessmentMethods: string[];
  criteria: Criterion[];
  rplAllowed: boolean;
  rplEvidence: string;
  validityDays?: number;
  tags: string[];
  language: string;
  badge: BadgeDesign;
  nzqa: NzqaListing;
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

export interface MyAchievement {
  id: string;
  provider: Ref;
  collaborators: Ref[];
  latest: VersionSummary;
  title: string;
  code: string;
  updatedAt: string;
}

export interface CompetencyView {
  id: string;
  frameworkId: string;
  code: string;
  name: string;
  targetLevel: number;
  skillAreas: string[];
}

export interface SignOffView {
  user: Ref;
  organisation: Ref;
  organisationKind: OrganisationKind;
  /** False once the content changed after this sign-off. */
  current: boolean;
  signedAt: string;
}

export interface CommentView {
  id: string;
  author: Ref | null;
  body: string;
  createdAt: string;
}

export interface HistoryEntry {
  action: WorkflowAction | 'create' | 'supersede';
  fromStatus: VersionStatus | null;
  toStatus: VersionStatus;
  actor: Ref | null;
  note: string;
  at: string;
}

/** One version of a micro-credential with its review state, as GET /achievements/{versionId} presents it. */
export interface AchievementDetail {
  id: string;
  versionId: string;
  version: string;
  status: VersionStatus;
  changeNote: string;
  title: string;
  code: string;
  summary: string;
  credits: number;
  notionalHours: number;
  level: number;
  competencies: CompetencyView[];
  provider: Ref;
  collaborators: Ref[];
  /** Every version the caller may see, newest first. */
  versions: VersionSummary[];
  publishedAt: string | null;
  updatedAt: string;
  imageUrl: string;
  content: AchievementContent;
  signOffs: SignOffView[];
  requiredSignOffKinds: OrganisationKind[];
  missingSignOffKinds: OrganisationKind[];
  comments: CommentView[];
  history: HistoryEntry[];
  abilities: AchievementAbilities;
}

export interface Overlap {
  /** 0 to 1. */
  score: number;
  id: string;
  versionId: string;
  title: string;
  code: string;
  provider: Ref;
}

export type TextDiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };
export type ScalarValue = string | number | boolean | null;

/** One changed field, as src/domain/achievement-diff.ts describes it. */
export type FieldChange =
  | { kind: 'scalar'; field: string; label: string; before: ScalarValue; after: ScalarValue }
  | { kind: 'text'; field: string; label: string; diff: TextDiffOp[]; wordByWord: boolean }
  | {
      kind: 'competencies';
      field: 'competencies';
      label: string;
      added: AlignedCompetency[];
      removed: AlignedCompetency[];
      levelChanged: { frameworkId: string; code: string; before: number; after: number }[];
    }
  | {
      kind: 'criteria';
      field: 'criteria';
      label: string;
      added: Criterion[];
      removed: Criterion[];
      changed: {
        id: string;
        titleBefore: string;
        titleAfter: string;
        evidenceAdded: string[];
        evidenceRemoved: string[];
      }[];
      reordered: boolean;
    }
  | { kind: 'list'; field: string; label: string; added: string[]; removed: string[] };

export interface VersionDiff {
  from: VersionSummary;
  to: VersionSummary;
  changes: FieldChange[];
}

export interface NewAchievement {
  organisationId: string;
  collaboratorIds: string[];
  content: AchievementContent;
  changeNote?: string;
}

export interface DraftUpdate {
  content: AchievementContent;
  changeNote?: string;
  collaboratorIds?: string[];
}

export interface BadgePreviewInput {
  design: BadgeDesign;
  title: string;
  code: string;
  level: number;
  credits: number;
  issuerName?: string;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * For the two operations whose bodies are not JSON (an SVG answer, an image upload). Failures
 * become the same ApiProblem that apiRequest throws.
 */
async function rawRequest(
  method: string,
  path: string,
  init: { body: BodyInit; contentType: string; accept: string; signal?: AbortSignal | undefined },
): Promise<Response> {
  const headers: Record<string, string> = {
    accept: `${init.accept}, application/problem+json`,
    'content-type': init.contentType,
  };
  const csrf = readCookie('cairn_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body,
      signal: init.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem({
      type: 'about:network-error',
      title: 'Cairn could not be reached',
      status: 0,
      detail: 'Check your connection and try again.',
    });
  }
  if (response.ok) return response;
  let document: ProblemDocument = {
    type: 'about:blank',
    title: response.statusText || 'Something went wrong',
    status: response.status,
  };
  try {
    const body = (await response.json()) as Partial<ProblemDocument>;
    if (typeof body.title === 'string') {
      document = { ...body, type: body.type ?? 'about:blank', title: body.title, status: response.status };
    }
  } catch {
    // Not JSON: keep the status line.
  }
  throw new ApiProblem(document);
}

export const authoringApi = {
  listMyAchievements: (signal?: AbortSignal) =>
    apiRequest<ItemList<MyAchievement>>('GET', `${v1}/me/achievements`, { signal }),
  /** By a version's id: that version. */
  getVersion: (versionId: string, signal?: AbortSignal) =>
    apiRequest<AchievementDetail>('GET', `${v1}/achievements/${segment(versionId)}`, { signal }),
  createAchievement: (body: NewAchievement) =>
    apiRequest<AchievementDetail>('POST', `${v1}/achievements`, { body }),
  updateDraft: (versionId: string, body: DraftUpdate) =>
    apiRequest<AchievementDetail>('PUT', `${v1}/achievement-versions/${segment(versionId)}`, { body }),
  moveVersion: (versionId: string, action: WorkflowAction, note?: string) =>
    apiRequest<AchievementDetail>('POST', `${v1}/achievement-versions/${segment(versionId)}/transitions`, {
      body: note ? { action, note } : { action },
    }),
  signOff: (versionId: string, organisationId: string) =>
    apiRequest<AchievementDetail>('POST', `${v1}/achievement-versions/${segment(versionId)}/sign-offs`, {
      body: { organisationId },
    }),
  comment: (versionId: string, body: string) =>
    apiRequest<CommentView>('POST', `${v1}/achievement-versions/${segment(versionId)}/comments`, {
      body: { body },
    }),
  /** Starts the next version as a draft copy of the published one. */
  startNewVersion: (achievementId: string, body: { bump: VersionBump; changeNote: string }) =>
    apiRequest<AchievementDetail>('POST', `${v1}/achievements/${segment(achievementId)}/versions`, { body }),
  diffVersions: (fromVersionId: string, toVersionId: string, signal?: AbortSignal) =>
    apiRequest<VersionDiff>(
      'GET',
      `${v1}/achievement-versions/${segment(fromVersionId)}/diff/${segment(toVersionId)}`,
      { signal },
    ),
  overlaps: (versionId: string, signal?: AbortSignal) =>
    apiRequest<ItemList<Overlap>>('GET', `${v1}/achievement-versions/${segment(versionId)}/overlaps`, {
      signal,
    }),
  // Frameworks are the catalogue's: one client for both.
  listFrameworks: catalogueApi.listFrameworks,
  getFramework: catalogueApi.getFramework,
  /** The default badge for a design, as an SVG blob. */
  previewBadge: async (input: BadgePreviewInput, signal?: AbortSignal): Promise<Blob> => {
    const response = await rawRequest('POST', `${v1}/badges/preview`, {
      body: JSON.stringify(input),
      contentType: 'application/json',
      accept: 'image/svg+xml',
      signal,
    });
    return response.blob();
  },
  /** Replaces the version's badge with a PNG or SVG file (the server checks and sanitises it). */
  uploadBadgeImage: async (versionId: string, file: File): Promise<void> => {
    await rawRequest('PUT', `${v1}/achievement-versions/${segment(versionId)}/image`, {
      body: file,
      contentType: file.type,
      accept: 'application/json',
    });
  },
};
