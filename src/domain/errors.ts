/** Transport-free failure categories. Only src/http knows which status each becomes. */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'not_found' | 'forbidden' | 'conflict' | 'rate_limited';

/**
 * Base for every rule the domain refuses to break.
 * `slug` is a stable public identifier (documented in docs/problems.md); never rename one.
 * `detail` is safe to show to clients: no secrets, tokens or personal data beyond ids.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  abstract readonly slug: string;
  abstract readonly title: string;
  /** Structured members added to the problem document (e.g. every rejected row of an import). */
  readonly extensions: Readonly<Record<string, unknown>> = {};

  constructor(
    message: string,
    readonly detail: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not_found';
  readonly slug = 'not-found';
  readonly title = 'Resource not found';

  constructor(resource: string, id: string) {
    super(`No ${resource} with id ${id}.`, { resource, id });
  }
}

export class NotAllowed extends DomainError {
  readonly kind = 'forbidden';
  readonly slug = 'not-allowed';
  readonly title = 'Action not allowed';

  constructor(action: string) {
    super(`You may not ${action}.`, { action });
  }
}

export class SignInRequired extends DomainError {
  readonly kind = 'unauthenticated';
  readonly slug = 'sign-in-required';
  readonly title = 'Sign-in required';

  constructor() {
    super('Sign in, or send an API key, to do this.');
  }
}

/** A field-level validation failure found by domain rules (not by the HTTP schema). */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'invalid-input';
  readonly title = 'Input is not valid';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, { field });
  }
}

/** Several field-level failures at once, so a form can mark every field that needs fixing. */
export class InvalidFields extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'invalid-input';
  readonly title = 'Input is not valid';

  constructor(readonly errors: readonly { path: string; message: string }[]) {
    super(errors.map((e) => e.message).join(' '));
  }
}
