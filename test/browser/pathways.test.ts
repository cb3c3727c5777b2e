import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, startBrowserRig, type BrowserTestRig } from './support.js';

const PASSWORD = 'cairn-demo';
const ISSUER_ADMIN = 'anahera.kingi@iamsa.example'; // org admin of IAMSA, which owns the micro-credentials
const LEARNER = 'aroha.tipene@kowhai-dc.example'; // holds IAM-101, drafting IAM-103
const PATHWAY = 'School leaver to Asset Data Technician';
const STACK = 'I.AM Stack: Asset Data Technician';

/** Screenshots for a person to look at; the path is printed once. */
const shots = mkdtempSync(join(tmpdir(), 'cairn-pathways-shots-'));

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Issues a micro-credential by code over the HTTP API, with the context's cookies (and CSRF token). */
async function issue(context: BrowserContext, baseUrl: string, code: string, recipientEmail: string) {
  const catalogue = await context.request.get(`${baseUrl}/api/v1/achievements?limit=50`);
  expect(catalogue.status()).toBe(200);
  const items = ((await catalogue.json()) as { items: { id: string; code: string }[] }).items;
  const achievementId = items.find((a) => a.code === code)?.id;
  expect(achievementId, code).toBeDefined();
  const csrf = (await context.cookies(baseUrl)).find((c) => c.name === 'cairn_csrf')?.value ?? '';
  const res = await context.request.post(`${baseUrl}/api/v1/credentials`, {
    data: { achievementId, recipientEmail },
    headers: { 'x-csrf-token': csrf },
  });
  expect([200, 201], await res.text()).toContain(res.status());
}

