import { randomBytes } from 'node:crypto';
/**
 * The databases a benchmark runs on. scripts/bench.mjs hands every benchmark of one run the same
 * ones, so the catalogue is generated once per database:
 *
 * - CAIRN_BENCH_PGLITE_DIR: a data folder for embedded PGlite (on disk, as `cairn serve` runs by
 *   default). Without it, a fresh temporary folder that is removed afterwards.
 * - CAIRN_BENCH_POSTGRES_URL: a PostgreSQL database the benchmark may fill. Without it PostgreSQL
 *   is skipped, with the reason given in CAIRN_BENCH_POSTGRES_SKIPPED when the runner knows it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argon2Passwords } from '../../src/adapters/passwords.js';
import { nodeSecrets } from '../../src/adapters/secrets.js';
import type { Deps } from '../../src/app/ports.js';
import { migrate, openDatabase, type Database } from '../../src/store/db.js';
import { createVault } from '../../src/credentials/key-vault.js';
import { createStore } from '../../src/store/store.js';

export type DatabaseKind = 'pglite' | 'postgres';

export const DATABASE_LABEL: Record<DatabaseKind, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

export interface BenchDatabase {
  kind: DatabaseKind;
  label: string;
  db: Database;
  /** What the use cases get in `cairn serve`, on this database. */
  deps: Deps;
  /** e.g. "PostgreSQL 15.18" */
  version: string;
  close(): Promise<void>;
}

/** The databases to run on, in order, or why one is skipped. */
export function benchTargets(): { kind: DatabaseKind; skipped?: string }[] {
  const url = process.env.CAIRN_BENCH_POSTGRES_URL;
  return [
    { kind: 'pglite' },
    url
      ? { kind: 'postgres' }
      : {
          kind: 'postgres',
          skipped:
            process.env.CAIRN_BENCH_POSTGRES_SKIPPED ??
            'no CAIRN_BENCH_POSTGRES_URL (run through `npm run bench`)',
        },
  ];
}

export async function openBenchDatabase(kind: DatabaseKind): Promise<BenchDatabase> {
  let cleanup = (): void => undefined;
  let db: Database;
  if (kind === 'postgres') {
    const url = process.env.CAIRN_BENCH_POSTGRES_URL;
    if (!url) throw new Error('CAIRN_BENCH_POSTGRES_URL is not set');
    db = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
  } else {
    let dataDir = process.env.CAIRN_BENCH_PGLITE_DIR;
    if (!dataDir) {
      const temporary = mkdtempSync(join(tmpdir(), 'cairn-bench-pglite-'));
      cleanup = () => {
        rmSync(temporary, { recursive: true, force: true });
      };
      dataDir = temporary;
    }
    db = await openDatabase({ kind: 'pglite', dataDir, holder: `benchmark (pid ${process.pid})` });
  }
  await migrate(db);
  const [row] = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const deps: Deps = {
    store: createStore(db.orm),
    clock: { now: () => new Date() },
    passwords: argon2Passwords(),
    secrets: nodeSecrets,
    config: { publicUrl: 'http://cairn.bench', emailDelivery: 'hold' },
    vault: createVault(randomBytes(32)),
    remote: { fetchJson: (url) => Promise.reject(new Error(`${url}: the benchmark fetches nothing`)) },
  };
  return {
    kind,
    label: DATABASE_LABEL[kind],
    db,
    deps,
    version: `${DATABASE_LABEL[kind]} ${(row?.v ?? '?').split(' ')[0] ?? ''}`,
    close: async () => {
      await db.close();
      cleanup();
    },
  };
}
