/**
 * Designing pathways: a versioned requirement tree leading to a role and a stacked credential.
 * A published version never changes; publishing makes (or versions) the stacked credential's
 * achievement, so it is issued, verified and revoked like any credential.
 */
import type { Actor } from '../domain/actor.js';
import type { AchievementContent } from '../domain/achievements.js';
import { DomainError, InvalidFields, NotFound } from '../domain/errors.js';
import {
  checkPathwayDefinition,
  componentAchievementIds,
  roleCoverage,
} from '../domain/pathway-requirements.js';
import { evaluatePathway } from '../domain/pathway-progress.js';
import {
  REVOCATION_POLICIES,
  type CatalogueEntry,
  type PathwayDefinition,
  type PathwayVersionRecord,
  type Requirement,
  type RevocationPolicy,
  type RoleProfile,
} from '../domain/pathways.js';
import { nextVersion } from '../domain/semver.js';
import { canEditPathway, canRetirePathway, canViewPathwayVersion } from '../policies/pathways.js';
import { ensure } from '../policies/ensure.js';
import { prepareVersionWrite } from './achievement-content.js';
import type { PathwayVersionWrite } from './pathway-ports.js';
import type { Deps, Store } from './ports.js';
import { refreshLearners } from './pathway-progress.js';

export class PathwayNotEditable extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'pathway-not-editable';
  readonly title = 'Only a draft pathway version can change';
}

export interface PathwayInput {
  title: string;
  summary: string;
  audience: string;
  targetRoleId: string | null;
  definition: PathwayDefinition;
  stackTitle: string;
  stackDescription: string;
  revocationPolicy: RevocationPolicy;
  changeNote?: string;
}

/** The micro-credentials pathways are checked against; `onlyIds` when a caller knows which matter. */
export async function loadCatalogue(
  store: Store,
  onlyIds?: readonly string[],
): Promise<Map<string, CatalogueEntry>> {
  return new Map((await store.pathways.catalogue(onlyIds)).map((e) => [e.achievementId, e]));
}

/** Field rules for what an author types; the tree itself is checked by the domain. */
function checkFields(input: PathwayInput): void {
  const problems: { path: string; message: string }[] = [];
  const text = (path: string, value: string, min: number, max: number, what: string) => {
    const t = value.trim();
    if (t.length < min)
      problems.push({ path, message: `Give the ${what} (at least ${String(min)} characters).` });
    if (t.length > max) problems.push({ path, message: `Keep the ${what} under ${String(max)} characters.` });
  };
  text('/title', input.title, 3, 200, 'title');
  text('/summary', input.summary, 10, 2000, 'summary');
  text('/audience', input.audience, 0, 1000, 'audience');
  text('/stackTitle', input.stackTitle, 3, 200, 'stacked credential’s title');
  text('/stackDescription', input.stackDescription, 0, 4000, 'stacked credential’s description');
  if (!(REVOCATION_POLICIES as readonly string[]).includes(input.revocationPolicy)) {
    problems.push({ path: '/revocationPolicy', message: 'Choose suspend or keep.' });
  }
  if (problems.length > 0) throw new InvalidFields(problems);
}

/** Validates everything and works out what storage keeps beside the tree. @throws InvalidFields, NotFound */
async function prepare(
  store: Store,
  input: PathwayInput,
): Promise<PathwayVersionWrite & { role: RoleProfile | undefined }> {
  checkFields(input);
  const catalogue = await loadCatalogue(store);
  checkPathwayDefinition(input.definition, catalogue);
  const role = input.targetRoleId ? await store.pathways.findRole(input.targetRoleId) : undefined;
  if (input.targetRoleId && !role) {
    throw new InvalidFields([{ path: '/targetRoleId', message: 'No such role profile.' }]);
  }
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    audience: input.audience.trim(),
    targetRoleId: role?.id ?? null,
    definition: input.definition,
    componentIds: componentAchievementIds(input.definition.requirements, catalogue),
    stackTitle: input.stackTitle.trim(),
    stackDescription: input.stackDescription.trim(),
    revocationPolicy: input.revocationPolicy,
    changeNote: (input.changeNote ?? '').trim(),
    role,
  };
}

/**
 * A dry run for the live preview: the problems (if any) and the coverage of the target role,
 * without saving anything.
 */
