/** Security-relevant events. Kinds are stable strings: integrators filter on them. */
export const SECURITY_EVENT_KINDS = [
  'sign_up',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'organisation_created',
  'role_changed',
  'member_added',
  'member_removed',
  'invitation_created',
  'invitation_accepted',
  'invitation_revoked',
  'api_key_created',
  'api_key_revoked',
  'platform_admin_granted',
  'issuer_keys_created',
  'issuer_keys_rotated',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export type EventDetail = Record<string, string | number | boolean | null | string[]>;

export interface SecurityEvent {
  id: string;
  occurredAt: Date;
  kind: SecurityEventKind;
  organisation: { id: string; name: string } | null;
  actor: { id: string; name: string } | null;
  apiKey: { id: string; name: string } | null;
  subject: string | null;
  ip: string | null;
  detail: EventDetail;
}
