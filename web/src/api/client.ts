// Typed fetch wrapper for the Cairn API. Every failure becomes an ApiProblem
// (RFC 9457 shape) so pages only ever handle one kind of error.

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[];
  readonly document: ProblemDocument;

  constructor(document: ProblemDocument) {
    super(document.detail ?? document.title);
    this.name = 'ApiProblem';
    this.document = document;
    this.type = document.type;
    this.title = document.title;
    this.status = document.status;
    this.detail = document.detail;
    this.errors = Array.isArray(document.errors) ? document.errors : [];
  }

  /** True when the problem type ends in the given slug, e.g. `is('last-admin')`. */
  is(slug: string): boolean {
    return this.type === `/problems/${slug}` || this.type.endsWith(`/problems/${slug}`);
  }

  /** Message for one form field; paths are JSON pointers such as `/email`. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((error) => matchesField(error.path, field))?.message;
  }

  /** Field errors that no field on the form claims, so they can be listed in the summary. */
  unclaimedErrors(fields: readonly string[]): ProblemFieldError[] {
    return this.errors.filter((error) => !fields.some((field) => matchesField(error.path, field)));
  }

  get retryAfterSeconds(): number | undefined {
    const value = this.document['retryAfterSeconds'];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
}

function matchesField(path: string, field: string): boolean {
  // Tolerate servers that prefix the location, e.g. `/body/email`.
  return path === `/${field}` || path.endsWith(`/${field}`);
}

type Listener = (problem: ApiProblem) => void;
const sessionLostListeners = new Set<Listener>();

/** Called when a signed-in request answers 401, i.e. the session expired elsewhere. */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The CSRF header a state-changing request needs, for callers that cannot use apiRequest (upload progress). */
export function csrfHeaders(): Record<string, string> {
  const csrf = readCookie('cairn_csrf');
  return csrf ? { 'x-csrf-token': csrf } : {};
}

/** A failed answer's body (text) as a problem, for callers that cannot use apiRequest. */
export function problemFromText(status: number, statusText: string, text: string): ApiProblem {
  let document: ProblemDocument = {
    type: 'about:blank',
    title: statusText || 'Something went wrong',
    status,
    detail: status >= 500 ? 'The server had a problem. Try again in a moment.' : undefined,
  };
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'title' in body) {
      const parsed = body as Partial<ProblemDocument>;
      document = {
        ...parsed,
        type: typeof parsed.type === 'string' ? parsed.type : 'about:blank',
        title: typeof parsed.title === 'string' ? parsed.title : document.title,
        status: typeof parsed.status === 'number' ? parsed.status : status,
      };
    }
  } catch {
    // Not JSON: keep the status line.
  }
  const problem = new ApiProblem(document);
  if (problem.status === 401) for (const listener of sessionLostListeners) listener(problem);
  return problem;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Auth endpoints answer 401 for bad credentials; that is not a lost session. */
  expectUnauthorised?: boolean;
  /** A body sent as it is (a file), instead of `body` as JSON. */
  raw?: { body: Blob; contentType: string };
  /** Told the status of a successful answer, for operations where 200 and 201 differ. */
  onStatus?: (status: number) => void;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.raw) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    // Read at request time: the server rotates the token on sign-in.
    const csrf = readCookie('cairn_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ? options.raw.body : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem({
      type: 'about:network-error',
      title: 'Cairn could not be reached',
      status: 0,
      detail: 'Check your connection and try again.',
    });
  }

  if (response.ok) {
    options.onStatus?.(response.status);
    if (response.status === 204 || response.status === 202) {
      // 202 may or may not carry a body; neither is needed by callers.
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    return (await response.json()) as T;
  }

  const problem = new ApiProblem(await readProblem(response));
  if (problem.status === 401 && !options.expectUnauthorised) {
    for (const listener of sessionLostListeners) listener(problem);
  }
  throw problem;
}

async function readProblem(response: Response): Promise<ProblemDocument> {
  const fallback: ProblemDocument = {
    type: 'about:blank',
    title: response.statusText || 'Something went wrong',
    status: response.status,
    detail: response.status >= 500 ? 'The server had a problem. Try again in a moment.' : undefined,
  };
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'title' in body) {
      const document = body as Partial<ProblemDocument>;
      return {
        ...document,
        type: typeof document.type === 'string' ? document.type : 'about:blank',
        title: typeof document.title === 'string' ? document.title : fallback.title,
        status: typeof document.status === 'number' ? document.status : response.status,
      };
    }
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status line.
  }
  return fallback;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Any thrown value as a problem, so UI code can render it uniformly. */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    type: 'about:client-error',
    title: 'Something went wrong',
    status: 0,
    detail: error instanceof Error ? error.message : undefined,
  });
}
