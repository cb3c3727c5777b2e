import type { Actor } from '../domain/actor.js';
import type { AchievementContent } from '../domain/achievements.js';
import {
  DraftAlreadyOpen,
  isEditable,
  nextStatus,
  VersionNotEditable,
  type WorkflowAction,
} from '../domain/version-workflow.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { compareSemver, isValidSemver, nextVersion, type VersionBump } from '../domain/semver.js';
import {
  canCreateAchievement,
  canEditAchievement,
  canMoveAchievement,
  canRetireAchievement,
  canReviewAchievement,
} from '../policies/achievements.js';
import type { DesignTeam } from '../policies/design-team.js';
import { ensure } from '../policies/ensure.js';
import { prepareVersionWrite } from './achievement-content.js';
import {
  actingUserId as userId,
  checkCollaborators,
  ensureMaySignOff,
  ensureSignedOff,
  reviewComment,
  signOffFor,
} from './design-team.js';
import type { AchievementRecord, Comment, VersionRecord } from './catalogue-ports.js';
import type { Deps, Store } from './ports.js';

export function designTeam(a: AchievementRecord): DesignTeam {
  return { ownerId: a.owner.id, collaboratorIds: a.collaborators.map((c) => c.id) };
}

/** Loads a version with its micro-credential. @throws NotFound */
export async function loadVersion(
  store: Store,
  versionId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ version: VersionRecord; achievement: AchievementRecord }> {
  const version = await store.achievements.findVersion(versionId, options);
  const achievement = version && (await store.achievements.findAchievement(version.achievementId));
  if (!version || !achievement) throw new NotFound('micro-credential version', versionId);
  return { version, achievement };
}

export interface NewAchievement {
  organisationId: string;
  collaboratorIds: string[];
  content: AchievementContent;
  version?: string;
  changeNote?: string;
}

/**
 * Starts a micro-credential as a draft (version 0.1.0 unless given), owned by the author's
 * organisation and co-designed with the collaborating organisations.
 * @throws NotAllowed | InvalidFields | InvalidInput
 */
export async function createAchievement(
  deps: Deps,
  actor: Actor,
  input: NewAchievement,
): Promise<VersionRecord> {
  ensure(
    canCreateAchievement(actor, input.organisationId),
    actor,
    'author micro-credentials for this organisation',
  );
  const version = input.version ?? '0.1.0';
  if (!isValidSemver(version))
    throw new InvalidInput('version', 'Versions look like 1.0.0 (major.minor.patch).');
  return deps.store.transaction(async (store) => {
    const write = await prepareVersionWrite(deps, store, input.content, input.changeNote ?? 'First draft.');
    const collaborators = await checkCollaborators(store, input.organisationId, input.collaboratorIds);
    const achievementId = await store.achievements.insertAchievement({
      ownerOrganisationId: input.organisationId,
      createdBy: userId(actor),
      at: write.at,
    });
    await store.achievements.setCollaborators(achievementId, collaborators);
    const versionId = await store.achievements.insertVersion({
      ...write,
      achievementId,
      version,
      status: 'draft',
      createdBy: userId(actor),
    });
    if (!versionId) throw new Error('a new micro-credential cannot have an open version yet');
    await store.achievements.addTransition(versionId, {
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorUserId: userId(actor),
      note: write.changeNote,
      at: write.at,
    });
    return (await loadVersion(store, versionId)).version;
  });
}

/**
 * Replaces the content of a draft or in-review version. Sign-offs given on the earlier content no
 * longer count (they name its digest).
 * @throws NotFound | NotAllowed | VersionNotEditable | InvalidFields
 */
export async function updateDraft(
  deps: Deps,
  actor: Actor,
  versionId: string,
  input: { content: AchievementContent; changeNote?: string; collaboratorIds?: string[] },
): Promise<VersionRecord> {
  return deps.store.transaction(async (store) => {
    const { version, achievement } = await loadVersion(store, versionId, { forUpdate: true });
    ensure(canEditAchievement(actor, designTeam(achievement)), actor, 'edit this micro-credential');
    if (!isEditable(version.status)) throw new VersionNotEditable(version.version, version.status);
    const write = await prepareVersionWrite(
      deps,
      store,
      input.content,
      input.changeNote ?? version.changeNote,
    );
    await store.achievements.updateVersion(versionId, write);
    if (input.collaboratorIds) {
      await store.achievements.setCollaborators(
        achievement.id,
        await checkCollaborators(store, achievement.owner.id, input.collaboratorIds),
      );
    }
    return (await loadVersion(store, versionId)).version;
  });
}

