import type { VersionStatus } from './achievements.js';
import { DomainError } from './errors.js';
import type { OrganisationKind } from './identity.js';

/**
 * Co-authoring workflow of one version, shared by micro-credentials and pathways:
 *
 *   draft ──submit──▶ in_review ──publish──▶ published ──retire──▶ retired
 *     ▲                  │                      │
 *     └─return_to_draft──┘                      └─(a newer version is published)──▶ superseded
 *
 * Publishing needs sign-offs, on the exact content being published, from authors of each
 * organisation kind the owning organisation requires (by default an employer and an education
 * provider: industry and educators co-design). The owner and its collaborating organisations form
 * the design team (policies/design-team.ts).
 */
export const WORKFLOW_ACTIONS = ['submit', 'return_to_draft', 'publish', 'retire'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

const TRANSITIONS: Record<WorkflowAction, { from: readonly VersionStatus[]; to: VersionStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  return_to_draft: { from: ['in_review'], to: 'draft' },
  publish: { from: ['in_review'], to: 'published' },
  retire: { from: ['published'], to: 'retired' },
};

export const DEFAULT_REQUIRED_SIGN_OFF_KINDS: readonly OrganisationKind[] = [
  'employer',
  'education_provider',
];

export class TransitionNotAllowed extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'transition-not-allowed';
  readonly title = 'Not possible in this state';

  constructor(action: WorkflowAction, status: VersionStatus) {
    super(`A ${status.replace('_', ' ')} version cannot be ${PAST[action]}.`, {
      action,
      versionStatus: status,
    });
  }
}

const PAST: Record<WorkflowAction, string> = {
  submit: 'submitted for review',
  return_to_draft: 'returned to draft',
  publish: 'published',
  retire: 'retired',
};

export class VersionNotEditable extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'version-not-editable';
  readonly title = 'Version cannot be edited';

  constructor(version: string, status: VersionStatus) {
    super(
      `Version ${version} is ${status.replace('_', ' ')} and can no longer change. ` +
        'Start a new version to make changes; earlier credentials keep pointing at this one.',
      { version, versionStatus: status },
    );
  }
}

const KIND_PHRASE: Record<OrganisationKind, string> = {
  employer: 'an employer',
  education_provider: 'an education provider',
  professional_body: 'a professional body',
  platform: 'the platform',
};

export class SignOffsMissing extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'sign-offs-missing';
  readonly title = 'Sign-offs missing';

  constructor(missing: readonly OrganisationKind[]) {
    super(
      `Publishing needs a sign-off on this exact content from an author of ${missing.map((k) => KIND_PHRASE[k]).join(' and ')}.`,
      { missing: missing.join(',') },
    );
  }
}

export class DraftAlreadyOpen extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'draft-already-open';
  readonly title = 'A draft is already open';

  constructor(version: string) {
    super(`Version ${version} is already being drafted or reviewed; continue with it.`, { version });
  }
}

/** @throws TransitionNotAllowed */
export function nextStatus(current: VersionStatus, action: WorkflowAction): VersionStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(current)) throw new TransitionNotAllowed(action, current);
  return t.to;
}

/** Only content still being written may change. */
export function isEditable(status: VersionStatus): boolean {
  return status === 'draft' || status === 'in_review';
}

export interface SignOff {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** Digest of the content signed; an edit afterwards makes the sign-off stale. */
  contentHash: string;
  at: Date;
}

/** The kinds an owner requires; an owner that never chose gets the default. */
export function requiredSignOffKinds(chosen: readonly OrganisationKind[]): OrganisationKind[] {
  return [...(chosen.length > 0 ? chosen : DEFAULT_REQUIRED_SIGN_OFF_KINDS)];
}

/** Required organisation kinds not yet covered by a sign-off on the current content. */
export function missingSignOffKinds(
  required: readonly OrganisationKind[],
  signOffs: readonly SignOff[],
  currentContentHash: string,
): OrganisationKind[] {
  const covered = new Set(
    signOffs.filter((s) => s.contentHash === currentContentHash).map((s) => s.organisationKind),
  );
  return required.filter((k) => !covered.has(k));
}

/** JSON with object keys sorted, so equal content always hashes alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}