export async function checkPathway(deps: Deps, input: PathwayInput) {
  const catalogue = await loadCatalogue(deps.store);
  // Both checks run, so the preview shows every problem at once.
  const errors: { path: string; message: string }[] = [];
  for (const check of [
    () => {
      checkFields(input);
    },
    () => {
      checkPathwayDefinition(input.definition, catalogue);
    },
  ]) {
    try {
      check();
    } catch (err) {
      if (!(err instanceof InvalidFields)) throw err;
      errors.push(...err.errors);
    }
  }
  const treeValid = !errors.some(
    (e) =>
      e.path.startsWith('/requirements') ||
      e.path.startsWith('/prerequisites') ||
      e.path.startsWith('/sequence'),
  );
  const role = input.targetRoleId ? await deps.store.pathways.findRole(input.targetRoleId) : undefined;
  return {
    valid: errors.length === 0,
    errors,
    credits: treeValid ? evaluatePathway(input.definition, catalogue, []).root.requiredCredits : null,
    coverage:
      role && treeValid
        ? await namedCoverage(deps.store, roleCoverage(input.definition, catalogue, role))
        : null,
  };
}

/** Role coverage with each competency's name, for people reading it. */
export async function namedCoverage(store: Store, coverage: ReturnType<typeof roleCoverage>) {
  const all = [...coverage.covered, ...coverage.partly, ...coverage.missing];
  const refs = await store.frameworks.competencies([...new Set(all.map((c) => c.frameworkId))]);
  const names = new Map(refs.map((r) => [`${r.frameworkId}:${r.code.toUpperCase()}`, r.name]));
  const name = <T extends { frameworkId: string; code: string }>(c: T) => ({
    ...c,
    name: names.get(`${c.frameworkId}:${c.code.toUpperCase()}`) ?? c.code,
  });
  return {
    percent: coverage.percent,
    covered: coverage.covered.map(name),
    partly: coverage.partly.map(name),
    missing: coverage.missing.map(name),
  };
}

/** @throws NotAllowed, InvalidFields */
export async function createPathway(
  deps: Deps,
  actor: Actor | undefined,
  input: PathwayInput & { organisationId: string; key?: string },
): Promise<PathwayVersionRecord> {
  if (actor)
    ensure(canEditPathway(actor, input.organisationId), actor, 'design pathways for this organisation');
  const write = await prepare(deps.store, input);
  const pathwayId = deps.secrets.uuid();
  const versionId = deps.secrets.uuid();
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    await store.pathways.insertPathway({
      id: pathwayId,
      key: input.key ?? null,
      ownerOrganisationId: input.organisationId,
      at: now,
    });
    await store.pathways.insertVersion({
      ...write,
      id: versionId,
      pathwayId,
      version: '1.0.0',
      status: 'draft',
      createdBy: actor?.kind === 'user' ? actor.user.id : null,
      at: now,
    });
  });
  return mustFind(deps.store, versionId);
}

async function mustFind(store: Store, versionId: string, forUpdate = false): Promise<PathwayVersionRecord> {
  const v = await store.pathways.findVersion(versionId, { forUpdate });
  if (!v) throw new NotFound('pathway version', versionId);
  return v;
}

/** @throws NotFound, NotAllowed, PathwayNotEditable, InvalidFields */
export async function updatePathwayVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  input: PathwayInput,
): Promise<PathwayVersionRecord> {
  const current = await mustFind(deps.store, versionId);
  ensure(canEditPathway(actor, current.owner.id), actor, 'edit this pathway');
  if (current.status !== 'draft') {
    throw new PathwayNotEditable(
      `Version ${current.version} is ${current.status}: a published pathway never changes. Start a new version to change it.`,
    );
  }
  const write = await prepare(deps.store, input);
  await deps.store.pathways.updateVersion(versionId, { ...write, at: deps.clock.now() });
  return mustFind(deps.store, versionId);
}

/** Plain words for one requirement, for the stacked credential's criteria. */
function describe(node: Requirement, catalogue: ReadonlyMap<string, CatalogueEntry>): string {
  switch (node.kind) {
    case 'achievement': {
      const e = catalogue.get(node.achievementId);
      const name = e ? `${e.code} ${e.title}` : node.achievementId;
      return node.minVersion ? `${name} (version ${node.minVersion} or later)` : name;
    }
    case 'competency':
      return `Any micro-credential certifying ${node.code} at level ${String(node.minLevel)} or above`;
    case 'all':
      return node.items.map((i) => describe(i, catalogue)).join('; ');
    case 'n_of':
      return `${String(node.n)} of: ${node.items.map((i) => describe(i, catalogue)).join('; ')}`;
  }
}

