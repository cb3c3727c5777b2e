import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.js';
import { DataDirInUse } from '../../src/store/data-dir-lock.js';

/** The embedded database's folder lock. One folder for the whole file: PGlite takes seconds to create one. */
describe('data folder lock', () => {
  let dataDir: string;
  let lockFile: string;
  const open = (holder: string) => openDatabase({ kind: 'pglite', dataDir, holder });
  const writeLock = (holder: { pid: number; host?: string; command: string }) => {
    writeFileSync(
      lockFile,
      JSON.stringify({ host: hostname(), since: '2026-01-01T00:00:00.000Z', ...holder }),
    );
  };
  const lockHolder = () => JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; command: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cairn-lock-'));
    lockFile = join(dataDir, 'cairn.lock');
    // Creating the database files is the slow part; do it once, outside the tests' time limits.
    const created = await open('setup');
    await created.query('CREATE TABLE kept (v text)');
    await created.close();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second open of a folder in use, naming the holder and its pid', async () => {
    const db = await open('cairn serve');
    try {
      expect(lockHolder()).toMatchObject({ pid: process.pid, command: 'cairn serve' });

      const second = await open('cairn migrate').then(
        (d: Database) => d,
        (err: unknown) => err,
      );

      expect(second).toBeInstanceOf(DataDirInUse);
      const message = (second as Error).message;
      expect(message).toContain('"cairn serve"');
      expect(message).toContain(`process ${String(process.pid)}`);
      expect(message).toContain(dataDir);
      expect(message).toContain('DATABASE_URL');
      expect((second as DataDirInUse).detail).toEqual({ pid: process.pid, command: 'cairn serve' });
      // The holder is untouched: its lock and its database still work.
      expect(lockHolder()).toMatchObject({ pid: process.pid, command: 'cairn serve' });
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(existsSync(lockFile)).toBe(false);
  });

  it('opens again after close, with the data kept', async () => {
    const first = await open('first');
    await first.query("INSERT INTO kept VALUES ('still here')");
    await first.close();

    const again = await open('again');
    try {
      expect(lockHolder()).toMatchObject({ pid: process.pid, command: 'again' });
      expect(await again.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await again.close();
    }
  });

  describe('a lock file left by someone else', () => {
    let child: ChildProcess | undefined;
    afterAll(() => {
      if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid);
      rmSync(lockFile, { force: true });
    });

    it('is respected while its process on this host is alive', async () => {
      child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      const pid = child.pid;
      if (pid === undefined) throw new Error('could not start a child process');
      writeLock({ pid, command: 'cairn worker' });

      const err = await open('cairn serve').catch((e: unknown) => e);

      expect(err).toBeInstanceOf(DataDirInUse);
      expect((err as Error).message).toContain('"cairn worker"');
      expect((err as Error).message).toContain(`process ${String(pid)}`);
      expect(lockHolder()).toMatchObject({ pid, command: 'cairn worker' });
    });

    it('is respected when it names another host, whose processes cannot be checked', async () => {
      writeLock({ pid: 999_999, host: 'some-other-host', command: 'cairn serve' });

      const err = await open('cairn serve').catch((e: unknown) => e);

      expect(err).toBeInstanceOf(DataDirInUse);
      expect((err as Error).message).toContain('some-other-host');
    });

    it('is taken over when its process is dead', async () => {
      expect(() => process.kill(999_999, 0)).toThrow();
      writeLock({ pid: 999_999, command: 'crashed cairn' });

      const db = await open('cairn serve');
      try {
        expect(lockHolder()).toMatchObject({ pid: process.pid, command: 'cairn serve' });
        expect(await db.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      } finally {
        await db.close();
      }
      expect(existsSync(lockFile)).toBe(false);
    });
  });
});
