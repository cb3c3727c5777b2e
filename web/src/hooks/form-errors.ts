import type { ApiProblem } from '../api/client';

export type ClientErrors = Partial<Record<string, string>>;

/** The message to show beside a field: our own check first, then the server's. */
export function fieldError(
  field: string,
  clientErrors: ClientErrors,
  problem: ApiProblem | null,
): string | undefined {
  return clientErrors[field] ?? problem?.fieldMessage(field);
}

/** After a failed submit, move focus to the first field marked invalid. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  if (!form) return;
  requestAnimationFrame(() => {
    const target = form.querySelector<HTMLElement>(
      '[aria-invalid="true"], .field--invalid input, .field--invalid select',
    );
    target?.focus();
  });
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string): string | undefined {
  if (!value.trim()) return 'Enter an email address.';
  if (!EMAIL_PATTERN.test(value.trim())) return 'Enter an email address like name@example.co.nz.';
  return undefined;
}

export const MIN_PASSWORD_LENGTH = 10;

export function checkNewPassword(value: string): string | undefined {
  if (!value) return 'Enter a password.';
  if (value.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  return undefined;
}

/** Drops undefined entries so `Object.keys(errors).length` means "has errors". */
export function compactErrors(errors: Record<string, string | undefined>): ClientErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== undefined));
}

/** A `?next=` target is only followed when it is a path on this site. */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
