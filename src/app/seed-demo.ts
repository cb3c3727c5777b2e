import type { AchievementContent, VersionStatus } from '../domain/achievements.js';
import type { FrameworkContent } from '../domain/frameworks.js';
import type { OrganisationKind, Role } from '../domain/identity.js';
import { prepareVersionWrite } from './achievement-content.js';
import { withNewOrganisation } from './create-organisation.js';
import { saveNewFramework } from './frameworks.js';
import type { Deps, Store } from './ports.js';
import { seedAssessmentDemo, type DemoAssessment } from './seed-assessment-demo.js';
import { seedPathwaysDemo, type DemoPathways } from './seed-pathways-demo.js';

type DemoContent = Omit<AchievementContent, 'competencies'> & {
  competencies: { code: string; targetLevel: number }[];
};

interface DemoVersion {
  version: string;
  status: VersionStatus;
  date?: string;
  changeNote: string;
  contentChanges: Partial<AchievementContent>;
}

export interface DemoData {
  signInPassword: string;
  organisations: { key: string; slug: string; name: string; kind: OrganisationKind }[];
  people: {
    key: string;
    email: string;
    name: string;
    platformAdmin?: boolean;
    memberships: { organisation: string; roles: Role[] }[];
  }[];
  framework?: FrameworkContent & { key: string; owner: string };
  microCredentials?: {
    key: string;
    owner: string;
    collaborators: string[];
    endorsers: string[];
    content: DemoContent;
    versions: DemoVersion[];
  }[];
  openDrafts?: (DemoVersion & {
    microCredential: string;
    signOffs: { person: string; organisation: string }[];
    comments: { person: string; body: string }[];
  })[];
  assessment?: DemoAssessment;
  pathways?: DemoPathways;
}

export interface SeedReport {
  organisationsCreated: number;
  peopleCreated: number;
  microCredentialsCreated: number;
}

/**
 * Loads the demo organisations and people. Safe to run again: what exists (by slug or email) is
 * kept as it is and only what is missing is added.
 */
export async function seedDemo(
  deps: Deps,
  data: DemoData,
  onProgress: (done: number, total: number, label: string) => void = () => undefined,
): Promise<SeedReport> {
  const total = data.organisations.length + data.people.length + (data.microCredentials?.length ?? 0);
  let done = 0;
  const orgIds = new Map<string, string>();
  let organisationsCreated = 0;
  for (const org of data.organisations) {
    const existing = await deps.store.organisations.findBySlug(org.slug);
    if (existing) {
      orgIds.set(org.key, existing.id);
    } else {
      const created = await withNewOrganisation(deps, org, async (_store, o) => o);
      orgIds.set(org.key, created.id);
      organisationsCreated++;
    }
    onProgress(++done, total, org.name);
  }
  // One hash serves every demo person: they share the documented demo password.
  const passwordHash = await deps.passwords.hash(data.signInPassword);
  let peopleCreated = 0;
  const personIds = new Map<string, string>();
  for (const person of data.people) {
    await deps.store.transaction(async (store) => {
      let user = await store.users.findByEmail(person.email);
      if (!user) {
        const inserted = await store.users.insert({
          email: person.email,
          name: person.name,
          passwordHash,
          isPlatformAdmin: person.platformAdmin ?? false,
        });
        if (!inserted) throw new Error(`Could not create demo person ${person.email}`);
        personIds.set(person.key, inserted.id);
        user = { ...inserted, passwordHash };
        peopleCreated++;
        for (const m of person.memberships) {
          const organisationId = orgIds.get(m.organisation);
          if (!organisationId) throw new Error(`Demo person ${person.key} names unknown ${m.organisation}`);
          await store.memberships.grant(organisationId, user.id, m.roles);
        }
      } else {
        personIds.set(person.key, user.id);
      }
    });
    onProgress(++done, total, person.name);
  }
  const { achievementIds, frameworkId } = await seedCatalogue(deps, data, orgIds, personIds, (label) => {
    onProgress(++done, total, label);
  });
  const microCredentialsCreated = achievementIds.size;
  // Assessment activity goes with a freshly loaded catalogue, so a second run adds nothing twice.
  const people = new Map(
    data.people.flatMap((p) => {
      const id = personIds.get(p.key);
      return id ? [[p.key, { id, email: p.email }] as const] : [];
    }),
  );
  if (data.assessment && microCredentialsCreated > 0) {
    await seedAssessmentDemo(deps, data.assessment, people, achievementIds);
  }
  if (data.pathways && frameworkId && microCredentialsCreated > 0) {
    await seedPathwaysDemo(deps, data.pathways, {
      frameworkId,
      organisations: orgIds,
      people,
      microCredentials: achievementIds,
    });
  }
  return { organisationsCreated, peopleCreated, microCredentialsCreated };
}

/**
 * The demo framework and micro-credentials, with their versions, sign-offs and endorsements.
 * Loaded once: when the framework is already there, the catalogue is left as it is.
 */
