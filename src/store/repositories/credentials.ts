import { sql } from 'drizzle-orm';
import type {
  CredentialRecord,
  CredentialRoute,
  NewCredential,
  StatusListRecord,
} from '../../domain/credentials.js';
import type { Orm } from '../db.js';
import { rows, toDate } from './sql.js';

type Stamp = Date | string;
type Json = Record<string, unknown>;

interface CredentialRow extends Record<string, unknown> {
  id: string;
  award_key: string;
  organisation_id: string;
  organisation_name: string;
  achievement_id: string;
  version_id: string;
  title: string;
  recipient_email: string;
  recipient_user_id: string | null;
  recipient_name: string | null;
  route: CredentialRoute;
  status_list_id: string;
  status_index: number;
  document: Json;
  jwt_eddsa: string;
  jwt_es256: string;
  awarded_at: Stamp;
  valid_from: Stamp;
  valid_until: Stamp | null;
  issued_at: Stamp;
  renewal_of: string | null;
  revoked_at: Stamp | null;
  revocation_reason: string | null;
  suspended_at: Stamp | null;
  suspension_reason: string | null;
  public: boolean;
}

const maybeDate = (v: Stamp | null) => (v === null ? null : toDate(v));

const toCredential = (r: CredentialRow): CredentialRecord => ({
  id: r.id,
  awardKey: r.award_key,
  organisation: { id: r.organisation_id, name: r.organisation_name },
  achievementId: r.achievement_id,
  versionId: r.version_id,
  title: r.title,
  recipientEmail: r.recipient_email,
  recipientUserId: r.recipient_user_id,
  recipientName: r.recipient_name,
  route: r.route,
  statusListId: r.status_list_id,
  statusIndex: r.status_index,
  document: r.document,
  jwtEdDsa: r.jwt_eddsa,
  jwtEs256: r.jwt_es256,
  awardedAt: toDate(r.awarded_at),
  validFrom: toDate(r.valid_from),
  validUntil: maybeDate(r.valid_until),
  issuedAt: toDate(r.issued_at),
  renewalOf: r.renewal_of,
  revokedAt: maybeDate(r.revoked_at),
  revocationReason: r.revocation_reason,
  suspendedAt: maybeDate(r.suspended_at),
  suspensionReason: r.suspension_reason,
  public: r.public,
});

const SELECT = sql`SELECT c.*, o.name AS organisation_name, v.title
  FROM credentials c
  JOIN organisations o ON o.id = c.organisation_id
  JOIN achievement_versions v ON v.id = c.version_id`;

interface ListRow extends Record<string, unknown> {
  id: string;
  organisation_id: string;
  issuer_key_id: string;
  size: number;
  revocation_credential: Json | null;
  suspension_credential: Json | null;
  published_at: Stamp | null;
}

