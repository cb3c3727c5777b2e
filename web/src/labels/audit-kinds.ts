const AUDIT_KIND_LABELS: Record<string, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sign_out: 'Signed out',
  sign_up: 'Created an account',
  password_changed: 'Changed password',
  password_reset_requested: 'Requested a password reset',
  password_reset: 'Reset password',
  role_changed: 'Changed roles',
  member_removed: 'Removed a member',
  invitation_created: 'Sent an invitation',
  invitation_accepted: 'Accepted an invitation',
  invitation_revoked: 'Revoked an invitation',
  api_key_created: 'Created an API key',
  api_key_revoked: 'Revoked an API key',
  issuer_keys_created: 'Created issuer signing keys',
  issuer_keys_rotated: 'Rotated issuer signing keys',
  organisation_created: 'Created the organisation',
};

/** Readable text for an audit kind; kinds added later still read sensibly. */
export function auditKindLabel(kind: string): string {
  const known = AUDIT_KIND_LABELS[kind];
  if (known) return known;
  const words = kind.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Failures and removals are worth a glance when scanning the log. */
export function auditKindTone(kind: string): 'neutral' | 'danger' | 'success' | 'info' {
  if (kind.endsWith('_failed') || kind.endsWith('_revoked') || kind === 'member_removed') return 'danger';
  if (kind.endsWith('_created') || kind === 'sign_up' || kind.endsWith('_accepted')) return 'success';
  if (kind.startsWith('password') || kind === 'role_changed') return 'info';
  return 'neutral';
}
