/**
 * `cairn audit verify` and `cairn audit export` on the embedded database: intact (exit 0), then
 * edited behind Cairn's back (exit 1, naming the entry). Entries are recorded by opening the same
 * data folder from the test between runs, as the app would record them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/app/audit-trail.js';
import { migrate, openDatabase, type Database } from '../../src/store/db.js';
import { createStore } from '../../src/store/store.js';

const root = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'cairn-cli-audit-'));
const work = mkdtempSync(join(tmpdir(), 'cairn-cli-audit-files-'));

function cairn(args: string[]) {
  const res = spawnSync(process.execPath, [join(root, 'bin/cairn.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CAIRN_DATA_DIR: dataDir, CAIRN_DEMO: '0', DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/** Opens the data folder the CLI uses, while no cairn process holds it. */
async function withDatabase(fn: (db: Database) => Promise<void>) {
  const db = await openDatabase({ kind: 'pglite', dataDir, holder: 'test/cli/audit.test.ts' });
  try {
    await migrate(db);
    await fn(db);
  } finally {
    await db.close();
  }
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('checking the audit log from the command line', { timeout: 300_000 }, () => {
  const ENTRIES = 1205; // more than one batch of 1,000

  it('finds an intact log intact (exit 0) and exports it as NDJSON', async () => {
    await withDatabase(async (db) => {
      const store = createStore(db.orm);
      let at = Date.UTC(2026, 0, 1);
      await store.transaction(async (tx) => {
        for (let i = 1; i <= ENTRIES; i++) {
          await recordAudit({ clock: { now: () => new Date((at += 1000)) } }, tx, {
            kind: i % 2 === 0 ? 'evidence_added' : 'submission_created',
            actor: undefined,
            organisationId: null,
            subjectType: 'submission',
            subjectId: `sub-${String(i)}`,
            detail: { n: i, note: { b: 2, a: 1 } },
          });
        }
      });
    });

    const verify = cairn(['audit', 'verify']);
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toBe(`Audit log intact: ${String(ENTRIES)} entries checked.\n`);
    expect(verify.err).toContain('Checking the audit log');

    const out = join(work, 'audit.ndjson');
    const exported = cairn(['audit', 'export', '--out', out]);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toBe(`Wrote ${String(ENTRIES)} audit log entries to ${out}.\n`);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(ENTRIES);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      seq: 1,
      kind: 'submission_created',
      actor: { id: null, label: 'operator (command line)' },
      subjectId: 'sub-1',
      detail: { n: 1, note: { a: 1, b: 2 } },
      prevHash: '0'.repeat(64),
    });
  });

  it('names the entry edited in the database and exits 1', async () => {
    await withDatabase(async (db) => {
      await db.query(`UPDATE audit_log SET detail = jsonb_set(detail, '{n}', '999') WHERE seq = 1100`);
    });

    const res = cairn(['audit', 'verify']);
    expect(res.code).toBe(1);
    expect(res.out).toBe(
      'Audit log broken at entry 1100: Entry 1100 was altered: its stored hash does not match its contents.\n',
    );

    const json = cairn(['audit', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      checked: 1099,
      total: ENTRIES,
      firstBroken: { seq: 1100, reason: 'hash_mismatch' },
    });
  });
});
