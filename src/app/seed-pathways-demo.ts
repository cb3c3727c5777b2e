/**
 * The demo's roles, pathways and learners' standing on them: role profiles, the four pathways
 * (published, so each has its stacked credential), the badges the demo learners already earned
 * (issued for real, so their progress is what Cairn computes), their targets and self-assessments.
 * One pathway also has its next version in review, awaiting a sign-off, made by the demo authors
 * through the same use cases as in the app, so a newcomer sees the co-authoring workflow at work.
 */
import type { Actor } from '../domain/actor.js';
import type { CredentialRoute } from '../domain/credentials.js';
import type { Requirement, RevocationPolicy } from '../domain/pathways.js';
import { issueCredential } from './issue-credential.js';
import {
  commentOnPathwayVersion,
  createPathway,
  movePathwayVersion,
  newPathwayVersion,
  publishPathwayVersion,
  signOffPathwayVersion,
  updatePathwayVersion,
} from './pathways.js';
import type { Deps } from './ports.js';

type DemoRequirement =
  | { id: string; kind: 'all'; label?: string; items: DemoRequirement[] }
  | { id: string; kind: 'n_of'; n: number; label?: string; items: DemoRequirement[] }
  | { id: string; kind: 'achievement'; microCredential: string; minVersion?: string };

export interface DemoPathways {
  roles: {
    key: string;
    title: string;
    summary: string;
    careerLevel: string;
    careerRank: number;
    requirements: { code: string; level: number; importance: 'core' | 'supporting' }[];
    next: string[];
  }[];
  pathways: {
    key: string;
    owner: string;
    /** Organisations co-designing it (keys). */
    collaborators?: string[];
    title: string;
    summary: string;
    audience: string;
    targetRole: string;
    stackTitle: string;
    stackDescription: string;
    revocationPolicy: RevocationPolicy;
    requirements: DemoRequirement;
    sequence: string[];
    prerequisites: { step: string; after: string[] }[];
  }[];
  /** A pathway's next version, started, changed, submitted and partly signed off by demo authors. */
  openReviews?: {
    pathway: string;
    startedBy: string;
    changeNote: string;
    contentChanges: { summary?: string; audience?: string };
    submittedBy: string;
    signOffs: { person: string; organisation: string }[];
    comments: { person: string; body: string }[];
  }[];
  earned: {
    person: string;
    microCredential: string;
    version: string | null;
    date: string;
    route: CredentialRoute;
  }[];
  targets: { person: string; pathway: string }[];
  selfAssessments: { person: string; items: { code: string; level: number }[] }[];
}