/** The stacked credential's achievement content, generated from the pathway version. */
async function stackContent(
  store: Store,
  version: PathwayVersionRecord,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
): Promise<AchievementContent> {
  const root = version.definition.requirements;
  const top = root.kind === 'all' ? root.items : [root];
  const components = componentAchievementIds(root, catalogue)
    .map((id) => catalogue.get(id))
    .filter((e): e is CatalogueEntry => e !== undefined);
  // The stack certifies what its components certify, each competency at the highest level taught.
  const levels = new Map<string, { frameworkId: string; code: string; targetLevel: number }>();
  for (const e of components) {
    for (const c of e.competencies) {
      const key = `${c.frameworkId}:${c.code.toUpperCase()}`;
      const seen = levels.get(key);
      if (!seen || seen.targetLevel < c.level)
        levels.set(key, { frameworkId: c.frameworkId, code: c.code, targetLevel: c.level });
    }
  }
  let nzqfLevel = 1;
  for (const e of components) {
    const published = (await store.achievements.listVersions(e.achievementId)).find(
      (v) => v.status === 'published',
    );
    if (published) nzqfLevel = Math.max(nzqfLevel, published.content.nzqfLevel);
  }
  const credits = evaluatePathway(version.definition, catalogue, []).root.requiredCredits;
  return {
    title: version.stackTitle,
    summary: version.summary,
    description: version.stackDescription,
    criteriaNarrative: `Awarded automatically when every requirement of the pathway "${version.title}" (version ${version.version}) is met by credentials the learner holds.`,
    achievementType: 'ext:StackedCredential',
    code: (version.pathwayKey ?? `STACK-${version.pathwayId.slice(0, 8)}`).toUpperCase(),
    competencies: [...levels.values()],
    nzqfLevel,
    credits: Math.max(1, credits),
    assessmentMethods: [],
    criteria: top.map((node, i) => ({
      id: `s${String(i + 1)}`,
      title: node.kind === 'n_of' ? (node.label ?? `Choose ${String(node.n)}`) : describe(node, catalogue),
      evidenceRequirements: [describe(node, catalogue)],
    })),
    rplAllowed: false,
    rplEvidence: '',
    tags: ['stacked credential'],
    language: 'en-NZ',
    badge: { shape: 'shield', colour: '#1f5f8b' },
    nzqa: {},
  };
}

/**
 * Publishes a draft: checks it against today's catalogue, supersedes the published version,
 * publishes the stacked credential's achievement version, and brings learners' progress up to date.
 * @throws NotFound, NotAllowed, PathwayNotEditable, InvalidFields
 */
export async function publishPathwayVersion(
  deps: Deps,
  actor: Actor | undefined,
  versionId: string,
): Promise<PathwayVersionRecord> {
  const draft = await mustFind(deps.store, versionId);
  if (actor) ensure(canEditPathway(actor, draft.owner.id), actor, 'publish this pathway');
  if (draft.status !== 'draft') {
    throw new PathwayNotEditable(`Version ${draft.version} is ${draft.status}; only a draft is published.`);
  }
  const catalogue = await loadCatalogue(deps.store);
  checkPathwayDefinition(draft.definition, catalogue);
  const now = deps.clock.now();
  const content = await stackContent(deps.store, draft, catalogue);
  await deps.store.transaction(async (store) => {
    const locked = await mustFind(store, versionId, true);
    if (locked.status !== 'draft') throw new PathwayNotEditable('Someone else published this version first.');
    for (const v of await store.pathways.listVersions(locked.pathwayId)) {
      if (v.status === 'published') await store.pathways.moveVersion(v.id, 'published', 'superseded', now);
    }
    await store.pathways.moveVersion(versionId, 'draft', 'published', now);
    // The stacked credential: one achievement per pathway, one version per pathway version.
    let achievementId = locked.stackAchievementId;
    if (!achievementId) {
      achievementId = await store.achievements.insertAchievement({
        ownerOrganisationId: locked.owner.id,
        createdBy: actor?.kind === 'user' ? actor.user.id : null,
        at: now,
      });
      await store.pathways.setStackAchievement(locked.pathwayId, achievementId);
    }
    for (const v of await store.achievements.listVersions(achievementId)) {
      if (v.status === 'published') await store.achievements.setStatus(v.id, 'superseded', now);
    }
    const write = await prepareVersionWrite(deps, store, content, `Pathway version ${locked.version}`, {
      stack: true,
    });
    const stackVersionId = await store.achievements.insertVersion({
      ...write,
      at: now,
      achievementId,
      version: locked.version,
      status: 'published',
      createdBy: actor?.kind === 'user' ? actor.user.id : null,
      listed: false,
    });
    if (!stackVersionId)
      throw new Error(`stacked credential version for pathway ${locked.pathwayId} not created`);
    await store.pathways.setStackVersion(versionId, stackVersionId);
  });
  // Learners who already hold components get their standing on the new version (and may earn the stack).
  const learners = await deps.store.pathways.learnersHolding(draft.componentIds);
  await refreshLearners(deps, learners);
  return mustFind(deps.store, versionId);
}

