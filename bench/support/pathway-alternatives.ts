/**
 * The layout pathway progress had before migration 0009, measured against the repository's on the
 * same rows by bench/pathways.ts, so the figures keep saying what the change bought:
 *
 *  - before: one row per learner and pathway (pathway_progress), with its foreign keys to the
 *    learner, the pathway version and the stacked credential and its second index, written by an
 *    upsert whose rows travel as one JSON parameter;
 *  - now: one document per learner keyed by pathway version (learner_pathway_progress).
 *
 * The table is the benchmark's own (`bench_progress_rows`), made in the benchmark's database.
 */
import type { Database } from '../../src/store/db.js';

export interface ProgressRow {
  learnerId: string;
  pathwayVersionId: string;
  percentComplete: number;
  met: boolean;
  credentialIds: string[];
  updatedAt: Date;
}

/** The row-per-pathway table as migration 0006 made it. */
export async function createRowLayout(db: Database): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_progress_rows (
    learner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    pathway_version_id uuid NOT NULL REFERENCES pathway_versions (id) ON DELETE CASCADE,
    percent_complete integer NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    met boolean NOT NULL,
    credential_ids jsonb NOT NULL DEFAULT '[]',
    stack_credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (learner_user_id, pathway_version_id))`);
  await db.query(
    'CREATE INDEX IF NOT EXISTS bench_progress_rows_version ON bench_progress_rows (pathway_version_id, percent_complete)',
  );
}

export async function dropRowLayout(db: Database): Promise<void> {
  await db.query('DROP TABLE IF EXISTS bench_progress_rows');
}

/** Deletes these learners' rows, so the next upsert takes the INSERT path (a first import). */
export async function clearRows(db: Database, learnerIds: readonly string[]): Promise<void> {
  await db.query(
    `DELETE FROM bench_progress_rows WHERE learner_user_id = ANY(string_to_array($1, ',')::uuid[])`,
    [learnerIds.join(',')],
  );
}

/** The repository's upsert before migration 0009. */
export async function upsertRows(db: Database, records: readonly ProgressRow[]): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `INSERT INTO bench_progress_rows (learner_user_id, pathway_version_id, percent_complete, met,
       credential_ids, updated_at)
     SELECT t.l, t.v, t.p, t.m, t.c, t.u
       FROM json_to_recordset($1::json) AS t(l uuid, v uuid, p integer, m boolean, c jsonb, u timestamptz)
     ON CONFLICT (learner_user_id, pathway_version_id) DO UPDATE SET
       percent_complete = EXCLUDED.percent_complete, met = EXCLUDED.met,
       credential_ids = EXCLUDED.credential_ids, updated_at = EXCLUDED.updated_at`,
    [
      JSON.stringify(
        records.map((r) => ({
          l: r.learnerId,
          v: r.pathwayVersionId,
          p: r.percentComplete,
          m: r.met,
          c: r.credentialIds,
          u: r.updatedAt.toISOString(),
        })),
      ),
    ],
  );
}

/** The repository's read of a batch of learners' progress before migration 0009. */
export async function readRows(db: Database, learnerIds: readonly string[]): Promise<number> {
  const found = await db.query(
    `SELECT * FROM bench_progress_rows WHERE learner_user_id = ANY(string_to_array($1, ',')::uuid[])`,
    [learnerIds.join(',')],
  );
  return found.length;
}
