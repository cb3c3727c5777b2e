import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase, type Database } from '../../src/store/db.js';
import { TEST_DATABASE } from '../support/db.js';

const ALL_VERSIONS = loadMigrations().map((m) => m.version);

/**
 * An empty, unmigrated database of the suite's kind. On PostgreSQL each `connect()` is its own
 * pool, as separate app processes would have.
 */
async function emptyDatabase() {
  const opened: Database[] = [];
  if (TEST_DATABASE === 'pglite') {
    const db = await openDatabase({ kind: 'pglite-memory' });
    opened.push(db);
    return { connect: () => Promise.resolve(db), drop: () => db.close() };
  }
  const adminUrl = process.env.CAIRN_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('CAIRN_TEST_DATABASE=postgres needs CAIRN_TEST_DATABASE_URL');
  const name = `cairn_migrate_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    connect: async () => {
      const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
      opened.push(db);
      return db;
    },
    drop: async () => {
      await Promise.all(opened.map((db) => db.close()));
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

const recorded = (db: Database) =>
  db.query<{ version: string; n: number }>(
    'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
  );

describe('migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('applies every migration once, and nothing when run again', async () => {
    const empty = await emptyDatabase();
    cleanups.push(empty.drop);
    const db = await empty.connect();
    const announced: string[] = [];

    const first = await migrate(db, (m) => announced.push(m.version));
    const second = await migrate(db, (m) => announced.push(m.version));

    expect(ALL_VERSIONS.length).toBeGreaterThan(0);
    expect(first).toEqual(ALL_VERSIONS);
    expect(second).toEqual([]);
    expect(announced).toEqual(ALL_VERSIONS);
    expect(await recorded(db)).toEqual(ALL_VERSIONS.map((version) => ({ version, n: 1 })));
    expect(await db.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 0 }]);
  }, 60_000);

  it.skipIf(TEST_DATABASE !== 'postgres')(
    'applies each migration exactly once when several processes migrate one database at once',
    async () => {
      const empty = await emptyDatabase();
      cleanups.push(empty.drop);
      const processes = await Promise.all([empty.connect(), empty.connect(), empty.connect()]);

      const results = await Promise.all(processes.map((db) => migrate(db)));

      expect(results.flat().sort()).toEqual(ALL_VERSIONS);
      expect(results.filter((r) => r.length > 0)).toEqual([ALL_VERSIONS]);
      expect(await recorded(processes[0])).toEqual(ALL_VERSIONS.map((version) => ({ version, n: 1 })));
    },
    60_000,
  );
});
