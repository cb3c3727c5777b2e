import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, seriousAxeViolations, type BrowserTestRig } from './support.js';

const PASSWORD = 'cairn-demo';
const ISSUER_ADMIN = 'anahera.kingi@iamsa.example'; // org admin of IAMSA, which owns the demo micro-credentials
const LEARNER = 'priya.raman@ridgeline.example';
const REASON = 'Issued to the wrong person during the browser test.';

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The state chip beside "Awarded to …" in the credential page's header. */
async function headerState(page: Page) {
  return (await page.locator('.page-header .chip').first().textContent())?.trim();
}

describe('issuing, revoking and verifying a credential in Chromium', () => {
  let rig: BrowserTestRig;
  beforeAll(async () => {
    rig = await startBrowserRig({ demo: true });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('an issuer awards a credential, revokes it, the holder sees it revoked and a visitor verifies it', async () => {
    // Anahera Kingi, an admin at IAMSA, issues a credential from the organisation's Credentials page.
    const issuerContext = await rig.browser.newContext();
    const issuer = await issuerContext.newPage();
    await signIn(issuer, rig.baseUrl, ISSUER_ADMIN);
    await issuer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Credentials', exact: true })
      .click();
    await issuer.waitForURL(/\/orgs\/[^/]+\/credentials$/);
    const organisationPage = issuer.url();

    const picker = issuer.getByLabel('Micro-credential');
    await expect.poll(() => picker.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await picker.selectOption({ index: 1 });
    const chosen = (await picker.locator('option:checked').textContent()) ?? '';
    await issuer.getByLabel('Recipient email').fill(LEARNER);
    await issuer.getByLabel('Recipient name').fill('Priya Raman');
    await issuer.getByLabel('Evidence note').fill('Completed the workplace project to the standard.');
    expect(await seriousAxeViolations(issuer)).toEqual([]);
    await issuer.getByRole('button', { name: 'Issue credential' }).click();
    await expect
      .poll(() => issuer.getByText('Credential issued', { exact: true }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => issuer.getByTestId('issued-credentials-table').isVisible()).toBe(true);

    // The credential page: title, state, and what the issuer can do.
    await issuer.getByTestId('issued-credential-link').click();
    await issuer.waitForURL(/\/credentials\/[0-9a-f-]+$/);
    const credentialId = new URL(issuer.url()).pathname.split('/').pop() ?? '';
    const heading = issuer.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).not.toBe('Credential');
    const title = ((await heading.textContent()) ?? '').trim();
    expect(chosen).toContain(title);
    await expect.poll(() => headerState(issuer)).toBe('Active');
    await expect.poll(() => issuer.getByTestId('qr-code').isVisible()).toBe(true);
    expect(
      await issuer.getByRole('link', { name: /Add to LinkedIn profile/ }).getAttribute('href'),
    ).toContain(`certId=${credentialId}`);
    expect(await seriousAxeViolations(issuer)).toEqual([]);

    // Revoke it, with a reason.
    await issuer.getByRole('button', { name: 'Revoke…' }).click();
    const dialog = issuer.getByTestId('credential-status-dialog');
    await dialog.getByLabel('Reason').fill(REASON);
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect.poll(() => headerState(issuer)).toBe('Revoked');
    await expect.poll(() => issuer.getByTestId('status-history').textContent()).toContain(REASON);
    expect(await seriousAxeViolations(issuer)).toEqual([]);

    // The signed JSON, as the download link serves it.
    const credentialJson = await issuer.evaluate(
      async (url) => (await fetch(url)).text(),
      `/api/v1/credentials/${credentialId}/download/json`,
    );
    expect(JSON.parse(credentialJson)).toHaveProperty('proof');

    // "Verify this credential" opens the verify page with it loaded.
    await issuer.getByRole('link', { name: 'Verify this credential' }).click();
    await issuer.waitForURL(/\/verify\?credential=/);
    await expect
      .poll(() => issuer.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Revoked by the issuer');

    // Priya Raman finds it in her wallet, marked revoked.
    const learnerContext = await rig.browser.newContext();
    const learner = await learnerContext.newPage();
    await signIn(learner, rig.baseUrl, LEARNER);
    await learner.goto(`${rig.baseUrl}/wallet`);
    const card = learner.getByTestId(`wallet-card-${credentialId}`);
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card.getByRole('link', { name: title }).isVisible()).toBe(true);
    expect((await card.locator('.chip').first().textContent())?.trim()).toBe('Revoked');
    expect(await seriousAxeViolations(learner)).toEqual([]);

    // A visitor without an account pastes the JSON into the verify page.
    const visitorContext = await rig.browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${rig.baseUrl}/verify`);
    await expect
      .poll(() => visitor.getByRole('heading', { name: 'Verify a credential' }).isVisible())
      .toBe(true);
    expect(await seriousAxeViolations(visitor)).toEqual([]);
    await visitor.getByLabel('Credential JSON or JWT').fill(credentialJson);
    await visitor.getByRole('button', { name: 'Verify pasted credential' }).click();
    const verdict = visitor.getByTestId('verify-verdict');
    await expect.poll(() => verdict.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await verdict.textContent()).toBe('Revoked by the issuer');
    expect(await visitor.getByTestId('verify-checks').locator('[data-check="proof"]').count()).toBe(1);
    expect(await visitor.getByTestId('verify-report').textContent()).toContain(title);
    expect(await seriousAxeViolations(visitor)).toEqual([]);

    // The same credential as a file, through the file picker.
    await visitor.getByLabel('Choose a file').setInputFiles({
      name: 'credential.json',
      mimeType: 'application/json',
      buffer: Buffer.from(credentialJson),
    });
    await expect
      .poll(() => visitor.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Revoked by the issuer');

    // Input that is not a credential gets a readable error instead of a verdict.
    await visitor.getByLabel('Credential JSON or JWT').fill('just some words');
    await visitor.getByRole('button', { name: 'Verify pasted credential' }).click();
    await expect
      .poll(() =>
        visitor.getByRole('alert').filter({ hasText: 'does not look like a credential' }).isVisible(),
      )
      .toBe(true);
    expect(await visitor.getByTestId('verify-verdict').count()).toBe(0);

    // A JSON object that is not a credential: the server reads it and says why it fails, or refuses it.
    await visitor.getByLabel('Credential JSON or JWT').fill('{"hello": "world"}');
    await visitor.getByRole('button', { name: 'Verify pasted credential' }).click();
    await expect
      .poll(
        async () =>
          (await visitor
            .getByTestId('verify-verdict')
            .textContent()
            .catch(() => null)) ??
          (await visitor
            .getByRole('alert')
            .first()
            .textContent()
            .catch(() => null)),
        { timeout: 15_000 },
      )
      .toMatch(/Not a valid credential|credential/i);

    // Back on the Credentials page, Anahera rotates the organisation's signing keys.
    await issuer.goto(organisationPage);
    const keys = issuer.getByTestId('issuer-keys-table');
    await expect.poll(() => keys.getByText('In use').count(), { timeout: 15_000 }).toBe(2);
    await issuer.getByRole('button', { name: 'Rotate keys' }).click();
    await issuer.getByTestId('rotate-keys-dialog').getByRole('button', { name: 'Rotate keys' }).click();
    await expect.poll(() => keys.getByText(/^Retired/).count()).toBe(2);
    expect(await keys.getByText('In use').count()).toBe(2);
    expect(await seriousAxeViolations(issuer)).toEqual([]);

    await visitorContext.close();
    await learnerContext.close();
    await issuerContext.close();
  });
});
