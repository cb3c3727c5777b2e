-- Pathways are co-authored like micro-credentials: organisations co-design them, a version goes
-- draft → in review → published, and publishing needs sign-offs on the exact content from the
-- organisation kinds the owner requires. Every move is recorded with who made it and when.
-- Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18): keep to what both understand.

CREATE TABLE pathway_collaborators (
  pathway_id uuid NOT NULL REFERENCES pathways (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (pathway_id, organisation_id)
);
CREATE INDEX pathway_collaborators_organisation ON pathway_collaborators (organisation_id);

ALTER TABLE pathway_versions DROP CONSTRAINT pathway_versions_status_check;
ALTER TABLE pathway_versions ADD CONSTRAINT pathway_versions_status_check
  CHECK (status IN ('draft', 'in_review', 'published', 'superseded', 'retired'));

-- One version in the making at a time, whether it is being drafted or reviewed.
DROP INDEX pathway_versions_one_draft;
CREATE UNIQUE INDEX pathway_versions_one_open ON pathway_versions (pathway_id)
  WHERE status IN ('draft', 'in_review');

-- Digest of what authors sign off (title, summary, tree, stacked credential…); an edit changes it,
-- so sign-offs given before no longer count. Versions written earlier get a digest of their own
-- kind: nobody signed them, and an edit replaces it with the usual one.
ALTER TABLE pathway_versions ADD COLUMN content_hash text NOT NULL DEFAULT '';
UPDATE pathway_versions
  SET content_hash = 'md5:' || md5(title || summary || audience || definition::text || stack_title
    || stack_description || revocation_policy || coalesce(target_role_id::text, ''));

CREATE TABLE pathway_sign_offs (
  version_id uuid NOT NULL REFERENCES pathway_versions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  organisation_kind text NOT NULL,
  content_hash text NOT NULL,
  signed_at timestamptz NOT NULL,
  PRIMARY KEY (version_id, user_id, organisation_id, content_hash)
);

CREATE TABLE pathway_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES pathway_versions (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX pathway_comments_version ON pathway_comments (version_id, created_at);

CREATE TABLE pathway_transitions (
  id bigserial PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES pathway_versions (id) ON DELETE CASCADE,
  -- create, submit, return_to_draft, publish, retire or supersede
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  note text NOT NULL DEFAULT '',
  occurred_at timestamptz NOT NULL
);
CREATE INDEX pathway_transitions_version ON pathway_transitions (version_id, id);

-- The history of versions written before: when each was started and, if it was, published.
INSERT INTO pathway_transitions (version_id, action, from_status, to_status, actor_user_id, note, occurred_at)
  SELECT id, 'create', NULL, 'draft', created_by, change_note, created_at FROM pathway_versions;
INSERT INTO pathway_transitions (version_id, action, from_status, to_status, actor_user_id, note, occurred_at)
  SELECT id, 'publish', 'draft', 'published', NULL, '', published_at
  FROM pathway_versions WHERE published_at IS NOT NULL;
