import type {
  CheckStatus,
  CredentialRoute,
  CredentialState,
  StatusAction,
  VerifyResult,
} from '../../api/credentials-api';
import type { ChipTone } from '../../design/chip';
import { formatDate } from '../../labels/dates';

export const STATE_LABELS: Record<CredentialState, string> = {
  active: 'Active',
  expired: 'Expired',
  suspended: 'Suspended',
  revoked: 'Revoked',
};

/** Expired is a warning, not a failure: the credential was real, its time is up. */
export const STATE_TONES: Record<CredentialState, ChipTone> = {
  active: 'success',
  expired: 'warning',
  suspended: 'warning',
  revoked: 'danger',
};

export const ROUTE_LABELS: Record<CredentialRoute, string> = {
  assessed: 'Assessed',
  rpl: 'Recognition of prior learning',
  direct: 'Awarded directly',
};

export const ACTION_LABELS: Record<StatusAction, string> = {
  revoke: 'Revoke',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
};

export const ACTION_PAST: Record<StatusAction, string> = {
  revoke: 'Revoked',
  suspend: 'Suspended',
  reinstate: 'Reinstated',
};

/** What the issuer's staff may do next; revoked is final. */
export function statusActions(state: CredentialState): StatusAction[] {
  switch (state) {
    case 'active':
    case 'expired':
      return ['suspend', 'revoke'];
    case 'suspended':
      return ['reinstate', 'revoke'];
    case 'revoked':
      return [];
  }
}

const relative = new Intl.RelativeTimeFormat('en-NZ', { numeric: 'auto' });
const DAY_MS = 24 * 60 * 60 * 1000;

/** "in 3 months", "tomorrow", "in 2 years": the coarsest unit that reads naturally. */
export function fromNow(iso: string, now = Date.now()): string {
  const days = Math.round((new Date(iso).getTime() - now) / DAY_MS);
  const abs = Math.abs(days);
  if (abs < 45) return relative.format(days, 'day');
  if (abs < 548) return relative.format(Math.round(days / 30.44), 'month');
  return relative.format(Math.round(days / 365.25), 'year');
}

/** "Expires in 3 months", "Expired on 2 Mar 2026", "Does not expire". */
export function expiryLabel(validUntil: string | null, now = Date.now()): string {
  if (!validUntil) return 'Does not expire';
  const until = new Date(validUntil).getTime();
  if (Number.isNaN(until)) return `Valid until ${validUntil}`;
  if (until <= now) return `Expired on ${formatDate(validUntil)}`;
  return `Expires ${fromNow(validUntil, now)} (${formatDate(validUntil)})`;
}

export interface VerdictCopy {
  title: string;
  body: string;
  tone: 'success' | 'warning' | 'danger' | 'info';
}

export const VERDICTS: Record<VerifyResult, VerdictCopy> = {
  valid: {
    title: 'Valid credential',
    body: 'The signature checks out, the issuer has not revoked or suspended it, and it is within its dates.',
    tone: 'success',
  },
  expired: {
    title: 'Expired, not forged',
    body: 'The credential is genuine and was issued as shown, but its validity period has ended.',
    tone: 'warning',
  },
  'not-yet-valid': {
    title: 'Not valid yet',
    body: 'The credential is genuine, but its validity period has not started.',
    tone: 'warning',
  },
  revoked: {
    title: 'Revoked by the issuer',
    body: 'The credential was genuinely issued, but the issuer has withdrawn it for good.',
    tone: 'danger',
  },
  suspended: {
    title: 'Suspended by the issuer',
    body: 'The credential was genuinely issued, but the issuer has suspended it for now.',
    tone: 'warning',
  },
  invalid: {
    title: 'Not a valid credential',
    body: 'At least one check failed, so this credential cannot be trusted as it is.',
    tone: 'danger',
  },
};

export const CHECK_STATUS_LABELS: Record<CheckStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  warning: 'Warning',
  skipped: 'Not checked',
};
