import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { createUser } from '../app/create-user.js';
import { seedDemo } from '../app/seed-demo.js';
import { loadDemoData } from '../demo/load-demo-data.js';
import { openRuntime, startServer, VERSION, type Runtime } from '../main.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerCredentialCommands } from './credential-commands.js';
import { progressBar } from './progress.js';
import { readSecret } from './prompt.js';
import { UsageError } from './usage.js';
import { registerVerifyCommand } from './verify-command.js';

/** Exit codes: 0 done, 1 refused or failed, 2 the command was used wrongly. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function config(): Config {
  return loadConfig();
}

const program = new Command()
  .name('cairn')
  .description(
    'Cairn: industry-created, stackable micro-credentials.\n' +
      'Every command reads the same configuration as the server: CAIRN_DATA_DIR, DATABASE_URL, PORT, … (see README).',
  )
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();

program
  .command('serve')
  .description(
    'Run the web app and API on one port (migrates first, loads demo data into an empty database).',
  )
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
  .action(async (opts: { port?: string }) => {
    if (opts.port !== undefined) process.env.PORT = opts.port;
    const server = await startServer(config());
    process.stdout.write(
      `Cairn is running at ${server.runtime.config.publicUrl} (database: ${server.runtime.db.kind})\n`,
    );
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal}: stopping…\n`);
      server.close().then(
        () => process.exit(0),
        () => process.exit(EXIT_FAILED),
      );
    };
    process.once('SIGINT', () => {
      stop('SIGINT');
    });
    process.once('SIGTERM', () => {
      stop('SIGTERM');
    });
  });

program
  .command('migrate')
  .description('Apply pending database migrations (the server also does this when it starts).')
  .action(async () => {
    const cfg = config();
    const runtime = await openRuntime(cfg, 'cairn migrate', {
      onMigration: (m) => process.stdout.write(`applying ${m.version} ${m.name}\n`),
    });
    await runtime.close();
    process.stdout.write(`Database is up to date (${runtime.db.kind}).\n`);
  });

program
  .command('seed')
  .description('Load data sets into the database.')
  .option('--demo', 'the demo organisations and people (never in production mode)')
  .action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) throw new UsageError('Say what to load: cairn seed --demo');
    const cfg = config();
    if (cfg.env === 'production') {
      throw new UsageError('Demo data is never loaded in production mode: its passwords are public.');
    }
    const runtime = await openRuntime(cfg, 'cairn seed');
    try {
      const data = loadDemoData();
      const bar = progressBar('Loading demo data');
      const report = await seedDemo(runtime.deps, data, (done, total, label) => {
        bar.update(done, total, label);
      });
      bar.stop();
      process.stdout.write(
        `Added ${report.organisationsCreated} organisation(s) and ${report.peopleCreated} person(s); ` +
          `existing ones were kept. Demo people sign in with password "${data.signInPassword}".\n`,
      );
    } finally {
      await runtime.close();
    }
  });

const user = program.command('user').description('Manage accounts.');
user
  .command('create')
  .description('Create an account, or make an existing one a platform admin.')
  .requiredOption('--email <email>', 'sign-in email')
  .option('--name <name>', 'display name (default: the part of the email before @)')
  .addOption(
    new Option('--password <password>', 'password (default: asked for, or read from CAIRN_PASSWORD)').env(
      'CAIRN_PASSWORD',
    ),
  )
  .option('--platform-admin', 'may administer the whole platform')
  .action(async (opts: { email: string; name?: string; password?: string; platformAdmin?: boolean }) => {
    const cfg = config();
    const runtime = await openRuntime(cfg, 'cairn user create');
    try {
      const existing = await runtime.deps.store.users.findByEmail(opts.email.trim().toLowerCase());
      const password = existing
        ? ''
        : (opts.password ?? (await readSecret('Password for the new account: ')));
      const { user: created, created: isNew } = await createUser(runtime.deps, {
        email: opts.email,
        name: opts.name ?? opts.email.split('@')[0] ?? opts.email,
        password,
        platformAdmin: opts.platformAdmin ?? false,
      });
      process.stdout.write(
        isNew
          ? `Created ${created.email}${created.isPlatformAdmin ? ' (platform admin)' : ''}.\n`
          : `${created.email} already existed; it is now a platform admin.\n`,
      );
    } finally {
      await runtime.close();
    }
  });

/** Opens the database for one command and closes it afterwards, whatever happens. */
async function withRuntime<T>(holder: string, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config(), holder);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

registerCredentialCommands(program, withRuntime);
registerAuditCommands(program, withRuntime);
registerVerifyCommand(program, config);

function fail(message: string, code: number): never {
  process.stderr.write(`cairn: ${message}\n`);
  process.exit(code);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  if (err instanceof UsageError || err instanceof ConfigError) fail(err.message, EXIT_USAGE);
  if (err instanceof DomainError) fail(err.message, EXIT_FAILED);
  fail(err instanceof Error ? (err.stack ?? err.message) : String(err), EXIT_FAILED);
}
