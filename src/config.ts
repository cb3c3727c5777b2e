import { resolve } from 'node:path';

/** Parsed once at boot; everything else receives a Config. Bad values stop the process with a clear message. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** How people reach this server; links in emails start here. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Load the demo organisations and people into an empty database at start. */
  demo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  trustProxy: boolean;
  /** Secure cookies when the public URL is https. */
  secureCookies: boolean;
  /** Where the built web app lives (vite build output). */
  webDir: string;
  /**
   * Master key sealing issuer private keys (32 bytes as base64 or hex). Without it, a key file in
   * the data folder is made and used: fine for one machine, not for several servers.
   */
  masterKey: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (got "${value}").`);
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  }
  return n;
}

/** @throws ConfigError */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.CAIRN_ENV ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  if (mode !== 'development' && mode !== 'production' && mode !== 'test') {
    throw new ConfigError(`CAIRN_ENV must be development, production or test (got "${mode}").`);
  }
  const port = integer('PORT', env.PORT, 3000, 0, 65535);
  const publicUrl = (env.CAIRN_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(publicUrl);
  } catch {
    throw new ConfigError(`CAIRN_PUBLIC_URL must be an absolute URL such as https://cairn.example.org.`);
  }
  const databaseUrl = env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  const demoWanted = flag('CAIRN_DEMO', env.CAIRN_DEMO, mode !== 'production');
  if (demoWanted && mode === 'production') {
    throw new ConfigError('Demo data (CAIRN_DEMO=1) is never loaded in production: its passwords are public.');
  }
  const masterKey = env.CAIRN_MASTER_KEY === '' ? undefined : env.CAIRN_MASTER_KEY;
  if (masterKey === undefined && mode === 'production' && databaseUrl !== undefined) {
    throw new ConfigError(
      'CAIRN_MASTER_KEY is required in production on PostgreSQL: every server must seal and open issuer keys ' +
        'with the same master key. Generate one with `openssl rand -base64 32`.',
    );
  }
  return {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    dataDir: resolve(env.CAIRN_DATA_DIR ?? './data'),
    databaseUrl,
    databasePoolSize: integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 200),
    demo: demoWanted,
    smtpUrl: env.SMTP_URL === '' ? undefined : env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? 'Cairn <no-reply@cairn.invalid>',
    logLevel: env.LOG_LEVEL ?? (mode === 'production' ? 'info' : mode === 'test' ? 'silent' : 'info'),
    trustProxy: flag('CAIRN_TRUST_PROXY', env.CAIRN_TRUST_PROXY, false),
    secureCookies: parsed.protocol === 'https:',
    webDir: resolve(env.CAIRN_WEB_DIR ?? resolve(import.meta.dirname, '../dist/web')),
    masterKey,
  };
}
