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
import {
  canonicalJson,
  DraftAlreadyOpen,
  isEditable,
  missingSignOffKinds,
  nextStatus,
  TransitionNotAllowed,
  type WorkflowAction,
} from '../domain/version-workflow.js';
import type { DesignTeam } from '../policies/design-team.js';
import {
  canCreatePathway,
  canEditPathway,
  canRetirePathway,
  canReviewPathway,
  canViewPathwayVersion,
  pathwayAbilities,
} from '../policies/pathways.js';
import { ensure } from '../policies/ensure.js';
import { prepareVersionWrite } from './achievement-content.js';
import type { Comment } from './catalogue-ports.js';
import {
  actingUserId,
  checkCollaborators,
  ensureMaySignOff,
  ensureSignedOff,
  ownerRequiredSignOffKinds,
  reviewComment,
  signOffFor,
} from './design-team.js';
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
  /** Organisations co-designing the pathway; left as they are when absent. */
  collaboratorIds?: string[];
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

type SignedContent = Omit<PathwayVersionWrite, 'componentIds' | 'changeNote' | 'contentHash'>;

/** What sign-offs speak for: everything a learner or an issuer reads, not the change note. */
function contentHash(deps: Deps, c: SignedContent): string {
  return deps.secrets.digest(
    canonicalJson({
      title: c.title,
      summary: c.summary,
      audience: c.audience,
      targetRoleId: c.targetRoleId,
      definition: c.definition,
      stackTitle: c.stackTitle,
      stackDescription: c.stackDescription,
      revocationPolicy: c.revocationPolicy,
    }),
  );
}

/** Validates everything and works out what storage keeps beside the tree. @throws InvalidFields, NotFound */
async function prepare(
  deps: Deps,
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
  const content: SignedContent = {
    title: input.title.trim(),
    summary: input.summary.trim(),
    audience: input.audience.trim(),
    targetRoleId: role?.id ?? null,
    definition: input.definition,
    stackTitle: input.stackTitle.trim(),
    stackDescription: input.stackDescription.trim(),
    revocationPolicy: input.revocationPolicy,
  };
  return {
    ...content,
    componentIds: componentAchievementIds(input.definition.requirements, catalogue),
    changeNote: (input.changeNote ?? '').trim(),
    contentHash: contentHash(deps, content),
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

/** The owner and the organisations co-designing the pathway. */
async function designTeam(store: Store, version: PathwayVersionRecord): Promise<DesignTeam> {
  const collaborators = await store.pathways.listCollaborators(version.pathwayId);
  return { ownerId: version.owner.id, collaboratorIds: collaborators.map((c) => c.id) };
}

/**
 * Starts a pathway as a draft (version 1.0.0), owned by the organisation and co-designed with the
 * collaborating ones. Without an actor the platform itself starts it (demo data, benchmarks).
 * @throws NotAllowed, InvalidFields
 */
export async function createPathway(
  deps: Deps,
  actor: Actor | undefined,
  input: PathwayInput & { organisationId: string; key?: string },
): Promise<PathwayVersionRecord> {
  if (actor)
    ensure(canCreatePathway(actor, input.organisationId), actor, 'design pathways for this organisation');
  const write = await prepare(deps, deps.store, input);
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
    await store.pathways.setCollaborators(
      pathwayId,
      await checkCollaborators(store, input.organisationId, input.collaboratorIds ?? []),
    );
    await store.pathways.insertVersion({
      ...write,
      id: versionId,
      pathwayId,
      version: '1.0.0',
      status: 'draft',
      createdBy: actingUserId(actor),
      at: now,
    });
    await store.pathways.addTransition(versionId, {
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorUserId: actingUserId(actor),
      note: write.changeNote,
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

/**
 * Changes a draft or a version in review. Sign-offs given on the earlier content no longer count
 * (they name its digest), so reviewers sign what will be published.
 * @throws NotFound, NotAllowed, PathwayNotEditable, InvalidFields
 */
export async function updatePathwayVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  input: PathwayInput,
): Promise<PathwayVersionRecord> {
  await deps.store.transaction(async (store) => {
    const current = await mustFind(store, versionId, true);
    const team = await designTeam(store, current);
    ensure(canEditPathway(actor, team), actor, 'edit this pathway');
    if (!isEditable(current.status)) {
      throw new PathwayNotEditable(
        `Version ${current.version} is ${current.status}: a published pathway never changes. Start a new version to change it.`,
      );
    }
    const write = await prepare(deps, store, input);
    await store.pathways.updateVersion(versionId, { ...write, at: deps.clock.now() });
    if (input.collaboratorIds) {
      await store.pathways.setCollaborators(
        current.pathwayId,
        await checkCollaborators(store, team.ownerId, input.collaboratorIds),
      );
    }
  });
  return mustFind(deps.store, versionId);
}

/**
 * Moves a version through the workflow: submit for review, return to draft, publish or retire.
 * @throws NotFound, NotAllowed, TransitionNotAllowed, SignOffsMissing, InvalidFields
 */
export async function movePathwayVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  action: WorkflowAction,
  note = '',
): Promise<PathwayVersionRecord> {
  if (action === 'publish') return publishPathwayVersion(deps, actor, versionId, note);
  if (action === 'retire') return retirePathwayVersion(deps, actor, versionId, note);
  await deps.store.transaction(async (store) => {
    const version = await mustFind(store, versionId, true);
    ensure(
      canEditPathway(actor, await designTeam(store, version)),
      actor,
      `${action.replace(/_/g, ' ')} this pathway`,
    );
    const to = nextStatus(version.status, action);
    const now = deps.clock.now();
    await store.pathways.moveVersion(versionId, version.status, to, now);
    await store.pathways.addTransition(versionId, {
      action,
      fromStatus: version.status,
      toStatus: to,
      actorUserId: actingUserId(actor),
      note: note.trim(),
      at: now,
    });
  });
  return mustFind(deps.store, versionId);
}

/**
 * Records the actor's sign-off, for one of their organisations in the design team, on the
 * version's current content.
 * @throws NotFound, NotAllowed, PathwayNotEditable
 */
export async function signOffPathwayVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  organisationId: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const version = await mustFind(store, versionId, true);
    ensureMaySignOff(actor, await designTeam(store, version), organisationId);
    if (!isEditable(version.status)) {
      throw new PathwayNotEditable(`Version ${version.version} is ${version.status}; sign-offs are closed.`);
    }
    await store.pathways.addSignOff(
      versionId,
      await signOffFor(store, actor, organisationId, version.contentHash, deps.clock.now()),
    );
  });
}

