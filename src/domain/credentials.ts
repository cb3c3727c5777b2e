/** Rules of issued credentials: how they were earned, what state they are in, what may change. */
import { DomainError, InvalidInput } from './errors.js';

export const CREDENTIAL_ROUTES = ['assessed', 'rpl', 'direct'] as const;
/** How it was earned: assessed by industry, recognition of prior learning, or awarded directly. */
export type CredentialRoute = (typeof CREDENTIAL_ROUTES)[number];

export type CredentialState = 'active' | 'expired' | 'suspended' | 'revoked';

export interface CredentialStatusFields {
  validUntil: Date | null;
  revokedAt: Date | null;
  suspendedAt: Date | null;
}

/** Revoked outranks suspended outranks expired: the strongest statement wins. */
export function credentialState(c: CredentialStatusFields, now: Date): CredentialState {
  if (c.revokedAt) return 'revoked';
  if (c.suspendedAt) return 'suspended';
  if (c.validUntil && c.validUntil.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

export class CredentialStatusConflict extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'credential-status-conflict';
  readonly title = 'The credential is not in a state that allows this';
}

/**
 * What a status change does, or why it cannot happen. Revocation is final (the Bitstring Status
 * List says so); suspension is lifted by reinstating.
 * @throws CredentialStatusConflict
 */
export function applyStatusAction(
  current: { revokedAt: Date | null; suspendedAt: Date | null },
  action: StatusAction,
): 'revoked' | 'suspended' | 'reinstated' {
  if (current.revokedAt)
    throw new CredentialStatusConflict('The credential is revoked; revocation cannot be undone.');
  switch (action) {
    case 'revoke':
      return 'revoked';
    case 'suspend':
      if (current.suspendedAt) throw new CredentialStatusConflict('The credential is already suspended.');
      return 'suspended';
    case 'reinstate':
      if (!current.suspendedAt) throw new CredentialStatusConflict('The credential is not suspended.');
      return 'reinstated';
  }
}

/** @throws InvalidInput unless the reason says something (it is shown to the holder and kept). */
export function checkStatusReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 3) throw new InvalidInput('reason', 'Give a reason (at least 3 characters).');
  if (r.length > 500) throw new InvalidInput('reason', 'Keep the reason under 500 characters.');
  return r;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @throws InvalidInput */
export function checkRecipientEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254)
    throw new InvalidInput('recipientEmail', `"${email}" is not an email address.`);
  return e;
}

/** One award per micro-credential and person, unless the caller names the award (e.g. a submission). */
export function awardKeyFor(input: {
  awardId?: string;
  achievementId: string;
  recipientEmail: string;
}): string {
  return input.awardId !== undefined
    ? `award:${input.awardId}`
    : `achievement:${input.achievementId}:${input.recipientEmail}`;
}

/** The credential stops being valid this many days after it was awarded, when the micro-credential says so. */
export function validUntilFor(validFrom: Date, validityDays: number | undefined): Date | null {
  if (validityDays === undefined) return null;
  return new Date(validFrom.getTime() + validityDays * 24 * 60 * 60 * 1000);
}

/** An issued credential as stored: the signed forms plus what Cairn knows about it. */
export interface CredentialRecord {
  id: string;
  awardKey: string;
  organisation: { id: string; name: string };
  achievementId: string;
  versionId: string;
  title: string;
  recipientEmail: string;
  recipientUserId: string | null;
  recipientName: string | null;
  route: CredentialRoute;
  statusListId: string;
  statusIndex: number;
  document: Record<string, unknown>;
  jwtEdDsa: string;
  jwtEs256: string;
  awardedAt: Date;
  validFrom: Date;
  validUntil: Date | null;
  issuedAt: Date;
  renewalOf: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  public: boolean;
}

export interface NewCredential {
  id: string;
  awardKey: string;
  organisationId: string;
  achievementId: string;
  versionId: string;
  recipientEmail: string;
  recipientUserId: string | null;
  recipientName: string | null;
  route: CredentialRoute;
  statusListId: string;
  statusIndex: number;
  document: Record<string, unknown>;
  jwtEdDsa: string;
  jwtEs256: string;
  signingKeyId: string;
  awardedAt: Date;
  validFrom: Date;
  validUntil: Date | null;
  issuedAt: Date;
  issuedBy: string | null;
  renewalOf: string | null;
}

export interface StatusListRecord {
  id: string;
  organisationId: string;
  /** The key whose DID issues the list (and every credential in it). */
  issuerKeyId: string;
  size: number;
  revocationCredential: Record<string, unknown> | null;
  suspensionCredential: Record<string, unknown> | null;
  publishedAt: Date | null;
}

export interface StatusChange {
  action: 'revoke' | 'suspend' | 'reinstate';
  reason: string;
  actor: { id: string; name: string } | null;
  at: Date;
}

export type IssuerKeyAlgorithm = 'Ed25519' | 'P-256';

/** An organisation's signing key as anyone may see it. */
export interface PublicIssuerKey {
  id: string;
  algorithm: IssuerKeyAlgorithm;
  /** Multikey: z6Mk… (Ed25519) or zDn… (P-256). */
  publicKeyMultibase: string;
  createdAt: Date;
  retiredAt: Date | null;
}
