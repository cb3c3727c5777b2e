import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ApiKey, ApiKeyScope } from '../../domain/api-keys.js';
import type { Orm } from '../db.js';
import { apiKeys, users } from '../schema.js';

export function apiKeyRepository(db: Orm) {
  const select = () =>
    db
      .select({ k: apiKeys, creatorName: users.name })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdBy));
  const toApiKey = ({
    k,
    creatorName,
  }: {
    k: typeof apiKeys.$inferSelect;
    creatorName: string | null;
  }): ApiKey => ({
    id: k.id,
    organisationId: k.organisationId,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes as ApiKeyScope[],
    createdBy: k.createdBy && creatorName !== null ? { id: k.createdBy, name: creatorName } : null,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  });
  return {
    async insert(key: {
      organisationId: string;
      name: string;
      prefix: string;
      tokenHash: string;
      scopes: ApiKeyScope[];
      createdBy: string;
    }) {
      const [row] = await db.insert(apiKeys).values(key).returning({ id: apiKeys.id });
      const [full] = row ? await select().where(eq(apiKeys.id, row.id)) : [];
      if (!full) throw new Error('inserted API key not found');
      return toApiKey(full);
    },
    async findByTokenHash(tokenHash: string) {
      const [row] = await select().where(eq(apiKeys.tokenHash, tokenHash));
      return row && toApiKey(row);
    },
    async findById(id: string) {
      const [row] = await select().where(eq(apiKeys.id, id));
      return row && toApiKey(row);
    },
    async listForOrganisation(organisationId: string) {
      const rows = await select()
        .where(eq(apiKeys.organisationId, organisationId))
        .orderBy(asc(apiKeys.createdAt));
      return rows.map(toApiKey);
    },
    async revoke(id: string, at: Date) {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length === 1;
    },
    async touch(id: string, at: Date) {
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
    },
  };
}
