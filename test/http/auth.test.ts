import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_WINDOW_MS } from '../../src/app/sign-in.js';
import { RESET_LIFETIME_MS } from '../../src/app/request-password-reset.js';
import { browser, createTestApp, linkTokenFromOutbox, signedUpPerson, type TestApp } from '../support/app.js';

/** Any string, typed `unknown` so it can sit in typed expectations. */
const aString: unknown = expect.any(String);

const PASSWORD = 'correct horse battery';
const RESET_LINK = /\/reset-password\?token=([A-Za-z0-9_-]+)/;

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type, status });
}

let emails = 0;
const freshEmail = (label: string) => `${label}.${String(++emails)}.${String(Date.now())}@example.org`;

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Sign-in from an address of the test's choosing, so per-address limits stay out of the way. */
  const signIn = (email: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password },
      remoteAddress,
    });

  /** Emails to one address, oldest first (the test clock moves between them). */
  const outboxTo = async (to: string) =>
    (await t.deps.store.outbox.list(500)).filter((e) => e.to === to).reverse();

  describe('sign-up', () => {
    it('creates the account and signs in with both cookies', async () => {
      const email = freshEmail('new');
      const res = await browser(t.app).post('/api/v1/auth/sign-up', {
        email,
        password: PASSWORD,
        name: 'Aroha Ngata',
      });

      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({
        user: {
          id: aString,
          email,
          name: 'Aroha Ngata',
          isPlatformAdmin: false,
          createdAt: aString,
        },
      });
      const cookies = res.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string }[];
      const session = cookies.find((c) => c.name === 'cairn_session');
      const csrf = cookies.find((c) => c.name === 'cairn_csrf');
      expect(session?.value).toMatch(/.{32,}/);
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe('Lax');
      expect(csrf?.value).toMatch(/.{32,}/);
      expect(csrf?.httpOnly).not.toBe(true);
      expect(await t.deps.store.users.findByEmail(email)).toMatchObject({ name: 'Aroha Ngata' });
    });

    it('stores the email in lower case and refuses it again in any case as 409', async () => {
      const email = freshEmail('dup');
      const first = await browser(t.app).post('/api/v1/auth/sign-up', {
        email: email.toUpperCase(),
        password: PASSWORD,
        name: 'A',
      });
      expect(first.json()).toMatchObject({ user: { email } });

      const res = await browser(t.app).post('/api/v1/auth/sign-up', {
        email,
        password: 'another good one',
        name: 'B',
      });

      expectProblem(res, 409, '/problems/email-taken');
      expect((await t.deps.store.users.findByEmail(email))?.name).toBe('A');
    });

    it.each([
      ['short', 'short1!'],
      ['without variety', 'aaaaaaaaaaaaaaaa'],
    ])('refuses a %s password with 422 naming /password', async (_label, password) => {
      const email = freshEmail('weak');
      const res = await browser(t.app).post('/api/v1/auth/sign-up', { email, password, name: 'Weak' });

      expectProblem(res, 422, '/problems/invalid-input');
      expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/password');
      expect(res.cookies).toEqual([]);
      expect(await t.deps.store.users.findByEmail(email)).toBeUndefined();
    });
  });

  describe('sign-in and sign-out', () => {
    let person: Awaited<ReturnType<typeof signedUpPerson>>;
    beforeAll(async () => {
      person = await signedUpPerson(t.app, 'Sign In Person');
    });

    it('signs in with the right password and sets the session cookie', async () => {
      const res = await signIn(person.email.toUpperCase(), person.password);

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ user: { id: person.userId, email: person.email } });
      const session = (res.cookies as { name: string; value: string }[]).find(
        (c) => c.name === 'cairn_session',
      );
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        cookies: { cairn_session: session?.value ?? '' },
      });
      expect(me.json()).toMatchObject({ user: { id: person.userId } });
    });

    it('answers a wrong password and an unknown email alike, 401 invalid-credentials', async () => {
      const wrong = await signIn(person.email, 'not the password at all');
      const unknown = await signIn(freshEmail('nobody'), 'not the password at all');

      expectProblem(wrong, 401, '/problems/invalid-credentials');
      expectProblem(unknown, 401, '/problems/invalid-credentials');
      expect(wrong.cookies).toEqual([]);
      const { instance: _a, ...wrongBody } = wrong.json<Record<string, unknown>>();
      const { instance: _b, ...unknownBody } = unknown.json<Record<string, unknown>>();
      expect(unknownBody).toEqual(wrongBody);
    });

    it('shows the signed-in person, memberships and abilities at /me', async () => {
      const b = browser(t.app);
      await b.post('/api/v1/auth/sign-in', { email: person.email, password: person.password });
      const before = await b.get('/api/v1/me');
      expect(before.statusCode).toBe(200);
      expect(before.json()).toEqual({
        user: {
          id: person.userId,
          email: person.email,
          name: 'Sign In Person',
          isPlatformAdmin: false,
          createdAt: aString,
        },
        memberships: [],
        abilities: { createOrganisation: true, readPlatformAudit: false, readOutbox: false },
      });

      const org = await b.post('/api/v1/organisations', { name: 'Me Test Org', kind: 'employer' });
      const after = await b.get('/api/v1/me');

      expect(after.json<{ memberships: unknown[] }>().memberships).toEqual([
        {
          organisation: {
            id: org.json<{ id: string }>().id,
            slug: 'me-test-org',
            name: 'Me Test Org',
            kind: 'employer',
          },
          roles: ['org_admin'],
        },
      ]);
    });

    it('answers /me with a 401 problem when signed out', async () => {
      expectProblem(
        await t.app.inject({ method: 'GET', url: '/api/v1/me' }),
        401,
        '/problems/sign-in-required',
      );
      const unknownCookie = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        cookies: { cairn_session: 'not-a-session' },
      });
      expectProblem(unknownCookie, 401, '/problems/sign-in-required');
    });

    it('ends the session on the server at sign-out', async () => {
      const b = browser(t.app);
      await b.post('/api/v1/auth/sign-in', { email: person.email, password: person.password });
      const oldCookies = new Map(b.jar);

      const res = await b.post('/api/v1/auth/sign-out');

      expect(res.statusCode).toBe(204);
      expect(b.jar.has('cairn_session')).toBe(false);
      expectProblem(await b.get('/api/v1/me'), 401, '/problems/sign-in-required');
      // The old cookie, replayed, no longer works: the session itself is gone.
      const replay = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        cookies: Object.fromEntries(oldCookies),
      });
      expectProblem(replay, 401, '/problems/sign-in-required');
    });
  });

  describe('changing the password', () => {
    it('refuses a wrong current password with 401 and keeps the old one', async () => {
      const p = await signedUpPerson(t.app);
      const res = await p.browser.post('/api/v1/auth/password', {
        currentPassword: 'wrong password!',
        newPassword: 'brand new secret 1',
      });

      expectProblem(res, 401, '/problems/invalid-credentials');
      expect((await p.browser.get('/api/v1/me')).statusCode).toBe(200);
      expect((await signIn(p.email, p.password)).statusCode).toBe(200);
    });

    it('signs every other session out, keeps this one, and takes the new password only', async () => {
      const p = await signedUpPerson(t.app);
      const other = browser(t.app);
      expect(
        (await other.post('/api/v1/auth/sign-in', { email: p.email, password: p.password })).statusCode,
      ).toBe(200);

      const res = await p.browser.post('/api/v1/auth/password', {
        currentPassword: p.password,
        newPassword: 'brand new secret 2',
      });

      expect(res.statusCode, res.body).toBe(204);
      expect((await p.browser.get('/api/v1/me')).statusCode).toBe(200);
      expectProblem(await other.get('/api/v1/me'), 401, '/problems/sign-in-required');
      expect((await signIn(p.email, 'brand new secret 2')).statusCode).toBe(200);
      expectProblem(await signIn(p.email, p.password), 401, '/problems/invalid-credentials');
    });

    it('needs a session', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: PASSWORD, newPassword: 'brand new secret 3' },
      });
      expectProblem(res, 401, '/problems/sign-in-required');
    });
  });

  describe('password reset', () => {
    const requestReset = async (email: string) => {
      t.clock.advance(1000); // so emails sort by time
      return t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
    };
    const confirm = (token: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, newPassword },
      });

    it('answers 202 for an unknown email and sends nothing', async () => {
      const email = freshEmail('ghost');
      const res = await requestReset(email);

      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ message: aString });
      expect(await outboxTo(email)).toEqual([]);
    });

    it('emails a link whose token sets the new password once, and signs old sessions out', async () => {
      const p = await signedUpPerson(t.app);
      const res = await requestReset(p.email.toUpperCase());

      expect(res.statusCode).toBe(202);
      const [email] = await outboxTo(p.email);
      expect(email).toMatchObject({ kind: 'password_reset', status: 'held' });
      expect(email?.text).toMatch(/http:\/\/cairn\.test\/reset-password\?token=[A-Za-z0-9_-]{43}/);
      const token = await linkTokenFromOutbox(t.deps, p.email, RESET_LINK);

      const first = await confirm(token, 'reset worked fine 1');
      expect(first.statusCode, first.body).toBe(204);
      expect((await signIn(p.email, 'reset worked fine 1')).statusCode).toBe(200);
      expectProblem(await signIn(p.email, p.password), 401, '/problems/invalid-credentials');
      expectProblem(await p.browser.get('/api/v1/me'), 401, '/problems/sign-in-required');

      const second = await confirm(token, 'reset worked fine 2');
      expectProblem(second, 422, '/problems/reset-token-invalid');
      expect((await signIn(p.email, 'reset worked fine 1')).statusCode).toBe(200);
    });

    it('refuses an unknown token and a weak new password without using the token', async () => {
      const p = await signedUpPerson(t.app);
      await requestReset(p.email);
      const token = await linkTokenFromOutbox(t.deps, p.email, RESET_LINK);

      expectProblem(
        await confirm('x'.repeat(43), 'reset worked fine 3'),
        422,
        '/problems/reset-token-invalid',
      );
      const weak = await confirm(token, 'short');
      expectProblem(weak, 422, '/problems/invalid-input');
      expect(weak.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/newPassword');
      expect((await confirm(token, 'reset worked fine 3')).statusCode).toBe(204);
    });

    it('honours a link within the hour and refuses it after', async () => {
      const p = await signedUpPerson(t.app);
      await requestReset(p.email);
      const early = await linkTokenFromOutbox(t.deps, p.email, RESET_LINK);
      t.clock.advance(RESET_LIFETIME_MS - 60_000);
      expect((await confirm(early, 'still in time 1')).statusCode).toBe(204);

      await requestReset(p.email);
      const late = await linkTokenFromOutbox(t.deps, p.email, RESET_LINK);
      expect(late).not.toBe(early);
      t.clock.advance(RESET_LIFETIME_MS);

      expectProblem(await confirm(late, 'too late now 2'), 422, '/problems/reset-token-invalid');
      expect((await signIn(p.email, 'still in time 1')).statusCode).toBe(200);
    });

    it('sends at most three reset emails an hour per account', async () => {
      const p = await signedUpPerson(t.app);
      for (let i = 0; i < 5; i++) expect((await requestReset(p.email)).statusCode).toBe(202);

      expect((await outboxTo(p.email)).length).toBe(3);

      t.clock.advance(RESET_LIFETIME_MS);
      expect((await requestReset(p.email)).statusCode).toBe(202);
      expect((await outboxTo(p.email)).length).toBe(4);
    });
  });

  describe('sign-in rate limit', () => {
    it('refuses the sixth attempt after five failures, even with the right password, until the window ends', async () => {
      const p = await signedUpPerson(t.app);
      const address = '192.0.2.10';
      for (let i = 0; i < 5; i++) {
        expectProblem(
          await signIn(p.email, `wrong password ${String(i)}`, address),
          401,
          '/problems/invalid-credentials',
        );
      }

      const blocked = await signIn(p.email, p.password, address);
      // The limit is per email, not per address.
      const elsewhere = await signIn(p.email, p.password, '192.0.2.11');

      expectProblem(blocked, 429, '/problems/too-many-attempts');
      expect(blocked.cookies).toEqual([]);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS / 1000);
      expectProblem(elsewhere, 429, '/problems/too-many-attempts');

      t.clock.advance(SIGN_IN_WINDOW_MS);
      const after = await signIn(p.email, p.password, address);
      expect(after.statusCode, after.body).toBe(200);
    });

    it('does not count failures for one account against another', async () => {
      const a = await signedUpPerson(t.app);
      const b = await signedUpPerson(t.app);
      for (let i = 0; i < 5; i++) await signIn(a.email, 'wrong password', '192.0.2.20');

      expect((await signIn(b.email, b.password, '192.0.2.20')).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    it('refuses cookie-authenticated changes without the right x-csrf-token', async () => {
      const p = await signedUpPerson(t.app);
      const cookies = Object.fromEntries(p.browser.jar);
      const create = (headers: Record<string, string>, name: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/organisations',
          cookies,
          headers,
          payload: { name, kind: 'employer' },
        });

      expectProblem(await create({}, 'No Token Org'), 403, '/problems/csrf-token-invalid');
      expectProblem(
        await create({ 'x-csrf-token': 'wrong' }, 'Wrong Token Org'),
        403,
        '/problems/csrf-token-invalid',
      );
      const otherSession = await signedUpPerson(t.app);
      const foreign = await create(
        { 'x-csrf-token': otherSession.browser.jar.get('cairn_csrf') ?? '' },
        'Foreign Token Org',
      );
      expectProblem(foreign, 403, '/problems/csrf-token-invalid');
      expect((await p.browser.get('/api/v1/organisations')).json()).toEqual({ items: [] });

      const ok = await create({ 'x-csrf-token': cookies.cairn_csrf ?? '' }, 'Right Token Org');
      expect(ok.statusCode, ok.body).toBe(201);
      expect((await p.browser.get('/api/v1/organisations')).json()).toMatchObject({
        items: [{ name: 'Right Token Org' }],
      });
    });

    it('does not let a CSRF-less sign-out end the session', async () => {
      const p = await signedUpPerson(t.app);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-out',
        cookies: Object.fromEntries(p.browser.jar),
      });

      expectProblem(res, 403, '/problems/csrf-token-invalid');
      expect((await p.browser.get('/api/v1/me')).statusCode).toBe(200);
    });
  });

  describe('security audit', () => {
    it('records sign-up, failed sign-in, sign-in, password change and sign-out in order', async () => {
      const p = await signedUpPerson(t.app);
      await signIn(p.email, 'wrong password here', '192.0.2.30');
      await p.browser.post('/api/v1/auth/sign-in', { email: p.email, password: p.password });
      await p.browser.post('/api/v1/auth/password', {
        currentPassword: p.password,
        newPassword: 'audited new secret',
      });
      await p.browser.post('/api/v1/auth/sign-out');

      const events = (await t.deps.store.securityEvents.list({ organisationId: null, limit: 200 }))
        .filter((e) => e.actor?.id === p.userId)
        .reverse();

      expect(events.map((e) => e.kind)).toEqual([
        'sign_up',
        'sign_in_failed',
        'sign_in',
        'password_changed',
        'sign_out',
      ]);
      expect(events[1]).toMatchObject({
        subject: p.email,
        ip: '192.0.2.30',
        detail: { reason: 'wrong_password' },
      });
      expect(events[0]).toMatchObject({ subject: p.email, ip: '127.0.0.1' });
    });

    it('records a failed sign-in for an unknown email without an actor', async () => {
      const email = freshEmail('unknown');
      await signIn(email, 'whatever password', '192.0.2.31');

      const events = (await t.deps.store.securityEvents.list({ organisationId: null, limit: 200 })).filter(
        (e) => e.subject === email,
      );
      expect(events).toEqual([
        expect.objectContaining({ kind: 'sign_in_failed', actor: null, detail: { reason: 'unknown_email' } }),
      ]);
    });
  });
});