describe('stacks and pathways in Chromium', () => {
  let rig: BrowserTestRig;
  beforeAll(async () => {
    rig = await startBrowserRig({ demo: true });
    process.stdout.write(`pathway screenshots: ${shots}\n`);
  });
  afterAll(async () => {
    await rig.close();
  });

  it('a learner follows her pathway to the stacked credential; guidance and the editor preview work', async () => {
    const errors: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(msg.text());
      });
    };

    // Aroha signs in and opens her pathway from the Pathways page.
    const learnerContext = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const learner = await learnerContext.newPage();
    watch(learner);
    await signIn(learner, rig.baseUrl, LEARNER);
    await learner
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Pathways', exact: true })
      .click();
    await learner.waitForURL(/\/pathways$/);
    const card = learner.getByTestId('pathway-card').filter({ hasText: PATHWAY });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => card.getByRole('progressbar').isVisible()).toBe(true);
    // The career ladder above: her pathway is a link into its role, with her progress on it, and
    // the entry role leads on to the practitioner roles.
    const ladder = learner.getByTestId('career-ladder');
    await expect.poll(() => ladder.isVisible()).toBe(true);
    const ladderLink = ladder.getByRole('link', { name: new RegExp(`^Pathway ${PATHWAY}: \\d+%$`) });
    expect(await ladderLink.count()).toBe(1);
    expect(
      await ladder.getByRole('group', { name: /^Asset Data Technician, Entry; leads to / }).count(),
    ).toBe(1);
    expect(await seriousAxeViolations(learner)).toEqual([]);
    await card.getByRole('link', { name: PATHWAY }).click();
    await learner.waitForURL(/\/pathways\/[0-9a-f-]+$/);
    const pathwayUrl = learner.url();

    // The map: IAM-101 done, IAM-103 in progress, IAM-102 available; names carry the state.
    const map = learner.getByTestId('pathway-map');
    await expect.poll(() => map.isVisible(), { timeout: 15_000 }).toBe(true);
    const step = (code: string) => map.getByRole('link', { name: new RegExp(`^${code} `) });
    await expect.poll(() => step('IAM-101').getAttribute('aria-label')).toMatch(/, done, met by /);
    expect(await step('IAM-103').getAttribute('aria-label')).toMatch(/, in progress$/);
    expect(await step('IAM-102').getAttribute('aria-label')).toMatch(/, available$/);
    expect(await step('IAM-201').getAttribute('aria-label')).toMatch(/, available$/);
    expect(await map.getByRole('list', { name: 'Map legend' }).getByText('In progress').count()).toBe(1);
    const progress = learner.getByTestId('pathway-progress');
    const bar = progress.getByRole('progressbar');
    const before = Number(await bar.getAttribute('aria-valuenow'));
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(100);
    expect(await progress.textContent()).toContain(`${before}% complete`);
    const remaining = learner.getByTestId('pathway-remaining');
    expect(await remaining.textContent()).toContain('IAM-102');
    // The elective is one thing to do with two options, not two steps.
    const elective = remaining.getByRole('list', { name: 'Options for Choose 1 of: Elective' });
    expect(await elective.getByRole('listitem').count()).toBe(2);
    expect(await learner.getByTestId('role-coverage').textContent()).toContain('DAT-04');
    expect(await seriousAxeViolations(learner)).toEqual([]);
    await map.screenshot({ path: join(shots, 'map-before.png') });
    await learner.screenshot({ path: join(shots, 'pathway-page-before.png'), fullPage: true });

    // Guidance: the gap chart and ranked next steps for her target role, while she still has a gap.
    await learner.goto(`${rig.baseUrl}/learning/guidance`);
    const chart = learner.getByTestId('gap-chart');
    await expect.poll(() => chart.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await chart.textContent()).toContain('Competency gap for Asset Data Technician');
    expect(await chart.locator('svg text').filter({ hasText: 'DAT-04' }).count()).toBeGreaterThan(0);
    await expect.poll(() => learner.getByTestId('recommendations').isVisible()).toBe(true);
    const recommended = learner.getByTestId('recommendations').locator('.recommendation__title');
    expect(await recommended.count()).toBeGreaterThan(0);
    // Next steps on her pathway; never what she already holds.
    expect(await recommended.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('IAM-102'), expect.stringContaining('IAM-103')]),
    );
    expect((await recommended.allTextContents()).join(' ')).not.toContain('IAM-101');
    expect(await learner.getByText('Bruce Whitcombe').isVisible()).toBe(true);
    expect(await seriousAxeViolations(learner)).toEqual([]);
    await chart.screenshot({ path: join(shots, 'gap-chart.png') });
    await learner.screenshot({ path: join(shots, 'guidance.png'), fullPage: true });

    // Anahera issues the remaining micro-credentials over the API.
    const issuerContext = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const signedIn = await issuerContext.request.post(`${rig.baseUrl}/api/v1/auth/sign-in`, {
      data: { email: ISSUER_ADMIN, password: PASSWORD },
    });
    expect(signedIn.status()).toBe(200);
    for (const code of ['IAM-103', 'IAM-102', 'IAM-201'])
      await issue(issuerContext, rig.baseUrl, code, LEARNER);

    // Aroha reloads: 100%, the stacked credential is hers.
    await learner.goto(pathwayUrl);
    await expect
      .poll(
        () => learner.getByTestId('pathway-progress').getByRole('progressbar').getAttribute('aria-valuenow'),
        {
          timeout: 15_000,
        },
      )
      .toBe('100');
    for (const code of ['IAM-101', 'IAM-103', 'IAM-102', 'IAM-201'])
      expect(await step(code).getAttribute('aria-label')).toMatch(/, done, met by /);
    const earned = learner.getByTestId('stack-earned');
    await expect.poll(() => earned.isVisible()).toBe(true);
    expect(await earned.textContent()).toContain(`You earned ${STACK}`);
    expect(await learner.getByTestId('pathway-remaining').textContent()).toContain('Nothing remains');
    expect(await seriousAxeViolations(learner)).toEqual([]);
    expect(await map.getByRole('link', { name: /^Stacked credential: .*, awarded$/ }).count()).toBe(1);
    await map.screenshot({ path: join(shots, 'map-after.png') });
    await learner.screenshot({ path: join(shots, 'pathway-page-after.png'), fullPage: true });

    // The stacked credential: active, and it verifies.
    await learner.getByRole('link', { name: 'View your stacked credential' }).click();
    await learner.waitForURL(/\/credentials\/[0-9a-f-]+$/);
    await expect
      .poll(() => learner.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe(STACK);
    await expect.poll(() => learner.locator('.page-header .chip').first().textContent()).toBe('Active');
    await learner.getByRole('link', { name: 'Verify this credential' }).click();
    await learner.waitForURL(/\/verify\?credential=/);
    await expect
      .poll(() => learner.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Valid credential');
    expect(await learner.getByTestId('verify-report').textContent()).toContain(STACK);

    // The editor as Anahera: the live preview finds an impossible "Choose 3 of" two options.
    const author = await issuerContext.newPage();
    watch(author);
    await author.goto(`${rig.baseUrl}/pathways/new`);
    await expect
      .poll(() => author.getByRole('heading', { name: 'New pathway' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await author.getByLabel('Title', { exact: true }).fill('Test electives pathway');
    await author.getByLabel('Summary', { exact: true }).fill('A pathway with too few electives.');
    await author.getByLabel('Stacked credential title').fill('Test electives stack');
    const root = author.getByTestId('req-group-root');
    await root.getByLabel('Group type').selectOption('n_of');
    for (const code of ['IAM-101', 'IAM-102']) {
      await root.getByRole('button', { name: /^Add micro-credential/ }).click();
      await author.getByLabel('Search the catalogue').fill(code);
      const add = author
        .getByRole('list', { name: 'Catalogue results' })
        .getByRole('button', { name: new RegExp(`^Add ${code} `) });
      await expect.poll(() => add.isVisible(), { timeout: 15_000 }).toBe(true);
      await add.click();
    }
    await root.getByLabel('How many to choose').fill('3');
    const preview = author.getByTestId('pathway-preview');
    await expect
      .poll(
        () =>
          preview
            .getByTestId('preview-problems')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toContain('Choose 3 of 2 options is impossible');
    expect(await preview.getByRole('status').textContent()).toBe('1 problem found.');
    await expect
      .poll(() => root.locator('.req-node-errors').first().textContent())
      .toContain('Choose 3 of 2 options is impossible');
    expect(await seriousAxeViolations(author)).toEqual([]);
    await preview.screenshot({ path: join(shots, 'editor-preview.png') });
    await author.screenshot({ path: join(shots, 'editor.png'), fullPage: true });

    expect(errors).toEqual([]);
    await issuerContext.close();
    await learnerContext.close();
  });
});
