import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_LIFETIME_DAYS } from '../../src/domain/invitations.js';
import {
  browser,
  createTestApp,
  linkTokenFromOutbox,
  personWithOrganisation,
  signedUpPerson,
  type Browser,
  type TestApp,
} from '../support/app.js';

/** Any string, typed `unknown` so it can sit in typed expectations. */
const aString: unknown = expect.any(String);

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type, status });
}

const DAY_MS = 86_400_000;
const INVITATION_LINK = /http:\/\/cairn\.test\/invitations\/([A-Za-z0-9_-]+)/;
let emails = 0;
const freshEmail = () => `invitee${String(++emails)}.${String(Date.now())}@example.org`;

describe('invitations', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof personWithOrganisation>>;
  let organisationName: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await personWithOrganisation(t.app);
    organisationName = (await t.deps.store.organisations.findById(admin.organisationId))?.name ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  /** Invites `email` as the org admin; returns the response and the token from the emailed link. */
  const invite = async (email: string, roles: string[] = ['learner'], by: Browser = admin.browser) => {
    t.clock.advance(1000); // so the newest email to an address is the newest by time
    const res = await by.post(`/api/v1/organisations/${admin.organisationId}/invitations`, { email, roles });
    expect(res.statusCode, res.body).toBe(201);
    return {
      res,
      id: res.json<{ id: string }>().id,
      token: await linkTokenFromOutbox(t.deps, email.toLowerCase(), INVITATION_LINK),
    };
  };
  const preview = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
  const signUpAs = async (email: string, name = 'Invitee') => {
    const b = browser(t.app);
    const res = await b.post('/api/v1/auth/sign-up', { email, password: 'correct horse battery', name });
    expect(res.statusCode, res.body).toBe(201);
    return { browser: b, userId: res.json<{ user: { id: string } }>().user.id };
  };
  const accept = (b: Browser, token: string) => b.post(`/api/v1/invitations/${token}/accept`);
  const rolesIn = async (userId: string) =>
    (await t.deps.store.memberships.find(admin.organisationId, userId))?.roles;

  it('invites by email: 201 with the invitation, and a held email with the link', async () => {
    const email = freshEmail();
    const { res, token } = await invite(email.toUpperCase(), ['author', 'learner']);

    const body = res.json<{ createdAt: string; expiresAt: string }>();
    expect(body).toEqual({
      id: aString,
      email,
      roles: ['learner', 'author'],
      status: 'pending',
      invitedBy: { id: admin.userId, name: 'Org Admin' },
      createdAt: aString,
      expiresAt: new Date(t.clock.now().getTime() + INVITATION_LIFETIME_DAYS * DAY_MS).toISOString(),
    });
    const sent = (await t.deps.store.outbox.list(100)).filter((e) => e.to === email);
    expect(sent).toEqual([expect.objectContaining({ kind: 'invitation', status: 'held' })]);
    expect(sent[0]?.text).toContain(`http://cairn.test/invitations/${token}`);
    expect(sent[0]?.subject).toContain(organisationName);
    const list = await admin.browser.get(`/api/v1/organisations/${admin.organisationId}/invitations`);
    expect(list.json<{ items: unknown[] }>().items).toContainEqual(body);
  });

  it('previews an invitation publicly by its token, and 404s an unknown one', async () => {
    const email = freshEmail();
    const { token } = await invite(email, ['mentor']);

    const res = await preview(token);

    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      organisation: {
        id: admin.organisationId,
        slug: aString,
        name: organisationName,
        kind: 'employer',
      },
      email,
      roles: ['mentor'],
      status: 'pending',
      expiresAt: aString,
    });
    expectProblem(await preview('A'.repeat(43)), 404, '/problems/not-found');
  });

  it('lets the invited person accept once; they then hold the roles', async () => {
    const email = freshEmail();
    const { token } = await invite(email, ['assessor', 'learner']);
    const invitee = await signUpAs(email, 'Ngaio');

    const res = await accept(invitee.browser, token);

    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      organisation: { id: admin.organisationId, slug: aString, name: aString, kind: 'employer' },
      roles: ['learner', 'assessor'],
    });
    expect(await rolesIn(invitee.userId)).toEqual(['learner', 'assessor']);
    expect((await invitee.browser.get('/api/v1/me')).json()).toMatchObject({
      memberships: [{ organisation: { id: admin.organisationId }, roles: ['learner', 'assessor'] }],
    });
    expect((await preview(token)).json()).toMatchObject({ status: 'accepted' });

    const again = await accept(invitee.browser, token);
    expectProblem(again, 409, '/problems/invitation-not-pending');
    expect(again.json()).toMatchObject({ invitationStatus: 'accepted' });
  });

  it('asks an anonymous caller to sign in before accepting', async () => {
    const email = freshEmail();
    const { token } = await invite(email);

    expectProblem(
      await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
      401,
      '/problems/sign-in-required',
    );
    expect((await preview(token)).json()).toMatchObject({ status: 'pending' });
  });

  it('refuses a person with another email, leaving the invitation open', async () => {
    const email = freshEmail();
    const { token } = await invite(email);
    const someoneElse = await signedUpPerson(t.app);

    const res = await accept(someoneElse.browser, token);

    expectProblem(res, 403, '/problems/invitation-email-mismatch');
    expect(await rolesIn(someoneElse.userId)).toBeUndefined();
    expect((await preview(token)).json()).toMatchObject({ status: 'pending' });
    const invitee = await signUpAs(email);
    expect((await accept(invitee.browser, token)).statusCode).toBe(200);
  });

  it('refuses a revoked invitation', async () => {
    const email = freshEmail();
    const { id, token } = await invite(email);
    const invitee = await signUpAs(email);

    const revoke = await admin.browser.delete(
      `/api/v1/organisations/${admin.organisationId}/invitations/${id}`,
    );
    expect(revoke.statusCode, revoke.body).toBe(204);

    expectProblem(await accept(invitee.browser, token), 409, '/problems/invitation-not-pending');
    expect(await rolesIn(invitee.userId)).toBeUndefined();
    expect((await preview(token)).json()).toMatchObject({ status: 'revoked' });
    const twice = await admin.browser.delete(
      `/api/v1/organisations/${admin.organisationId}/invitations/${id}`,
    );
    expectProblem(twice, 409, '/problems/invitation-not-pending');
  });

  it('refuses to invite someone who is already a member', async () => {
    const res = await admin.browser.post(`/api/v1/organisations/${admin.organisationId}/invitations`, {
      email: admin.email.toUpperCase(),
      roles: ['author'],
    });

    expectProblem(res, 409, '/problems/already-member');
    expect((await t.deps.store.outbox.list(500)).filter((e) => e.to === admin.email)).toEqual([]);
    expect(await rolesIn(admin.userId)).toEqual(['org_admin']);
  });

  it('does not let a member without admin invite or see invitations', async () => {
    const email = freshEmail();
    const { token } = await invite(email, ['learner']);
    const learner = await signUpAs(email);
    await accept(learner.browser, token);

    const res = await learner.browser.post(`/api/v1/organisations/${admin.organisationId}/invitations`, {
      email: freshEmail(),
      roles: ['org_admin'],
    });

    expectProblem(res, 403, '/problems/not-allowed');
    expectProblem(
      await learner.browser.get(`/api/v1/organisations/${admin.organisationId}/invitations`),
      403,
      '/problems/not-allowed',
    );
  });

  it('replaces an open invitation when the same email is invited again', async () => {
    const email = freshEmail();
    const first = await invite(email, ['learner']);
    const second = await invite(email, ['author']);
    expect(second.token).not.toBe(first.token);
    const invitee = await signUpAs(email);

    expectProblem(await accept(invitee.browser, first.token), 409, '/problems/invitation-not-pending');
    expect((await preview(first.token)).json()).toMatchObject({ status: 'revoked' });
    const res = await accept(invitee.browser, second.token);

    expect(res.statusCode, res.body).toBe(200);
    expect(await rolesIn(invitee.userId)).toEqual(['author']);
  });

  it('merges the invited roles into roles the person already holds', async () => {
    const email = freshEmail();
    const { token } = await invite(email, ['author', 'mentor']);
    const invitee = await signUpAs(email);
    // Granted meanwhile by another path (e.g. a second admin's invitation accepted first).
    await t.deps.store.memberships.grant(admin.organisationId, invitee.userId, ['learner', 'author']);

    const res = await accept(invitee.browser, token);

    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['learner', 'author', 'mentor'] });
    expect(await rolesIn(invitee.userId)).toEqual(['learner', 'author', 'mentor']);
    expect((await invitee.browser.get('/api/v1/me')).json()).toMatchObject({
      memberships: [{ roles: ['learner', 'author', 'mentor'] }],
    });
  });

  it('records invitation_created, invitation_accepted and invitation_revoked for the organisation', async () => {
    const accepted = freshEmail();
    const revoked = freshEmail();
    const a = await invite(accepted, ['learner']);
    const r = await invite(revoked, ['learner']);
    await accept((await signUpAs(accepted)).browser, a.token);
    await admin.browser.delete(`/api/v1/organisations/${admin.organisationId}/invitations/${r.id}`);

    const events = (
      await t.deps.store.securityEvents.list({ organisationId: admin.organisationId, limit: 500 })
    )
      .filter((e) => e.subject === accepted || e.subject === revoked)
      .reverse()
      .map((e) => [e.kind, e.subject, e.organisation?.id]);

    expect(events).toEqual([
      ['invitation_created', accepted, admin.organisationId],
      ['invitation_created', revoked, admin.organisationId],
      ['invitation_accepted', accepted, admin.organisationId],
      ['invitation_revoked', revoked, admin.organisationId],
    ]);
  });

  // Last: moving the clock 15 days also expires every session made so far.
  it('refuses an invitation after it expires', async () => {
    const email = freshEmail();
    const { token } = await invite(email);
    const invitee = await signUpAs(email);

    t.clock.advance((INVITATION_LIFETIME_DAYS + 1) * DAY_MS);
    await invitee.browser.post('/api/v1/auth/sign-in', { email, password: 'correct horse battery' });
    const res = await accept(invitee.browser, token);

    expectProblem(res, 409, '/problems/invitation-not-pending');
    expect(res.json()).toMatchObject({ invitationStatus: 'expired' });
    expect(await rolesIn(invitee.userId)).toBeUndefined();
    expect((await preview(token)).json()).toMatchObject({ status: 'expired' });
  });
});
