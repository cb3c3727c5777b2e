/**
 * Stacks and pathways: a requirement tree of micro-credentials (and competencies) that leads to a
 * role or a stacked credential. The types the rule modules (pathway-requirements,
 * pathway-progress, recommendations) and the use cases share.
 */
import { VERSION_STATUSES } from './achievements.js';
import { InvalidFields } from './errors.js';

/** A node of a pathway's requirement tree. Every node has an `id` unique within its version. */
export type Requirement =
  | { id: string; kind: 'all'; label?: string; items: Requirement[] }
  /** Electives: any `n` of the items. */
  | { id: string; kind: 'n_of'; n: number; label?: string; items: Requirement[] }
  /** A specific micro-credential, any version or at least `minVersion` (semantic version). */
  | { id: string; kind: 'achievement'; achievementId: string; minVersion?: string }
  /** Any micro-credential that certifies this competency at `minLevel` or above. */
  | { id: string; kind: 'competency'; frameworkId: string; code: string; minLevel: number };

export type RequirementKind = Requirement['kind'];

/** `step` should come after every one of `after` (requirement node ids). */
export interface Prerequisite {
  step: string;
  after: string[];
}

export interface PathwayDefinition {
  requirements: Requirement;
  /** Recommended order of leaf node ids (optional; a learner may take any order). */
  sequence: string[];
  /** Hard prerequisites between steps: recommendations respect them and the map locks later steps. */
  prerequisites: Prerequisite[];
}

/** A pathway version goes through the same co-authoring workflow as a micro-credential's. */
export const PATHWAY_STATUSES = VERSION_STATUSES;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

export const REVOCATION_POLICIES = ['suspend', 'keep'] as const;
/** What happens to an awarded stacked credential when one of its components is later revoked. */
export type RevocationPolicy = (typeof REVOCATION_POLICIES)[number];

/** What the catalogue knows about one micro-credential, for evaluating and validating trees. */
export interface CatalogueEntry {
  achievementId: string;
  code: string;
  title: string;
  credits: number;
  /** The published version's number; absent when the micro-credential is retired or unpublished. */
  publishedVersion: string | null;
  /** Competencies the published version certifies, at their target levels. */
  competencies: { frameworkId: string; code: string; level: number }[];
}

export type HeldState = 'active' | 'expired' | 'suspended' | 'revoked';

/** A credential a learner holds, as progress needs it. Only `active` ones count. */
export interface HeldCredential {
  credentialId: string;
  achievementId: string;
  /** The version awarded (semantic version). */
  version: string;
  route: 'assessed' | 'rpl' | 'direct';
  credits: number;
  competencies: { frameworkId: string; code: string; level: number }[];
  state: HeldState;
}

export interface RoleRequirement {
  frameworkId: string;
  code: string;
  level: number;
  importance: 'core' | 'supporting';
}

