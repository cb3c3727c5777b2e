/**
 * Earning a badge in Chromium, as the people involved see it: the learner uploads a chart and
 * submits, an assessor judges it competent, a moderator confirms, and the learner finds a valid
 * credential in her wallet. Screenshots of each step go to a temporary folder (printed at the end).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, startBrowserRig, type BrowserTestRig } from './support.js';

const PASSWORD = 'cairn-demo';
const LEARNER = 'aroha.tipene@kowhai-dc.example';
const ASSESSOR = 'rawiri.potae@harbourview-cc.example';
const MODERATOR = 'helen.walsh@totara-poly.example';
const CODE = 'IAM-103';
const CHART_CRITERION = 'Present findings as clear charts.';
const FILE_NAME = 'enrolment-growth-chart.png';
const FEEDBACK = 'Clear growth calculation and a well-labelled chart. Well done.';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG: a 120×80 bar chart (four teal bars on white with an axis), built byte by byte. */
function barChartPng(): Buffer {
  const width = 120;
  const height = 80;
  const bars = [20, 35, 50, 68];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 0xff); // filter byte 0, then white pixels
    row[0] = 0;
    for (let x = 0; x < width; x++) {
      const axis = x === 8 || y === height - 6;
      const bar = bars.findIndex((_, i) => x >= 16 + i * 26 && x < 34 + i * 26);
      const inBar = bar >= 0 && y < height - 6 && y >= height - 6 - (bars[bar] ?? 0);
      const rgb = axis ? [0x33, 0x41, 0x55] : inBar ? [0x0f, 0x76, 0x6e] : [0xff, 0xff, 0xff];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const shotsDir = process.env.CAIRN_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'cairn-assessment-shots-'));
mkdirSync(shotsDir, { recursive: true });

