/**
 * Fetches small JSON documents (DID documents, keys, status lists) from URLs named inside
 * credentials, which anyone can write. Guards against server-side request forgery: https only,
 * every DNS answer checked against private and reserved ranges, the connection pinned to the checked
 * address (no DNS rebinding), redirects re-checked, a total timeout and a size limit.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { isIPv4, isIPv6, type LookupFunction } from 'node:net';

/** The URL or an address it resolves to is not allowed; nothing was sent to it. */
export class RemoteFetchRefused extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteFetchRefused';
  }
}

/** The remote server could not be reached, or its answer was unusable. */
export class RemoteFetchFailed extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteFetchFailed';
  }
}

export type FetchJson = (url: string) => Promise<unknown>;

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeFetcherOptions {
  /** Total time for one `fetchJson` call, redirects included. Default 5,000 ms. */
  timeoutMs?: number;
  /** Largest response body read; longer bodies are cut off and refused. Default 256 KiB. */
  maxBytes?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** How long successful results are kept. Default 5 minutes; 0 turns the cache off. */
  cacheTtlMs?: number;
  /** Default 500; the oldest entry is dropped first. */
  cacheMaxEntries?: number;
  /**
   * TESTS ONLY. Host names (as written in the URL, e.g. `127.0.0.1` or `localhost`) that may be
   * fetched over plain http and at private or loopback addresses. Never set this in production.
   */
  allowPrivateHosts?: readonly string[];
  /** DNS resolution (all addresses); defaults to `node:dns/promises` lookup. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Clock for the cache, in milliseconds. Defaults to `Date.now`. */
  now?: () => number;
}

const JSON_MEDIA_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/did+json',
  'application/did+ld+json',
  'text/json',
  'text/plain',
]);
const ACCEPT =
  'application/did+ld+json, application/did+json, application/ld+json, application/json;q=0.9, */*;q=0.1';

// ---------------------------------------------------------------- address classification

function ipv4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

function classifyIPv4(b: readonly number[]): string | undefined {
  const [a = 0, c = 0, d = 0, e = 0] = b;
  if (a === 0) return 'a "this network" address (0.0.0.0/8)';
  if (a === 10) return 'a private network address';
  if (a === 100 && c >= 64 && c < 128) return 'a carrier-grade NAT address (100.64.0.0/10)';
  if (a === 127) return 'a loopback address';
  if (a === 169 && c === 254) return 'a link-local address';
  if (a === 172 && c >= 16 && c < 32) return 'a private network address';
  if (a === 192 && c === 0 && d === 0) return 'a reserved protocol address (192.0.0.0/24)';
  if (a === 192 && c === 0 && d === 2) return 'a documentation address';
  if (a === 192 && c === 168) return 'a private network address';
  if (a === 198 && (c === 18 || c === 19)) return 'a benchmarking address (198.18.0.0/15)';
  if (a === 198 && c === 51 && d === 100) return 'a documentation address';
  if (a === 203 && c === 0 && d === 113) return 'a documentation address';
  if (a >= 224 && a < 240) return 'a multicast address';
  if (a === 255 && c === 255 && d === 255 && e === 255) return 'the broadcast address';
  if (a >= 240) return 'a reserved address (240.0.0.0/4)';
  return undefined;
}

/** The 8 groups of an IPv6 address (which `net.isIPv6` has already accepted). */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0] ?? ''; // drop a zone id
  const tail: number[] = [];
  if (text.includes('.')) {
    const i = text.lastIndexOf(':');
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(text.slice(i + 1));
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, i + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const [head = '', rest] = text.split('::');
  if (rest === undefined) return [...parse(head), ...tail];
  const h = parse(head);
  const r = parse(rest);
  return [...h, ...new Array<number>(8 - tail.length - h.length - r.length).fill(0), ...r, ...tail];
}