export interface RoleProfile {
  id: string;
  key: string;
  title: string;
  summary: string;
  careerLevel: string;
  careerRank: number;
  requirements: RoleRequirement[];
  /** Roles this one progresses to. */
  nextRoleIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Records: what storage gives back.

export interface PathwayVersionRecord {
  id: string;
  pathwayId: string;
  pathwayKey: string | null;
  owner: { id: string; name: string };
  version: string;
  status: PathwayStatus;
  title: string;
  summary: string;
  audience: string;
  targetRoleId: string | null;
  definition: PathwayDefinition;
  componentIds: string[];
  stackTitle: string;
  stackDescription: string;
  revocationPolicy: RevocationPolicy;
  stackAchievementId: string | null;
  stackVersionId: string | null;
  changeNote: string;
  /** Digest of what authors sign off; an edit changes it (domain/version-workflow.ts). */
  contentHash: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export interface ProgressRecord {
  learnerId: string;
  pathwayVersionId: string;
  percentComplete: number;
  met: boolean;
  credentialIds: string[];
  stackCredentialId: string | null;
  updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// Reading a definition sent by a client: its shape, before the rules look at its meaning.

const MAX_NODES = 200;

/**
 * Turns untrusted JSON into a PathwayDefinition, reporting every shape problem with its JSON
 * pointer (unknown kinds, missing ids, wrong types). Meaning (cycles, satisfiability) is
 * checkPathwayDefinition's job.
 * @throws InvalidFields
 */
export function parsePathwayDefinition(value: unknown): PathwayDefinition {
  const problems: { path: string; message: string }[] = [];
  let nodes = 0;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  const node = (v: unknown, path: string, depth: number): Requirement | undefined => {
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1)
        problems.push({ path, message: `A pathway has at most ${String(MAX_NODES)} requirements.` });
      return undefined;
    }
    if (!isObject(v)) {
      problems.push({ path, message: 'Each requirement is an object.' });
      return undefined;
    }
    const id = v.id;
    if (!str(id) || id.length > 40) {
      problems.push({
        path: `${path}/id`,
        message: 'Each requirement needs a short id (up to 40 characters).',
      });
      return undefined;
    }
    const label =
      typeof v.label === 'string' && v.label.trim() !== '' ? v.label.trim().slice(0, 120) : undefined;
    switch (v.kind) {
      case 'all':
      case 'n_of': {
        if (depth >= 6) {
          problems.push({ path, message: 'Requirements nest at most 6 levels deep.' });
          return undefined;
        }
        if (!Array.isArray(v.items)) {
          problems.push({ path: `${path}/items`, message: 'A group lists its items.' });
          return undefined;
        }
        const items = v.items
          .map((item, i) => node(item, `${path}/items/${String(i)}`, depth + 1))
          .filter((r): r is Requirement => r !== undefined);
        if (v.kind === 'all') return { id, kind: 'all', ...(label ? { label } : {}), items };
        if (typeof v.n !== 'number' || !Number.isInteger(v.n)) {
          problems.push({
            path: `${path}/n`,
            message: 'Say how many of the items to choose (a whole number).',
          });
          return undefined;
        }
        return { id, kind: 'n_of', n: v.n, ...(label ? { label } : {}), items };
      }
      case 'achievement':
        if (!str(v.achievementId)) {
          problems.push({ path: `${path}/achievementId`, message: 'Name the micro-credential.' });
          return undefined;
        }
        if (v.minVersion !== undefined && v.minVersion !== null && typeof v.minVersion !== 'string') {
          problems.push({ path: `${path}/minVersion`, message: 'A minimum version is written like 1.2.0.' });
          return undefined;
        }
        return {
          id,
          kind: 'achievement',
          achievementId: v.achievementId,
          ...(typeof v.minVersion === 'string' && v.minVersion.trim() !== ''
            ? { minVersion: v.minVersion.trim() }
            : {}),
        };
      case 'competency':
        if (
          !str(v.frameworkId) ||
          !str(v.code) ||
          typeof v.minLevel !== 'number' ||
          !Number.isInteger(v.minLevel)
        ) {
          problems.push({
            path,
            message: 'A competency requirement names its framework, its code and a minimum level.',
          });
          return undefined;
        }
        return {
          id,
          kind: 'competency',
          frameworkId: v.frameworkId,
          code: v.code.trim(),
          minLevel: v.minLevel,
        };
      default:
        problems.push({
          path: `${path}/kind`,
          message: 'A requirement is "all", "n_of", "achievement" or "competency".',
        });
        return undefined;
    }
  };
  if (!isObject(value)) throw new InvalidFields([{ path: '', message: 'The definition is an object.' }]);
  const requirements = node(value.requirements, '/requirements', 0);
  const sequence = Array.isArray(value.sequence)
    ? value.sequence.filter((s): s is string => typeof s === 'string')
    : [];
  if (
    value.sequence !== undefined &&
    (!Array.isArray(value.sequence) || sequence.length !== value.sequence.length)
  ) {
    problems.push({ path: '/sequence', message: 'The recommended order lists requirement ids.' });
  }
  const prerequisites: Prerequisite[] = [];
  if (value.prerequisites !== undefined) {
    if (!Array.isArray(value.prerequisites))
      problems.push({ path: '/prerequisites', message: 'Prerequisites are a list.' });
    else
      value.prerequisites.forEach((p, i) => {
        if (
          isObject(p) &&
          str(p.step) &&
          Array.isArray(p.after) &&
          p.after.every((a) => typeof a === 'string')
        ) {
          prerequisites.push({ step: p.step, after: p.after });
        } else {
          problems.push({
            path: `/prerequisites/${String(i)}`,
            message: 'A prerequisite names a step and the steps it comes after.',
          });
        }
      });
  }
  if (problems.length > 0 || !requirements) throw new InvalidFields(problems);
  return { requirements, sequence, prerequisites };
}
