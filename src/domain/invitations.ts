import type { Role } from './identity.js';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export const INVITATION_LIFETIME_DAYS = 14;

export interface Invitation {
  id: string;
  organisationId: string;
  email: string;
  roles: Role[];
  invitedBy: { id: string; name: string } | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export function invitationStatus(invitation: Invitation, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}
