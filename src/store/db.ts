import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';

export type Orm = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Runs raw SQL (several statements allowed) in one transaction that no other migrator can enter. */
  exclusiveTransaction(
    fn: (exec: (sql: string) => Promise<void>, query: RawQuery) => Promise<void>,
  ): Promise<void>;
  query: RawQuery;
  close(): Promise<void>;
}

export type RawQuery = <T extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string; holder: string }
  /** In memory, optionally starting from a dump (dumpDataDir) of another database. */
  | { kind: 'pglite-memory'; from?: Blob };

const MIGRATION_LOCK_KEY = 727_011_001;

/** Extensions the migrations create; PGlite bundles them, PostgreSQL has them in its contrib package. */
const extensions = { pg_trgm };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize ?? 10);
  if (target.kind === 'pglite-memory') {
    const client = await PGlite.create({ extensions, ...(target.from ? { loadDataDir: target.from } : {}) });
    return openPglite(client, () => undefined);
  }
  const release = lockDataDir(target.dataDir, target.holder);
  try {
    return openPglite(await PGlite.create({ dataDir: join(target.dataDir, 'pglite'), extensions }), release);
  } catch (err) {
    release();
    throw err;
  }
}

function openPglite(client: PGlite, release: () => void): Database {
  const query: RawQuery = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await client.query<T>(sql, params)).rows;
  return {
    kind: 'pglite',
    orm: drizzlePglite(client),
    query,
    // PGlite has one connection and runs one transaction at a time, so it is already exclusive.
    exclusiveTransaction: async (fn) => {
      await client.transaction(async (tx) => {
        await fn(
          async (sql) => {
            await tx.exec(sql);
          },
          async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
            (await tx.query<T>(sql, params)).rows,
        );
      });
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const query: RawQuery = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await pool.query<T>(sql, params)).rows;
  return {
    kind: 'postgres',
    orm: drizzlePg(pool),
    query,
    exclusiveTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await fn(
          async (sql) => {
            await client.query(sql);
          },
          async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
            (await client.query<T>(sql, params)).rows,
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: file.slice(0, 4),
      name: file.slice(5, -4),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/**
 * Applies pending migrations in order, all in one transaction under an advisory lock, so two
 * processes starting together never apply one twice and a failed migration leaves nothing behind.
 * @returns the versions applied by this call.
 */
export async function migrate(
  db: Database,
  onMigration: (m: Migration) => void = () => undefined,
): Promise<string[]> {
  const applied: string[] = [];
  await db.exclusiveTransaction(async (exec, query) => {
    await exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const migration of loadMigrations()) {
      if (done.has(migration.version)) continue;
      onMigration(migration);
      await exec(migration.sql);
      await query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
  });
  return applied;
}