async function shot(page: Page, name: string) {
  // From the top, so the sticky header is not captured halfway down the page.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

async function signIn(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** Nothing on the page is wider than the window (tables scroll inside their own region). */
function pageFitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const visible = (locator: { isVisible(): Promise<boolean> }) => () => locator.isVisible();

describe('earning a badge in Chromium', () => {
  let rig: BrowserTestRig;
  const chartPath = join(shotsDir, FILE_NAME);

  beforeAll(async () => {
    writeFileSync(chartPath, barChartPng());
    rig = await startBrowserRig({ demo: true });
  });
  afterAll(async () => {
    await rig.close();
    process.stdout.write(`Assessment journey screenshots: ${shotsDir}\n`);
  });

  it('a learner submits a chart, an assessor judges it competent, a moderator confirms and the credential verifies', async () => {
    // Aroha Tipene opens her IAM-103 draft from My learning.
    const learner = await signIn(rig.browser, rig.baseUrl, LEARNER);
    await nav(learner, 'My learning').click();
    await learner.waitForURL(/\/learning$/);
    const row = learner.getByRole('row').filter({ hasText: CODE });
    await expect.poll(visible(row), { timeout: 15_000 }).toBe(true);
    expect(await row.getByText('Draft', { exact: true }).isVisible()).toBe(true);
    await shot(learner, '01-my-learning');
    await row.getByRole('link', { name: 'Continue submission' }).click();
    await learner.waitForURL(/\/submissions\/[0-9a-f-]+$/);
    const submissionUrl = learner.url();

    const meter = learner.getByRole('meter', { name: 'Completeness' });
    await expect
      .poll(() => meter.getAttribute('aria-valuetext'), { timeout: 15_000 })
      .toBe('2 of 3 criteria have evidence');
    const title = ((await learner.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    expect(title).not.toBe('Submission');
    const submit = learner.getByRole('button', { name: 'Submit for assessment' });
    expect(await submit.isDisabled()).toBe(true);
    const chart = learner.getByRole('region', { name: `3. ${CHART_CRITERION}` });
    expect(await chart.getByText('Needs evidence').isVisible()).toBe(true);
    expect(await seriousAxeViolations(learner)).toEqual([]);
    await shot(learner, '02-draft-2-of-3');

    // She uploads the chart as evidence for the third criterion.
    await chart.getByRole('button', { name: 'Upload file' }).click();
    const uploadForm = chart.getByRole('form', { name: `Upload a file for ${CHART_CRITERION}` });
    await uploadForm.getByLabel('File').setInputFiles(chartPath);
    await shot(learner, '03-upload-form');
    await uploadForm.getByRole('button', { name: 'Upload' }).click();
    await expect
      .poll(() => meter.getAttribute('aria-valuetext'), { timeout: 15_000 })
      .toBe('3 of 3 criteria have evidence');
    expect(await learner.getByText('3 of 3 criteria have evidence').isVisible()).toBe(true);
    expect(await chart.getByText('Has evidence').isVisible()).toBe(true);
    expect(await chart.getByRole('link', { name: FILE_NAME }).isVisible()).toBe(true);
    expect(await chart.getByText('image/png').isVisible()).toBe(true);
    expect(await submit.isEnabled()).toBe(true);
    expect(await seriousAxeViolations(learner)).toEqual([]);
    await shot(learner, '04-draft-3-of-3');

    // Submitting moves it to "Submitted" and the builder gives way to the read-only evidence.
    await submit.click();
    const submittedNotice = learner.getByText('Your evidence is waiting for an assessor.');
    await expect.poll(visible(submittedNotice), { timeout: 15_000 }).toBe(true);
    expect(await learner.locator('.page-header').getByText('Submitted', { exact: true }).isVisible()).toBe(
      true,
    );
    expect(await learner.getByRole('button', { name: 'Submit for assessment' }).count()).toBe(0);
    expect(await learner.getByRole('button', { name: 'Withdraw submission' }).isVisible()).toBe(true);
    await shot(learner, '05-submitted');

    // Rawiri Pōtae finds it in his queue and judges every criterion met.
    const assessor = await signIn(rig.browser, rig.baseUrl, ASSESSOR);
    await nav(assessor, 'Assess').click();
    await assessor.waitForURL(/\/assess$/);
    const queue = assessor.getByRole('table', { name: /Submissions waiting for a decision/ });
    const queued = queue.getByRole('row').filter({ hasText: 'Aroha Tipene' });
    await expect.poll(visible(queued), { timeout: 15_000 }).toBe(true);
    expect(await queued.getByText(CODE).isVisible()).toBe(true);
    expect(await queued.getByText('3 items').isVisible()).toBe(true);
    expect(await seriousAxeViolations(assessor)).toEqual([]);
    await shot(assessor, '06-assessor-queue');
    // On a phone the queue's rows become cards and nothing scrolls sideways.
    await assessor.setViewportSize({ width: 390, height: 844 });
    expect(await pageFitsWidth(assessor)).toBe(true);
    await shot(assessor, '06b-assessor-queue-phone');
    await assessor.setViewportSize({ width: 1280, height: 900 });
    await queued.getByRole('link', { name: 'Assess', exact: true }).click();
    await assessor.waitForURL(/\/assess\/[0-9a-f-]+$/);
    await expect
      .poll(() => assessor.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe('Assess Aroha Tipene');
    const evidence = assessor.getByRole('region', { name: 'Evidence' });
    const fileLink = evidence.getByRole('link', { name: FILE_NAME });
    expect(await fileLink.isVisible()).toBe(true);
    expect(await evidence.getByText('Written evidence').count()).toBeGreaterThanOrEqual(2);
    // The file the assessor would download is the one Aroha uploaded.
    const href = (await fileLink.getAttribute('href')) ?? '';
    const downloaded = await assessor.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, href);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(downloaded.bytes).equals(barChartPng())).toBe(true);
    expect(await seriousAxeViolations(assessor)).toEqual([]);
    await shot(assessor, '07-assess-evidence');

    const competent = assessor.getByRole('radio', { name: 'Competent', exact: true });
    expect(await competent.isDisabled()).toBe(true);
    const metChoices = await assessor.getByRole('radio', { name: 'Met', exact: true }).all();
    expect(metChoices).toHaveLength(3);
    for (const met of metChoices) await met.check();
    expect(await competent.isEnabled()).toBe(true);
    await competent.check();
    await assessor.getByLabel('Overall feedback').fill(FEEDBACK);
    await shot(assessor, '08-rubric-filled');
    await assessor.setViewportSize({ width: 390, height: 844 });
    expect(await pageFitsWidth(assessor)).toBe(true);
    await shot(assessor, '08b-rubric-phone');
    await assessor.setViewportSize({ width: 1280, height: 900 });
    await assessor.getByRole('button', { name: 'Record decision' }).click();
    await expect
      .poll(visible(assessor.getByRole('heading', { name: 'Decision recorded' })), { timeout: 20_000 })
      .toBe(true);
    expect(await assessor.getByText(/You judged this attempt competent/).isVisible()).toBe(true);
    await shot(assessor, '09-decision-recorded');

    // Dr Helen Walsh reviews the decision from her sample queue and confirms it.
    const moderator = await signIn(rig.browser, rig.baseUrl, MODERATOR);
    await nav(moderator, 'Moderation').click();
    await moderator.waitForURL(/\/moderation$/);
    const sample = moderator.getByRole('table', { name: 'Decisions selected for moderation' });
    const selected = sample.getByRole('row').filter({ hasText: 'Aroha Tipene' });
    await expect.poll(visible(selected), { timeout: 15_000 }).toBe(true);
    expect(await selected.getByText('Rawiri Pōtae').isVisible()).toBe(true);
    expect(await selected.getByText('New assessor').isVisible()).toBe(true);
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    await shot(moderator, '10-moderation-queue');
    await selected.getByRole('link', { name: 'Review' }).click();
    await moderator.waitForURL(/\/moderation\/submissions\/[0-9a-f-]+$/);
    const confirm = moderator.getByRole('button', { name: 'Confirm decision' });
    await expect.poll(visible(confirm), { timeout: 15_000 }).toBe(true);
    expect(await moderator.getByRole('link', { name: FILE_NAME }).isVisible()).toBe(true);
    expect(await moderator.getByText(FEEDBACK).isVisible()).toBe(true);
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    await shot(moderator, '11-moderation-review');
    await confirm.click();
    const recorded = moderator
      .locator('section')
      .filter({ has: moderator.getByRole('heading', { name: 'Moderation recorded' }) });
    await expect.poll(visible(recorded), { timeout: 20_000 }).toBe(true);
    expect(await recorded.getByText('Confirmed', { exact: true }).isVisible()).toBe(true);
    expect(await recorded.getByText(/Dr Helen Walsh/).isVisible()).toBe(true);
    expect(await moderator.getByRole('button', { name: 'Confirm decision' }).count()).toBe(0);
    await shot(moderator, '12-moderation-confirmed');

    // Aroha: the bell says something happened, and the notifications say what.
    await learner.goto(submissionUrl);
    const bell = learner.getByRole('link', { name: /^Notifications, \d+ unread$/ });
    await expect.poll(visible(bell), { timeout: 15_000 }).toBe(true);
    await expect.poll(visible(learner.getByText('You were judged competent.'))).toBe(true);
    await shot(learner, '13-submission-competent');
    await bell.click();
    await learner.waitForURL(/\/notifications$/);
    const notes = learner.getByRole('list', { name: 'Notifications, newest first' });
    await expect.poll(visible(notes), { timeout: 15_000 }).toBe(true);
    expect(await notes.getByRole('link', { name: `Your badge is ready: ${title}` }).isVisible()).toBe(true);
    expect(await notes.getByRole('link', { name: `Competent: ${title}` }).isVisible()).toBe(true);
    expect(
      await notes.getByRole('link', { name: `Moderation confirmed your result: ${title}` }).isVisible(),
    ).toBe(true);
    expect(await seriousAxeViolations(learner)).toEqual([]);
    await shot(learner, '14-notifications');

    // The credential is in her wallet; it opens and verifies.
    await nav(learner, 'My credentials').click();
    await learner.waitForURL(/\/wallet$/);
    const badge = learner.getByRole('listitem').filter({ has: learner.getByRole('link', { name: title }) });
    await expect.poll(visible(badge), { timeout: 15_000 }).toBe(true);
    expect(await badge.getByText('Active', { exact: true }).isVisible()).toBe(true);
    await shot(learner, '15-wallet');
    await badge.getByRole('link', { name: title }).click();
    await learner.waitForURL(/\/credentials\/[0-9a-f-]+$/);
    const credentialId = new URL(learner.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => learner.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await shot(learner, '16-credential');
    await learner.getByRole('link', { name: 'Verify this credential' }).click();
    await learner.waitForURL(/\/verify\?credential=/);
    await expect
      .poll(() => learner.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Valid credential');

    // A visitor with no account pastes the signed JSON into the public verify page.
    const credentialJson = await learner.evaluate(
      async (url) => (await fetch(url)).text(),
      `/api/v1/credentials/${credentialId}/download/json`,
    );
    const visitorContext = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${rig.baseUrl}/verify`);
    await visitor.getByLabel('Credential JSON or JWT').fill(credentialJson);
    await visitor.getByRole('button', { name: 'Verify pasted credential' }).click();
    await expect
      .poll(() => visitor.getByTestId('verify-verdict').textContent(), { timeout: 20_000 })
      .toBe('Valid credential');
    expect(await visitor.getByTestId('verify-report').textContent()).toContain(title);
    await shot(visitor, '17-verify-valid');

    await visitorContext.close();
    await moderator.context().close();
    await assessor.context().close();
    await learner.context().close();
  });
});
