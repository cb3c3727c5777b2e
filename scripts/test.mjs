#!/usr/bin/env node
// `npm test`: every check and every test suite, and a plain account of which ran.
//
// 1. static checks: TypeScript (server and web) and ESLint
// 2. unit tests
// 3. integration tests on PGlite (always)
// 4. integration tests on PostgreSQL, on a throwaway cluster started here when PostgreSQL's
//    server binaries are installed (CAIRN_TEST_DATABASE_URL uses a server you already run)
// 5. browser tests in Chromium against a running server, when Chromium is installed
//
// Under CI=true a suite that cannot run is a failure, not a skip: CI installs what they need.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findPostgresBin, startThrowawayPostgres } from './lib/postgres.mjs';

const root = join(import.meta.dirname, '..');
const outDir = join(root, '.test-output');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2); // e.g. `npm test -- unit pglite`
const wanted = (name) => only.length === 0 || only.includes(name);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/** @type {{name: string, status: 'passed'|'failed'|'skipped', note?: string, counts?: {passed: number, failed: number, skipped: number}}[]} */
const results = [];

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function vitest(name, project, env = {}) {
  const out = join(outDir, `${name}.json`);
  process.stdout.write(`\n=== ${name} ===\n`);
  const ok = run(
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`],
    { ...env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  );
  let counts;
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    counts = {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    };
  }
  const status = ok && counts && counts.failed === 0 && counts.passed > 0 ? 'passed' : 'failed';
  results.push({ name, status, counts, ...(counts?.passed === 0 ? { note: 'ran no test' } : {}) });
}

function step(name, cmd, args) {
  process.stdout.write(`\n=== ${name} ===\n`);
  results.push({ name, status: run(cmd, args) ? 'passed' : 'failed' });
}

function skip(name, why) {
  results.push({ name, status: ci ? 'failed' : 'skipped', note: why });
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

// 1. Static checks
if (wanted('static')) {
  step('typecheck', 'npx', ['tsc', '-p', '.']);
  step('typecheck web', 'npx', ['tsc', '-p', 'web']);
  step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
}

// 2. Unit
if (wanted('unit')) vitest('unit', 'unit');

// 3. Integration on PGlite
if (wanted('pglite')) vitest('integration (PGlite)', 'integration', { CAIRN_TEST_DATABASE: 'pglite' });

// 4. Integration on PostgreSQL
if (wanted('postgres')) {
  if (process.env.CAIRN_TEST_DATABASE_URL) {
    vitest('integration (PostgreSQL)', 'integration', { CAIRN_TEST_DATABASE: 'postgres' });
  } else {
    const bin = findPostgresBin();
    if (!bin) {
      skip(
        'integration (PostgreSQL)',
        'PostgreSQL server binaries are not installed (apt-get install postgresql)',
      );
    } else {
      let pg;
      try {
        pg = await startThrowawayPostgres(bin);
        process.stdout.write(`\nStarted a throwaway PostgreSQL ${pg.version} cluster on loopback.\n`);
      } catch (err) {
        results.push({
          name: 'integration (PostgreSQL)',
          status: 'failed',
          note: `could not start PostgreSQL: ${err.message}`,
        });
      }
      if (pg) {
        vitest('integration (PostgreSQL)', 'integration', {
          CAIRN_TEST_DATABASE: 'postgres',
          CAIRN_TEST_DATABASE_URL: pg.url,
        });
        pg.stop();
      }
    }
  }
}

// 5. Browser
if (wanted('browser')) {
  const chromium = findChromium();
  if (!chromium) {
    skip('browser (Chromium)', 'Chromium is not installed (apt-get install chromium)');
  } else {
    step('build web app', 'npx', ['vite', 'build', '--logLevel', 'warn']);
    vitest('browser (Chromium)', 'browser', { CHROMIUM_PATH: chromium });
  }
}

// Summary
process.stdout.write('\n=== Summary ===\n');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const c = r.counts
    ? ` (${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped)`
    : '';
  process.stdout.write(`${r.status.padEnd(8)} ${r.name}${c}${r.note ? ` — ${r.note}` : ''}\n`);
  if (r.counts) {
    passed += r.counts.passed;
    failed += r.counts.failed;
    skipped += r.counts.skipped;
  }
  if (r.status === 'failed' && !r.counts) failed += 1;
  if (r.status === 'failed' && r.counts && r.counts.failed === 0) failed += 1;
}
const anyFailed = results.some((r) => r.status === 'failed');
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(anyFailed ? 1 : 0);
