import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { argon2Passwords } from '../../src/adapters/passwords.js';
import { nodeSecrets } from '../../src/adapters/secrets.js';
import type { Deps } from '../../src/app/ports.js';
import { createVault } from '../../src/credentials/key-vault.js';
import { buildHttpApp, type HttpApp } from '../../src/http/app.js';
import { createStore } from '../../src/store/store.js';
import { testClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: HttpApp;
  deps: Deps;
  clock: ReturnType<typeof testClock>;
  database: TestDatabase;
  /** What remote fetches (did:web documents, other issuers' status lists) answer, by URL. */
  remote: Map<string, unknown>;
  close(): Promise<void>;
}

/** The real HTTP app on a real, fresh database; only the clock is the test's. */
export async function createTestApp(
  options: {
    /** https makes issuers use did:web. */
    publicUrl?: string;
    /** Replaces the map-backed remote fetcher (e.g. with the real guarded one). */
    fetchJson?: (url: string) => Promise<unknown>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = testClock();
  const remote = new Map<string, unknown>();
  const deps: Deps = {
    store: createStore(database.db.orm),
    clock,
    passwords: argon2Passwords(),
    secrets: nodeSecrets,
    config: { publicUrl: options.publicUrl ?? 'http://cairn.test', emailDelivery: 'hold' },
    vault: createVault(randomBytes(32)),
    remote: {
      fetchJson:
        options.fetchJson ??
        ((url) =>
          remote.has(url) ? Promise.resolve(remote.get(url)) : Promise.reject(new Error(`${url} is not reachable`))),
    },
  };
  const app = await buildHttpApp(deps, {
    database: {
      kind: database.db.kind,
      ping: async () => {
        await database.db.query('SELECT 1');
      },
    },
    secureCookies: false,
    version: 'test',
  });
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    remote,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client: keeps the cookies the server sets and echoes the CSRF cookie in
 * x-csrf-token on changes, as the web app does.
 */
export function browser(app: HttpApp) {
  const jar = new Map<string, string>();
  async function request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get('cairn_csrf');
    const res: LightMyRequestResponse = await app.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  }
  return {
    jar,
    get: (url: string, headers?: Record<string, string>) => request('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      request('POST', url, body, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) =>
      request('PUT', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => request('DELETE', url, undefined, headers),
  };
}

export type Browser = ReturnType<typeof browser>;

let counter = 0;
/** Signs up a new person and returns their browser, signed in. */
export async function signedUpPerson(app: HttpApp, name = 'Test Person') {
  const email = `person${String(++counter)}.${String(Date.now())}@example.org`;
  const b = browser(app);
  const res = await b.post('/api/v1/auth/sign-up', { email, password: 'correct horse battery', name });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.body}`);
  const { user } = res.json<{ user: { id: string } }>();
  return { browser: b, email, userId: user.id, password: 'correct horse battery' };
}

/** A person with their own organisation, as its admin. */
export async function personWithOrganisation(app: HttpApp, kind = 'employer') {
  const person = await signedUpPerson(app, 'Org Admin');
  const res = await person.browser.post('/api/v1/organisations', { name: `Org ${String(++counter)}`, kind });
  if (res.statusCode !== 201) throw new Error(`create organisation failed: ${res.body}`);
  return { ...person, organisationId: res.json<{ id: string }>().id };
}

/** The token in the newest outbox email to `to`, found by `pattern`. */
export async function linkTokenFromOutbox(deps: Deps, to: string, pattern: RegExp): Promise<string> {
  const email = (await deps.store.outbox.list(100)).find((e) => e.to === to);
  const match = email?.text.match(pattern);
  if (!match?.[1]) throw new Error(`no email to ${to} matching ${String(pattern)}`);
  return match[1];
}
