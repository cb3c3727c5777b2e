/**
 * The demo's roles, pathways and learners' standing on them: role profiles, the four pathways
 * (published, so each has its stacked credential), the badges the demo learners already earned
 * (issued for real, so their progress is what Cairn computes), their targets and self-assessments.
 */
import type { CredentialRoute } from '../domain/credentials.js';
import type { Requirement, RevocationPolicy } from '../domain/pathways.js';
import { issueCredential } from './issue-credential.js';
import { createPathway, publishPathwayVersion } from './pathways.js';
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
    const organisationId = refs.organisations.get(p.owner);
    if (!organisationId) throw new Error(`Demo pathway ${p.key} names unknown organisation ${p.owner}`);
    const draft = await createPathway(deps, undefined, {
      key: p.key,
      organisationId,
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