/** @throws NotFound, NotAllowed, PathwayNotEditable, InvalidInput */
export async function commentOnPathwayVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  body: string,
): Promise<Comment> {
  const version = await mustFind(deps.store, versionId);
  ensure(canReviewPathway(actor, await designTeam(deps.store, version)), actor, 'comment on this pathway');
  if (actor.kind !== 'user') throw new Error('unreachable: the policy admits only people');
  if (!isEditable(version.status)) {
    throw new PathwayNotEditable(`Version ${version.version} is ${version.status}; comments are closed.`);
  }
  return deps.store.pathways.addComment(versionId, reviewComment(actor, body, deps.clock.now()));
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
 * Publishes a version in review once the design team signed off its current content: checks it
 * against today's catalogue, supersedes the published version, publishes the stacked credential's
 * achievement version, and brings learners' progress up to date.
 *
 * Without an actor the platform itself publishes pathways it loads (demo data, benchmarks): there
 * is no design team to sign off, so a draft goes straight out and the history says who did it.
 * @throws NotFound, NotAllowed, TransitionNotAllowed, SignOffsMissing, PathwayNotEditable, InvalidFields
 */
export async function publishPathwayVersion(
  deps: Deps,
  actor: Actor | undefined,
  versionId: string,
  note = '',
): Promise<PathwayVersionRecord> {
  const draft = await mustFind(deps.store, versionId);
  const team = await designTeam(deps.store, draft);
  const allowed = (status: PathwayVersionRecord['status']) => {
    if (actor) nextStatus(status, 'publish');
    else if (!isEditable(status)) throw new TransitionNotAllowed('publish', status);
  };
  if (actor) ensure(canEditPathway(actor, team), actor, 'publish this pathway');
  allowed(draft.status);
  const catalogue = await loadCatalogue(deps.store);
  checkPathwayDefinition(draft.definition, catalogue);
  const now = deps.clock.now();
  const content = await stackContent(deps.store, draft, catalogue);
  await deps.store.transaction(async (store) => {
    const locked = await mustFind(store, versionId, true);
    allowed(locked.status);
    // The stacked credential above was made from what was read before the lock.
    if (locked.contentHash !== draft.contentHash) {
      throw new PathwayNotEditable('This version changed while it was being published; look again.');
    }
    if (actor) {
      await ensureSignedOff(
        store,
        team.ownerId,
        await store.pathways.listSignOffs(versionId),
        locked.contentHash,
      );
    }
    for (const v of await store.pathways.listVersions(locked.pathwayId)) {
      if (v.status !== 'published') continue;
      await store.pathways.moveVersion(v.id, 'published', 'superseded', now);
      await store.pathways.addTransition(v.id, {
        action: 'supersede',
        fromStatus: 'published',
        toStatus: 'superseded',
        actorUserId: actingUserId(actor),
        note: `Superseded by ${locked.version}.`,
        at: now,
      });
    }
    await store.pathways.moveVersion(versionId, locked.status, 'published', now);
    await store.pathways.addTransition(versionId, {
      action: 'publish',
      fromStatus: locked.status,
      toStatus: 'published',
      actorUserId: actingUserId(actor),
      note: actor ? note.trim() : note.trim() || 'Published by the platform.',
      at: now,
    });
    // The stacked credential: one achievement per pathway, one version per pathway version.
    let achievementId = locked.stackAchievementId;
    if (!achievementId) {
      achievementId = await store.achievements.insertAchievement({
        ownerOrganisationId: locked.owner.id,
        createdBy: actingUserId(actor),
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
      createdBy: actingUserId(actor),
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

/**
 * Starts a draft from the published version (minor bump), with the same content and design team.
 * @throws NotFound, NotAllowed, DraftAlreadyOpen
 */
export async function newPathwayVersion(
  deps: Deps,
  actor: Actor,
  pathwayId: string,
  changeNote: string,
): Promise<PathwayVersionRecord> {
  const versions = await deps.store.pathways.listVersions(pathwayId);
  const base = versions.find((v) => v.status === 'published') ?? versions[0];
  if (!base) throw new NotFound('pathway', pathwayId);
  ensure(canEditPathway(actor, await designTeam(deps.store, base)), actor, 'edit this pathway');
  const open = versions.find((v) => isEditable(v.status));
  if (open) throw new DraftAlreadyOpen(open.version);
  const id = deps.secrets.uuid();
  const taken = new Set(versions.map((v) => v.version));
  let version = nextVersion(base.version, 'minor');
  while (taken.has(version)) version = nextVersion(version, 'minor');
  const now = deps.clock.now();
  await deps.store.transaction(async (store) => {
    const inserted = await store.pathways.insertVersion({
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
      contentHash: contentHash(deps, base),
      createdBy: actingUserId(actor),
      at: now,
    });
    if (!inserted) throw new DraftAlreadyOpen('in the making');
    await store.pathways.addTransition(id, {
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorUserId: actingUserId(actor),
      note: changeNote.trim(),
      at: now,
    });
  });
  return mustFind(deps.store, id);
}

/** @throws NotFound, NotAllowed, TransitionNotAllowed */
export async function retirePathwayVersion(deps: Deps, actor: Actor, versionId: string, note = '') {
  await deps.store.transaction(async (store) => {
    const v = await mustFind(store, versionId, true);
    ensure(canRetirePathway(actor, await designTeam(store, v)), actor, 'retire this pathway');
    const to = nextStatus(v.status, 'retire');
    const now = deps.clock.now();
    await store.pathways.moveVersion(versionId, v.status, to, now);
    await store.pathways.addTransition(versionId, {
      action: 'retire',
      fromStatus: v.status,
      toStatus: to,
      actorUserId: actingUserId(actor),
      note: note.trim(),
      at: now,
    });
  });
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
  const first = versions[0];
  if (!first) throw new NotFound('pathway', id);
  const collaborators = await deps.store.pathways.listCollaborators(first.pathwayId);
  const team: DesignTeam = { ownerId: first.owner.id, collaboratorIds: collaborators.map((c) => c.id) };
  const visible = versions.filter((v) => canViewPathwayVersion(actor, team, v.status));
  const version = requested
    ? visible.find((v) => v.id === requested.id)
    : (visible.find((v) => v.status === 'published') ?? visible[0]);
  if (!version) throw new NotFound('pathway', id);
  const catalogue = await loadCatalogue(deps.store);
  const role = version.targetRoleId ? await deps.store.pathways.findRole(version.targetRoleId) : undefined;
  return {
    version,
    versions: visible,
    collaborators,
    role: role ?? null,
    catalogue,
    credits: evaluatePathway(version.definition, catalogue, []).root.requiredCredits,
    coverage: role
      ? await namedCoverage(deps.store, roleCoverage(version.definition, catalogue, role))
      : null,
    // Sign-offs, comments and history are the design team's working papers.
    review: canReviewPathway(actor, team) ? await reviewOf(deps.store, version) : null,
    abilities: pathwayAbilities(
      actor,
      team,
      version.status,
      versions.some((v) => isEditable(v.status)),
    ),
  };
}

async function reviewOf(store: Store, version: PathwayVersionRecord) {
  const [signOffs, comments, transitions, required] = await Promise.all([
    store.pathways.listSignOffs(version.id),
    store.pathways.listComments(version.id),
    store.pathways.listTransitions(version.id),
    ownerRequiredSignOffKinds(store, version.owner.id),
  ]);
  return {
    signOffs,
    comments,
    transitions,
    requiredSignOffKinds: required,
    missingSignOffKinds: missingSignOffKinds(required, signOffs, version.contentHash),
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
