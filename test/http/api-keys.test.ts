import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_TOKEN } from '../../src/domain/api-keys.js';
import { createTestApp, personWithOrganisation, signedUpPerson, type TestApp } from '../support/app.js';

/** Any string, typed `unknown` so it can sit in typed expectations. */
const aString: unknown = expect.any(String);

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type, status });
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface ApiKeyView {
  id: string;
  prefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe('API keys', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof personWithOrganisation>>;
  let b: Awaited<ReturnType<typeof personWithOrganisation>>;
  beforeAll(async () => {
    t = await createTestApp();
    a = await personWithOrganisation(t.app);
    b = await personWithOrganisation(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const keysUrl = (orgId: string) => `/api/v1/organisations/${orgId}/api-keys`;
  const createKey = async (scopes: string[], name = 'LMS sync') => {
    const res = await a.browser.post(keysUrl(a.organisationId), { name, scopes });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ apiKey: ApiKeyView; secret: string }>();
    return { res, id: body.apiKey.id, secret: body.secret };
  };
  const listKeys = async () => {
    const res = await a.browser.get(keysUrl(a.organisationId));
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const keyView = async (id: string) =>
    (await listKeys()).json<{ items: ApiKeyView[] }>().items.find((k) => k.id === id);
  /** A machine's request: the bearer key only, no cookies and no CSRF token. */
  const withKey = (secret: string, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}` },
      ...(payload ? { payload } : {}),
    });

  it('creates a key: 201, the secret once, and no-store', async () => {
    const { res, secret } = await createKey(['members:read', 'organisation:read'], 'Moodle');

    expect(res.headers['cache-control']).toBe('no-store');
    expect(secret).toMatch(API_KEY_TOKEN);
    expect(secret.startsWith('cairn_')).toBe(true);
    const body = res.json<{ apiKey: ApiKeyView }>();
    expect(body.apiKey).toEqual({
      id: aString,
      name: 'Moodle',
      prefix: secret.split('_')[1],
      scopes: ['organisation:read', 'members:read'],
      createdBy: { id: a.userId, name: 'Org Admin' },
      createdAt: aString,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('never lists the secret or its hash', async () => {
    const { id, secret } = await createKey(['members:read']);

    const res = await listKeys();

    expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain(t.deps.secrets.digest(secret));
    expect(res.body).not.toContain(secret.split('_')[2]);
    const listed = res.json<{ items: Record<string, unknown>[] }>().items.find((k) => k.id === id);
    expect(Object.keys(listed ?? {}).sort()).toEqual(
      ['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes'].sort(),
    );
  });

  it('lets the key do what its scopes allow and nothing more', async () => {
    const { secret } = await createKey(['members:read']);

    const members = await withKey(secret, 'GET', `/api/v1/organisations/${a.organisationId}/members`);
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json()).toMatchObject({ items: [{ user: { id: a.userId }, roles: ['org_admin'] }] });

    expectProblem(
      await withKey(secret, 'GET', `/api/v1/organisations/${a.organisationId}/audit-events`),
      403,
      '/problems/not-allowed',
    );
    const invite = await withKey(secret, 'POST', `/api/v1/organisations/${a.organisationId}/invitations`, {
      email: 'no-write@example.org',
      roles: ['learner'],
    });
    expectProblem(invite, 403, '/problems/not-allowed');
  });

  it('makes changes with the bearer key alone, no CSRF token, recorded as the key', async () => {
    const { id, secret } = await createKey(['members:write'], 'HR system');
    const email = `by-key.${String(Date.now())}@example.org`;

    const res = await withKey(secret, 'POST', `/api/v1/organisations/${a.organisationId}/invitations`, {
      email,
      roles: ['learner'],
    });

    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ email, invitedBy: null });
    const [event] = await t.deps.store.securityEvents.list({ organisationId: a.organisationId, limit: 1 });
    expect(event).toMatchObject({
      kind: 'invitation_created',
      subject: email,
      actor: null,
      apiKey: { id, name: 'HR system' },
    });
  });

  it('records when the key was last used, at most once a minute', async () => {
    const { id, secret } = await createKey(['organisation:read']);
    expect((await keyView(id))?.lastUsedAt).toBeNull();

    const first = t.clock.now().toISOString();
    expect((await withKey(secret, 'GET', `/api/v1/organisations/${a.organisationId}`)).statusCode).toBe(200);
    expect((await keyView(id))?.lastUsedAt).toBe(first);

    t.clock.advance(30_000);
    await withKey(secret, 'GET', `/api/v1/organisations/${a.organisationId}`);
    expect((await keyView(id))?.lastUsedAt).toBe(first);

    t.clock.advance(60_000);
    await withKey(secret, 'GET', `/api/v1/organisations/${a.organisationId}`);
    expect((await keyView(id))?.lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it("cannot read another organisation's data", async () => {
    const { secret } = await createKey(['organisation:read', 'members:read', 'audit:read']);

    for (const path of ['', '/members', '/audit-events']) {
      const res = await withKey(secret, 'GET', `/api/v1/organisations/${b.organisationId}${path}`);
      expect([403, 404], `${path}: ${res.body}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const own = await withKey(secret, 'GET', '/api/v1/organisations');
    expect(own.json<{ items: { id: string }[] }>().items.map((o) => o.id)).toEqual([a.organisationId]);
  });

  it('cannot create or list keys, whatever its scopes', async () => {
    const { secret } = await createKey(['organisation:read', 'members:read', 'members:write', 'audit:read']);
    const before = (await listKeys()).json<{ items: unknown[] }>().items.length;

    const create = await withKey(secret, 'POST', keysUrl(a.organisationId), {
      name: 'Child',
      scopes: ['audit:read'],
    });
    const list = await withKey(secret, 'GET', keysUrl(a.organisationId));

    expectProblem(create, 403, '/problems/not-allowed');
    expectProblem(list, 403, '/problems/not-allowed');
    expect((await listKeys()).json<{ items: unknown[] }>().items.length).toBe(before);
  });

  it('stops working once revoked; revoking twice is harmless', async () => {
    const { id, secret } = await createKey(['members:read']);
    const url = `/api/v1/organisations/${a.organisationId}/members`;
    expect((await withKey(secret, 'GET', url)).statusCode).toBe(200);

    const revoke = await a.browser.delete(`${keysUrl(a.organisationId)}/${id}`);

    expect(revoke.statusCode, revoke.body).toBe(204);
    expectProblem(await withKey(secret, 'GET', url), 401, '/problems/invalid-api-key');
    expect((await keyView(id))?.revokedAt).toBe(t.clock.now().toISOString());
    expect((await a.browser.delete(`${keysUrl(a.organisationId)}/${id}`)).statusCode).toBe(204);
    const revocations = (
      await t.deps.store.securityEvents.list({ organisationId: a.organisationId, limit: 500 })
    ).filter((e) => e.kind === 'api_key_revoked' && e.detail.keyId === id);
    expect(revocations.length).toBe(1);
  });

  it("does not let one organisation's admin revoke another's key", async () => {
    const { id, secret } = await createKey(['members:read']);

    const res = await b.browser.delete(`${keysUrl(b.organisationId)}/${id}`);

    expectProblem(res, 404, '/problems/not-found');
    expect(
      (await withKey(secret, 'GET', `/api/v1/organisations/${a.organisationId}/members`)).statusCode,
    ).toBe(200);
  });

  it.each([
    ['a garbage bearer token', 'Bearer garbage'],
    ['a well-formed but unknown key', `Bearer cairn_abcdefgh_${'x'.repeat(43)}`],
    ['an empty bearer token', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('answers %s with 401 invalid-api-key', async (_label, authorization) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/organisations/${a.organisationId}/members`,
      headers: { authorization },
    });
    expectProblem(res, 401, '/problems/invalid-api-key');
  });

  it('refuses an unknown scope with 400 request-invalid', async () => {
    const before = (await listKeys()).json<{ items: unknown[] }>().items.length;

    const res = await a.browser.post(keysUrl(a.organisationId), {
      name: 'Too much',
      scopes: ['members:read', 'everything'],
    });

    expectProblem(res, 400, '/problems/request-invalid');
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/scopes/1');
    expect((await listKeys()).json<{ items: unknown[] }>().items.length).toBe(before);
  });

  it('records api_key_created and api_key_revoked for the organisation', async () => {
    const { id, secret } = await createKey(['audit:read'], 'Auditor');
    await a.browser.delete(`${keysUrl(a.organisationId)}/${id}`);
    const prefix = secret.split('_')[1] ?? '';

    const events = (await t.deps.store.securityEvents.list({ organisationId: a.organisationId, limit: 500 }))
      .filter((e) => e.detail.keyId === id)
      .reverse();

    expect(events).toEqual([
      expect.objectContaining({
        kind: 'api_key_created',
        organisation: { id: a.organisationId, name: aString },
        actor: { id: a.userId, name: 'Org Admin' },
        subject: `Auditor (${prefix})`,
        detail: { keyId: id, scopes: ['audit:read'] },
      }),
      expect.objectContaining({
        kind: 'api_key_revoked',
        actor: { id: a.userId, name: 'Org Admin' },
        subject: `Auditor (${prefix})`,
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('refuses the key list and key creation to a member who is not an admin', async () => {
    const member = await signedUpPerson(t.app);
    await t.deps.store.memberships.grant(a.organisationId, member.userId, ['learner', 'author']);

    expectProblem(await member.browser.get(keysUrl(a.organisationId)), 403, '/problems/not-allowed');
    expectProblem(
      await member.browser.post(keysUrl(a.organisationId), { name: 'Mine', scopes: ['members:read'] }),
      403,
      '/problems/not-allowed',
    );
  });
});
