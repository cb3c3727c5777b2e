/**
 * Stacks and pathways through the HTTP API on a real database: the demo pathways and roles,
 * learners' progress, the stacked credential issued automatically (and suspended when a component
 * is revoked), versioning, guidance, and refusals that save nothing. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/seed-demo.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { browser, createTestApp, type Browser, type TestApp } from '../support/app.js';

type Json = Record<string, unknown>;
interface Node {
  id: string;
  kind: string;
  title?: string;
  achievementId?: string;
  code?: string;
  items?: Node[];
  children?: Node[];
  state?: string;
  met?: boolean;
}
interface Pathway {
  id: string;
  versionId: string;
  version: string;
  status: string;
  title: string;
  targetRole: { title: string } | null;
  stack: { achievementId: string | null };
  requirements: Node;
  versions?: { id: string; status: string }[];
  coverage?: { percent: number } | null;
}
interface Progress {
  percentComplete: number;
  met: boolean;
  tree: Node;
  metRequirements: Node[];
  remaining: Node[];
  stackCredentialId: string | null;
}

async function signIn(t: TestApp, email: string): Promise<Browser> {
  const b = browser(t.app);
  const res = await b.post('/api/v1/auth/sign-in', { email, password: 'cairn-demo' });
  expect(res.statusCode, res.body).toBe(200);
  return b;
}

const codesOf = (node: Node): string[] => [
  ...(node.code ? [node.code] : []),
  ...(node.items ?? []).flatMap(codesOf),
];

describe('stacks and pathways', () => {
  let t: TestApp;
  let pathways: Pathway[];
  let anahera: Browser;
  const byCode = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    pathways = (await t.app.inject({ url: '/api/v1/pathways' })).json<{ items: Pathway[] }>().items;
    const catalogue = (await t.app.inject({ url: '/api/v1/achievements?limit=50' })).json<{
      items: { id: string; code: string }[];
    }>();
    for (const a of catalogue.items) byCode.set(a.code, a.id);
    anahera = await signIn(t, 'anahera.kingi@iamsa.example');
  }, 180_000);
  afterAll(async () => t.close());

  const pw01 = () => {
    const p = pathways.find((x) => x.title.startsWith('School leaver'));
    if (!p) throw new Error('no pw-01');
    return p;
  };

  it('lists the four demo pathways with their requirement trees; the stacks stay out of the catalogue', async () => {
    expect(pathways).toHaveLength(4);
    expect(codesOf(pw01().requirements).sort()).toEqual([
      'IAM-101',
      'IAM-102',
      'IAM-103',
      'IAM-201',
      'IAM-205',
    ]);
    expect(pw01().targetRole?.title).toBe('Asset Data Technician');
    const one = (await t.app.inject({ url: `/api/v1/pathways/${pw01().id}` })).json<Pathway>();
    expect(one.versions).toEqual([expect.objectContaining({ status: 'published' })]);
    expect(one.coverage?.percent).toBeGreaterThan(0);
    expect((one.coverage as unknown as { covered: { name: string }[] }).covered[0]?.name).toMatch(/\w+ \w+/);
    const roles = (await t.app.inject({ url: '/api/v1/roles' })).json<{ items: unknown[] }>();
    expect(roles.items).toHaveLength(6);
    // 14 micro-credentials in the catalogue, not 18.
    expect(byCode.size).toBe(14);
  });

  it('shows the school leaver a half-walked path', async () => {
    const aroha = await signIn(t, 'aroha.tipene@kowhai-dc.example');
    const res = await aroha.get(`/api/v1/learners/me/pathways/${pw01().id}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Progress>();
    expect(p.percentComplete).toBeGreaterThan(0);
    expect(p.percentComplete).toBeLessThan(100);
    expect(p.metRequirements.map((n) => n.title)).toEqual([expect.stringContaining('IAM-101')]);
    const states = new Map<string, string>();
    const walk = (n: Node) => {
      if (n.title) states.set(n.title, n.state ?? '');
      (n.children ?? []).forEach(walk);
    };
    walk(p.tree);
    expect([...states].find(([title]) => title.startsWith('IAM-103'))?.[1]).toBe('in_progress');
    expect(p.stackCredentialId).toBeNull();
  });

  it('issues the stacked credential once the last badge is earned, and it verifies', async () => {
    const learner = 'pathway.learner@example.org';
    const issue = async (code: string, awardId?: string) => {
      const res = await anahera.post('/api/v1/credentials', {
        achievementId: byCode.get(code),
        recipientEmail: learner,
        ...(awardId ? { awardId } : {}),
      });
      expect([200, 201], res.body).toContain(res.statusCode);
      return res.json<{ id: string }>().id;
    };
    // The learner has an account, so progress follows their credentials.
    const signUp = await browser(t.app).post('/api/v1/auth/sign-up', {
      email: learner,
      password: 'correct horse battery',
      name: 'Path Walker',
    });
    expect(signUp.statusCode).toBe(201);
    const me = browser(t.app);
    await me.post('/api/v1/auth/sign-in', { email: learner, password: 'correct horse battery' });
    const progress = async () =>
      (await me.get(`/api/v1/learners/me/pathways/${pw01().id}/progress`)).json<Progress>();

    await issue('IAM-101');
    await issue('IAM-103');
    const mid = await progress();
    expect(mid.met).toBe(false);
    await issue('IAM-201');
    const before = (await progress()).percentComplete;
    expect(before).toBeGreaterThan(mid.percentComplete);
    const component = await issue('IAM-102');
    const done = await progress();
    expect(done).toMatchObject({ met: true, percentComplete: 100 });
    expect(done.stackCredentialId).not.toBeNull();

    const stack = (await me.get(`/api/v1/credentials/${done.stackCredentialId ?? ''}`)).json<{
      state: string;
      credential: Json & { credentialSubject: { achievement: { alignment: { targetCode: string }[] } } };
    }>();
    expect(stack.state).toBe('active');
    expect(stack.credential.credentialSubject.achievement.alignment.map((a) => a.targetCode)).toEqual(
      expect.arrayContaining(['IAM-101', 'IAM-102', 'IAM-103']),
    );
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: stack.credential },
    });
    expect(verified.json<{ result: string }>().result).toBe('valid');

    // Exactly once: another elective changes nothing.
    await issue('IAM-205');
    const mine = (await me.get('/api/v1/me/credentials')).json<{ items: { title: string }[] }>();
    expect(mine.items.filter((c) => c.title.startsWith('I.AM Stack'))).toHaveLength(1);

    // Revoking a component suspends the stack (the pathway's policy); earning it again reinstates it.
    const revoked = await anahera.post(`/api/v1/credentials/${component}/revoke`, {
      reason: 'Issued in error.',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await progress()).met).toBe(false);
    expect(
      (await me.get(`/api/v1/credentials/${done.stackCredentialId ?? ''}`)).json<{ state: string }>().state,
    ).toBe('suspended');
    await issue('IAM-102', 'reassessed');
    expect((await progress()).met).toBe(true);
    expect(
      (await me.get(`/api/v1/credentials/${done.stackCredentialId ?? ''}`)).json<{ state: string }>().state,
    ).toBe('active');
  });

  it('versions a pathway: drafts change, published versions never do', async () => {
    const res = await anahera.post(`/api/v1/pathways/${pw01().id}/versions`, {
      changeNote: 'Add a numeracy elective.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json<Pathway>();
    expect(draft).toMatchObject({ status: 'draft', version: '1.1.0' });
    expect(
      (await anahera.post(`/api/v1/pathways/${pw01().id}/versions`, { changeNote: 'again' })).statusCode,
    ).toBe(409);
    const published = await anahera.put(`/api/v1/pathway-versions/${pw01().versionId}`, {
      title: 'Changed',
      summary: 'A published version must not change.',
      definition: { requirements: draft.requirements },
      stackTitle: 'x x x',
    });
    expect(published.statusCode).toBe(409);
    // Anonymous callers never see the draft.
    expect((await t.app.inject({ url: `/api/v1/pathways/${draft.versionId}` })).statusCode).toBe(404);
  });

  it('refuses impossible pathways with a clear problem and saves nothing', async () => {
    const orgs = (await anahera.get('/api/v1/me')).json<{
      memberships: { organisation: { id: string; slug: string } }[];
    }>();
    const iamsa = orgs.memberships.find((m) => m.organisation.slug === 'iamsa')?.organisation.id ?? '';
    const leaf = (id: string, code: string) => ({ id, kind: 'achievement', achievementId: byCode.get(code) });
    const body = (requirements: unknown, prerequisites: unknown[] = []) => ({
      organisationId: iamsa,
      title: 'A test pathway',
      summary: 'A pathway for testing refusals.',
      definition: { requirements, sequence: [], prerequisites },
      stackTitle: 'Test stack',
    });
    const count = async () =>
      (await t.app.inject({ url: '/api/v1/pathways' })).json<{ items: unknown[] }>().items.length;
    const before = await count();
    const cyclic = await anahera.post(
      '/api/v1/pathways',
      body({ id: 'root', kind: 'all', items: [leaf('a', 'IAM-101'), leaf('b', 'IAM-102')] }, [
        { step: 'a', after: ['b'] },
        { step: 'b', after: ['a'] },
      ]),
    );
    expect(cyclic.statusCode).toBe(422);
    expect(cyclic.body).toMatch(/circle/i);
    const tooMany = await anahera.post(
      '/api/v1/pathways',
      body({ id: 'root', kind: 'n_of', n: 3, items: [leaf('a', 'IAM-101'), leaf('b', 'IAM-102')] }),
    );
    expect(tooMany.statusCode).toBe(422);
    const unknown = await anahera.post(
      '/api/v1/pathways',
      body({
        id: 'root',
        kind: 'all',
        items: [{ id: 'a', kind: 'achievement', achievementId: '00000000-0000-4000-8000-000000000000' }],
      }),
    );
    expect(unknown.statusCode).toBe(422);
    const shapeless = await anahera.post(
      '/api/v1/pathways',
      body({ id: 'root', kind: 'sometimes', items: [] }),
    );
    expect(shapeless.statusCode).toBe(422);
    expect(await count()).toBe(before);
    // The live preview says the same without saving.
    const check = await anahera.post('/api/v1/pathway-versions/check', {
      ...body({ id: 'root', kind: 'n_of', n: 3, items: [leaf('a', 'IAM-101'), leaf('b', 'IAM-102')] }),
      organisationId: undefined,
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json<{ valid: boolean }>().valid).toBe(false);
  });

  it('guides a learner: gap against the target role, next steps, mentors', async () => {
    const aroha = await signIn(t, 'aroha.tipene@kowhai-dc.example');
    const res = await aroha.get('/api/v1/learners/me/guidance');
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json<{
      role: { title: string };
      gap: { code: string; gap: number; selfAssessed: number | null }[];
      recommendations: { code: string; hours: number }[];
      mentors: { name: string }[];
    }>();
    expect(g.role.title).toBe('Asset Data Technician');
    expect(g.gap.length).toBeGreaterThan(5);
    expect(g.gap.find((x) => x.code === 'QSF-01')?.selfAssessed).toBe(2);
    expect(g.recommendations.length).toBeGreaterThan(0);
    expect(g.recommendations.map((r) => r.code)).not.toContain('IAM-101');
    expect(g.mentors.map((m) => m.name)).toContain('Bruce Whitcombe');
  });
});
