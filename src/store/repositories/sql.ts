import type { SQL } from 'drizzle-orm';
import type { Orm } from '../db.js';

/** Rows of a raw query, on node-postgres and PGlite alike. */
export async function rows<T>(db: Orm, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Timestamps arrive as Date from table columns but as text from JSON built in SQL. */
export const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