export async function seedPathwaysDemo(
  deps: Deps,
  data: DemoPathways,
  refs: {
    frameworkId: string;
    organisations: ReadonlyMap<string, string>;
    people: ReadonlyMap<string, { id: string; email: string }>;
    microCredentials: ReadonlyMap<string, string>;
  },
): Promise<void> {
  const achievement = (key: string) => {
    const id = refs.microCredentials.get(key);
    if (!id) throw new Error(`Demo pathways name unknown micro-credential ${key}`);
    return id;
  };
  const organisation = (key: string) => {
    const id = refs.organisations.get(key);
    if (!id) throw new Error(`Demo pathways name unknown organisation ${key}`);
    return id;
  };
  const actorOf = async (key: string): Promise<Actor> => {
    const ref = refs.people.get(key);
    const user = ref && (await deps.store.users.findById(ref.id));
    if (!user) throw new Error(`Demo pathways name unknown person ${key}`);
    return { kind: 'user', user, rolesByOrganisation: await deps.store.memberships.rolesOf(user.id) };
  };
  const now = deps.clock.now();
  for (const r of data.roles) {
    await deps.store.pathways.insertRole({
      id: deps.secrets.uuid(),
      key: r.key,
      title: r.title,
      summary: r.summary,
      careerLevel: r.careerLevel,
      careerRank: r.careerRank,
      requirements: r.requirements.map((q) => ({ ...q, frameworkId: refs.frameworkId })),
      nextRoleIds: [],
      ownerOrganisationId: null,
      at: now,
    });
  }
  const roleId = new Map((await deps.store.pathways.listRoles()).map((r) => [r.key, r.id]));
  for (const r of data.roles) {
    const id = roleId.get(r.key);
    if (id)
      await deps.store.pathways.setNextRoles(
        id,
        r.next.flatMap((k) => roleId.get(k) ?? []),
      );
  }

  const tree = (node: DemoRequirement): Requirement =>
    node.kind === 'achievement'
      ? {
          id: node.id,
          kind: 'achievement',
          achievementId: achievement(node.microCredential),
          ...(node.minVersion ? { minVersion: node.minVersion } : {}),
        }
      : { ...node, items: node.items.map(tree) };
  const pathwayIds = new Map<string, string>();
  for (const p of data.pathways) {
    const draft = await createPathway(deps, undefined, {
      key: p.key,
      organisationId: organisation(p.owner),
      collaboratorIds: (p.collaborators ?? []).map(organisation),
      title: p.title,
      summary: p.summary,
      audience: p.audience,
      targetRoleId: roleId.get(p.targetRole) ?? null,
      definition: {
        requirements: tree(p.requirements),
        sequence: p.sequence,
        prerequisites: p.prerequisites,
      },
      stackTitle: p.stackTitle,
      stackDescription: p.stackDescription,
      revocationPolicy: p.revocationPolicy,
      changeNote: 'First published pathway.',
    });
    await publishPathwayVersion(deps, undefined, draft.id);
    pathwayIds.set(p.key, draft.pathwayId);
  }

  for (const r of data.openReviews ?? []) {
    const pathwayId = pathwayIds.get(r.pathway);
    if (!pathwayId) throw new Error(`Demo review names unknown pathway ${r.pathway}`);
    const author = await actorOf(r.startedBy);
    const v = await newPathwayVersion(deps, author, pathwayId, r.changeNote);
    await updatePathwayVersion(deps, author, v.id, {
      title: v.title,
      summary: r.contentChanges.summary ?? v.summary,
      audience: r.contentChanges.audience ?? v.audience,
      targetRoleId: v.targetRoleId,
      definition: v.definition,
      stackTitle: v.stackTitle,
      stackDescription: v.stackDescription,
      revocationPolicy: v.revocationPolicy,
      changeNote: r.changeNote,
    });
    await movePathwayVersion(deps, await actorOf(r.submittedBy), v.id, 'submit');
    for (const s of r.signOffs) {
      await signOffPathwayVersion(deps, await actorOf(s.person), v.id, organisation(s.organisation));
    }
    for (const c of r.comments) {
      await commentOnPathwayVersion(deps, await actorOf(c.person), v.id, c.body);
    }
  }

  for (const e of data.earned) {
    const person = refs.people.get(e.person);
    if (!person) continue;
    const versions = await deps.store.achievements.listVersions(achievement(e.microCredential));
    const version = versions.find((v) => (e.version ? v.version === e.version : v.status === 'published'));
    if (!version)
      throw new Error(`Demo credential names unknown version ${e.microCredential} ${String(e.version)}`);
    await issueCredential(deps, undefined, {
      achievementId: version.id,
      versionEarned: true,
      recipientEmail: person.email,
      awardedAt: new Date(e.date),
      route: e.route,
    });
  }
  for (const t of data.targets) {
    const person = refs.people.get(t.person);
    const pathwayId = pathwayIds.get(t.pathway);
    if (!person || !pathwayId) continue;
    const published = (await deps.store.pathways.listVersions(pathwayId)).find(
      (v) => v.status === 'published',
    );
    await deps.store.pathways.setTarget(
      person.id,
      { roleId: published?.targetRoleId ?? null, pathwayId },
      now,
    );
  }
  for (const s of data.selfAssessments) {
    const person = refs.people.get(s.person);
    if (!person) continue;
    await deps.store.pathways.replaceSelfAssessment(
      person.id,
      s.items.map((i) => ({ ...i, frameworkId: refs.frameworkId })),
      now,
    );
  }
}
