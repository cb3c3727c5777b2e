/**
 * Each learner's standing on each pathway, kept up to date incrementally: a credential event
 * re-evaluates only its holder's pathways that contain its micro-credential. A satisfied pathway
 * issues its stacked credential exactly once; a component revoked later may suspend it.
 */
import type { Actor } from '../domain/actor.js';
import type { CredentialRecord } from '../domain/credentials.js';
import { NotFound, SignInRequired } from '../domain/errors.js';
import { evaluatePathway, type ChoicePlace, type NodeProgress } from '../domain/pathway-progress.js';
import type {
  CatalogueEntry,
  HeldCredential,
  PathwayVersionRecord,
  ProgressRecord,
  Requirement,
} from '../domain/pathways.js';
import { changeCredentialStatus } from './credential-status.js';
import { issueCredential } from './issue-credential.js';
import { loadCatalogue } from './pathways.js';
import type { Deps } from './ports.js';
import { publicUrls } from './public-urls.js';

/** Learners evaluated per round trip when many are refreshed at once (a bulk import). */
const BATCH = 500;

const stackAwardId = (pathwayId: string, learnerId: string) => `stack:${pathwayId}:${learnerId}`;

/**
 * Re-evaluates these learners on the published pathways that contain `achievementIds` (all their
 * pathways when omitted), stores the result, and issues or suspends stacked credentials.
 */
