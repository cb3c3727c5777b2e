import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, seriousAxeViolations, type BrowserTestRig } from './support.js';

describe('a new user in Chromium', () => {
  let rig: BrowserTestRig;
  beforeAll(async () => {
    rig = await startBrowserRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  it('signs up, signs in, switches organisation and invites a member who then joins', async () => {
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    const email = 'ana.lead@ridgeline.example';
    const password = 'stacked stones 2026';

    await page.goto(`${rig.baseUrl}/sign-up`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Name').fill('Ana Lead');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));

    // Two organisations, so there is something to switch between.
    for (const [name, kind] of [
      ['Ridgeline Test Advisory', 'employer'],
      ['Tōtara Test Polytechnic', 'education_provider'],
    ] as const) {
      await page.goto(`${rig.baseUrl}/orgs/new`);
      await page.getByLabel('Organisation name').fill(name);
      await page.getByLabel('Organisation type').selectOption(kind);
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await expect.poll(() => page.getByRole('main').getByText(name).first().isVisible()).toBe(true);
    }

    // Sign out, then back in.
    await page.getByTestId('user-menu-button').click();
    await page
      .getByRole('menuitem', { name: 'Sign out' })
      .or(page.getByRole('button', { name: 'Sign out' }))
      .first()
      .click();
    await page.waitForURL(/\/sign-in/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    // Switch organisation.
    const switcher = page.getByLabel('Organisation', { exact: true });
    await switcher.selectOption({ label: 'Ridgeline Test Advisory' });
    await expect
      .poll(() => page.getByRole('main').getByText('Ridgeline Test Advisory').first().isVisible())
      .toBe(true);
    await switcher.selectOption({ label: 'Tōtara Test Polytechnic' });
    await expect
      .poll(() => page.getByRole('main').getByText('Tōtara Test Polytechnic').first().isVisible())
      .toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Invite a member from the members page.
    await page.getByRole('link', { name: 'Members' }).first().click();
    await page.waitForURL(/\/members$/);
    const invitee = 'mere.learner@example.org';
    await page.getByLabel('Email').fill(invitee);
    await page.getByRole('checkbox', { name: 'Learner' }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByText(invitee).first().isVisible()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The invitation email is held in the outbox (no SMTP here); its link lets the invitee join.
    const emails = await rig.server.runtime.deps.store.outbox.list(10);
    const link = /\/invitations\/([A-Za-z0-9_-]+)/.exec(
      emails.find((e) => e.to === invitee)?.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const inviteeContext = await rig.browser.newContext();
    const inviteePage = await inviteeContext.newPage();
    await inviteePage.goto(`${rig.baseUrl}/invitations/${link ?? ''}`);
    await expect.poll(() => inviteePage.getByText('Tōtara Test Polytechnic').first().isVisible()).toBe(true);
    await inviteePage
      .getByRole('link', { name: /create an account|sign up/i })
      .first()
      .click();
    await inviteePage.getByLabel('Name').fill('Mere Learner');
    await inviteePage.getByLabel('Email').fill(invitee);
    await inviteePage.getByLabel('Password', { exact: true }).fill('kia kaha learning');
    await inviteePage.getByRole('button', { name: 'Create account' }).click();
    await inviteePage.waitForURL(/\/invitations\//);
    await inviteePage.getByRole('button', { name: 'Accept invitation' }).click();
    await inviteePage.waitForURL((url) => !url.pathname.startsWith('/invitations'));

    // Back with the admin: the invitee is now a member with the learner role.
    await page.reload();
    const row = page.getByRole('row', { name: /Mere Learner/ });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toMatch(/Learner/);

    await inviteeContext.close();
    await context.close();
  });
});
