/** Wiring only: turns a Config into running parts. The CLI and `cairn serve` both start here. */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { issuePendingAwards } from './app/award-submission.js';
import { sweepExpired } from './app/housekeeping.js';
import { refreshExpired } from './app/pathway-progress.js';
import { deliverDueEmails } from './app/outbox.js';
import type { Deps } from './app/ports.js';
import { seedDemo, type SeedReport } from './app/seed-demo.js';
import { argon2Passwords } from './adapters/passwords.js';
import { createSafeFetcher } from './adapters/safe-fetch.js';
import { nodeSecrets } from './adapters/secrets.js';
import { smtpSender } from './adapters/smtp-sender.js';
import type { Config } from './config.js';
import { createVault, loadOrCreateKeyFile, parseMasterKey } from './credentials/key-vault.js';
import { loadDemoData } from './demo/load-demo-data.js';
import { buildHttpApp, type HttpApp } from './http/app.js';
import { migrate, openDatabase, type Database, type Migration } from './store/db.js';
import { createStore } from './store/store.js';

export const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as {
    version: string;
  }
).version;

export interface Runtime {
  config: Config;
  db: Database;
  deps: Deps;
  close(): Promise<void>;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/**
 * Opens the database (taking the data folder's lock on the embedded default) and builds the
 * use cases' dependencies. `holder` names this process to anyone else who finds the lock taken.
 */
export async function openRuntime(
  config: Config,
  holder: string,
  options: { migrate?: boolean; onMigration?: (m: Migration) => void } = {},
): Promise<Runtime> {
  const db = await openDatabase(
    config.databaseUrl !== undefined
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { kind: 'pglite', dataDir: config.dataDir, holder },
  );
  try {
    if (options.migrate ?? true) await migrate(db, options.onMigration);
  } catch (err) {
    await db.close();
    throw err;
  }
  let masterKey: Uint8Array;
  try {
    masterKey = await loadMasterKey(config);
  } catch (err) {
    await db.close();
    throw err;
  }
  const deps: Deps = {
    store: createStore(db.orm),
    clock: { now: () => new Date() },
    passwords: argon2Passwords(),
    secrets: nodeSecrets,
    config: { publicUrl: config.publicUrl, emailDelivery: config.smtpUrl ? 'smtp' : 'hold' },
    vault: createVault(masterKey),
    remote: { fetchJson: createSafeFetcher() },
  };
  return { config, db, deps, close: () => db.close() };
}

/** CAIRN_MASTER_KEY, or the data folder's key file (made on first use, mode 0600). */
async function loadMasterKey(config: Config): Promise<Uint8Array> {
  if (config.masterKey !== undefined) return parseMasterKey(config.masterKey);
  await mkdir(config.dataDir, { recursive: true });
  return loadOrCreateKeyFile(join(config.dataDir, 'master.key'));
}

/** Loads the demo data into an empty database when demo data is enabled. */
export async function seedDemoIfEmpty(runtime: Runtime): Promise<SeedReport | undefined> {
  if (!runtime.config.demo) return undefined;
  if ((await runtime.deps.store.organisations.listAll()).length > 0) return undefined;
  return seedDemo(runtime.deps, loadDemoData());
}

/** Periodic work every app process does; database locks keep processes from doing it twice. */
export function startBackgroundWork(runtime: Runtime, log: Logger): () => void {
  const timers: NodeJS.Timeout[] = [];
  const { smtpUrl, mailFrom } = runtime.config;
  if (smtpUrl) {
    const sender = smtpSender(smtpUrl, mailFrom);
    let running = false;
    timers.push(
      setInterval(() => {
        if (running) return;
        running = true;
        deliverDueEmails(runtime.deps, sender)
          .then(({ failed }) => {
            if (failed > 0) log.warn(`${failed} email(s) could not be sent; they will be retried`);
          })
          .catch((err: unknown) => {
            log.error(`email delivery failed: ${String(err)}`);
          })
          .finally(() => (running = false));
      }, 5_000),
    );
  }
  // Credentials a crash or an outage kept from being issued after a competent decision.
  let awarding = false;
  timers.push(
    setInterval(() => {
      if (awarding) return;
      awarding = true;
      issuePendingAwards(runtime.deps)
        .catch((err: unknown) => {
          log.error(`issuing pending credentials failed: ${String(err)}`);
        })
        .finally(() => (awarding = false));
    }, 60_000),
  );
  // Credentials that expired since the last look no longer count towards pathways. The window
  // overlaps the previous one: refreshing a learner twice is harmless, missing one is not.
  let lastExpirySweep = new Date(runtime.deps.clock.now().getTime() - 24 * 60 * 60 * 1000);
  timers.push(
    setInterval(
      () => {
        const until = runtime.deps.clock.now();
        refreshExpired(runtime.deps, new Date(lastExpirySweep.getTime() - 60_000), until)
          .then(() => (lastExpirySweep = until))
          .catch((err: unknown) => {
            log.error(`refreshing pathway progress after expiries failed: ${String(err)}`);
          });
      },
      15 * 60 * 1000,
    ),
  );
  timers.push(
    setInterval(
      () => {
        sweepExpired(runtime.deps).catch((err: unknown) => {
          log.error(`housekeeping failed: ${String(err)}`);
        });
      },
      60 * 60 * 1000,
    ),
  );
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearInterval(t);
  };
}

export interface RunningServer {
  app: HttpApp;
  runtime: Runtime;
  url: string;
  close(): Promise<void>;
}

/** Everything `npm start` runs: database, migrations, demo data, background work, HTTP. */
export async function startServer(config: Config, options: { holder?: string } = {}): Promise<RunningServer> {
  const logger = { level: config.logLevel };
  const runtime = await openRuntime(config, options.holder ?? 'cairn serve');
  let app: HttpApp | undefined;
  let stopBackground: () => void = () => undefined;
  try {
    app = await buildHttpApp(runtime.deps, {
      database: {
        kind: runtime.db.kind,
        ping: async () => {
          await runtime.db.query('SELECT 1');
        },
      },
      secureCookies: config.secureCookies,
      webDir: config.webDir,
      logger,
      trustProxy: config.trustProxy,
      version: VERSION,
    });
    const log: Logger = {
      info: (m) => app?.log.info(m),
      warn: (m) => app?.log.warn(m),
      error: (m) => app?.log.error(m),
    };
    const seeded = await seedDemoIfEmpty(runtime);
    if (seeded)
      log.info(
        `demo data loaded: ${seeded.organisationsCreated} organisations, ${seeded.peopleCreated} people`,
      );
    // Without SMTP, development prints each email so links (reset, invitation) can be followed.
    if (config.env === 'development' && !config.smtpUrl) {
      runtime.deps.onEmailQueued = (e) => {
        log.info(`email held in outbox for ${e.to}: ${e.subject}\n${e.text}`);
      };
    }
    stopBackground = startBackgroundWork(runtime, log);
    const address = await app.listen({ port: config.port, host: config.host });
    const started = app;
    return {
      app: started,
      runtime,
      url: address,
      close: async () => {
        stopBackground();
        await started.close();
        await runtime.close();
      },
    };
  } catch (err) {
    stopBackground();
    await app?.close();
    await runtime.close();
    throw err;
  }
}
