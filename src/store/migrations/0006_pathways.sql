-- Stacks and pathways: role profiles, versioned pathways with a requirement tree, each learner's
-- progress (kept up to date incrementally), targets and self-assessment.
-- Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18): keep to what both understand.

CREATE TABLE role_profiles (
  id uuid PRIMARY KEY,
  -- A stable handle for imports and demo data (e.g. "role-adt").
  key text NOT NULL UNIQUE,
  owner_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  title text NOT NULL,
  summary text NOT NULL,
  career_level text NOT NULL,
  career_rank integer NOT NULL,
  -- [{ frameworkId, code, level, importance }]
  requirements jsonb NOT NULL,
  next_role_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);

-- The stacked credential is issued like any credential: its achievement is unlisted, so the
-- micro-credential catalogue never shows it as one more micro-credential.
ALTER TABLE achievement_versions ADD COLUMN listed boolean NOT NULL DEFAULT true;

CREATE TABLE pathways (
  id uuid PRIMARY KEY,
  key text UNIQUE,
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  -- The achievement the stacked credential awards (made when a version is first published).
  stack_achievement_id uuid REFERENCES achievements (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL
);

CREATE TABLE pathway_versions (
  id uuid PRIMARY KEY,
  pathway_id uuid NOT NULL REFERENCES pathways (id) ON DELETE CASCADE,
  version text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded', 'retired')),
  title text NOT NULL,
  summary text NOT NULL,
  audience text NOT NULL DEFAULT '',
  target_role_id uuid REFERENCES role_profiles (id) ON DELETE SET NULL,
  -- { requirements, sequence, prerequisites } (domain/pathways.ts PathwayDefinition)
  definition jsonb NOT NULL,
  -- Every micro-credential that can count towards it: a credential event finds its pathways here.
  component_ids uuid[] NOT NULL DEFAULT '{}',
  stack_title text NOT NULL,
  stack_description text NOT NULL DEFAULT '',
  revocation_policy text NOT NULL CHECK (revocation_policy IN ('suspend', 'keep')),
  -- The stacked credential's achievement version for this pathway version, once published.
  stack_version_id uuid REFERENCES achievement_versions (id) ON DELETE RESTRICT,
  change_note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_at timestamptz,
  UNIQUE (pathway_id, version)
);
CREATE UNIQUE INDEX pathway_versions_one_published ON pathway_versions (pathway_id) WHERE status = 'published';
CREATE UNIQUE INDEX pathway_versions_one_draft ON pathway_versions (pathway_id) WHERE status = 'draft';
CREATE INDEX pathway_versions_components ON pathway_versions USING gin (component_ids);

-- Each learner's standing on each published pathway version, refreshed when one of their
-- credentials is issued, revoked, suspended, reinstated or expires (never by recomputing all).
CREATE TABLE pathway_progress (
  learner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  pathway_version_id uuid NOT NULL REFERENCES pathway_versions (id) ON DELETE CASCADE,
  percent_complete integer NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
  met boolean NOT NULL,
  -- The credentials that count towards it, as a JSON array of ids.
  credential_ids jsonb NOT NULL DEFAULT '[]',
  stack_credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (learner_user_id, pathway_version_id)
);
CREATE INDEX pathway_progress_version ON pathway_progress (pathway_version_id, percent_complete);

-- What a learner aims for, and what they say they can already do (shown as self-assessed).
CREATE TABLE learner_targets (
  learner_user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  role_id uuid REFERENCES role_profiles (id) ON DELETE SET NULL,
  pathway_id uuid REFERENCES pathways (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE self_assessments (
  learner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  framework_id uuid NOT NULL,
  code text NOT NULL,
  level integer NOT NULL CHECK (level >= 1),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (learner_user_id, framework_id, code)
);
