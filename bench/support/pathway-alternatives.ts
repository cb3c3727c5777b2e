/**
 * Alternatives to two pathway-repository statements (src/store/repositories/pathways.ts), measured
 * against them by bench/pathways.ts on the same rows, so a change to the product code can be
 * judged before it is made:
 *
 *  - upsertProgress binds six parameters a row (ids, percent, met, credential ids and the time, one
 *    placeholder each inside ARRAY[…] constructors): about 3,800 rows make 23,000 parameters.
 *    The alternative sends the rows as one JSON parameter and unpacks them with json_to_recordset.
 *  - heldCredentials joins credentials on `recipient_user_id = u.id OR recipient_email = u.email`
 *    and reads `content->'competencies'` from the achievement version of every credential row.
 *    The alternatives split the OR into two index-friendly branches (UNION ALL; the email branch
 *    leaves out what the first found), and also read each version's competencies once.
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

/** The upsert of upsertProgress, the rows sent as one JSON parameter. */
export async function upsertProgressAsJson(db: Database, records: readonly ProgressRow[]): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `INSERT INTO pathway_progress (learner_user_id, pathway_version_id, percent_complete, met, credential_ids,
       updated_at)
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

const STATE = `CASE WHEN c.revoked_at IS NOT NULL THEN 'revoked'
    WHEN c.suspended_at IS NOT NULL THEN 'suspended'
    WHEN c.valid_until IS NOT NULL AND c.valid_until <= $2 THEN 'expired'
    ELSE 'active' END AS state`;

/** The credentials each of these learners holds, as heldCredentials finds them (by account or by email). */
const BRANCHES = `
  SELECT u.id AS learner_id, c.id, c.achievement_id, c.version_id, c.route, ${STATE}
    FROM users u JOIN credentials c ON c.recipient_user_id = u.id
   WHERE u.id = ANY(string_to_array($1, ',')::uuid[])
  UNION ALL
  SELECT u.id AS learner_id, c.id, c.achievement_id, c.version_id, c.route, ${STATE}
    FROM users u JOIN credentials c ON c.recipient_email = u.email
   WHERE u.id = ANY(string_to_array($1, ',')::uuid[]) AND c.recipient_user_id IS DISTINCT FROM u.id`;

/** The OR split in two; competencies still read per credential row. */
export const HELD_UNION = `SELECT h.learner_id, h.id, h.achievement_id, v.version, h.route, v.credits,
    v.content->'competencies' AS competencies, h.state
  FROM (${BRANCHES}) h JOIN achievement_versions v ON v.id = h.version_id`;

/** The OR split in two, and each version's competencies read once. */
export const HELD_UNION_ONCE = `WITH h AS MATERIALIZED (${BRANCHES}),
  vs AS MATERIALIZED (SELECT v.id, v.version, v.credits, v.content->'competencies' AS competencies
    FROM achievement_versions v WHERE v.id IN (SELECT DISTINCT version_id FROM h))
  SELECT h.learner_id, h.id, h.achievement_id, vs.version, h.route, vs.credits, vs.competencies, h.state
  FROM h JOIN vs ON vs.id = h.version_id`;

export async function heldCredentialsWith(
  db: Database,
  statement: string,
  learnerIds: readonly string[],
  now: Date,
): Promise<number> {
  const found = await db.query(statement, [learnerIds.join(','), now]);
  return found.length;
}
