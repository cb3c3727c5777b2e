/** Timing, percentiles, tables, a progress bar and the results file scripts/bench.mjs summarises. */
import { appendFileSync } from 'node:fs';
import cliProgress from 'cli-progress';

/** BENCH_SCALE shrinks (or grows) every benchmark: 0.1 for a quick check. */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 10)) throw new Error(`BENCH_SCALE must be a number in (0, 10], not ${raw}`);
  return scale;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function timedSync<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

/** The run with the median time of `runs` (after any warm-up the caller did): steadier than one run on a busy machine. */
export async function medianOf<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const all: { ms: number; value: T }[] = [];
  for (let i = 0; i < runs; i++) all.push(await timed(fn));
  all.sort((a, b) => a.ms - b.ms);
  const middle = all[Math.floor(all.length / 2)];
  if (!middle) throw new Error('medianOf needs at least one run');
  return middle;
}

export function medianOfSync<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const all: { ms: number; value: T }[] = [];
  for (let i = 0; i < runs; i++) all.push(timedSync(fn));
  all.sort((a, b) => a.ms - b.ms);
  const middle = all[Math.floor(all.length / 2)];
  if (!middle) throw new Error('medianOfSync needs at least one run');
  return middle;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return {
    n: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
  };
}

export const ms = (x: number): string =>
  Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '–';
export const seconds = (millis: number): string => `${(millis / 1000).toFixed(millis >= 10_000 ? 1 : 2)} s`;
export const ratio = (x: number): string =>
  Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×` : '–';
export const verdict = (ok: boolean): 'PASS' | 'MISS' => (ok ? 'PASS' : 'MISS');

/** A plain-text table with right-aligned number columns (every column but the first). */
export function table(head: readonly string[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A progress bar on a terminal; a line every 10% otherwise (CI logs, pipes). */
export function progress(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `  ${label} [{bar}] {percentage}% {value}/{total} {duration_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  const began = performance.now();
  return {
    update(done, total) {
      const tenth = Math.floor((done / Math.max(1, total)) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stdout.write(
        `  ${label}: ${done}/${total} (${tenth * 10}%, ${seconds(performance.now() - began)})\n`,
      );
    },
    stop: () => undefined,
  };
}

/** One figure for the closing summary; scripts/bench.mjs collects them from every benchmark. */
export interface Result {
  benchmark: string;
  database: string;
  metric: string;
  value: string;
  target?: string;
  verdict?: 'PASS' | 'MISS';
  note?: string;
}

export function record(result: Result): void {
  const file = process.env.CAIRN_BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}

export function heading(text: string): void {
  process.stdout.write(`\n${text}\n${'='.repeat(text.length)}\n`);
}

export function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}
