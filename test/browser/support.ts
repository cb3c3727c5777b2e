import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/main.js';

export interface BrowserTestRig {
  server: RunningServer;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real product as `npm start` runs it (built web app, embedded database in a fresh data
 * folder) and Debian's Chromium driven by Playwright.
 */
export async function startBrowserRig(options: { demo?: boolean } = {}): Promise<BrowserTestRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-browser-'));
  const config = loadConfig({
    CAIRN_ENV: 'test',
    CAIRN_DATA_DIR: dataDir,
    CAIRN_DEMO: options.demo ? '1' : '0',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const server = await startServer(config, { holder: 'browser test' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // As root Chromium needs --no-sandbox; the rest keep it off a network it cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    server,
    baseUrl: server.url.replace('0.0.0.0', '127.0.0.1'),
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function seriousAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
