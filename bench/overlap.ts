/**
 * Overlap report over the generated catalogue: overlapReport end to end (load every published
 * profile, find overlapping pairs, attach competency names) on each database, and findOverlaps
 * alone on the subjects in memory.
 *
 * Baseline from the same run: bruteForceOverlaps (every pair scored) on a sample, extrapolated to
 * the whole catalogue by n², so the ratio shows what avoiding all-pairs buys. findOverlaps runs on
 * the same sample and must return the same pairs.
 *
 *   npx tsx bench/overlap.ts          (or `npm run bench -- overlap`, which adds PostgreSQL)
 */
import type { PublishedProfile } from '../src/app/catalogue-ports.js';
import { overlapReport } from '../src/app/catalogue.js';
import {
  bruteForceOverlaps,
  findOverlaps,
  type OverlapPair,
  type OverlapSubject,
} from '../src/domain/overlap.js';
import { DATABASE_LABEL, benchTargets, openBenchDatabase } from './support/databases.js';
import { datasetSize, ensureDataset } from './support/dataset.js';
import {
  benchScale,
  heading,
  medianOf,
  medianOfSync,
  progress,
  ratio,
  record,
  say,
  seconds,
  table,
  verdict,
} from './support/measure.js';

/** Each figure is the median of this many runs. */
const RUNS = 3;

const TARGET_MS = 10_000;
/** The defaults of GET /reports/overlap. */
const REPORT = { threshold: 0.4, limit: 100 };
/** Low enough that text alone can reach it, so findOverlaps also runs its MinHash LSH. */
const TEXT_THRESHOLD = 0.3;

/** As overlapReport sees a profile (src/app/catalogue.ts asSubject). */
const asSubject = (p: PublishedProfile): OverlapSubject => ({
  id: p.achievementId,
  competencies: p.competencies.map((c) => ({ key: c.competencyId, level: c.level })),
  text: p.text,
});

function samePairs(x: readonly OverlapPair[], y: readonly OverlapPair[]): boolean {
  if (x.length !== y.length) return false;
  return x.every((p, i) => {
    const q = y[i];
    return q !== undefined && p.a === q.a && p.b === q.b && p.score === q.score;
  });
}

