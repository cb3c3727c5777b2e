/**
 * One app process of bench/assessment.ts's concurrent run on PostgreSQL: its own connection pool
 * and key vault, deciding and moderating the submissions of its job file.
 *
 *   node --import tsx bench/support/assessment-worker.ts JOB.json
 *
 * Talks on stdout, a line at a time: `READY` once warmed up; then, after `go` on stdin, `DONE n`
 * every few submissions and `RESULT {json}` at the end. Errors go to stderr, exit code 1.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  decideAndModerate,
  flowActors,
  sharedDeps,
  type FlowJob,
  type FlowSample,
} from './assessment-flow.js';
import { openBenchDatabase } from './databases.js';

export interface WorkerResult {
  samples: FlowSample[];
  failures: string[];
  /** From `go` to the last credential stored. */
  elapsedMs: number;
}

const line = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: assessment-worker.ts JOB.json');
  const job = JSON.parse(readFileSync(file, 'utf8')) as FlowJob;
  const target = await openBenchDatabase('postgres');
  try {
    const deps = sharedDeps(target);
    const { assessors, moderator } = await flowActors(deps, job);
    const assessorFor = (i: number) => assessors[i % assessors.length] ?? moderator;
    for (const [i, id] of job.warmUp.entries())
      await decideAndModerate(deps, assessorFor(i), moderator, id, job.criterionIds);

    const input = createInterface({ input: process.stdin });
    const go = new Promise<void>((resolve) => {
      input.on('line', (l) => {
        if (l.trim() === 'go') resolve();
      });
    });
    line('READY');
    await go;
    input.close();

    const samples: FlowSample[] = [];
    const failures: string[] = [];
    const began = performance.now();
    for (const [i, id] of job.measured.entries()) {
      try {
        samples.push(await decideAndModerate(deps, assessorFor(i), moderator, id, job.criterionIds));
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
      if ((i + 1) % 5 === 0) line(`DONE ${i + 1}`);
    }
    const result: WorkerResult = { samples, failures, elapsedMs: performance.now() - began };
    line(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await target.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `assessment worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
