import { asc, eq, sql } from 'drizzle-orm';
import type { Organisation, OrganisationKind } from '../../domain/identity.js';
import type { Orm } from '../db.js';
import { memberships, organisations } from '../schema.js';
import { isUniqueViolation } from './errors.js';

const toOrganisation = (row: typeof organisations.$inferSelect): Organisation => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: row.kind as OrganisationKind,
  createdAt: row.createdAt,
});

export function organisationRepository(db: Orm) {
  return {
    async insert(org: { slug: string; name: string; kind: OrganisationKind }) {
      try {
        const [row] = await db.insert(organisations).values(org).returning();
        return row && toOrganisation(row);
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
    /** The slug itself if free, else the first free `slug-N`. */
    async freeSlug(base: string) {
      const rows = await db
        .select({ slug: organisations.slug })
        .from(organisations)
        .where(sql`${organisations.slug} = ${base} OR ${organisations.slug} LIKE ${base + '-%'}`);
      const taken = new Set(rows.map((r) => r.slug));
      let n = 1;
      while (taken.has(n === 1 ? base : `${base}-${n}`)) n++;
      return n === 1 ? base : `${base}-${n}`;
    },
    async findById(id: string) {
      const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
      return row && toOrganisation(row);
    },
    async findBySlug(slug: string) {
      const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
      return row && toOrganisation(row);
    },
    async listAll() {
      return (await db.select().from(organisations).orderBy(asc(organisations.name))).map(toOrganisation);
    },
    async listForUser(userId: string) {
      const rows = await db
        .select({ o: organisations })
        .from(organisations)
        .innerJoin(memberships, eq(memberships.organisationId, organisations.id))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(organisations.name));
      return rows.map((r) => toOrganisation(r.o));
    },
    async rename(id: string, name: string) {
      await db.update(organisations).set({ name }).where(eq(organisations.id, id));
    },
    async requiredSignOffKinds(id: string) {
      const [row] = await db
        .select({ kinds: organisations.requiredSignOffKinds })
        .from(organisations)
        .where(eq(organisations.id, id));
      return (row?.kinds ?? []) as OrganisationKind[];
    },
    async setRequiredSignOffKinds(id: string, kinds: OrganisationKind[]) {
      await db.update(organisations).set({ requiredSignOffKinds: kinds }).where(eq(organisations.id, id));
    },
  };
}
