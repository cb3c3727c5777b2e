#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/*.ts, one after the other, then a summary table to paste
// into a closing note. `npm run bench -- catalogue` runs one. BENCH_SCALE=0.1 shrinks them all.
//
// Benchmarks print figures and compare them with baselines measured in the same run; they are
// not pass/fail tests (a MISS is reported, not failed). The runner gives every benchmark the same
// databases, so the generated catalogue is loaded once per database:
//  - PGlite in a temporary data folder;
//  - PostgreSQL in a throwaway cluster on loopback when the server binaries are installed, or in a
//    fresh database on the server at CAIRN_BENCH_DATABASE_URL (which must allow CREATE DATABASE);
//    only when a chosen benchmark uses them (`npm run bench -- credentials` needs no database).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { findPostgresBin, startThrowawayPostgres } from './lib/postgres.mjs';

const root = join(import.meta.dirname, '..');
const benchDir = join(root, 'bench');
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => basename(f, '.ts'))
  .sort((a, b) => (a === 'catalogue' ? -1 : b === 'catalogue' ? 1 : a.localeCompare(b)));
const only = process.argv.slice(2);
const unknown = only.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`No benchmark ${unknown.join(', ')}; there are: ${available.join(', ')}\n`);
  process.exit(2);
}
const chosen = only.length === 0 ? available : available.filter((name) => only.includes(name));
const say = (text = '') => process.stdout.write(`${text}\n`);

// The machine, first: every figure below depends on it.
const cores = availableParallelism();
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const machine = `${cores} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform}/${process.arch}`;
const scale = process.env.BENCH_SCALE || '1';
const load = () => loadavg()[0].toFixed(1);
const loadAtStart = load();
say(`Machine: ${machine}`);
say(
  `Load average: ${loadAtStart}${Number(loadAtStart) > cores / 2 ? ` — other processes are busy on ${cores} cores: expect inflated, noisy figures` : ''}`,
);
say(`Scale: ${scale}${scale === '1' ? '' : ' (BENCH_SCALE)'}; benchmarks: ${chosen.join(', ')}`);

const work = mkdtempSync(join(tmpdir(), 'cairn-bench-'));
const resultsFile = join(work, 'results.jsonl');
const env = {
  ...process.env,
  CAIRN_BENCH_PGLITE_DIR: join(work, 'pglite'),
  CAIRN_BENCH_RESULTS: resultsFile,
};

// Only benchmarks that open the bench databases (bench/support/databases.ts) need PostgreSQL;
// the credentials benchmark, for one, runs in memory.
const needsDatabases = chosen.some((name) =>
  readFileSync(join(benchDir, `${name}.ts`), 'utf8').includes('./support/databases.js'),
);

// PostgreSQL: a server the caller names, or a throwaway cluster, or a skip with the reason.
let cluster;
let adminUrl = needsDatabases ? process.env.CAIRN_BENCH_DATABASE_URL : undefined;
let postgresNote;
if (!needsDatabases) {
  postgresNote = 'not needed by these benchmarks';
  say('PostgreSQL: not needed by these benchmarks.');
} else if (!adminUrl) {
  const bin = findPostgresBin();
  if (!bin) {
    postgresNote =
      'PostgreSQL server binaries are not installed (apt-get install postgresql), and no CAIRN_BENCH_DATABASE_URL';
  } else {
    try {
      cluster = await startThrowawayPostgres(bin);
      adminUrl = cluster.url;
      say(`PostgreSQL: started a throwaway PostgreSQL ${cluster.version} cluster on loopback.`);
    } catch (err) {
      postgresNote = `could not start PostgreSQL: ${err.message}`;
    }
  }
} else {
  say('PostgreSQL: the server at CAIRN_BENCH_DATABASE_URL, in a database made for this run.');
}
const database = `cairn_bench_${process.pid}`;
if (adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  env.CAIRN_BENCH_POSTGRES_URL = url.toString();
} else {
  if (needsDatabases) say(`PostgreSQL: skipped — ${postgresNote}.`);
  env.CAIRN_BENCH_POSTGRES_SKIPPED = postgresNote;
  delete env.CAIRN_BENCH_POSTGRES_URL;
}

async function cleanUp() {
  if (adminUrl && !cluster) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  cluster?.stop();
  rmSync(work, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

const runs = [];
const began = performance.now();
for (const name of chosen) {
  const started = performance.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.ts`)], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  runs.push({ name, ok: res.status === 0, seconds: (performance.now() - started) / 1000 });
  // Ctrl-C reaches the benchmark too; stop here rather than start the next one.
  if (res.signal === 'SIGINT' || res.status === 130) {
    await cleanUp();
    process.exit(130);
  }
}
const results = existsSync(resultsFile)
  ? readFileSync(resultsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
await cleanUp();

// The summary, as a Markdown table.
const cell = (s) => String(s ?? '').replaceAll('|', '\\|');
say('\n=== Summary ===\n');
say(
  `Machine: ${machine}. Load average ${loadAtStart} at the start, ${load()} at the end. Scale ${scale}. ${runs.map((r) => `${r.name} ${r.seconds.toFixed(0)} s`).join(', ')}; total ${((performance.now() - began) / 1000).toFixed(0)} s.`,
);
if (scale !== '1')
  say(`The targets are for scale 1: at scale ${scale} a PASS only shows that the benchmarks run.`);
say();
say('| benchmark | database | measured | value | target | verdict |');
say('|---|---|---|---|---|---|');
for (const r of results) {
  const value = r.note ? `${r.value} (${r.note})` : r.value;
  say(
    `| ${cell(r.benchmark)} | ${cell(r.database)} | ${cell(r.metric)} | ${cell(value)} | ${cell(r.target)} | ${cell(r.verdict)} |`,
  );
}
for (const r of runs.filter((x) => !x.ok)) say(`| ${r.name} | | did not finish | failed | | |`);
process.exit(runs.every((r) => r.ok) ? 0 : 1);
