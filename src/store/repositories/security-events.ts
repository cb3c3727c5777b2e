import { aliasedTable, and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { EventDetail, SecurityEvent, SecurityEventKind } from '../../domain/audit.js';
import type { Orm } from '../db.js';
import { apiKeys, organisations, securityEvents, users } from '../schema.js';

interface NewEvent {
  kind: SecurityEventKind;
  organisationId?: string | null;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  subject?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: EventDetail;
  at: Date;
}

export function securityEventRepository(db: Orm) {
  const actor = aliasedTable(users, 'actor');
  return {
    async append(e: NewEvent) {
      await db.insert(securityEvents).values({
        kind: e.kind,
        organisationId: e.organisationId ?? null,
        actorUserId: e.actorUserId ?? null,
        actorApiKeyId: e.actorApiKeyId ?? null,
        subject: e.subject ?? null,
        ip: e.ip ?? null,
        userAgent: e.userAgent?.slice(0, 512) ?? null,
        detail: e.detail ?? {},
        occurredAt: e.at,
      });
    },
    async list(query: {
      organisationId: string | null;
      before?: string;
      limit: number;
    }): Promise<SecurityEvent[]> {
      const where: SQL[] = [];
      if (query.organisationId !== null) where.push(eq(securityEvents.organisationId, query.organisationId));
      if (query.before !== undefined) where.push(lt(securityEvents.id, Number(query.before)));
      const rows = await db
        .select({
          e: securityEvents,
          orgName: organisations.name,
          actorName: actor.name,
          keyName: apiKeys.name,
        })
        .from(securityEvents)
        .leftJoin(organisations, eq(organisations.id, securityEvents.organisationId))
        .leftJoin(actor, eq(actor.id, securityEvents.actorUserId))
        .leftJoin(apiKeys, eq(apiKeys.id, securityEvents.actorApiKeyId))
        .where(and(...where))
        .orderBy(desc(securityEvents.id))
        .limit(query.limit);
      return rows.map(({ e, orgName, actorName, keyName }) => ({
        id: String(e.id),
        occurredAt: e.occurredAt,
        kind: e.kind as SecurityEventKind,
        organisation: e.organisationId && orgName !== null ? { id: e.organisationId, name: orgName } : null,
        actor: e.actorUserId && actorName !== null ? { id: e.actorUserId, name: actorName } : null,
        apiKey: e.actorApiKeyId && keyName !== null ? { id: e.actorApiKeyId, name: keyName } : null,
        subject: e.subject,
        ip: e.ip,
        detail: e.detail as EventDetail,
      }));
    },
  };
}
