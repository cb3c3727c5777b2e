import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personWithOrganisation, signedUpPerson, type TestApp } from '../support/app.js';

/** Any string, typed `unknown` so it can sit in typed expectations. */
const aString: unknown = expect.any(String);

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type, status });
}

interface Member {
  user: { id: string; email: string; name: string };
  roles: string[];
  abilities: { changeRoles: boolean; remove: boolean };
}

const ALL_ABILITIES = { update: true, manageMembers: true, manageApiKeys: true, readAudit: true };
const NO_ABILITIES = { update: false, manageMembers: false, manageApiKeys: false, readAudit: false };

describe('organisations and members', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof personWithOrganisation>>;
  let outsider: Awaited<ReturnType<typeof personWithOrganisation>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await personWithOrganisation(t.app);
    outsider = await personWithOrganisation(t.app, 'education_provider');
  });
  afterAll(async () => {
    await t.close();
  });

  const members = async (b: typeof admin.browser, orgId: string) => {
    const res = await b.get(`/api/v1/organisations/${orgId}/members`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Member[] }>().items;
  };
  const rolesIn = async (orgId: string, userId: string) =>
    (await t.deps.store.memberships.find(orgId, userId))?.roles;

  /** A new person with `roles` in `orgId`, granted in the store as an accepted invitation would. */
  const memberOf = async (orgId: string, roles: ('learner' | 'author' | 'org_admin')[], name = 'Member') => {
    const person = await signedUpPerson(t.app, name);
    await t.deps.store.memberships.grant(orgId, person.userId, roles);
    return person;
  };

  describe('creating', () => {
    it('answers 201 with abilities and makes the creator its admin', async () => {
      const p = await signedUpPerson(t.app, 'Founder');
      const res = await p.browser.post('/api/v1/organisations', {
        name: '  Tūranga   Builders ',
        kind: 'employer',
      });

      expect(res.statusCode, res.body).toBe(201);
      const org = res.json<{ id: string }>();
      expect(org).toEqual({
        id: aString,
        slug: 'turanga-builders',
        name: 'Tūranga Builders',
        kind: 'employer',
        createdAt: aString,
        abilities: ALL_ABILITIES,
      });
      expect(res.headers.location).toBe(`/api/v1/organisations/${org.id}`);
      expect(await members(p.browser, org.id)).toEqual([
        expect.objectContaining({
          user: { id: p.userId, email: p.email, name: 'Founder' },
          roles: ['org_admin'],
        }),
      ]);
      const events = await t.deps.store.securityEvents.list({ organisationId: org.id, limit: 10 });
      expect(events).toEqual([
        expect.objectContaining({ kind: 'organisation_created', actor: { id: p.userId, name: 'Founder' } }),
      ]);
    });

    it('gives a second organisation of the same name its own slug', async () => {
      const first = await admin.browser.post('/api/v1/organisations', {
        name: 'Same Name',
        kind: 'employer',
      });
      const second = await outsider.browser.post('/api/v1/organisations', {
        name: 'Same Name',
        kind: 'employer',
      });

      expect(first.json()).toMatchObject({ slug: 'same-name' });
      expect(second.json()).toMatchObject({ slug: 'same-name-2' });
    });

    it('refuses a platform organisation to a person who is not a platform admin', async () => {
      const p = await signedUpPerson(t.app);
      const res = await p.browser.post('/api/v1/organisations', {
        name: 'Sneaky Platform',
        kind: 'platform',
      });

      expectProblem(res, 403, '/problems/not-allowed');
      expect((await p.browser.get('/api/v1/organisations')).json()).toEqual({ items: [] });
      expect(await t.deps.store.organisations.findBySlug('sneaky-platform')).toBeUndefined();
    });
  });

  describe('reading', () => {
    it("lists only the caller's own organisations", async () => {
      const p = await signedUpPerson(t.app);
      expect((await p.browser.get('/api/v1/organisations')).json()).toEqual({ items: [] });

      const mine = await p.browser.post('/api/v1/organisations', {
        name: 'Only Mine',
        kind: 'professional_body',
      });
      const res = await p.browser.get('/api/v1/organisations');

      expect(res.json()).toEqual({ items: [mine.json()] });
    });

    it('shows a platform admin every organisation, read from the database per request', async () => {
      const p = await signedUpPerson(t.app, 'Platform Person');
      const before = (await p.browser.get('/api/v1/organisations')).json<{ items: unknown[] }>().items;
      expect(before).toEqual([]);
      expectProblem(
        await p.browser.get(`/api/v1/organisations/${outsider.organisationId}`),
        404,
        '/problems/not-found',
      );

      await t.deps.store.users.setPlatformAdmin(p.userId, true);

      const ids = (await p.browser.get('/api/v1/organisations'))
        .json<{ items: { id: string }[] }>()
        .items.map((o) => o.id);
      expect(ids).toEqual(expect.arrayContaining([admin.organisationId, outsider.organisationId]));
      expect(ids.length).toBe((await t.deps.store.organisations.listAll()).length);
      const other = await p.browser.get(`/api/v1/organisations/${outsider.organisationId}`);
      expect(other.statusCode).toBe(200);
      expect(other.json()).toMatchObject({ id: outsider.organisationId, abilities: ALL_ABILITIES });
      // Platform admin is not a membership.
      expect((await p.browser.get('/api/v1/me')).json()).toMatchObject({
        user: { isPlatformAdmin: true },
        memberships: [],
        abilities: { readPlatformAudit: true, readOutbox: true },
      });
      const platform = await p.browser.post('/api/v1/organisations', {
        name: 'Cairn Platform',
        kind: 'platform',
      });
      expect(platform.statusCode, platform.body).toBe(201);
    });

    it("answers 404 for another's organisation, as for one that does not exist", async () => {
      const res = await outsider.browser.get(`/api/v1/organisations/${admin.organisationId}`);
      const missing = await outsider.browser.get(`/api/v1/organisations/${randomUUID()}`);

      expectProblem(res, 404, '/problems/not-found');
      expectProblem(missing, 404, '/problems/not-found');
      expect(res.json<{ title: string }>().title).toBe(missing.json<{ title: string }>().title);
    });

    it('lets a member read the organisation with member abilities only', async () => {
      const learner = await memberOf(admin.organisationId, ['learner']);
      const res = await learner.browser.get(`/api/v1/organisations/${admin.organisationId}`);

      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: admin.organisationId, abilities: NO_ABILITIES });
    });

    it('refuses the member list to an outsider', async () => {
      const res = await outsider.browser.get(`/api/v1/organisations/${admin.organisationId}/members`);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.json<{ type: string }>().type).toMatch(/^\/problems\/(not-allowed|not-found)$/);
    });
  });

  describe('member list', () => {
    it('shows each row with what the caller may do with it', async () => {
      const { organisationId: orgId, ...owner } = await personWithOrganisation(t.app);
      const learner = await memberOf(orgId, ['learner'], 'Learner');

      const asAdmin = await members(owner.browser, orgId);
      const asLearner = await members(learner.browser, orgId);

      expect(asAdmin).toEqual([
        {
          user: { id: learner.userId, email: learner.email, name: 'Learner' },
          roles: ['learner'],
          joinedAt: aString,
          abilities: { changeRoles: true, remove: true },
        },
        {
          user: { id: owner.userId, email: owner.email, name: 'Org Admin' },
          roles: ['org_admin'],
          joinedAt: aString,
          abilities: { changeRoles: true, remove: true },
        },
      ]);
      expect(asLearner.map((m) => [m.user.id, m.abilities])).toEqual([
        [learner.userId, { changeRoles: false, remove: true }],
        [owner.userId, { changeRoles: false, remove: false }],
      ]);
    });
  });

  describe('changing roles and removing members', () => {
    it("replaces a member's roles, in canonical order", async () => {
      const { organisationId: orgId, ...owner } = await personWithOrganisation(t.app);
      const m = await memberOf(orgId, ['learner']);

      const res = await owner.browser.put(`/api/v1/organisations/${orgId}/members/${m.userId}/roles`, {
        roles: ['assessor', 'author'],
      });

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ user: { id: m.userId }, roles: ['author', 'assessor'] });
      expect(await rolesIn(orgId, m.userId)).toEqual(['author', 'assessor']);
      const [event] = await t.deps.store.securityEvents.list({ organisationId: orgId, limit: 1 });
      expect(event).toMatchObject({
        kind: 'role_changed',
        subject: m.email,
        detail: { from: ['learner'], to: ['author', 'assessor'] },
      });
    });

    it('refuses to demote the last admin, and changes nothing', async () => {
      const { organisationId: orgId, ...owner } = await personWithOrganisation(t.app);
      const eventsBefore = await t.deps.store.securityEvents.list({ organisationId: orgId, limit: 50 });

      const res = await owner.browser.put(`/api/v1/organisations/${orgId}/members/${owner.userId}/roles`, {
        roles: ['learner'],
      });

      expectProblem(res, 409, '/problems/last-admin');
      expect(await rolesIn(orgId, owner.userId)).toEqual(['org_admin']);
      expect(await t.deps.store.securityEvents.list({ organisationId: orgId, limit: 50 })).toEqual(
        eventsBefore,
      );
    });

    it('refuses to remove the last admin', async () => {
      const { organisationId: orgId, ...owner } = await personWithOrganisation(t.app);
      const res = await owner.browser.delete(`/api/v1/organisations/${orgId}/members/${owner.userId}`);

      expectProblem(res, 409, '/problems/last-admin');
      expect(await rolesIn(orgId, owner.userId)).toEqual(['org_admin']);
    });

    it('lets an admin step down or leave once another admin remains', async () => {
      const { organisationId: orgId, ...owner } = await personWithOrganisation(t.app);
      const second = await memberOf(orgId, ['org_admin']);

      const demoted = await owner.browser.put(
        `/api/v1/organisations/${orgId}/members/${owner.userId}/roles`,
        {
          roles: ['author'],
        },
      );
      expect(demoted.statusCode, demoted.body).toBe(200);
      // Now `second` is the last admin.
      expectProblem(
        await second.browser.delete(`/api/v1/organisations/${orgId}/members/${second.userId}`),
        409,
        '/problems/last-admin',
      );
      const removed = await second.browser.delete(`/api/v1/organisations/${orgId}/members/${owner.userId}`);
      expect(removed.statusCode).toBe(204);
      expect(await rolesIn(orgId, owner.userId)).toBeUndefined();
    });

    it('answers 404 for a person who is not a member', async () => {
      const stranger = await signedUpPerson(t.app);
      const res = await admin.browser.put(
        `/api/v1/organisations/${admin.organisationId}/members/${stranger.userId}/roles`,
        {
          roles: ['learner'],
        },
      );

      expectProblem(res, 404, '/problems/not-found');
      expect(await rolesIn(admin.organisationId, stranger.userId)).toBeUndefined();
    });

    it('does not let a member change roles or remove others, but lets them leave', async () => {
      const orgId = admin.organisationId;
      const m = await memberOf(orgId, ['learner']);

      const promote = await m.browser.put(`/api/v1/organisations/${orgId}/members/${m.userId}/roles`, {
        roles: ['org_admin'],
      });
      const kick = await m.browser.delete(`/api/v1/organisations/${orgId}/members/${admin.userId}`);

      expectProblem(promote, 403, '/problems/not-allowed');
      expectProblem(kick, 403, '/problems/not-allowed');
      expect(await rolesIn(orgId, m.userId)).toEqual(['learner']);
      expect(await rolesIn(orgId, admin.userId)).toEqual(['org_admin']);

      const leave = await m.browser.delete(`/api/v1/organisations/${orgId}/members/${m.userId}`);

      expect(leave.statusCode, leave.body).toBe(204);
      expect(await rolesIn(orgId, m.userId)).toBeUndefined();
      expect((await m.browser.get('/api/v1/me')).json()).toMatchObject({ memberships: [] });
      expectProblem(await m.browser.get(`/api/v1/organisations/${orgId}`), 404, '/problems/not-found');
    });

    it('does not let an outsider remove a member of another organisation', async () => {
      const res = await outsider.browser.delete(
        `/api/v1/organisations/${admin.organisationId}/members/${admin.userId}`,
      );
      expectProblem(res, 403, '/problems/not-allowed');
      expect(await rolesIn(admin.organisationId, admin.userId)).toEqual(['org_admin']);
    });
  });

  describe('anonymous callers', () => {
    it.each([
      ['GET', '/api/v1/organisations', undefined],
      ['POST', '/api/v1/organisations', { name: 'Anon Org', kind: 'employer' }],
      ['GET', '/api/v1/organisations/:org', undefined],
      ['GET', '/api/v1/organisations/:org/members', undefined],
      ['PUT', '/api/v1/organisations/:org/members/:user/roles', { roles: ['learner'] }],
      ['DELETE', '/api/v1/organisations/:org/members/:user', undefined],
    ] as const)('%s %s answers 401 sign-in-required', async (method, path, payload) => {
      const url = path.replace(':org', admin.organisationId).replace(':user', admin.userId);
      const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });

      expectProblem(res, 401, '/problems/sign-in-required');
      expect(await rolesIn(admin.organisationId, admin.userId)).toEqual(['org_admin']);
    });
  });
});