/**
 * Starts the next version from the published one (or the newest), as a draft with the same
 * content, so authors change only what they mean to.
 * @throws NotFound | NotAllowed | DraftAlreadyOpen
 */
export async function startNewVersion(
  deps: Deps,
  actor: Actor,
  achievementId: string,
  input: { bump: VersionBump; changeNote: string },
): Promise<VersionRecord> {
  return deps.store.transaction(async (store) => {
    const achievement = await store.achievements.findAchievement(achievementId);
    if (!achievement) throw new NotFound('micro-credential', achievementId);
    ensure(
      canMoveAchievement(actor, designTeam(achievement)),
      actor,
      'start a new version of this micro-credential',
    );
    const versions = await store.achievements.listVersions(achievementId);
    const open = versions.find((v) => isEditable(v.status));
    if (open) throw new DraftAlreadyOpen(open.version);
    const base = versions.find((v) => v.status === 'published') ?? versions[0];
    if (!base) throw new NotFound('micro-credential version', achievementId);
    const highest =
      versions
        .map((v) => v.version)
        .sort(compareSemver)
        .at(-1) ?? base.version;
    const write = await prepareVersionWrite(deps, store, base.content, input.changeNote);
    const versionId = await store.achievements.insertVersion({
      ...write,
      achievementId,
      version: nextVersion(highest, input.bump),
      status: 'draft',
      createdBy: userId(actor),
    });
    if (!versionId) throw new DraftAlreadyOpen('in the making');
    await store.achievements.copyBadgeImage(base.id, versionId);
    await store.achievements.addTransition(versionId, {
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      actorUserId: userId(actor),
      note: write.changeNote,
      at: write.at,
    });
    return (await loadVersion(store, versionId)).version;
  });
}

/**
 * Moves a version through the workflow. Publishing checks the sign-offs and supersedes the version
 * published before, in the same transaction.
 * @throws NotFound | NotAllowed | TransitionNotAllowed | SignOffsMissing
 */
export async function moveVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  action: WorkflowAction,
  note = '',
): Promise<VersionRecord> {
  return deps.store.transaction(async (store) => {
    const { version, achievement } = await loadVersion(store, versionId, { forUpdate: true });
    const team = designTeam(achievement);
    ensure(
      action === 'retire' ? canRetireAchievement(actor, team) : canMoveAchievement(actor, team),
      actor,
      `${action.replace(/_/g, ' ')} this micro-credential`,
    );
    const to = nextStatus(version.status, action);
    const now = deps.clock.now();
    if (action === 'publish') {
      const signOffs = await store.achievements.listSignOffs(versionId);
      await ensureSignedOff(store, achievement.owner.id, signOffs, version.contentHash);
      const previous = (await store.achievements.listVersions(achievement.id)).find(
        (v) => v.status === 'published',
      );
      if (previous) {
        await store.achievements.setStatus(previous.id, 'superseded', now);
        await store.achievements.addTransition(previous.id, {
          action: 'supersede',
          fromStatus: 'published',
          toStatus: 'superseded',
          actorUserId: userId(actor),
          note: `Superseded by ${version.version}.`,
          at: now,
        });
      }
    }
    await store.achievements.setStatus(versionId, to, now);
    await store.achievements.addTransition(versionId, {
      action,
      fromStatus: version.status,
      toStatus: to,
      actorUserId: userId(actor),
      note: note.trim(),
      at: now,
    });
    return (await loadVersion(store, versionId)).version;
  });
}

/**
 * Records the actor's sign-off, for one of their organisations in the design team, on the
 * version's current content.
 * @throws NotFound | NotAllowed | VersionNotEditable
 */
export async function signOffVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  organisationId: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const { version, achievement } = await loadVersion(store, versionId, { forUpdate: true });
    ensureMaySignOff(actor, designTeam(achievement), organisationId);
    if (!isEditable(version.status)) throw new VersionNotEditable(version.version, version.status);
    await store.achievements.addSignOff(
      versionId,
      await signOffFor(store, actor, organisationId, version.contentHash, deps.clock.now()),
    );
  });
}

/** @throws NotFound | NotAllowed | VersionNotEditable | InvalidInput */
export async function commentOnVersion(
  deps: Deps,
  actor: Actor,
  versionId: string,
  body: string,
): Promise<Comment> {
  const { version, achievement } = await loadVersion(deps.store, versionId);
  ensure(canReviewAchievement(actor, designTeam(achievement)), actor, 'comment on this micro-credential');
  if (actor.kind !== 'user') throw new Error('unreachable: the policy admits only people');
  if (!isEditable(version.status)) throw new VersionNotEditable(version.version, version.status);
  return deps.store.achievements.addComment(versionId, reviewComment(actor, body, deps.clock.now()));
}
