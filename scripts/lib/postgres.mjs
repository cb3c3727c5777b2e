// A private PostgreSQL cluster on loopback for one run of the tests or the benchmarks, started from
// the server binaries when they are installed and thrown away afterwards.
import { spawnSync, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder holding pg_ctl and initdb (PATH first, then Debian's /usr/lib/postgresql/<n>/bin), or undefined. */
export function findPostgresBin() {
  const fromPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (fromPath) return join(fromPath, '..');
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a private PostgreSQL cluster on loopback; returns its URL, its major version and a stop
 * function (also run when the process exits). Durability is off: the data is thrown away anyway.
 * @param {string} bin the folder from findPostgresBin()
 * @returns {Promise<{url: string, stop: () => void, version: string}>}
 */
export async function startThrowawayPostgres(bin) {
  // PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cairn-pg-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const exec = (tool, args) => {
    const full = join(bin, tool);
    const [cmd, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', full, ...args] : [full, ...args];
    return execFileSync(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const port = await freePort();
  const data = join(dir, 'data');
  exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  exec('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', 'start']);
  const stop = () => {
    try {
      exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    version: readFileSync(join(data, 'PG_VERSION'), 'utf8').trim(),
  };
}
