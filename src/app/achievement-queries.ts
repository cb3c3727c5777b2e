import type { Actor } from '../domain/actor.js';
import { missingSignOffKinds, DEFAULT_REQUIRED_SIGN_OFF_KINDS } from '../domain/version-workflow.js';
import { NotFound } from '../domain/errors.js';
import type { OrganisationKind } from '../domain/identity.js';
import { canViewVersion } from '../policies/achievements.js';
import type { DesignTeam } from '../policies/design-team.js';
import { designTeam, loadVersion } from './achievement-authoring.js';
import type {
  AchievementRecord,
  Comment,
  CompetencyRef,
  Endorsement,
  StoredSignOff,
  Transition,
  VersionRecord,
} from './catalogue-ports.js';
import type { Deps } from './ports.js';

export interface AchievementDetail {
  achievement: AchievementRecord;
  team: DesignTeam;
  /** The version asked for: by version id, that one; by micro-credential id, the published one (or,
   * for its design team, the newest). */
  version: VersionRecord;
  /** Every version the caller may see, newest first. */
  versions: VersionRecord[];
  endorsements: Endorsement[];
  competencies: CompetencyRef[];
  signOffs: StoredSignOff[];
  requiredSignOffKinds: OrganisationKind[];
  missingSignOffKinds: OrganisationKind[];
  comments: Comment[];
  transitions: Transition[];
}

/**
 * One micro-credential by its own id or by a version's id. Unpublished versions are visible only
 * to the design team and reviewers; to anyone else they do not exist.
 * @throws NotFound
 */
export async function getAchievement(deps: Deps, actor: Actor, id: string): Promise<AchievementDetail> {
  const store = deps.store;
  let achievement = await store.achievements.findAchievement(id);
  let requested: VersionRecord | undefined;
  if (!achievement) {
    const byVersion = await store.achievements.findVersion(id);
    if (byVersion) {
      requested = byVersion;
      achievement = await store.achievements.findAchievement(byVersion.achievementId);
    }
  }
  if (!achievement) throw new NotFound('micro-credential', id);
  const team = designTeam(achievement);
  const versions = (await store.achievements.listVersions(achievement.id)).filter((v) =>
    canViewVersion(actor, team, v.status),
  );
  const version = requested
    ? versions.find((v) => v.id === requested.id)
    : (versions.find((v) => v.status === 'published') ?? versions[0]);
  if (!version) throw new NotFound('micro-credential', id);
  const frameworkIds = [...new Set(version.content.competencies.map((c) => c.frameworkId))];
  const [endorsements, refs, signOffs, comments, transitions, required] = await Promise.all([
    store.achievements.listEndorsements([version.id]),
    store.frameworks.competencies(
      frameworkIds,
      version.content.competencies.map((c) => c.code),
    ),
    store.achievements.listSignOffs(version.id),
    store.achievements.listComments(version.id),
    store.achievements.listTransitions(version.id),
    store.organisations.requiredSignOffKinds(achievement.owner.id),
  ]);
  const wanted = new Set(version.content.competencies.map((c) => `${c.frameworkId}:${c.code.toUpperCase()}`));
  const requiredKinds = required.length > 0 ? required : [...DEFAULT_REQUIRED_SIGN_OFF_KINDS];
  return {
    achievement,
    team,
    version,
    versions,
    endorsements,
    competencies: refs.filter((r) => wanted.has(`${r.frameworkId}:${r.code.toUpperCase()}`)),
    signOffs,
    requiredSignOffKinds: requiredKinds,
    missingSignOffKinds: missingSignOffKinds(requiredKinds, signOffs, version.contentHash),
    comments,
    transitions,
  };
}

/**
 * Two versions of one micro-credential, for a readable diff. Both must be visible to the caller.
 * @throws NotFound
 */
export async function getVersionPair(
  deps: Deps,
  actor: Actor,
  fromVersionId: string,
  toVersionId: string,
): Promise<{ from: VersionRecord; to: VersionRecord }> {
  const from = await loadVersion(deps.store, fromVersionId);
  const to = await loadVersion(deps.store, toVersionId);
  const visible = (v: { version: VersionRecord; achievement: AchievementRecord }) =>
    canViewVersion(actor, designTeam(v.achievement), v.version.status);
  if (!visible(from)) throw new NotFound('micro-credential version', fromVersionId);
  if (!visible(to) || to.version.achievementId !== from.version.achievementId) {
    throw new NotFound('micro-credential version', toVersionId);
  }
  return { from: from.version, to: to.version };
}

/** The micro-credentials the actor's organisations own or co-design, newest change first. */
export async function listMyAchievements(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') return [];
  return deps.store.achievements.listForOrganisations([...actor.rolesByOrganisation.keys()]);
}
