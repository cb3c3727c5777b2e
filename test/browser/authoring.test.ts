import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, seriousAxeViolations, type BrowserTestRig } from './support.js';

const PASSWORD = 'cairn-demo';
const TITLE = 'Risk-based Renewals for Rural Roading';
const CODE = 'RLA-110';
const SUMMARY = 'Prioritise road renewals by risk and criticality across a rural network.';
const NEW_SUMMARY =
  'Prioritise road and bridge renewals by risk, criticality and resilience across a rural network.';

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The status chip beside the code and version in the page header. */
async function headerStatus(page: Page) {
  return (await page.locator('.page-header .version-eyebrow .chip').textContent())?.trim();
}

describe('co-designing a micro-credential in Chromium', () => {
  let rig: BrowserTestRig;
  beforeAll(async () => {
    rig = await startBrowserRig({ demo: true });
  });
  afterAll(async () => {
    await rig.close();
  });

  it('an employer drafts it, an educator reviews, both sign off, it is published, and a new version shows its diff', async () => {
    // Priya Raman, an author at Ridgeline (an employer), drafts it.
    const priyaContext = await rig.browser.newContext();
    const priya = await priyaContext.newPage();
    await signIn(priya, rig.baseUrl, 'priya.raman@ridgeline.example');
    await priya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Authoring' }).click();
    await priya.waitForURL(/\/authoring$/);
    await expect.poll(() => priya.getByTestId('my-achievements').isVisible()).toBe(true);
    await priya.getByRole('link', { name: 'New micro-credential' }).first().click();
    await priya.waitForURL(/\/authoring\/new$/);

    await priya.getByLabel('Title', { exact: true }).fill(TITLE);
    await priya.getByLabel('Code', { exact: true }).fill(CODE);
    await priya.getByLabel('Summary', { exact: true }).fill(SUMMARY);
    await priya
      .getByLabel('Description (optional)')
      .fill(
        'Learning outcomes:\n- Rank road assets by criticality.\n- Build a risk-based renewals programme.',
      );
    await priya.getByLabel('NZQF level').selectOption('5');
    await priya.getByLabel('Credits', { exact: true }).fill('5');
    await expect.poll(() => priya.getByText('50 notional learning hours').isVisible()).toBe(true);

    // Competencies: the demo has one framework, so it is already chosen.
    for (const [code, level] of [
      ['RSK-01', '3'],
      ['LCM-02', '2'],
    ] as const) {
      await priya.getByLabel('Competency', { exact: true }).selectOption(code);
      await priya.getByLabel('Target level', { exact: true }).selectOption(level);
      await priya.getByRole('button', { name: 'Add competency' }).click();
      await expect.poll(() => priya.getByTestId(`competency-${code}`).isVisible()).toBe(true);
    }

    await priya
      .getByLabel('Criteria narrative')
      .fill('An industry assessor judges the workplace evidence; an educator moderates a sample.');
    await priya.getByLabel('Assessment method 1', { exact: true }).fill('Workplace project');
    const criterion = priya.getByTestId('criterion-1');
    await criterion.getByLabel('Criterion', { exact: true }).fill('Ranks road assets by criticality.');
    await criterion
      .getByLabel('Evidence 1 for criterion 1', { exact: true })
      .fill('A criticality register for a rural road network.');
    await priya.getByRole('button', { name: 'Add tag' }).click();
    await priya.getByLabel('Tag 1', { exact: true }).fill('roading');

    // Tōtara Polytechnic is offered because Ridgeline already co-designs with it.
    await priya.getByRole('checkbox', { name: 'Tōtara Polytechnic' }).check();
    await priya.getByRole('radio', { name: 'Shield' }).check();
    await expect
      .poll(() => priya.getByTestId('badge-preview').getAttribute('src'), { timeout: 10_000 })
      .toMatch(/^blob:/);
    expect(await seriousAxeViolations(priya)).toEqual([]);

    await priya.getByRole('button', { name: 'Save draft' }).click();
    await priya.waitForURL(/\/authoring\/versions\/[0-9a-f-]+$/);
    const draftUrl = priya.url();
    await expect.poll(() => headerStatus(priya)).toBe('Draft');

    // Submit for review, then sign off for Ridgeline.
    await priya.getByRole('button', { name: 'Submit for review' }).click();
    await priya.getByTestId('transition-dialog').getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => headerStatus(priya)).toBe('In review');
    await priya.getByRole('button', { name: 'Sign off for Ridgeline Asset Advisory Ltd' }).click();
    await expect
      .poll(() => priya.getByText('You signed off for Ridgeline Asset Advisory Ltd').isVisible())
      .toBe(true);
    expect(await seriousAxeViolations(priya)).toEqual([]);

    // Dr Helen Walsh, an author and moderator at Tōtara Polytechnic, reviews it.
    const helenContext = await rig.browser.newContext();
    const helen = await helenContext.newPage();
    await signIn(helen, rig.baseUrl, 'helen.walsh@totara-poly.example');
    await helen.goto(`${rig.baseUrl}/authoring`);
    await helen.getByTestId(`my-achievement-${CODE}`).getByRole('link', { name: TITLE }).click();
    await helen.waitForURL(draftUrl);
    await helen.getByLabel('Add a comment').fill('Works for our Level 5 roading learners. Signing off.');
    await helen.getByRole('button', { name: 'Post comment' }).click();
    await expect
      .poll(() =>
        helen.getByTestId('comments').getByText('Works for our Level 5 roading learners').isVisible(),
      )
      .toBe(true);
    await helen.getByRole('button', { name: 'Sign off for Tōtara Polytechnic' }).click();
    await expect.poll(() => helen.getByText('You signed off for Tōtara Polytechnic').isVisible()).toBe(true);
    await helen.getByRole('button', { name: 'Publish', exact: true }).click();
    await helen.getByTestId('transition-dialog').getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => headerStatus(helen)).toBe('Published');

    // It is in the public catalogue, through the API and on the catalogue page.
    const search = (await (
      await fetch(`${rig.baseUrl}/api/v1/achievements?q=${encodeURIComponent(TITLE)}`)
    ).json()) as { items: { code: string; credits: number }[] };
    expect(search.items.map((item) => item.code)).toContain(CODE);
    await helen.goto(`${rig.baseUrl}/catalogue?q=${encodeURIComponent(TITLE)}`);
    await expect.poll(() => helen.getByRole('main').getByText(TITLE).first().isVisible()).toBe(true);

    // Priya starts a minor version, changes the credits and the summary, and compares.
    await priya.goto(draftUrl);
    await expect.poll(() => headerStatus(priya)).toBe('Published');
    await priya.getByRole('button', { name: 'Start new version' }).click();
    const dialog = priya.getByTestId('start-version-dialog');
    await dialog.getByRole('radio', { name: /Minor: 0\.2\.0/ }).check();
    await dialog.getByLabel('Change note').fill('Adds bridges, and more time for the resilience work.');
    await dialog.getByRole('button', { name: 'Start version 0.2.0' }).click();
    await priya.waitForURL(/\/authoring\/versions\/[0-9a-f-]+\/edit$/);
    await priya.getByLabel('Credits', { exact: true }).fill('8');
    await priya.getByLabel('Summary', { exact: true }).fill(NEW_SUMMARY);
    await priya.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => priya.getByText('Changes saved.').isVisible()).toBe(true);

    await priya.getByRole('link', { name: 'Back to review' }).click();
    await priya.waitForURL(/\/authoring\/versions\/[0-9a-f-]+$/);
    await expect.poll(() => headerStatus(priya)).toBe('Draft');
    await priya.getByRole('link', { name: 'Compare with the published version' }).click();
    await priya.waitForURL(/\/diff\//);

    const credits = priya.getByTestId('change-credits');
    await expect.poll(() => credits.isVisible()).toBe(true);
    expect(await credits.locator('del').textContent()).toContain('5 credits');
    expect(await credits.locator('ins').textContent()).toContain('8 credits');
    const summary = priya.getByTestId('change-summary');
    const inserted = await summary.locator('ins').allTextContents();
    const deleted = await summary.locator('del').allTextContents();
    expect(inserted.join(' ')).toContain('and bridge');
    expect(inserted.join(' ')).toContain('resilience');
    expect(deleted.length).toBeGreaterThan(0);
    expect(await seriousAxeViolations(priya)).toEqual([]);

    await helenContext.close();
    await priyaContext.close();
  });
});