function embeddedIPv4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function classifyIPv6(g: readonly number[]): string | undefined {
  const at = (i: number) => g[i] ?? 0;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'the unspecified address (::)';
  if (zeroUpTo(7) && at(7) === 1) return 'a loopback address';
  if (zeroUpTo(5) && at(5) === 0xffff) {
    const inner = classifyIPv4(embeddedIPv4(at(6), at(7)));
    return inner === undefined ? undefined : `${inner} (IPv4-mapped)`;
  }
  if (zeroUpTo(6)) return 'a deprecated IPv4-compatible address';
  if (at(0) === 0x64 && at(1) === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    const inner = classifyIPv4(embeddedIPv4(at(6), at(7)));
    return inner === undefined ? undefined : `${inner} (NAT64)`;
  }
  if (at(0) === 0x2002) {
    const inner = classifyIPv4(embeddedIPv4(at(1), at(2)));
    return inner === undefined ? undefined : `${inner} (6to4)`;
  }
  if ((at(0) & 0xfe00) === 0xfc00) return 'a unique-local (private) address';
  if ((at(0) & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((at(0) & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((at(0) & 0xff00) === 0xff00) return 'a multicast address';
  if (at(0) === 0x2001 && at(1) === 0x0db8) return 'a documentation address';
  if (at(0) === 0x0100 && zeroUpTo(4)) return 'a discard-only address (100::/64)';
  return undefined;
}

/**
 * Why an IP address must not be fetched (e.g. "a private network address"), or `undefined` for a
 * public unicast address. Anything that is not an IP address is refused too.
 */
export function refusalReason(ip: string): string | undefined {
  if (isIPv4(ip)) return classifyIPv4(ipv4Bytes(ip));
  if (isIPv6(ip)) return classifyIPv6(ipv6Groups(ip));
  return 'not an IP address';
}

// ---------------------------------------------------------------- fetching

const defaultResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  dnsLookup(hostname, { all: true, verbatim: true });

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

const kib = (n: number) => (n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);

interface Attempt {
  status: number;
  location?: string;
  body?: Buffer;
}

/**
 * A `fetchJson(url)` that follows the rules above and keeps successful results in a small TTL cache.
 * The returned value is a fresh copy on every call.
 * @throws RemoteFetchRefused when the URL, a redirect or a resolved address is not allowed;
 *   RemoteFetchFailed for network errors, timeouts, non-2xx answers, oversize or non-JSON bodies.
 */
export function createSafeFetcher(options: SafeFetcherOptions = {}): FetchJson {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const ttl = options.cacheTtlMs ?? 5 * 60_000;
  const maxEntries = options.cacheMaxEntries ?? 500;
  const resolve = options.resolve ?? defaultResolve;
  const now = options.now ?? Date.now;
  const privateHosts = new Set((options.allowPrivateHosts ?? []).map((h) => h.toLowerCase()));
  const cache = new Map<string, { expires: number; text: string }>();

  /** Checks scheme, credentials and every address; returns the address to connect to. */
  async function check(url: URL): Promise<ResolvedAddress> {
    const raw = url.href;
    const host = stripBrackets(url.hostname).toLowerCase();
    const trusted = privateHosts.has(host);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && trusted)) {
      throw new RemoteFetchRefused(raw, `refused: ${raw} does not use https`);
    }
    if (url.username !== '' || url.password !== '') {
      throw new RemoteFetchRefused(raw, `refused: ${raw} contains a user name or password`);
    }
    let addresses: ResolvedAddress[];
    if (isIPv4(host) || isIPv6(host)) addresses = [{ address: host, family: isIPv4(host) ? 4 : 6 }];
    else {
      try {
        addresses = await resolve(host);
      } catch {
        throw new RemoteFetchFailed(raw, `failed: the name ${host} could not be found (DNS)`);
      }
    }
    const first = addresses[0];
    if (first === undefined) throw new RemoteFetchFailed(raw, `failed: the name ${host} has no addresses`);
    if (!trusted) {
      // Every address must be public: otherwise an attacker could mix a private one in.
      for (const { address } of addresses) {
        const reason = refusalReason(address);
        if (reason !== undefined) {
          const what = address === host ? address : `${host} resolves to ${address}, which`;
          throw new RemoteFetchRefused(raw, `refused: ${what} is ${reason}`);
        }
      }
    }
    return first;
  }

  function once(url: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<Attempt> {
    const raw = url.href;
    // Connect only to the address checked above, keeping the host name for SNI, certificate and Host.
    const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all === true) {
        (callback as unknown as (err: null, addresses: ResolvedAddress[]) => void)(null, [pinned]);
      } else callback(null, pinned.address, pinned.family);
    };
    const requestOptions: RequestOptions = {
      method: 'GET',
      headers: { accept: ACCEPT, 'user-agent': 'Cairn-Verifier/1' },
      lookup,
      agent: false,
      signal,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Attempt>((resolvePromise, reject) => {
      const fail = (message: string) => {
        reject(new RemoteFetchFailed(raw, message));
      };
      const req = send(url, requestOptions, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          resolvePromise({ status, ...(res.headers.location ? { location: res.headers.location } : {}) });
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          fail(`failed: ${url.host} answered HTTP ${status} for ${raw}`);
          return;
        }
        const mediaType = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (mediaType !== '' && !JSON_MEDIA_TYPES.has(mediaType) && !mediaType.endsWith('+json')) {
          res.resume();
          fail(`failed: ${raw} is ${mediaType}, not JSON`);
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.destroy();
          fail(`failed: ${raw} is larger than ${kib(maxBytes)}`);
          return;
        }
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            fail(`failed: ${raw} is larger than ${kib(maxBytes)}`);
            return;
          }
          parts.push(chunk);
        });
        res.on('end', () => {
          resolvePromise({ status, body: Buffer.concat(parts) });
        });
        res.on('error', () => {
          if (signal.aborted) fail(`failed: ${raw} did not answer within ${timeoutMs / 1000} s`);
          else fail(`failed: the connection to ${url.host} broke while reading ${raw}`);
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (signal.aborted) fail(`failed: ${raw} did not answer within ${timeoutMs / 1000} s`);
        else fail(`failed: could not reach ${url.host} (${err.code ?? err.message})`);
      });
      req.end();
    });
  }

  async function fetchText(start: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      throw new RemoteFetchRefused(start, `refused: ${start} is not a valid URL`);
    }
    url.hash = '';
    const signal = AbortSignal.timeout(timeoutMs);
    // DNS lookups cannot be cancelled; race them against the same deadline.
    const deadline = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => {
        reject(new RemoteFetchFailed(start, `failed: ${start} did not answer within ${timeoutMs / 1000} s`));
      });
    });
    deadline.catch(() => undefined); // only observed through the race below
    for (let redirects = 0; ; redirects++) {
      const pinned = await Promise.race([check(url), deadline]);
      const attempt = await once(url, pinned, signal);
      if (attempt.body !== undefined) {
        const text = attempt.body.toString('utf8');
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      }
      if (attempt.location === undefined) {
        throw new RemoteFetchFailed(url.href, `failed: ${url.href} redirected without a Location`);
      }
      if (redirects >= maxRedirects) {
        throw new RemoteFetchFailed(start, `failed: ${start} redirected more than ${maxRedirects} times`);
      }
      try {
        url = new URL(attempt.location, url);
      } catch {
        throw new RemoteFetchFailed(url.href, `failed: ${url.href} redirected to an invalid URL`);
      }
      url.hash = '';
    }
  }

  return async (url: string) => {
    const cached = cache.get(url);
    if (cached && cached.expires > now()) return JSON.parse(cached.text) as unknown;
    if (cached) cache.delete(url);
    const text = await fetchText(url);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new RemoteFetchFailed(url, `failed: ${url} did not answer with valid JSON`);
    }
    if (ttl > 0 && maxEntries > 0) {
      while (cache.size >= maxEntries) {
        const oldest = cache.keys().next();
        if (oldest.done === true) break;
        cache.delete(oldest.value);
      }
      cache.set(url, { expires: now() + ttl, text });
    }
    return value;
  };
}