async function seedCatalogue(
  deps: Deps,
  data: DemoData,
  orgIds: Map<string, string>,
  personIds: Map<string, string>,
  progress: (label: string) => void,
): Promise<{ achievementIds: Map<string, string>; frameworkId: string | null }> {
  const achievementIds = new Map<string, string>();
  const framework = data.framework;
  if (!framework) return { achievementIds, frameworkId: null };
  if ((await deps.store.frameworks.list()).some((f) => f.title === framework.title)) {
    return { achievementIds, frameworkId: null };
  }
  const { key: _key, owner, ...content } = framework;
  const frameworkId = await saveNewFramework(deps, orgIds.get(owner) ?? null, content);
  const org = (key: string) => {
    const id = orgIds.get(key);
    if (!id) throw new Error(`Demo data names unknown organisation ${key}`);
    return id;
  };
  const person = (key: string) => personIds.get(key) ?? null;
  /** A demo person holding `role` in the organisation, to sign or endorse in its name. */
  const memberWithRole = (orgKey: string, role: Role) =>
    data.people.find((p) => p.memberships.some((m) => m.organisation === orgKey && m.roles.includes(role)))
      ?.key;

  for (const mc of data.microCredentials ?? []) {
    await deps.store.transaction(async (store) => {
      const first = mc.versions[0];
      const at = first?.date ? new Date(first.date) : deps.clock.now();
      const achievementId = await store.achievements.insertAchievement({
        ownerOrganisationId: org(mc.owner),
        createdBy: null,
        at,
      });
      achievementIds.set(mc.key, achievementId);
      await store.achievements.setCollaborators(achievementId, mc.collaborators.map(org));
      for (const v of mc.versions) {
        const versionId = await insertDemoVersion(deps, store, achievementId, frameworkId, mc.content, v);
        if (v.status !== 'published' && v.status !== 'superseded') continue;
        // Published versions were signed off by an employer author and the polytechnic's educator.
        const kinds = new Map<OrganisationKind, { user: string; org: string }>();
        for (const orgKey of [mc.owner, ...mc.collaborators]) {
          const signer = memberWithRole(orgKey, 'author');
          const kind = data.organisations.find((o) => o.key === orgKey)?.kind;
          const userId = signer && person(signer);
          if (kind && userId && !kinds.has(kind)) kinds.set(kind, { user: userId, org: org(orgKey) });
        }
        const version = await store.achievements.findVersion(versionId);
        for (const [kind, s] of kinds) {
          await store.achievements.addSignOff(versionId, {
            userId: s.user,
            organisationId: s.org,
            organisationKind: kind,
            contentHash: version?.contentHash ?? '',
            at: version?.createdAt ?? at,
          });
        }
        if (v.status === 'published') {
          for (const endorser of mc.endorsers) {
            const by = memberWithRole(endorser, 'endorser') ?? memberWithRole(endorser, 'org_admin');
            await store.achievements.addEndorsement({
              versionId,
              organisationId: org(endorser),
              endorsedBy: by ? person(by) : null,
              statement: `${data.organisations.find((o) => o.key === endorser)?.name ?? 'This organisation'} endorses ${mc.content.code} as current, relevant practice for infrastructure asset management in Aotearoa New Zealand.`,
              at: version?.publishedAt ?? at,
            });
          }
        }
      }
    });
    progress(mc.content.title);
  }

  for (const draft of data.openDrafts ?? []) {
    const mc = data.microCredentials?.find((m) => m.key === draft.microCredential);
    const achievementId = achievementIds.get(draft.microCredential);
    if (!mc || !achievementId) continue;
    await deps.store.transaction(async (store) => {
      const versionId = await insertDemoVersion(deps, store, achievementId, frameworkId, mc.content, draft);
      const version = await store.achievements.findVersion(versionId);
      for (const s of draft.signOffs) {
        const userId = person(s.person);
        const kind = data.organisations.find((o) => o.key === s.organisation)?.kind;
        if (!userId || !kind || !version) continue;
        await store.achievements.addSignOff(versionId, {
          userId,
          organisationId: org(s.organisation),
          organisationKind: kind,
          contentHash: version.contentHash,
          at: deps.clock.now(),
        });
      }
      for (const c of draft.comments) {
        const authorId = person(c.person);
        if (authorId)
          await store.achievements.addComment(versionId, { authorId, body: c.body, at: deps.clock.now() });
      }
    });
  }
  return { achievementIds, frameworkId };
}

async function insertDemoVersion(
  deps: Deps,
  store: Store,
  achievementId: string,
  frameworkId: string,
  base: DemoContent,
  v: DemoVersion,
): Promise<string> {
  const content: AchievementContent = {
    ...base,
    competencies: base.competencies.map((c) => ({ ...c, frameworkId })),
    ...v.contentChanges,
  };
  const at = v.date ? new Date(v.date) : deps.clock.now();
  const write = { ...(await prepareVersionWrite(deps, store, content, v.changeNote)), at };
  const versionId = await store.achievements.insertVersion({
    ...write,
    achievementId,
    version: v.version,
    status: v.status,
    createdBy: null,
  });
  if (!versionId) throw new Error(`Demo version ${v.version} of ${base.code} clashes with another`);
  await store.achievements.addTransition(versionId, {
    action: 'create',
    fromStatus: null,
    toStatus: v.status,
    actorUserId: null,
    note: v.changeNote,
    at,
  });
  return versionId;
}
