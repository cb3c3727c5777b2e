import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personWithOrganisation, type TestApp } from '../support/app.js';

/** The contract for every refusal: a problem document, never a 500. */
function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  expect(body).toMatchObject({ type, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.title).not.toBe('');
  expect(body.detail).not.toBe('');
  return body as { type: string; errors?: { path: string; message: string }[] };
}

const GOOD = { email: 'good.shape@example.org', password: 'correct horse battery', name: 'Good Shape' };
const long = (n: number) => 'x'.repeat(n);

describe('bad input', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof personWithOrganisation>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await personWithOrganisation(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Rows in the tables a sign-up writes to, to show a refused request wrote nothing. */
  const rowCounts = async () => {
    const [row] = await t.database.db.query<{ users: number; sessions: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM sessions) AS sessions,
              (SELECT count(*)::int FROM security_events) AS events`,
    );
    return row;
  };
  const signUpRaw = (payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      headers: { 'content-type': contentType },
      payload,
    });

  describe('sign-up bodies', () => {
    it.each<[string, unknown, number, string, string[]]>([
      ['an empty object', {}, 400, '/problems/request-invalid', ['/email', '/password', '/name']],
      [
        'a missing password',
        { email: 'missing.pw@example.org', name: 'N' },
        400,
        '/problems/request-invalid',
        ['/password'],
      ],
      ['a number for the email', { ...GOOD, email: 42 }, 400, '/problems/request-invalid', ['/email']],
      [
        'null for the password',
        { ...GOOD, email: 'null.pw@example.org', password: null },
        400,
        '/problems/request-invalid',
        ['/password'],
      ],
      [
        'an array for the name',
        { ...GOOD, email: 'array.name@example.org', name: ['A'] },
        400,
        '/problems/request-invalid',
        ['/name'],
      ],
      [
        'a boolean for the name',
        { ...GOOD, email: 'bool.name@example.org', name: true },
        400,
        '/problems/request-invalid',
        ['/name'],
      ],
      [
        'a 10,000-character name',
        { ...GOOD, email: 'long.name@example.org', name: long(10_000) },
        400,
        '/problems/request-invalid',
        ['/name'],
      ],
      [
        'a 10,000-character email',
        { ...GOOD, email: `${long(10_000)}@example.org` },
        400,
        '/problems/request-invalid',
        ['/email'],
      ],
      [
        'a 300-character password',
        { ...GOOD, email: 'long.pw@example.org', password: long(300) },
        400,
        '/problems/request-invalid',
        ['/password'],
      ],
      [
        'an unknown field',
        { ...GOOD, email: 'extra@example.org', nickname: 'Nick' },
        400,
        '/problems/request-invalid',
        ['/nickname'],
      ],
      [
        'a smuggled platform-admin flag',
        { ...GOOD, email: 'sneaky@example.org', isPlatformAdmin: true },
        400,
        '/problems/request-invalid',
        ['/isPlatformAdmin'],
      ],
      ['an array body', [GOOD], 400, '/problems/request-invalid', ['']],
      [
        'an email that is not one',
        { ...GOOD, email: 'not-an-email' },
        422,
        '/problems/invalid-input',
        ['/email'],
      ],
      [
        'a blank name',
        { ...GOOD, email: 'blank.name@example.org', name: '   ' },
        422,
        '/problems/invalid-input',
        ['/name'],
      ],
      [
        'a weak password',
        { ...GOOD, email: 'weak.pw@example.org', password: 'password' },
        422,
        '/problems/invalid-input',
        ['/password'],
      ],
    ])('refuses %s, naming the fields, and writes nothing', async (_label, body, status, type, paths) => {
      const before = await rowCounts();

      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-up',
        payload: body as object,
      });

      const problem = expectProblem(res, status, type);
      expect(problem.errors?.map((e) => e.path).sort()).toEqual([...paths].sort());
      expect(res.cookies).toEqual([]);
      expect(await rowCounts()).toEqual(before);
      const email = (body as { email?: unknown }).email;
      if (typeof email === 'string')
        expect(await t.deps.store.users.findByEmail(email.toLowerCase())).toBeUndefined();
    });

    it.each<[string, string, string, number, string]>([
      ['malformed JSON', '{"email":', 'application/json', 400, '/problems/malformed-json'],
      [
        'JSON with a trailing comma',
        '{"email": "a@example.org",}',
        'application/json',
        400,
        '/problems/malformed-json',
      ],
      ['an empty JSON body', '', 'application/json', 400, '/problems/malformed-json'],
      ['a JSON null', 'null', 'application/json', 400, '/problems/request-invalid'],
      [
        'a __proto__ key',
        `{"__proto__": {"isPlatformAdmin": true}, "email": "proto@example.org", "password": "correct horse battery", "name": "P"}`,
        'application/json',
        400,
        '/problems/malformed-json',
      ],
      ['a text/plain body', JSON.stringify(GOOD), 'text/plain', 415, '/problems/unsupported-media-type'],
      [
        'a form body',
        'email=form%40example.org&password=correct+horse+battery&name=F',
        'application/x-www-form-urlencoded',
        415,
        '/problems/unsupported-media-type',
      ],
    ])('refuses %s and writes nothing', async (_label, payload, contentType, status, type) => {
      const before = await rowCounts();

      expectProblem(await signUpRaw(payload, contentType), status, type);

      expect(await rowCounts()).toEqual(before);
      expect(await t.deps.store.users.findByEmail(GOOD.email)).toBeUndefined();
    });

    it('refuses a 2 MiB body with 413 and writes nothing', async () => {
      const before = await rowCounts();
      const payload = JSON.stringify({ ...GOOD, name: long(2 * 1024 * 1024) });

      expectProblem(await signUpRaw(payload), 413, '/problems/body-too-large');

      expect(await rowCounts()).toEqual(before);
    });

    it('still accepts the well-formed body afterwards', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: GOOD });
      expect(res.statusCode, res.body).toBe(201);
      expect(await t.deps.store.users.findByEmail(GOOD.email)).toMatchObject({ isPlatformAdmin: false });
    });
  });

  describe('other bodies', () => {
    const orgCount = async () => (await t.deps.store.organisations.listAll()).length;

    it.each<[string, unknown, string[]]>([
      ['a 10,000-character name', { name: long(10_000), kind: 'employer' }, ['/name']],
      ['an unknown kind', { name: 'Kindless', kind: 'government' }, ['/kind']],
      ['a number for the name', { name: 7, kind: 'employer' }, ['/name']],
      ['an unknown field', { name: 'Extra', kind: 'employer', slug: 'chosen' }, ['/slug']],
    ])('refuses an organisation with %s', async (_label, body, paths) => {
      const before = await orgCount();

      const problem = expectProblem(
        await admin.browser.post('/api/v1/organisations', body),
        400,
        '/problems/request-invalid',
      );

      expect(problem.errors?.map((e) => e.path)).toEqual(paths);
      expect(await orgCount()).toBe(before);
    });

    it.each<[string, unknown]>([
      ['roles as a string', { email: 'r1@example.org', roles: 'learner' }],
      ['an unknown role', { email: 'r2@example.org', roles: ['king'] }],
      ['no roles', { email: 'r3@example.org', roles: [] }],
      ['a repeated role', { email: 'r4@example.org', roles: ['learner', 'learner'] }],
    ])('refuses an invitation with %s', async (_label, body) => {
      const res = await admin.browser.post(`/api/v1/organisations/${admin.organisationId}/invitations`, body);

      const problem = expectProblem(res, 400, '/problems/request-invalid');
      expect(problem.errors?.[0]?.path).toMatch(/^\/roles/);
      expect(await t.deps.store.invitations.listForOrganisation(admin.organisationId)).toEqual([]);
    });
  });

  describe('paths', () => {
    it.each([
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['GET', '/api/v2/organisations'],
      ['DELETE', '/api/v1/me'],
    ] as const)('answers %s %s with a 404 problem', async (method, url) => {
      const problem = expectProblem(await t.app.inject({ method, url }), 404, '/problems/not-found');
      expect(problem).toMatchObject({ instance: url });
    });

    it.each([
      ['GET', '/api/v1/organisations/not-a-uuid'],
      ['GET', '/api/v1/organisations/123/members'],
      ['PUT', '/api/v1/organisations/:org/members/nobody/roles'],
      ['DELETE', '/api/v1/organisations/:org/api-keys/1%27%20OR%201=1'],
      ['GET', '/api/v1/invitations/short'],
    ] as const)('answers %s %s with 400 for a malformed id', async (method, path) => {
      const url = path.replace(':org', admin.organisationId);
      const res =
        method === 'GET'
          ? await admin.browser.get(url)
          : method === 'PUT'
            ? await admin.browser.put(url, { roles: ['learner'] })
            : await admin.browser.delete(url);

      const problem = expectProblem(res, 400, '/problems/request-invalid');
      expect(problem.errors?.length).toBeGreaterThan(0);
    });
  });
});