export async function refreshLearners(
  deps: Deps,
  learnerIds: readonly string[],
  options: { achievementIds?: readonly string[]; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ evaluated: number; written: number; awarded: number }> {
  const unique = [...new Set(learnerIds)];
  if (unique.length === 0) return { evaluated: 0, written: 0, awarded: 0 };
  const versions = options.achievementIds
    ? await deps.store.pathways.publishedContaining(options.achievementIds)
    : await deps.store.pathways.listPublished();
  if (versions.length === 0) return { evaluated: 0, written: 0, awarded: 0 };
  // A published version's components are every micro-credential its tree can use.
  const catalogue = await loadCatalogue(deps.store, [...new Set(versions.flatMap((v) => v.componentIds))]);
  const componentsOf = new Map(versions.map((v) => [v.id, new Set(v.componentIds)]));
  let evaluated = 0;
  let written = 0;
  let awarded = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const now = deps.clock.now();
    const [held, previous] = await Promise.all([
      deps.store.pathways.heldCredentials(batch, now),
      deps.store.pathways.progressForLearners(batch),
    ]);
    const before = new Map(previous.map((p) => [`${p.learnerId}:${p.pathwayVersionId}`, p]));
    const records: Omit<ProgressRecord, 'stackCredentialId'>[] = [];
    const changes: {
      learnerId: string;
      version: PathwayVersionRecord;
      met: boolean;
      was: ProgressRecord | undefined;
      metBy: string[];
    }[] = [];
    for (const learnerId of batch) {
      const mine = held.get(learnerId) ?? [];
      for (const version of versions) {
        // Only pathways the learner has started (holds a component of) get an entry.
        const components = componentsOf.get(version.id);
        const relevant = mine.filter((c) => components?.has(c.achievementId));
        const was = before.get(`${learnerId}:${version.id}`);
        if (relevant.length === 0 && !was) continue;
        const result = evaluatePathway(version.definition, catalogue, relevant);
        const metBy = [...new Set(result.metRequirements.flatMap((n) => n.metBy))];
        evaluated++;
        // A re-run import mostly finds what is stored already: only changes are written.
        const unchanged =
          was?.percentComplete === result.percentComplete &&
          was.met === result.met &&
          sameMembers(was.credentialIds, metBy);
        if (!unchanged)
          records.push({
            learnerId,
            pathwayVersionId: version.id,
            percentComplete: result.percentComplete,
            met: result.met,
            credentialIds: metBy,
            updatedAt: now,
          });
        if (result.met || was?.met || was?.stackCredentialId)
          changes.push({ learnerId, version, met: result.met, was, metBy });
      }
    }
    await deps.store.pathways.upsertProgress(records);
    written += records.length;
    for (const change of changes) {
      if (await settleStack(deps, change)) awarded++;
    }
    options.onProgress?.(Math.min(i + BATCH, unique.length), unique.length);
  }
  return { evaluated, written, awarded };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/**
 * Issues the stacked credential of a satisfied pathway (exactly once: the award names the pathway
 * and the learner), and applies the pathway's revocation policy when it stops being satisfied.
 * @returns whether a stacked credential was issued now
 */
async function settleStack(
  deps: Deps,
  change: {
    learnerId: string;
    version: PathwayVersionRecord;
    met: boolean;
    was: ProgressRecord | undefined;
    metBy: string[];
  },
): Promise<boolean> {
  const { version, learnerId } = change;
  const stackCredentialId = change.was?.stackCredentialId ?? null;
  if (change.met) {
    if (stackCredentialId) {
      const existing = await deps.store.credentials.findById(stackCredentialId);
      if (existing?.suspendedAt && !existing.revokedAt && version.revocationPolicy === 'suspend') {
        await changeCredentialStatus(
          deps,
          undefined,
          stackCredentialId,
          'reinstate',
          'Every requirement of the pathway is met again.',
        );
      }
      return false;
    }
    if (!version.stackVersionId) return false;
    const learner = await deps.store.users.findById(learnerId);
    if (!learner) return false;
    const urls = publicUrls(deps.config.publicUrl);
    const { credential, created } = await issueCredential(deps, undefined, {
      achievementId: version.stackVersionId,
      versionEarned: true,
      recipientEmail: learner.email,
      recipientName: learner.name,
      awardId: stackAwardId(version.pathwayId, learnerId),
      route: 'direct',
      evidence: change.metBy.map((id) => ({
        id: urls.credentialPage(id),
        name: 'A credential counted towards this stack',
        genre: 'Credential',
      })),
    });
    await deps.store.pathways.setStackCredential(learnerId, version.id, credential.id);
    return created;
  }
  if (!stackCredentialId || version.revocationPolicy !== 'suspend') return false;
  const existing = await deps.store.credentials.findById(stackCredentialId);
  if (existing && !existing.suspendedAt && !existing.revokedAt) {
    await changeCredentialStatus(
      deps,
      undefined,
      stackCredentialId,
      'suspend',
      `A credential this stack relies on no longer counts, so "${version.title}" is no longer complete.`,
    );
  }
  return false;
}

/** After a credential is issued or changes status: refresh its holder's affected pathways. */
export async function refreshForCredential(deps: Deps, credential: CredentialRecord): Promise<void> {
  const learnerId =
    credential.recipientUserId ?? (await deps.store.users.findByEmail(credential.recipientEmail))?.id;
  if (!learnerId) return;
  await refreshLearners(deps, [learnerId], { achievementIds: [credential.achievementId] });
}

/** Credentials that expired in (since, until]: their holders' progress drops. */
export async function refreshExpired(deps: Deps, since: Date, until: Date): Promise<number> {
  const expired = await deps.store.pathways.learnersWithExpiries(since, until);
  for (const e of expired) await refreshLearners(deps, [e.learnerId], { achievementIds: [e.achievementId] });
  return expired.length;
}

type NodeState = 'done' | 'in_progress' | 'available' | 'locked';

function label(
  node: NodeProgress,
  def: Requirement | undefined,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
): string {
  if (!def) return node.id;
  switch (def.kind) {
    case 'achievement': {
      const e = catalogue.get(def.achievementId);
      return e ? `${e.code} ${e.title}` : def.achievementId;
    }
    case 'competency':
      return `${def.code} at level ${String(def.minLevel)} or above`;
    case 'all':
      return def.label ?? 'All of';
    case 'n_of':
      return def.label ?? `Choose ${String(def.n)}`;
  }
}

function index(req: Requirement, into = new Map<string, Requirement>()): Map<string, Requirement> {
  into.set(req.id, req);
  if (req.kind === 'all' || req.kind === 'n_of') for (const i of req.items) index(i, into);
  return into;
}

/** The caller's progress on one pathway, with every node's state for the map. @throws NotFound, SignInRequired */
export async function getMyProgress(deps: Deps, actor: Actor, pathwayOrVersionId: string) {
  if (actor.kind !== 'user') throw new SignInRequired();
  const learnerId = actor.user.id;
  let version = (await deps.store.pathways.listVersions(pathwayOrVersionId)).find(
    (v) => v.status === 'published',
  );
  if (!version) {
    const byId = await deps.store.pathways.findVersion(pathwayOrVersionId);
    if (byId && byId.status !== 'draft') version = byId;
  }
  if (!version) throw new NotFound('pathway', pathwayOrVersionId);
  const catalogue = await loadCatalogue(deps.store);
  const held =
    (await deps.store.pathways.heldCredentials([learnerId], deps.clock.now())).get(learnerId) ?? [];
  const result = evaluatePathway(version.definition, catalogue, held);
  const defs = index(version.definition.requirements);
  const titles = new Map(
    held.map((h) => [h.credentialId, catalogue.get(h.achievementId)?.title ?? 'Credential']),
  );
  // Live submissions make a step "in progress".
  const working = new Set(
    (await deps.store.assessment.listSubmissionsForLearner(learnerId))
      .filter((s) => ['draft', 'submitted', 'awaiting_moderation', 'appealed'].includes(s.state))
      .map((s) => s.achievementId),
  );
  const met = new Set<string>();
  const collect = (n: NodeProgress) => {
    if (n.met) met.add(n.id);
    n.children.forEach(collect);
  };
  collect(result.root);
  const prerequisites = version.definition.prerequisites;
  const stateOf = (n: NodeProgress): NodeState => {
    if (n.met) return 'done';
    const blockers = prerequisites.filter((p) => p.step === n.id).flatMap((p) => p.after);
    if (blockers.some((b) => !met.has(b))) return 'locked';
    const def = defs.get(n.id);
    if (def?.kind === 'achievement' && working.has(def.achievementId)) return 'in_progress';
    if (n.earnedCredits > 0) return 'in_progress';
    return 'available';
  };
  const present = (n: NodeProgress): PresentedNode => ({
    id: n.id,
    kind: n.kind,
    title: label(n, defs.get(n.id), catalogue),
    met: n.met,
    requiredCredits: n.requiredCredits,
    earnedCredits: n.earnedCredits,
    metBy: n.metBy.map((id) => ({ credentialId: id, title: titles.get(id) ?? 'Credential' })),
    state: stateOf(n),
    options: n.options,
    choice: n.choice,
    children: n.children.map(present),
  });
  const stored = await deps.store.pathways.findProgress(learnerId, version.id);
  return {
    version,
    percentComplete: result.percentComplete,
    met: result.met,
    tree: present(result.root),
    metRequirements: result.metRequirements.map(present),
    remaining: result.remaining.map(present),
    stackCredentialId: stored?.stackCredentialId ?? null,
  };
}

export interface PresentedNode {
  id: string;
  kind: string;
  title: string;
  met: boolean;
  requiredCredits: number;
  earnedCredits: number;
  metBy: { credentialId: string; title: string }[];
  state: NodeState;
  options: { achievementId: string; code: string; title: string; credits: number }[];
  /** For an option of a "choose N" group: the group, and how many of its options are still needed. */
  choice: ChoicePlace | null;
  children: PresentedNode[];
}

/** The caller's percentage on every published pathway. */
export async function listMyPathways(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new SignInRequired();
  const learnerId = actor.user.id;
  const [versions, catalogue, held, stored] = await Promise.all([
    deps.store.pathways.listPublished(),
    loadCatalogue(deps.store),
    deps.store.pathways.heldCredentials([learnerId], deps.clock.now()),
    deps.store.pathways.progressForLearner(learnerId),
  ]);
  const mine: HeldCredential[] = held.get(learnerId) ?? [];
  return versions.map((v) => {
    const r = evaluatePathway(v.definition, catalogue, mine);
    return {
      version: v,
      percentComplete: r.percentComplete,
      met: r.met,
      stackCredentialId: stored.find((p) => p.pathwayVersionId === v.id)?.stackCredentialId ?? null,
    };
  });
}
