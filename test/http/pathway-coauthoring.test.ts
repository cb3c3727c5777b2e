/**
 * Pathways are co-authored like micro-credentials, through the HTTP API on a real database: the
 * owner (IAMSA, a professional body) designs a pathway with an employer and an education provider;
 * it goes draft → in review → published only with sign-offs on its exact content from both kinds,
 * an edit makes earlier sign-offs stale, only the design team's authors sign, and every move is
 * recorded. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/seed-demo.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { browser, createTestApp, type Browser, type TestApp } from '../support/app.js';

interface SignOff {
  user: { name: string };
  organisation: { id: string; name: string };
  organisationKind: string;
  current: boolean;
}
interface Pathway {
  id: string;
  versionId: string;
  version: string;
  status: string;
  title: string;
  summary: string;
  collaborators: { id: string; name: string }[];
  stack: { achievementId: string | null };
  signOffs?: SignOff[];
  missingSignOffKinds?: string[];
  comments?: { body: string; author: { name: string } | null }[];
  history?: { action: string; fromStatus: string | null; toStatus: string; actor: { name: string } | null }[];
  abilities: Record<string, boolean>;
  versions: { id: string; status: string }[];
}
interface Problem {
  type: string;
  status: number;
  detail: string;
}

async function signIn(t: TestApp, email: string): Promise<Browser> {
  const b = browser(t.app);
  const res = await b.post('/api/v1/auth/sign-in', { email, password: 'cairn-demo' });
  expect(res.statusCode, res.body).toBe(200);
  return b;
}

async function organisationOf(b: Browser, slug: string): Promise<string> {
  const me = (await b.get('/api/v1/me')).json<{
    memberships: { organisation: { id: string; slug: string } }[];
  }>();
  const id = me.memberships.find((m) => m.organisation.slug === slug)?.organisation.id;
  if (!id) throw new Error(`not a member of ${slug}`);
  return id;
}

describe('co-authoring pathways', () => {
  let t: TestApp;
  /** IAMSA's admin: owns the pathway. */
  let anahera: Browser;
  /** An author at Kōwhai District Council, an employer co-designing it. */
  let grant: Browser;
  /** An author at Tōtara Polytechnic, an education provider co-designing it. */
  let helen: Browser;
  /** An author at Ridgeline, an employer with no part in it. */
  let priya: Browser;
  const org = { iamsa: '', kdc: '', tpt: '', rla: '' };
  let body: Record<string, unknown>;
  let pathway: Pathway;

  const get = async (as: Browser, id = pathway.versionId) => {
    const res = await as.get(`/api/v1/pathways/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Pathway>();
  };
  const move = (as: Browser, action: string, note?: string) =>
    as.post(`/api/v1/pathway-versions/${pathway.versionId}/transitions`, {
      action,
      ...(note ? { note } : {}),
    });
  const signOff = (as: Browser, organisationId: string) =>
    as.post(`/api/v1/pathway-versions/${pathway.versionId}/sign-offs`, { organisationId });
  const publicCount = async () =>
    (await t.app.inject({ url: '/api/v1/pathways' })).json<{ items: unknown[] }>().items.length;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    anahera = await signIn(t, 'anahera.kingi@iamsa.example');
    grant = await signIn(t, 'grant.mackenzie@kowhai-dc.example');
    helen = await signIn(t, 'helen.walsh@totara-poly.example');
    priya = await signIn(t, 'priya.raman@ridgeline.example');
    org.iamsa = await organisationOf(anahera, 'iamsa');
    org.kdc = await organisationOf(grant, 'kowhai-dc');
    org.tpt = await organisationOf(helen, 'totara-poly');
    org.rla = await organisationOf(priya, 'ridgeline');
    const catalogue = (await t.app.inject({ url: '/api/v1/achievements?limit=50' })).json<{
      items: { id: string; code: string }[];
    }>();
    const id = (code: string) => catalogue.items.find((a) => a.code === code)?.id;
    body = {
      title: 'Asset data foundations',
      summary: 'The first two steps into asset data work, co-designed with a council and a polytechnic.',
      definition: {
        requirements: {
          id: 'root',
          kind: 'all',
          items: [
            { id: 'a', kind: 'achievement', achievementId: id('IAM-101') },
            { id: 'b', kind: 'achievement', achievementId: id('IAM-102') },
          ],
        },
        sequence: ['a', 'b'],
        prerequisites: [],
      },
      stackTitle: 'Asset Data Foundations',
    };
  }, 180_000);
  afterAll(async () => t.close());

  it('shows the demo’s next version of a pathway in review, awaiting the education provider', async () => {
    const listed = (await t.app.inject({ url: '/api/v1/pathways' })).json<{ items: Pathway[] }>();
    const planner = listed.items.find((p) => p.title.startsWith('Graduate or career changer'));
    if (!planner) throw new Error('no demo pathway pw-02');
    const publicView = (await t.app.inject({ url: `/api/v1/pathways/${planner.id}` })).json<Pathway>();
    expect(publicView.versions.map((v) => v.status)).toEqual(['published']);
    expect(publicView.signOffs).toBeUndefined();

    const open = (await get(helen, planner.id)).versions.find((v) => v.status === 'in_review');
    if (!open) throw new Error('no version in review');
    const review = await get(helen, open.id);
    expect(review.collaborators.map((c) => c.name).sort()).toEqual([
      'Harbourview City Council',
      'Tōtara Polytechnic',
    ]);
    expect(review.missingSignOffKinds).toEqual(['education_provider']);
    expect(review.signOffs).toEqual([
      expect.objectContaining({ organisationKind: 'employer', current: true }),
    ]);
    expect(review.comments).toHaveLength(1);
    expect(review.history?.map((h) => h.action)).toEqual(['create', 'submit']);
    expect(review.abilities).toMatchObject({ signOff: true, publish: true });
  });

  it('starts a pathway with collaborating organisations and records its creation', async () => {
    const res = await anahera.post('/api/v1/pathways', {
      ...body,
      organisationId: org.iamsa,
      collaboratorIds: [org.kdc, org.tpt],
    });
    expect(res.statusCode, res.body).toBe(201);
    pathway = res.json<Pathway>();
    expect(pathway).toMatchObject({ status: 'draft', version: '1.0.0' });
    expect(pathway.collaborators.map((c) => c.id).sort()).toEqual([org.kdc, org.tpt].sort());
    expect(pathway.history?.map((h) => h.action)).toEqual(['create']);
    expect(pathway.missingSignOffKinds?.sort()).toEqual(['education_provider', 'employer']);
    expect(pathway.abilities).toMatchObject({ edit: true, submit: true, publish: false });

    // A collaborator's author sees the draft and may edit it; outsiders do not see it at all.
    expect((await get(grant)).abilities).toMatchObject({ edit: true, signOff: true });
    expect((await priya.get(`/api/v1/pathways/${pathway.versionId}`)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/pathways/${pathway.versionId}` })).statusCode).toBe(404);
  });

  it('publishes only from review: a draft cannot skip it', async () => {
    const res = await anahera.post(`/api/v1/pathway-versions/${pathway.versionId}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().type).toBe('/problems/transition-not-allowed');

    const submitted = await move(grant, 'submit', 'Ready for the polytechnic to look at.');
    expect(submitted.statusCode, submitted.body).toBe(200);
    pathway = submitted.json<Pathway>();
    expect(pathway.status).toBe('in_review');
    expect(pathway.abilities).toMatchObject({ publish: true, returnToDraft: true, submit: false });
  });

  it('refuses to publish without both sign-offs, and changes nothing', async () => {
    const before = await publicCount();
    const refused = await move(anahera, 'publish');
    expect(refused.statusCode).toBe(409);
    const problem = refused.json<Problem>();
    expect(problem.type).toBe('/problems/sign-offs-missing');
    expect(problem.detail).toMatch(/an employer and an education provider/);

    const signed = await signOff(grant, org.kdc);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<Pathway>().missingSignOffKinds).toEqual(['education_provider']);
    const stillRefused = await anahera.post(`/api/v1/pathway-versions/${pathway.versionId}/publish`);
    expect(stillRefused.statusCode).toBe(409);
    expect(stillRefused.json<Problem>().type).toBe('/problems/sign-offs-missing');

    const after = await get(anahera);
    expect(after.status).toBe('in_review');
    expect(after.stack.achievementId).toBeNull();
    expect(after.history?.map((h) => h.action)).toEqual(['create', 'submit']);
    expect(await publicCount()).toBe(before);
  });

  it('lets only the design team’s authors sign off, each for their own organisation', async () => {
    const outsider = await signOff(priya, org.rla);
    expect(outsider.statusCode).toBe(403);
    const impostor = await signOff(priya, org.kdc);
    expect(impostor.statusCode).toBe(403);
    // Anahera administers the owner but is no author there: her word is not a sign-off.
    expect((await signOff(anahera, org.iamsa)).statusCode).toBe(403);
    expect((await signOff(helen, org.kdc)).statusCode).toBe(403);
    expect((await get(anahera)).signOffs).toHaveLength(1);
  });

  it('makes sign-offs stale when the content changes in review', async () => {
    const comment = await helen.post(`/api/v1/pathway-versions/${pathway.versionId}/comments`, {
      body: 'Say who the pathway is for.',
    });
    expect(comment.statusCode, comment.body).toBe(201);

    const edited = await helen.put(`/api/v1/pathway-versions/${pathway.versionId}`, {
      ...body,
      audience: 'School leavers and council field staff.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json<Pathway>();
    expect(after.status).toBe('in_review');
    expect(after.signOffs).toEqual([expect.objectContaining({ current: false })]);
    expect(after.missingSignOffKinds?.sort()).toEqual(['education_provider', 'employer']);
    expect(after.comments?.map((c) => c.body)).toEqual(['Say who the pathway is for.']);
    // Editing keeps the design team unless it is given.
    expect(after.collaborators).toHaveLength(2);
    const listed = await anahera.get(`/api/v1/pathway-versions/${pathway.versionId}/comments`);
    expect(listed.json<{ items: { author: { name: string } }[] }>().items[0]?.author.name).toMatch(/Helen/);

    expect((await move(anahera, 'publish')).statusCode).toBe(409);
  });

  it('publishes once an employer and an education provider signed the current content', async () => {
    expect((await signOff(grant, org.kdc)).statusCode).toBe(200);
    const both = await signOff(helen, org.tpt);
    expect(both.json<Pathway>().missingSignOffKinds).toEqual([]);

    const before = await publicCount();
    const published = await move(anahera, 'publish', 'Agreed with the council and the polytechnic.');
    expect(published.statusCode, published.body).toBe(200);
    const p = published.json<Pathway>();
    expect(p.status).toBe('published');
    expect(p.stack.achievementId).not.toBeNull();
    expect(await publicCount()).toBe(before + 1);
    expect(p.history?.map((h) => [h.action, h.fromStatus, h.toStatus, h.actor?.name])).toEqual([
      ['create', null, 'draft', expect.stringMatching(/Anahera/)],
      ['submit', 'draft', 'in_review', expect.stringMatching(/Grant/)],
      ['publish', 'in_review', 'published', expect.stringMatching(/Anahera/)],
    ]);
    // Published: public, and no longer signed, commented or edited.
    expect((await t.app.inject({ url: `/api/v1/pathways/${p.id}` })).statusCode).toBe(200);
    expect((await signOff(grant, org.kdc)).statusCode).toBe(409);
    expect(p.abilities).toMatchObject({ edit: false, publish: false, newVersion: true });
  });

  it('records returning to draft and superseding on the next version', async () => {
    const first = pathway;
    const started = await grant.post(`/api/v1/pathways/${first.id}/versions`, { changeNote: 'Add IAM-103.' });
    expect(started.statusCode, started.body).toBe(201);
    pathway = started.json<Pathway>();
    expect(pathway).toMatchObject({ status: 'draft', version: '1.1.0' });
    expect((await grant.post(`/api/v1/pathways/${first.id}/versions`, { changeNote: 'x' })).statusCode).toBe(
      409,
    );

    expect((await move(grant, 'submit')).statusCode).toBe(200);
    const back = await move(helen, 'return_to_draft', 'Not yet: the polytechnic wants IAM-103 first.');
    expect(back.json<Pathway>().status).toBe('draft');
    expect((await move(helen, 'submit')).statusCode).toBe(200);
    await signOff(grant, org.kdc);
    await signOff(helen, org.tpt);
    const published = await move(grant, 'publish');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<Pathway>().history?.map((h) => h.action)).toEqual([
      'create',
      'submit',
      'return_to_draft',
      'submit',
      'publish',
    ]);

    const old = await get(anahera, first.versionId);
    expect(old.status).toBe('superseded');
    const last = old.history?.at(-1);
    expect(last).toMatchObject({ action: 'supersede', fromStatus: 'published', toStatus: 'superseded' });
    expect(last?.actor?.name).toMatch(/Grant/);
  });
});
