import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { DomainError } from '../domain/errors.js';

/** The embedded database belongs to one process at a time; a second one is told who holds it. */
export class DataDirInUse extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'data-dir-in-use';
  readonly title = 'Data folder in use';

  constructor(dataDir: string, holder: LockHolder) {
    super(
      `The data folder ${dataDir} is in use by "${holder.command}" (process ${holder.pid} on ${holder.host}, ` +
        `since ${holder.since}). The embedded database serves one process at a time: stop that process, ` +
        `or run against PostgreSQL with DATABASE_URL so several processes can share it.`,
      { pid: holder.pid, command: holder.command },
    );
  }
}

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Lock files this process holds: a file naming our own pid is stale only if it is not one of these. */
const heldHere = new Set<string>();

/**
 * Takes the data folder's lock file, or throws DataDirInUse naming the live holder.
 * A lock left by a dead process (a crash, a kill -9) is taken over.
 * @returns a release function, idempotent.
 */
export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = resolve(dataDir, 'cairn.lock');
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        if (readHolder(lockPath)?.pid === process.pid) rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(lockPath);
      // A second open inside this process (its pid matches ours, so the checks below would take it over).
      if (heldHere.has(lockPath)) throw new DataDirInUse(dataDir, holder ?? me);
      if (holder && holder.host === me.host && isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new DataDirInUse(dataDir, holder);
      }
      if (holder && holder.host !== me.host) throw new DataDirInUse(dataDir, holder);
      // Stale (dead holder) or half-written: remove and try again.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}.`);
}
