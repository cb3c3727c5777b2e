import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/store/db.js';

/**
 * Which database the integration suites run against, chosen by scripts/test.mjs:
 * CAIRN_TEST_DATABASE=pglite (default) or postgres with CAIRN_TEST_DATABASE_URL pointing at a
 * server where the test may create databases.
 */
export const TEST_DATABASE = process.env.CAIRN_TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase {
  db: Database;
  /** For tests that open a second connection pool on the same database (several app processes). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the suite's kind, all its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DATABASE === 'pglite') {
    const template = inject('pgliteTemplate');
    const db = await openDatabase({
      kind: 'pglite-memory',
      ...(template ? { from: new Blob([await readFile(template)]) } : {}),
    });
    await migrate(db);
    return { db, url: undefined, drop: () => db.close() };
  }
  const adminUrl = process.env.CAIRN_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('CAIRN_TEST_DATABASE=postgres needs CAIRN_TEST_DATABASE_URL');
  const name = `cairn_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