async function main(): Promise<void> {
  const scale = benchScale();
  const size = datasetSize(scale);
  const sampleSize = Math.max(200, Math.round(2000 * scale));
  heading('Overlap report');
  say(
    `${size.credentials.toLocaleString('en')} published micro-credentials; threshold ${REPORT.threshold}, best ${REPORT.limit} pairs (the report's defaults); target < ${seconds(TARGET_MS)} (scale ${scale}).`,
  );

  const rows: string[][] = [];
  let inMemoryDone = false;
  for (const t of benchTargets()) {
    const label = DATABASE_LABEL[t.kind];
    if (t.skipped) {
      say(`\n${label}: skipped — ${t.skipped}`);
      record({
        benchmark: 'overlap',
        database: label,
        metric: 'overlapReport',
        value: 'skipped',
        note: t.skipped,
      });
      continue;
    }
    const target = await openBenchDatabase(t.kind);
    try {
      say(`\n${target.version}`);
      const bar = progress(`loading ${target.label}`);
      const data = await ensureDataset(target.db, target.deps.store, size, (done, total) => {
        bar.update(done, total);
      });
      bar.stop();
      if (data.loadSeconds === undefined)
        say('  catalogue already loaded by an earlier benchmark of this run');
      else say(`  loaded in ${data.loadSeconds.toFixed(1)} s`);

      // Once to warm caches and the JIT; the second run is the figure.
      await overlapReport(target.deps, REPORT);
      const report = await medianOf(RUNS, () => overlapReport(target.deps, REPORT));
      const profiles = await medianOf(RUNS, () => target.deps.store.catalogue.publishedProfiles());
      const pass = report.ms < TARGET_MS;
      say(
        `  overlapReport end to end: ${seconds(report.ms)} for ${report.value.compared} micro-credentials, ${report.value.pairs.length} pairs kept (best ${report.value.pairs[0]?.score.toFixed(2) ?? '–'}): ${verdict(pass)}`,
      );
      say(`    of which loading the published profiles: ${seconds(profiles.ms)}`);
      rows.push([
        `overlapReport end to end (${target.label})`,
        seconds(report.ms),
        `< ${seconds(TARGET_MS)}`,
        verdict(pass),
      ]);
      record({
        benchmark: 'overlap',
        database: target.label,
        metric: 'overlapReport end to end',
        value: seconds(report.ms),
        target: `< ${seconds(TARGET_MS)}`,
        verdict: verdict(pass),
      });
      record({
        benchmark: 'overlap',
        database: target.label,
        metric: 'of which publishedProfiles',
        value: seconds(profiles.ms),
      });

      if (inMemoryDone) continue;
      inMemoryDone = true;
      const subjects = profiles.value.map(asSubject);
      const options = { threshold: REPORT.threshold, maxPairs: REPORT.limit };
      findOverlaps(subjects, options);
      const fast = medianOfSync(RUNS, () => findOverlaps(subjects, options));
      const fastText = medianOfSync(RUNS, () =>
        findOverlaps(subjects, { threshold: TEXT_THRESHOLD, maxPairs: REPORT.limit }),
      );
      say(`\n  findOverlaps alone, in memory (${subjects.length} subjects)`);
      say(`    threshold ${REPORT.threshold}: ${seconds(fast.ms)}, ${fast.value.length} pairs`);
      say(
        `    threshold ${TEXT_THRESHOLD} (adds MinHash LSH on text): ${seconds(fastText.ms)}, ${fastText.value.length} pairs`,
      );

      const sample = subjects.slice(0, sampleSize);
      say(`\n  brute force on ${sample.length} subjects …`);
      const brute = medianOfSync(RUNS, () => bruteForceOverlaps(sample, { threshold: REPORT.threshold }));
      const fastSample = medianOfSync(RUNS, () => findOverlaps(sample, { threshold: REPORT.threshold }));
      const extrapolated = brute.ms * (subjects.length / sample.length) ** 2;
      const agree = samePairs(brute.value, fastSample.value);
      say(
        `  baseline: bruteForceOverlaps on a ${sample.length}-subject sample: ${seconds(brute.ms)} (${((sample.length * (sample.length - 1)) / 2).toLocaleString('en')} pairs scored), ${brute.value.length} pairs`,
      );
      say(
        `    findOverlaps on the same sample: ${seconds(fastSample.ms)}, ${fastSample.value.length} pairs — ${agree ? 'the same pairs and scores' : 'DIFFERENT pairs from brute force'}`,
      );
      say(
        `    brute force extrapolated to ${subjects.length} by n²: ${seconds(extrapolated)}, ${ratio(extrapolated / fast.ms)} findOverlaps`,
      );
      // How findOverlaps itself grows: time ∝ n^k between the sample and the whole catalogue.
      const growth = Math.log(fast.ms / fastSample.ms) / Math.log(subjects.length / sample.length);
      say(
        `    findOverlaps grows as n^${growth.toFixed(1)} from ${sample.length} to ${subjects.length} subjects (brute force: n^2)`,
      );
      rows.push([`findOverlaps alone, threshold ${REPORT.threshold}`, seconds(fast.ms), '', '']);
      rows.push([`findOverlaps alone, threshold ${TEXT_THRESHOLD}`, seconds(fastText.ms), '', '']);
      rows.push([`baseline: brute force on ${sample.length}`, seconds(brute.ms), '', '']);
      rows.push([
        `baseline: brute force extrapolated to ${subjects.length}`,
        seconds(extrapolated),
        '',
        `${ratio(extrapolated / fast.ms)} slower`,
      ]);
      record({
        benchmark: 'overlap',
        database: 'in memory',
        metric: `findOverlaps, threshold ${REPORT.threshold}`,
        value: seconds(fast.ms),
      });
      record({
        benchmark: 'overlap',
        database: 'in memory',
        metric: `findOverlaps, threshold ${TEXT_THRESHOLD}`,
        value: seconds(fastText.ms),
      });
      record({
        benchmark: 'overlap',
        database: 'in memory',
        metric: `brute force, ${sample.length} → ${subjects.length} by n²`,
        value: `${seconds(brute.ms)} → ${seconds(extrapolated)}`,
      });
      record({
        benchmark: 'overlap',
        database: 'in memory',
        metric: `findOverlaps growth, ${sample.length} → ${subjects.length} subjects`,
        value: `n^${growth.toFixed(1)}`,
      });
      record({
        benchmark: 'overlap',
        database: 'in memory',
        metric: 'brute force (extrapolated) ÷ findOverlaps',
        value: ratio(extrapolated / fast.ms),
        ...(agree ? {} : { note: 'findOverlaps and brute force disagreed on the sample' }),
      });
      if (!agree) process.exitCode = 1;
    } finally {
      await target.close();
    }
  }
  if (rows.length > 0) {
    say('\nOverlap report');
    say(table(['measured', 'time', 'target', ''], rows));
  }
}

await main();
