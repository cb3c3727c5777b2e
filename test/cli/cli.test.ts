import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'cairn-cli-'));

/** Runs `cairn …` as a person would, with the same configuration variables. */
function cairn(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [join(root, 'bin/cairn.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CAIRN_DATA_DIR: dataDir, CAIRN_DEMO: '0', DATABASE_URL: '', ...env },
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

// One embedded database, shared by the steps below in order (the CLI runs one process at a time on it).
describe('the cairn command line on the embedded database', { timeout: 240_000 }, () => {
  it('explains itself and every command with --help', () => {
    const top = cairn(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'user']) expect(top.out).toContain(command);
    const create = cairn(['user', 'create', '--help']);
    expect(create.code).toBe(0);
    expect(create.out).toContain('--platform-admin');
  });

  it('says what is wrong with its usage and exits 2', () => {
    const res = cairn(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/unknown command/i);
    const noWhat = cairn(['seed']);
    expect(noWhat.code).toBe(2);
    expect(noWhat.err).toContain('cairn seed --demo');
  });

  it('refuses a bad configuration with the name of the setting', () => {
    const res = cairn(['migrate'], { PORT: 'eighty' });
    expect(res.code).toBe(2);
    expect(res.err).toContain('PORT');
  });

  it('migrates, then finds nothing left to do', () => {
    const first = cairn(['migrate']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('applying 0001');
    const again = cairn(['migrate']);
    expect(again.code).toBe(0);
    expect(again.out).not.toContain('applying');
  });

  it('creates a platform admin, and refuses a weak password', () => {
    const weak = cairn(['user', 'create', '--email', 'ops@example.org', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/at least 10 characters/);
    const ok = cairn(['user', 'create', '--email', 'Ops@Example.org', '--platform-admin'], {
      CAIRN_PASSWORD: 'a long operator passphrase',
    });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Created ops@example.org (platform admin)');
  });

  it('never loads demo data in production mode', () => {
    const res = cairn(['seed', '--demo'], { NODE_ENV: 'production', CAIRN_DEMO: '' });
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/never loaded in production/);
  });

  it('tells a second process who holds the data folder instead of corrupting it', async () => {
    const server = spawn(process.execPath, [join(root, 'bin/cairn.mjs'), 'serve'], {
      cwd: root,
      env: {
        ...process.env,
        CAIRN_DATA_DIR: dataDir,
        CAIRN_DEMO: '0',
        DATABASE_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error('server did not start'));
        }, 90_000);
        server.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('Cairn is running')) {
            clearTimeout(timer);
            resolve();
          }
        });
        server.once('exit', (code) => {
          reject(new Error(`server exited with ${String(code)}`));
        });
      });
      const res = cairn(['migrate']);
      expect(res.code).toBe(1);
      expect(res.err).toContain('in use by "cairn serve"');
      expect(res.err).toContain(`process ${String(server.pid)}`);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    // The server let go cleanly: the folder opens again and its data is intact.
    const after = cairn(['user', 'create', '--email', 'ops@example.org', '--platform-admin']);
    expect(after.code, after.err).toBe(0);
    expect(after.out).toContain('already existed');
  });
});
