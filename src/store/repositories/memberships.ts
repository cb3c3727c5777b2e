import { and, asc, eq, sql } from 'drizzle-orm';
import { ROLES, type Role } from '../../domain/identity.js';
import type { Orm } from '../db.js';
import { memberships, users } from '../schema.js';

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  roles: memberships.roles,
  joinedAt: memberships.joinedAt,
};

/** Stored merges are sorted by name (see `grant`); callers get the canonical order of ROLES. */
const inRoleOrder = (roles: string[]) =>
  [...(roles as Role[])].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

const toMember = (r: { id: string; email: string; name: string; roles: string[]; joinedAt: Date }) => ({
  user: { id: r.id, email: r.email, name: r.name },
  roles: inRoleOrder(r.roles),
  joinedAt: r.joinedAt,
});

export function membershipRepository(db: Orm) {
  const select = () =>
    db.select(memberColumns).from(memberships).innerJoin(users, eq(users.id, memberships.userId));
  return {
    async rolesOf(userId: string) {
      const rows = await db
        .select({ organisationId: memberships.organisationId, roles: memberships.roles })
        .from(memberships)
        .where(eq(memberships.userId, userId));
      return new Map(rows.map((r) => [r.organisationId, inRoleOrder(r.roles)]));
    },
    async find(organisationId: string, userId: string) {
      const [row] = await select().where(
        and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)),
      );
      return row && toMember(row);
    },
    async findByEmail(organisationId: string, email: string) {
      const [row] = await select().where(
        and(eq(memberships.organisationId, organisationId), eq(users.email, email)),
      );
      return row && toMember(row);
    },
    async listForOrganisation(organisationId: string) {
      const rows = await select()
        .where(eq(memberships.organisationId, organisationId))
        .orderBy(asc(users.name));
      return rows.map(toMember);
    },
    async grant(organisationId: string, userId: string, roles: Role[]) {
      await db
        .insert(memberships)
        .values({ organisationId, userId, roles })
        .onConflictDoUpdate({
          target: [memberships.organisationId, memberships.userId],
          // Merge without duplicates; the application re-sorts roles on read.
          set: {
            roles: sql`ARRAY(SELECT DISTINCT unnest(${memberships.roles} || excluded.roles) ORDER BY 1)`,
          },
        });
    },
    async setRoles(organisationId: string, userId: string, roles: Role[]) {
      await db
        .update(memberships)
        .set({ roles })
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
    },
    async remove(organisationId: string, userId: string) {
      await db
        .delete(memberships)
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
    },
    async countAdminsForUpdate(organisationId: string) {
      const rows = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(eq(memberships.organisationId, organisationId), sql`'org_admin' = ANY(${memberships.roles})`),
        )
        .for('update');
      return rows.length;
    },
  };
}
