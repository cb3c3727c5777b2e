import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetcher, refusalReason, RemoteFetchFailed, RemoteFetchRefused } from './safe-fetch.js';

describe('refusalReason', () => {
  it.each([
    ['10.0.0.5', 'a private network address'],
    ['172.16.0.1', 'a private network address'],
    ['172.31.255.255', 'a private network address'],
    ['192.168.1.1', 'a private network address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['0.0.0.0', 'a "this network" address (0.0.0.0/8)'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address (100.64.0.0/10)'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['::1', 'a loopback address'],
    ['::', 'the unspecified address (::)'],
    ['fe80::1', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['fc00::1', 'a unique-local (private) address'],
    ['fd12:3456::1', 'a unique-local (private) address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:127.0.0.1', 'a loopback address (IPv4-mapped)'],
    ['::ffff:a00:5', 'a private network address (IPv4-mapped)'],
    ['::ffff:169.254.169.254', 'a link-local address (IPv4-mapped)'],
    ['64:ff9b::10.1.2.3', 'a private network address (NAT64)'],
    ['2002:c0a8:101::1', 'a private network address (6to4)'],
    ['fe80::1%eth0', 'a link-local address'],
    ['example.org', 'not an IP address'],
  ])('refuses %s as %s', (ip, reason) => {
    expect(refusalReason(ip)).toBe(reason);
  });

  it.each([
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('accepts the public address %s', (ip) => {
    expect(refusalReason(ip)).toBeUndefined();
  });
});

describe('createSafeFetcher refusals', () => {
  it('refuses plain http', async () => {
    const fetchJson = createSafeFetcher();
    await expect(fetchJson('http://example.org/did.json')).rejects.toThrow(
      new RemoteFetchRefused(
        'http://example.org/did.json',
        'refused: http://example.org/did.json does not use https',
      ),
    );
  });

  it('refuses a did:web-like https URL whose host resolves to loopback, quickly and without connecting', async () => {
    const fetchJson = createSafeFetcher();
    const started = Date.now();
    const error = await fetchJson('https://localhost/.well-known/did.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteFetchRefused);
    expect((error as Error).message).toMatch(
      /^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address$/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('names the private address a host resolves to', async () => {
    const fetchJson = createSafeFetcher({ resolve: async () => [{ address: '10.0.0.5', family: 4 }] });
    await expect(fetchJson('https://intranet.example/did.json')).rejects.toThrow(
      'refused: intranet.example resolves to 10.0.0.5, which is a private network address',
    );
  });

  it('refuses when any one of several addresses is private', async () => {
    const fetchJson = createSafeFetcher({
      resolve: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: 'fd00::1', family: 6 },
      ],
    });
    await expect(fetchJson('https://mixed.example/x')).rejects.toThrow(/fd00::1, which is a unique-local/);
  });

  it('refuses IP literals in the URL, including IPv4-mapped IPv6', async () => {
    const fetchJson = createSafeFetcher();
    await expect(fetchJson('https://10.0.0.5/x')).rejects.toThrow(
      'refused: 10.0.0.5 is a private network address',
    );
    await expect(fetchJson('https://[::ffff:127.0.0.1]/x')).rejects.toThrow(
      /loopback address \(IPv4-mapped\)/,
    );
    await expect(fetchJson('https://169.254.169.254/latest/meta-data')).rejects.toThrow(/link-local/);
  });

  it('refuses URLs with credentials and things that are not URLs', async () => {
    const fetchJson = createSafeFetcher();
    await expect(fetchJson('https://user:pw@example.org/')).rejects.toThrow(/user name or password/);
    await expect(fetchJson('not a url')).rejects.toBeInstanceOf(RemoteFetchRefused);
  });

  it('reports a name that does not resolve as a failure', async () => {
    const fetchJson = createSafeFetcher({
      resolve: () => Promise.reject(new Error('ENOTFOUND')),
    });
    await expect(fetchJson('https://nowhere.example/')).rejects.toThrow(
      new RemoteFetchFailed(
        'https://nowhere.example/',
        'failed: the name nowhere.example could not be found (DNS)',
      ),
    );
  });
});

describe('createSafeFetcher against a local server (test-only escape hatch)', () => {
  let server: Server;
  let base: string;
  let hits = 0;
  let lastHost: string | undefined;
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/did.json': (res) => {
      res.writeHead(200, { 'content-type': 'application/did+ld+json' });
      res.end(JSON.stringify({ id: 'did:web:example' }));
    },
    '/plain': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('{"ok":true}');
    },
    '/html': (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html></html>');
    },
    '/broken': (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":');
    },
    '/missing': (res) => {
      res.writeHead(404);
      res.end();
    },
    '/big': (res) => {
      // No content-length: the limit must stop the stream itself.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(16 * 1024);
      res.write('"');
      for (let i = 0; i < 64; i++) res.write(chunk);
      res.end('"');
    },
    '/slow': () => {
      // never answers
    },
    '/r1': (res) => {
      redirect(res, '/r2');
    },
    '/r2': (res) => {
      redirect(res, '/r3');
    },
    '/r3': (res) => {
      redirect(res, '/did.json');
    },
    '/r0': (res) => {
      redirect(res, '/r1');
    },
    '/elsewhere': (res) => {
      redirect(res, 'http://localhost:9/x');
    },
  };
  const redirect = (res: ServerResponse, location: string) => {
    res.writeHead(302, { location });
    res.end();
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      lastHost = req.headers.host;
      const route = routes[req.url ?? ''];
      if (route) route(res);
      else redirect(res, '/missing');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const fetcher = (extra: Parameters<typeof createSafeFetcher>[0] = {}) =>
    createSafeFetcher({ allowPrivateHosts: ['127.0.0.1'], ...extra });

  it('fetches JSON with DID and plain-text media types', async () => {
    const fetchJson = fetcher();
    await expect(fetchJson(`${base}/did.json`)).resolves.toEqual({ id: 'did:web:example' });
    await expect(fetchJson(`${base}/plain`)).resolves.toEqual({ ok: true });
  });

  it('connects to the checked address while keeping the host name (no second DNS lookup)', async () => {
    const port = new URL(base).port;
    let lookups = 0;
    const fetchJson = createSafeFetcher({
      allowPrivateHosts: ['pinned.test'],
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    // pinned.test does not exist in DNS: this works only if the connection uses the checked address.
    await expect(fetchJson(`http://pinned.test:${port}/did.json`)).resolves.toEqual({
      id: 'did:web:example',
    });
    expect(lastHost).toBe(`pinned.test:${port}`);
    expect(lookups).toBe(1);
  });

  it('refuses other media types, malformed JSON and error statuses', async () => {
    const fetchJson = fetcher();
    await expect(fetchJson(`${base}/html`)).rejects.toThrow(/is text\/html, not JSON/);
    await expect(fetchJson(`${base}/broken`)).rejects.toThrow(/did not answer with valid JSON/);
    await expect(fetchJson(`${base}/missing`)).rejects.toThrow(/answered HTTP 404/);
  });

  it('stops reading beyond the size limit', async () => {
    const fetchJson = fetcher({ maxBytes: 64 * 1024 });
    await expect(fetchJson(`${base}/big`)).rejects.toThrow(
      new RemoteFetchFailed(`${base}/big`, `failed: ${base}/big is larger than 64 KiB`),
    );
  });

  it('gives up after the total timeout', async () => {
    const fetchJson = fetcher({ timeoutMs: 200 });
    const started = Date.now();
    await expect(fetchJson(`${base}/slow`)).rejects.toThrow(/did not answer within 0.2 s/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('follows up to three redirects, each checked again', async () => {
    const fetchJson = fetcher();
    await expect(fetchJson(`${base}/r1`)).resolves.toEqual({ id: 'did:web:example' });
    await expect(fetchJson(`${base}/r0`)).rejects.toThrow(/redirected more than 3 times/);
    await expect(fetchJson(`${base}/elsewhere`)).rejects.toThrow(
      'refused: http://localhost:9/x does not use https',
    );
  });

  it('keeps successful results for the TTL and hands out copies', async () => {
    let clock = 0;
    const fetchJson = fetcher({ now: () => clock, cacheTtlMs: 1000 });
    const before = hits;
    const first = (await fetchJson(`${base}/did.json`)) as Record<string, unknown>;
    first.id = 'changed';
    await expect(fetchJson(`${base}/did.json`)).resolves.toEqual({ id: 'did:web:example' });
    expect(hits - before).toBe(1);
    clock = 1001;
    await fetchJson(`${base}/did.json`);
    expect(hits - before).toBe(2);
  });

  it('bounds the cache', async () => {
    const fetchJson = fetcher({ cacheMaxEntries: 1 });
    const before = hits;
    await fetchJson(`${base}/did.json`);
    await fetchJson(`${base}/plain`);
    await fetchJson(`${base}/did.json`);
    expect(hits - before).toBe(3);
  });
});
