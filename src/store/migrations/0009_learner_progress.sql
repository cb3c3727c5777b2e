-- Pathway progress as one row per learner instead of one per learner and pathway.
--
-- A bulk import touching 100,000 learners refreshes about eight pathways each: as rows of their
-- own that was some 800,000 upserts, each paying for its tuple, two index entries and two foreign
-- key checks, and the writes were most of the refresh's time. One document per learner, keyed by
-- pathway version, is written about three times faster and read in one index probe.
-- Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18): keep to what both understand.

CREATE TABLE learner_pathway_progress (
  learner_user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  -- { "<pathway version id>": { "percent": 0–100, "met": bool, "credentialIds": [uuid…],
  --   "updatedAt": ISO time } }: every published pathway the learner has started. A refresh
  -- replaces the entries of the pathways it evaluated and leaves the others as they were.
  pathways jsonb NOT NULL DEFAULT '{}',
  -- { "<pathway version id>": "<stacked credential id>" }: kept apart so that a refresh, which
  -- never knows of a stack issued concurrently, cannot overwrite one.
  stacks jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);

INSERT INTO learner_pathway_progress (learner_user_id, pathways, stacks, updated_at)
SELECT learner_user_id,
       jsonb_object_agg(pathway_version_id::text, jsonb_build_object(
         'percent', percent_complete, 'met', met, 'credentialIds', credential_ids,
         'updatedAt', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
       COALESCE(jsonb_object_agg(pathway_version_id::text, stack_credential_id)
                  FILTER (WHERE stack_credential_id IS NOT NULL), '{}'),
       max(updated_at)
  FROM pathway_progress
 GROUP BY learner_user_id;

DROP TABLE pathway_progress;
