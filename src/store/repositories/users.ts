import { eq, sql } from 'drizzle-orm';
import type { User } from '../../domain/identity.js';
import type { Orm } from '../db.js';
import { users } from '../schema.js';
import { isUniqueViolation } from './errors.js';
import { rows } from './sql.js';

const toUser = (row: typeof users.$inferSelect): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  isPlatformAdmin: row.isPlatformAdmin,
  createdAt: row.createdAt,
});

export function userRepository(db: Orm) {
  return {
    async findById(id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row && toUser(row);
    },
    async findByEmail(email: string) {
      const [row] = await db.select().from(users).where(eq(users.email, email));
      return row && { ...toUser(row), passwordHash: row.passwordHash };
    },
    async insert(user: { email: string; name: string; passwordHash: string; isPlatformAdmin: boolean }) {
      try {
        const [row] = await db.insert(users).values(user).returning();
        return row && toUser(row);
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
    async updatePassword(id: string, passwordHash: string, at: Date) {
      await db.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, id));
    },
    async findDid(id: string) {
      const [r] = await rows<{ did: string | null }>(db, sql`SELECT did FROM users WHERE id = ${id}`);
      return r?.did ?? null;
    },
    async setDid(id: string, did: string | null) {
      await db.execute(sql`UPDATE users SET did = ${did} WHERE id = ${id}`);
    },
    async setPlatformAdmin(id: string, isPlatformAdmin: boolean) {
      await db.update(users).set({ isPlatformAdmin }).where(eq(users.id, id));
    },
  };
}
