import { DomainError, InvalidInput } from './errors.js';

/** Roles a person can hold inside one organisation. Platform admin is a property of the user, not a role. */
export const ROLES = [
  'learner',
  'author',
  'assessor',
  'moderator',
  'endorser',
  'mentor',
  'org_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  'employer',
  'education_provider',
  'professional_body',
  'platform',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export interface User {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  createdAt: Date;
}

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  createdAt: Date;
}

export interface Membership {
  organisationId: string;
  userId: string;
  roles: Role[];
  joinedAt: Date;
}

/** Email addresses compare case-insensitively; we keep the normalised form as the identity. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @throws InvalidInput */
export function checkEmail(email: string): string {
  const normalised = normaliseEmail(email);
  if (!EMAIL_SHAPE.test(normalised) || normalised.length > 254) {
    throw new InvalidInput('email', 'Enter an email address such as name@example.org.');
  }
  return normalised;
}

/** @throws InvalidInput */
export function checkPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new InvalidInput(field, `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new InvalidInput(field, `Use at most ${PASSWORD_MAX_LENGTH} characters for the password.`);
  }
  if (new Set(password).size < 4) {
    throw new InvalidInput(field, 'Choose a password with more variety than that.');
  }
}

/** @throws InvalidInput */
export function checkDisplayName(name: string, field = 'name'): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) throw new InvalidInput(field, 'Enter a name.');
  return trimmed;
}

/** Roles arrive from people and machines: keep each once, in the canonical order. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  if (roles.length === 0) throw new InvalidInput('roles', 'Give at least one role.');
  return ROLES.filter((r) => roles.includes(r));
}

/** A URL-safe slug from an organisation's name; callers add a suffix when it is taken. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut long names at a word boundary rather than mid-word.
  const head = slug.slice(0, 49);
  const cut = slug.length <= 48 ? slug : head.includes('-') ? head.replace(/-[^-]*$/, '') : slug.slice(0, 48);
  return cut.length > 0 ? cut : 'organisation';
}

export class InvalidCredentials extends DomainError {
  readonly kind = 'unauthenticated';
  readonly slug = 'invalid-credentials';
  readonly title = 'Email or password is wrong';

  constructor() {
    super('That email and password do not match an account. Check both, or reset your password.');
  }
}

export class TooManyAttempts extends DomainError {
  readonly kind = 'rate_limited';
  readonly slug = 'too-many-attempts';
  readonly title = 'Too many attempts';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
      retryAfterSeconds,
    });
  }
}

export class EmailTaken extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'email-taken';
  readonly title = 'Email already registered';

  constructor() {
    super('An account with that email already exists. Sign in, or reset its password.');
  }
}

export class ResetTokenInvalid extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'reset-token-invalid';
  readonly title = 'Reset link is not valid';

  constructor() {
    super('This password reset link has expired or was already used. Ask for a new one.');
  }
}

export class LastAdmin extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'last-admin';
  readonly title = 'Organisation needs an admin';

  constructor() {
    super('This is the last organisation admin. Make someone else an admin first.');
  }
}

export class AlreadyMember extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'already-member';
  readonly title = 'Already a member';

  constructor(email: string) {
    super(`${email} is already a member of this organisation; change their roles instead.`);
  }
}

export class InvitationNotPending extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'invitation-not-pending';
  readonly title = 'Invitation is no longer open';

  constructor(status: string) {
    super(`This invitation is ${status}. Ask the organisation for a new one.`, { invitationStatus: status });
  }
}

export class InvitationEmailMismatch extends DomainError {
  readonly kind = 'forbidden';
  readonly slug = 'invitation-email-mismatch';
  readonly title = 'Invitation is for another email';

  constructor() {
    super('This invitation was sent to a different email address. Sign in with that address to accept it.');
  }
}

/** DID syntax (W3C DID Core): did:<method>:<method-specific id>. */
const DID_SHAPE = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/;

/**
 * A learner's own DID, named as the subject of the credentials issued to them from then on.
 * @throws InvalidInput
 */
export function checkDid(value: string): string {
  const did = value.trim();
  if (did.length > 2048 || !DID_SHAPE.test(did)) {
    throw new InvalidInput(
      'did',
      'Enter a DID such as did:key:z6Mk… or did:web:example.org (from your wallet).',
    );
  }
  return did;
}
