import { sql, type SQL } from 'drizzle-orm';
import {
  auditEntryHash,
  GENESIS_HASH,
  type AuditEntry,
  type AuditEntryBody,
  type AuditKind,
} from '../../domain/audit-chain.js';
import type { Orm } from '../db.js';
import { rows, toDate } from './sql.js';

/**
 * The transaction-scoped advisory lock every append takes, so appends from several processes (or
 * concurrent requests in one) read the last entry and chain after it one at a time. Distinct from
 * the migration lock (727_011_001).
 */
const AUDIT_APPEND_LOCK = 727_011_002;

interface AuditRow extends Record<string, unknown> {
  seq: string | number | bigint;
  occurred_at: Date | string;
  kind: string;
  actor_id: string | null;
  actor_label: string | null;
  organisation_id: string | null;
  subject_type: string;
  subject_id: string;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  occurredAt: toDate(r.occurred_at),
  kind: r.kind as AuditKind,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  organisationId: r.organisation_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const COLUMNS = sql`seq, occurred_at, kind, actor_id, actor_label, organisation_id, subject_type, subject_id,
  detail, prev_hash, hash`;

/** `organisation_id IN (…)`, or nothing when every organisation is wanted. */
function inOrganisations(ids: readonly string[] | null | undefined): SQL | undefined {
  if (ids === null || ids === undefined) return undefined;
  if (ids.length === 0) return sql`false`;
  return sql`organisation_id IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

const where = (conditions: (SQL | undefined)[]): SQL => {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length === 0 ? sql`` : sql`WHERE ${sql.join(present, sql` AND `)}`;
};

/**
 * What is hashed must be exactly what reading the row back gives: detail goes through JSON once
 * (Dates become strings, undefined members vanish) and ids are compared as PostgreSQL prints them.
 */
function normalise(entry: Omit<AuditEntryBody, 'seq'>): Omit<AuditEntryBody, 'seq'> {
  return {
    ...entry,
    occurredAt: new Date(entry.occurredAt.getTime()),
    organisationId: entry.organisationId === null ? null : entry.organisationId.toLowerCase(),
    detail: JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>,
  };
}

export function auditLogRepository(db: Orm) {
  return {
    /** Must run inside a transaction: the advisory lock is held until it commits or rolls back. */
    async append(entry: Omit<AuditEntryBody, 'seq'>): Promise<AuditEntry> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`);
      const [last] = await rows<{ seq: string | number | bigint; hash: string }>(
        db,
        sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
      );
      const body: AuditEntryBody = { ...normalise(entry), seq: last ? Number(last.seq) + 1 : 1 };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = auditEntryHash(prevHash, body);
      await db.execute(
        sql`INSERT INTO audit_log (seq, occurred_at, kind, actor_id, actor_label, organisation_id, subject_type,
              subject_id, detail, prev_hash, hash)
            VALUES (${body.seq}, ${body.occurredAt.toISOString()}, ${body.kind}, ${body.actorId}, ${body.actorLabel},
              ${body.organisationId}, ${body.subjectType}, ${body.subjectId}, ${JSON.stringify(body.detail)}::jsonb,
              ${prevHash}, ${hash})`,
      );
      return { ...body, prevHash, hash };
    },

    /** Newest first. `organisationIds: null` means every entry. */
    async list(query: {
      organisationIds: readonly string[] | null;
      subject?: { type: string; id: string };
      beforeSeq?: number;
      limit: number;
    }): Promise<AuditEntry[]> {
      const found = await rows<AuditRow>(
        db,
        sql`SELECT ${COLUMNS} FROM audit_log
            ${where([
              inOrganisations(query.organisationIds),
              query.subject && sql`subject_type = ${query.subject.type} AND subject_id = ${query.subject.id}`,
              query.beforeSeq === undefined ? undefined : sql`seq < ${query.beforeSeq}`,
            ])}
            ORDER BY seq DESC LIMIT ${query.limit}`,
      );
      return found.map(toEntry);
    },

    /** Oldest first from `afterSeq`, for verifying and exporting the chain in batches. */
    async range(
      afterSeq: number,
      limit: number,
      organisationIds?: readonly string[] | null,
    ): Promise<AuditEntry[]> {
      const found = await rows<AuditRow>(
        db,
        sql`SELECT ${COLUMNS} FROM audit_log
            ${where([sql`seq > ${afterSeq}`, inOrganisations(organisationIds)])}
            ORDER BY seq LIMIT ${limit}`,
      );
      return found.map(toEntry);
    },

    async count(): Promise<number> {
      const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log`);
      return r?.n ?? 0;
    },
  };
}
