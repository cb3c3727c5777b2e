import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personWithOrganisation, signedUpPerson, type TestApp } from '../support/app.js';

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type, status });
}

interface EventView {
  id: string;
  kind: string;
  occurredAt: string;
  organisation: { id: string } | null;
  subject: string | null;
}
interface Page {
  items: EventView[];
  nextBefore: string | null;
}

describe('audit log and outbox', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof personWithOrganisation>>;
  let other: Awaited<ReturnType<typeof personWithOrganisation>>;
  let learner: Awaited<ReturnType<typeof signedUpPerson>>;
  let platformAdmin: Awaited<ReturnType<typeof signedUpPerson>>;
  let auditUrl: string;
  const invited: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await personWithOrganisation(t.app);
    other = await personWithOrganisation(t.app);
    learner = await signedUpPerson(t.app);
    platformAdmin = await signedUpPerson(t.app, 'Platform Admin');
    await t.deps.store.users.setPlatformAdmin(platformAdmin.userId, true);
    await t.deps.store.memberships.grant(admin.organisationId, learner.userId, ['learner']);
    auditUrl = `/api/v1/organisations/${admin.organisationId}/audit-events`;
    // organisation_created plus six invitations: seven events, interleaved with another organisation's.
    for (let i = 0; i < 6; i++) {
      t.clock.advance(1000);
      const email = `audit${String(i)}@example.org`;
      invited.push(email);
      const res = await admin.browser.post(`/api/v1/organisations/${admin.organisationId}/invitations`, {
        email,
        roles: ['learner'],
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      t.clock.advance(1000);
      await other.browser.post(`/api/v1/organisations/${other.organisationId}/invitations`, {
        email: `other${String(i)}@example.org`,
        roles: ['learner'],
      });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const page = async (query: string) => {
    const res = await admin.browser.get(`${auditUrl}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };

  it("shows an org admin their organisation's events, newest first", async () => {
    const { items, nextBefore } = await page('limit=200');

    expect(nextBefore).toBeNull();
    expect(items.map((e) => e.kind)).toEqual([
      ...Array<string>(6).fill('invitation_created'),
      'organisation_created',
    ]);
    expect(items.map((e) => e.subject).slice(0, 6)).toEqual([...invited].reverse());
    expect(items.every((e) => e.organisation?.id === admin.organisationId)).toBe(true);
    const times = items.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('pages with nextBefore without gaps or duplicates, ending with null', async () => {
    const all = (await page('limit=200')).items.map((e) => e.id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let before: string | null = null;
    for (let n = 0; n < 10; n++) {
      const p: Page = await page(`limit=2${before ? `&before=${before}` : ''}`);
      sizes.push(p.items.length);
      seen.push(...p.items.map((e) => e.id));
      before = p.nextBefore;
      if (before === null) break;
      expect(before).toBe(p.items.at(-1)?.id);
    }

    expect(before).toBeNull();
    expect(sizes).toEqual([2, 2, 2, 1]);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const full = await page('limit=7');
    const short = await page('limit=6');

    expect(full.items.length).toBe(7);
    expect(full.nextBefore).toBeNull();
    expect(short.nextBefore).toBe(short.items.at(-1)?.id);
    expect((await page(`limit=6&before=${short.nextBefore ?? ''}`)).items.map((e) => e.kind)).toEqual([
      'organisation_created',
    ]);
  });

  it('refuses the organisation log to members without admin and to outsiders', async () => {
    expectProblem(await learner.browser.get(auditUrl), 403, '/problems/not-allowed');
    expectProblem(await other.browser.get(auditUrl), 403, '/problems/not-allowed');
    expectProblem(await t.app.inject({ method: 'GET', url: auditUrl }), 401, '/problems/sign-in-required');
  });

  it('lets a platform admin read any organisation log', async () => {
    const res = await platformAdmin.browser.get(auditUrl);
    expect(res.statusCode).toBe(200);
    expect(res.json<Page>().items.length).toBe(7);
  });

  describe('platform-wide', () => {
    it.each(['/api/v1/admin/audit-events', '/api/v1/admin/outbox'])(
      '%s is for platform admins only',
      async (url) => {
        expectProblem(await admin.browser.get(url), 403, '/problems/not-allowed');
        expectProblem(await learner.browser.get(url), 403, '/problems/not-allowed');
        expectProblem(await t.app.inject({ method: 'GET', url }), 401, '/problems/sign-in-required');
        expect((await platformAdmin.browser.get(url)).statusCode).toBe(200);
      },
    );

    it('shows a platform admin the events of every organisation and of none', async () => {
      const res = await platformAdmin.browser.get('/api/v1/admin/audit-events?limit=200');
      const items = res.json<Page>().items;

      const orgs = new Set(items.map((e) => e.organisation?.id ?? null));
      expect(orgs).toEqual(new Set([admin.organisationId, other.organisationId, null]));
      expect(items.filter((e) => e.kind === 'sign_up').map((e) => e.subject)).toContain(learner.email);
    });

    it('shows a platform admin the held emails, newest first', async () => {
      const res = await platformAdmin.browser.get('/api/v1/admin/outbox?limit=3');

      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { to: string; status: string; kind: string; text: string }[] }>().items;
      expect(items.map((e) => e.to)).toEqual([
        'other5@example.org',
        'audit5@example.org',
        'other4@example.org',
      ]);
      expect(items.every((e) => e.status === 'held' && e.kind === 'invitation')).toBe(true);
      expect(items[0]?.text).toMatch(/\/invitations\/[A-Za-z0-9_-]+/);
    });
  });

  describe('bad paging parameters', () => {
    it.each([
      ['limit=0'],
      ['limit=1000'],
      ['limit=abc'],
      ['limit=-1'],
      ['limit=2.5'],
      ['before=abc'],
      ['before=-5'],
      ['before=1234567890123456789012'],
      ['offset=2'],
    ])('answers ?%s with 400 on the organisation and platform logs', async (query) => {
      for (const url of [auditUrl, '/api/v1/admin/audit-events']) {
        const res = await platformAdmin.browser.get(`${url}?${query}`);
        expectProblem(res, 400, '/problems/request-invalid');
        expect(res.json<{ errors: unknown[] }>().errors.length).toBeGreaterThan(0);
      }
    });

    it.each([['limit=0'], ['limit=1000'], ['limit=abc']])(
      'answers the outbox ?%s with 400',
      async (query) => {
        expectProblem(
          await platformAdmin.browser.get(`/api/v1/admin/outbox?${query}`),
          400,
          '/problems/request-invalid',
        );
      },
    );
  });
});
