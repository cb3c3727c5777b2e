import { sql } from 'drizzle-orm';
import type { IssuerKeyAlgorithm } from '../../domain/credentials.js';
import type { Orm } from '../db.js';
import { rows, toDate } from './sql.js';

interface Row extends Record<string, unknown> {
  id: string;
  organisation_id: string;
  algorithm: IssuerKeyAlgorithm;
  public_key_multibase: string;
  sealed_secret: string;
  created_at: Date | string;
  retired_at: Date | string | null;
}

const toKey = (r: Row) => ({
  id: r.id,
  organisationId: r.organisation_id,
  algorithm: r.algorithm,
  publicKeyMultibase: r.public_key_multibase,
  sealedSecret: r.sealed_secret,
  createdAt: toDate(r.created_at),
  retiredAt: r.retired_at === null ? null : toDate(r.retired_at),
});

export function issuerKeyRepository(db: Orm) {
  return {
    async listForOrganisation(organisationId: string) {
      const found = await rows<Row>(
        db,
        sql`SELECT * FROM issuer_keys WHERE organisation_id = ${organisationId} ORDER BY created_at, id`,
      );
      return found.map(toKey);
    },

    async active(organisationId: string, algorithm: IssuerKeyAlgorithm) {
      const [r] = await rows<Row>(
        db,
        sql`SELECT * FROM issuer_keys
            WHERE organisation_id = ${organisationId} AND algorithm = ${algorithm} AND retired_at IS NULL`,
      );
      return r && toKey(r);
    },

    async insertActive(key: {
      id: string;
      organisationId: string;
      algorithm: IssuerKeyAlgorithm;
      publicKeyMultibase: string;
      sealedSecret: string;
    }) {
      // No conflict target: DO NOTHING then covers the partial unique index of active keys, so a
      // key another process made first wins and this one is not written.
      const inserted = await rows<{ id: string }>(
        db,
        sql`INSERT INTO issuer_keys (id, organisation_id, algorithm, public_key_multibase, sealed_secret)
            VALUES (${key.id}, ${key.organisationId}, ${key.algorithm}, ${key.publicKeyMultibase}, ${key.sealedSecret})
            ON CONFLICT DO NOTHING RETURNING id`,
      );
      return inserted.length === 1;
    },

    async retireActive(organisationId: string, algorithm: IssuerKeyAlgorithm, at: Date) {
      await db.execute(
        sql`UPDATE issuer_keys SET retired_at = ${at.toISOString()}
            WHERE organisation_id = ${organisationId} AND algorithm = ${algorithm} AND retired_at IS NULL`,
      );
    },

    async findByPublicKey(publicKeyMultibase: string) {
      const [r] = await rows<Row>(
        db,
        sql`SELECT * FROM issuer_keys WHERE public_key_multibase = ${publicKeyMultibase}`,
      );
      return r && toKey(r);
    },

    async findById(id: string) {
      const [r] = await rows<Row>(db, sql`SELECT * FROM issuer_keys WHERE id = ${id}`);
      return r && toKey(r);
    },
  };
}
