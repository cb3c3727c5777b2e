import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../domain/identity.js';
import type { Invitation } from '../../domain/invitations.js';
import type { Orm } from '../db.js';
import { invitations, users } from '../schema.js';

type Row = typeof invitations.$inferSelect & { inviterName: string | null };

const toInvitation = (row: Row): Invitation => ({
  id: row.id,
  organisationId: row.organisationId,
  email: row.email,
  roles: row.roles as Role[],
  invitedBy: row.invitedBy && row.inviterName !== null ? { id: row.invitedBy, name: row.inviterName } : null,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  acceptedAt: row.acceptedAt,
  revokedAt: row.revokedAt,
});

export function invitationRepository(db: Orm) {
  const select = () =>
    db
      .select({
        id: invitations.id,
        organisationId: invitations.organisationId,
        email: invitations.email,
        roles: invitations.roles,
        tokenHash: invitations.tokenHash,
        invitedBy: invitations.invitedBy,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        acceptedBy: invitations.acceptedBy,
        revokedAt: invitations.revokedAt,
        inviterName: users.name,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy));
  const open = (id: string) =>
    and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
  return {
    async insert(inv: {
      organisationId: string;
      email: string;
      roles: Role[];
      tokenHash: string;
      invitedBy: string;
      expiresAt: Date;
    }) {
      const [row] = await db.insert(invitations).values(inv).returning({ id: invitations.id });
      if (!row) throw new Error('insert returned no row');
      const [full] = await select().where(eq(invitations.id, row.id));
      if (!full) throw new Error('inserted invitation not found');
      return toInvitation(full);
    },
    async findById(id: string) {
      const [row] = await select().where(eq(invitations.id, id));
      return row && toInvitation(row);
    },
    async findByTokenHash(tokenHash: string) {
      const [row] = await select().where(eq(invitations.tokenHash, tokenHash));
      return row && toInvitation(row);
    },
    async listForOrganisation(organisationId: string) {
      const rows = await select()
        .where(eq(invitations.organisationId, organisationId))
        .orderBy(desc(invitations.createdAt));
      return rows.map(toInvitation);
    },
    async markAccepted(id: string, userId: string, at: Date) {
      const rows = await db
        .update(invitations)
        .set({ acceptedAt: at, acceptedBy: userId })
        .where(open(id))
        .returning({ id: invitations.id });
      return rows.length === 1;
    },
    async markRevoked(id: string, at: Date) {
      const rows = await db
        .update(invitations)
        .set({ revokedAt: at })
        .where(open(id))
        .returning({ id: invitations.id });
      return rows.length === 1;
    },
    async revokeOpenFor(organisationId: string, email: string, at: Date) {
      await db
        .update(invitations)
        .set({ revokedAt: at })
        .where(
          and(
            eq(invitations.organisationId, organisationId),
            eq(invitations.email, email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        );
    },
  };
}