const toList = (r: ListRow): StatusListRecord => ({
  id: r.id,
  organisationId: r.organisation_id,
  issuerKeyId: r.issuer_key_id,
  size: r.size,
  revocationCredential: r.revocation_credential,
  suspensionCredential: r.suspension_credential,
  publishedAt: maybeDate(r.published_at),
});

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function credentialRepository(db: Orm) {
  return {
    async findRecipient(email: string) {
      const [r] = await rows<{ id: string; name: string; did: string | null }>(
        db,
        sql`SELECT id, name, did FROM users WHERE email = ${email}`,
      );
      return r && { userId: r.id, name: r.name, did: r.did };
    },

    async findById(id: string) {
      const [r] = await rows<CredentialRow>(db, sql`${SELECT} WHERE c.id = ${id}`);
      return r && toCredential(r);
    },

    async findByAwardKey(awardKey: string) {
      const [r] = await rows<CredentialRow>(db, sql`${SELECT} WHERE c.award_key = ${awardKey}`);
      return r && toCredential(r);
    },

    async listForRecipient(recipient: { email: string; userId: string }) {
      const found = await rows<CredentialRow>(
        db,
        sql`${SELECT} WHERE c.recipient_email = ${recipient.email} OR c.recipient_user_id = ${recipient.userId}
            ORDER BY c.issued_at DESC, c.id`,
      );
      return found.map(toCredential);
    },

    async listForOrganisation(organisationId: string, page: { limit: number; offset: number }) {
      const found = await rows<CredentialRow & { total: number }>(
        db,
        sql`SELECT c.*, o.name AS organisation_name, v.title, (count(*) OVER ())::int AS total
            FROM credentials c
            JOIN organisations o ON o.id = c.organisation_id
            JOIN achievement_versions v ON v.id = c.version_id
            WHERE c.organisation_id = ${organisationId}
            ORDER BY c.issued_at DESC, c.id
            LIMIT ${page.limit} OFFSET ${page.offset}`,
      );
      let total = found[0]?.total ?? 0;
      if (found.length === 0 && page.offset > 0) {
        const [c] = await rows<{ n: number }>(
          db,
          sql`SELECT count(*)::int AS n FROM credentials WHERE organisation_id = ${organisationId}`,
        );
        total = c?.n ?? 0;
      }
      return { items: found.map(toCredential), total };
    },

    async insert(c: NewCredential) {
      const inserted = await rows<{ id: string }>(
        db,
        sql`INSERT INTO credentials (id, award_key, organisation_id, achievement_id, version_id, recipient_email,
              recipient_user_id, recipient_name, route, status_list_id, status_index, document, jwt_eddsa, jwt_es256,
              signing_key_id, awarded_at, valid_from, valid_until, issued_at, issued_by, renewal_of)
            VALUES (${c.id}, ${c.awardKey}, ${c.organisationId}, ${c.achievementId}, ${c.versionId}, ${c.recipientEmail},
              ${c.recipientUserId}, ${c.recipientName}, ${c.route}, ${c.statusListId}, ${c.statusIndex},
              ${JSON.stringify(c.document)}::jsonb, ${c.jwtEdDsa}, ${c.jwtEs256}, ${c.signingKeyId},
              ${c.awardedAt.toISOString()}, ${c.validFrom.toISOString()}, ${iso(c.validUntil)},
              ${c.issuedAt.toISOString()}, ${c.issuedBy}, ${c.renewalOf})
            ON CONFLICT (award_key) DO NOTHING
            RETURNING id`,
      );
      return inserted.length === 1;
    },

    async setPublic(id: string, value: boolean) {
      await db.execute(sql`UPDATE credentials SET public = ${value} WHERE id = ${id}`);
    },

    async setStatus(
      id: string,
      s: {
        revokedAt: Date | null;
        revocationReason: string | null;
        suspendedAt: Date | null;
        suspensionReason: string | null;
      },
    ) {
      await db.execute(
        sql`UPDATE credentials SET revoked_at = ${iso(s.revokedAt)}, revocation_reason = ${s.revocationReason},
              suspended_at = ${iso(s.suspendedAt)}, suspension_reason = ${s.suspensionReason}
            WHERE id = ${id}`,
      );
    },

    async appendStatusChange(
      credentialId: string,
      change: {
        action: 'revoke' | 'suspend' | 'reinstate';
        reason: string;
        actorUserId: string | null;
        at: Date;
      },
    ) {
      await db.execute(
        sql`INSERT INTO credential_status_changes (credential_id, action, reason, actor_user_id, occurred_at)
            VALUES (${credentialId}, ${change.action}, ${change.reason}, ${change.actorUserId}, ${change.at.toISOString()})`,
      );
    },

    async statusChanges(credentialId: string) {
      const found = await rows<{
        action: 'revoke' | 'suspend' | 'reinstate';
        reason: string;
        actor_id: string | null;
        actor_name: string | null;
        occurred_at: Stamp;
      }>(
        db,
        sql`SELECT s.action, s.reason, u.id AS actor_id, u.name AS actor_name, s.occurred_at
            FROM credential_status_changes s LEFT JOIN users u ON u.id = s.actor_user_id
            WHERE s.credential_id = ${credentialId} ORDER BY s.id`,
      );
      return found.map((r) => ({
        action: r.action,
        reason: r.reason,
        actor: r.actor_id !== null && r.actor_name !== null ? { id: r.actor_id, name: r.actor_name } : null,
        at: toDate(r.occurred_at),
      }));
    },

    async openStatusList(issuerKeyId: string, maxUsed: number) {
      const [r] = await rows<ListRow>(
        db,
        sql`SELECT l.* FROM status_lists l
            WHERE l.issuer_key_id = ${issuerKeyId}
              AND (SELECT count(*) FROM status_list_entries e WHERE e.status_list_id = l.id) < ${maxUsed}
            ORDER BY l.created_at DESC, l.id LIMIT 1`,
      );
      return r && toList(r);
    },

    async createStatusList(organisationId: string, issuerKeyId: string, size: number) {
      const [r] = await rows<ListRow>(
        db,
        sql`INSERT INTO status_lists (organisation_id, issuer_key_id, size)
            VALUES (${organisationId}, ${issuerKeyId}, ${size}) RETURNING *`,
      );
      if (!r) throw new Error('status list not created');
      return toList(r);
    },

    async findStatusList(id: string) {
      const [r] = await rows<ListRow>(db, sql`SELECT * FROM status_lists WHERE id = ${id}`);
      return r && toList(r);
    },

    async lockStatusList(id: string) {
      const [r] = await rows<ListRow>(db, sql`SELECT * FROM status_lists WHERE id = ${id} FOR UPDATE`);
      return r && toList(r);
    },

    async claimStatusIndex(statusListId: string, index: number) {
      const inserted = await rows<{ entry_index: number }>(
        db,
        sql`INSERT INTO status_list_entries (status_list_id, entry_index) VALUES (${statusListId}, ${index})
            ON CONFLICT DO NOTHING RETURNING entry_index`,
      );
      return inserted.length === 1;
    },

    async releaseStatusIndex(statusListId: string, index: number) {
      await db.execute(
        sql`DELETE FROM status_list_entries e WHERE e.status_list_id = ${statusListId} AND e.entry_index = ${index}
              AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.status_list_id = e.status_list_id
                                AND c.status_index = e.entry_index)`,
      );
    },

    async flaggedIndexes(statusListId: string) {
      const found = await rows<{ status_index: number; revoked: boolean; suspended: boolean }>(
        db,
        sql`SELECT status_index, revoked_at IS NOT NULL AS revoked, suspended_at IS NOT NULL AS suspended
            FROM credentials
            WHERE status_list_id = ${statusListId} AND (revoked_at IS NOT NULL OR suspended_at IS NOT NULL)`,
      );
      return {
        revoked: found.filter((r) => r.revoked).map((r) => r.status_index),
        suspended: found.filter((r) => r.suspended && !r.revoked).map((r) => r.status_index),
      };
    },

    async savePublishedLists(statusListId: string, lists: { revocation: Json; suspension: Json }, at: Date) {
      await db.execute(
        sql`UPDATE status_lists SET revocation_credential = ${JSON.stringify(lists.revocation)}::jsonb,
              suspension_credential = ${JSON.stringify(lists.suspension)}::jsonb, published_at = ${at.toISOString()}
            WHERE id = ${statusListId}`,
      );
    },

    async endorsementsToEmbed(versionId: string) {
      const found = await rows<{
        id: string;
        organisation_id: string;
        organisation_name: string;
        statement: string;
        created_at: Stamp;
        credential: Json | null;
      }>(
        db,
        sql`SELECT e.id, e.endorser_organisation_id AS organisation_id, o.name AS organisation_name, e.statement,
              e.created_at, e.credential
            FROM endorsements e JOIN organisations o ON o.id = e.endorser_organisation_id
            WHERE e.version_id = ${versionId} AND e.withdrawn_at IS NULL
            ORDER BY e.created_at, e.id`,
      );
      return found.map((r) => ({
        id: r.id,
        organisation: { id: r.organisation_id, name: r.organisation_name },
        statement: r.statement,
        at: toDate(r.created_at),
        credential: r.credential,
      }));
    },

    async findEndorsementCredential(endorsementId: string) {
      const [r] = await rows<{ credential: Json | null }>(
        db,
        sql`SELECT credential FROM endorsements WHERE id = ${endorsementId} AND withdrawn_at IS NULL`,
      );
      return r?.credential ?? undefined;
    },

    async saveEndorsementCredential(endorsementId: string, credential: Json) {
      await db.execute(
        sql`UPDATE endorsements SET credential = ${JSON.stringify(credential)}::jsonb
            WHERE id = ${endorsementId} AND credential IS NULL`,
      );
    },
  };
}
