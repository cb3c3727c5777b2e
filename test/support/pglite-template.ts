import { writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../src/store/db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Vitest global setup: one migrated PGlite database, dumped to a file. Each test file then loads
 * it (about a second) instead of creating and migrating its own (about five).
 */
export default async function setup(project: TestProject) {
  if (process.env.CAIRN_TEST_DATABASE === 'postgres') {
    project.provide('pgliteTemplate', '');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cairn-pglite-template-'));
  const db = await openDatabase({ kind: 'pglite-memory' });
  await migrate(db);
  const client = (db.orm as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  const file = join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