/** Starts a draft from the published version (minor bump). @throws NotFound, NotAllowed, PathwayNotEditable */
export async function newPathwayVersion(
  deps: Deps,
  actor: Actor,
  pathwayId: string,
  changeNote: string,
): Promise<PathwayVersionRecord> {
  const versions = await deps.store.pathways.listVersions(pathwayId);
  const base = versions.find((v) => v.status === 'published') ?? versions[0];
  if (!base) throw new NotFound('pathway', pathwayId);
  ensure(canEditPathway(actor, base.owner.id), actor, 'edit this pathway');
  if (versions.some((v) => v.status === 'draft')) {
    throw new PathwayNotEditable('This pathway already has a draft version: edit that one.');
  }
  const id = deps.secrets.uuid();
  const taken = new Set(versions.map((v) => v.version));
  let version = nextVersion(base.version, 'minor');
  while (taken.has(version)) version = nextVersion(version, 'minor');
  await deps.store.pathways.insertVersion({
    id,
    pathwayId,
    version,
    status: 'draft',
    title: base.title,
    summary: base.summary,
    audience: base.audience,
    targetRoleId: base.targetRoleId,
    definition: base.definition,
    componentIds: base.componentIds,
    stackTitle: base.stackTitle,
    stackDescription: base.stackDescription,
    revocationPolicy: base.revocationPolicy,
    changeNote: changeNote.trim(),
    createdBy: actor.kind === 'user' ? actor.user.id : null,
    at: deps.clock.now(),
  });
  return mustFind(deps.store, id);
}

export async function retirePathwayVersion(deps: Deps, actor: Actor, versionId: string) {
  const v = await mustFind(deps.store, versionId);
  ensure(canRetirePathway(actor, v.owner.id), actor, 'retire this pathway');
  if (!(await deps.store.pathways.moveVersion(versionId, 'published', 'retired', deps.clock.now()))) {
    throw new PathwayNotEditable(
      `Version ${v.version} is ${v.status}; only the published version is retired.`,
    );
  }
  return mustFind(deps.store, versionId);
}

/** Published pathways with their trees, for the public list. */
export async function listPathways(deps: Deps) {
  const [versions, catalogue, roles] = await Promise.all([
    deps.store.pathways.listPublished(),
    loadCatalogue(deps.store),
    deps.store.pathways.listRoles(),
  ]);
  return versions.map((v) => ({
    version: v,
    role: roles.find((r) => r.id === v.targetRoleId) ?? null,
    credits: evaluatePathway(v.definition, catalogue, []).root.requiredCredits,
    catalogue,
  }));
}

/** One pathway by its id (its published version, else its newest visible) or by a version id. */
export async function getPathway(deps: Deps, actor: Actor, id: string) {
  let versions = await deps.store.pathways.listVersions(id);
  let requested: PathwayVersionRecord | undefined;
  if (versions.length === 0) {
    requested = await deps.store.pathways.findVersion(id);
    if (requested) versions = await deps.store.pathways.listVersions(requested.pathwayId);
  }
  const visible = versions.filter((v) => canViewPathwayVersion(actor, v.owner.id, v.status));
  const version = requested
    ? visible.find((v) => v.id === requested.id)
    : (visible.find((v) => v.status === 'published') ?? visible[0]);
  if (!version) throw new NotFound('pathway', id);
  const catalogue = await loadCatalogue(deps.store);
  const role = version.targetRoleId ? await deps.store.pathways.findRole(version.targetRoleId) : undefined;
  const canEdit = canEditPathway(actor, version.owner.id);
  return {
    version,
    versions: visible,
    role: role ?? null,
    catalogue,
    credits: evaluatePathway(version.definition, catalogue, []).root.requiredCredits,
    coverage: role
      ? await namedCoverage(deps.store, roleCoverage(version.definition, catalogue, role))
      : null,
    abilities: {
      edit: canEdit && version.status === 'draft',
      publish: canEdit && version.status === 'draft',
      newVersion: canEdit && version.status === 'published' && !versions.some((v) => v.status === 'draft'),
    },
  };
}

export async function listRoles(deps: Deps) {
  return deps.store.pathways.listRoles();
}

export async function getRole(deps: Deps, id: string) {
  const role = await deps.store.pathways.findRole(id);
  if (!role) throw new NotFound('role profile', id);
  return role;
}
