-- Competency frameworks, micro-credentials (OB 3.0 Achievements) with immutable published
-- versions, co-authoring workflow, endorsements, and what catalogue search needs.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Which organisation kinds must sign off before this organisation's micro-credentials publish.
ALTER TABLE organisations
  ADD COLUMN required_sign_off_kinds text[] NOT NULL DEFAULT ARRAY['employer', 'education_provider'];

CREATE TABLE frameworks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  version text NOT NULL DEFAULT '1.0',
  language text NOT NULL DEFAULT 'en',
  case_identifier uuid NOT NULL UNIQUE,
  -- The ordered proficiency scale: [{"level": 1, "name": "Aware", "description": "…"}, …]
  scale jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE competency_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id uuid NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  position integer NOT NULL,
  UNIQUE (framework_id, code)
);

CREATE TABLE competencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id uuid NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES competency_groups (id) ON DELETE RESTRICT,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  indicators jsonb NOT NULL DEFAULT '[]'::jsonb,
  alignments jsonb NOT NULL DEFAULT '[]'::jsonb,
  position integer NOT NULL,
  case_identifier uuid NOT NULL UNIQUE
);
CREATE UNIQUE INDEX competencies_code ON competencies (framework_id, upper(code));
CREATE INDEX competencies_tags ON competencies USING gin (tags);

-- The micro-credential across its versions. Versions carry everything a person writes.
CREATE TABLE achievements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Organisations co-designing a micro-credential with its owner: their authors may edit and sign off.
CREATE TABLE achievement_collaborators (
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (achievement_id, organisation_id)
);
CREATE INDEX achievement_collaborators_organisation ON achievement_collaborators (organisation_id);

CREATE TABLE achievement_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE CASCADE,
  version text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'superseded', 'retired')),
  change_note text NOT NULL DEFAULT '',
  content jsonb NOT NULL,
  content_hash text NOT NULL,
  -- Copies of content fields that search and filters read without unpacking JSON.
  code text NOT NULL,
  title text NOT NULL,
  summary text NOT NULL,
  credits integer NOT NULL,
  nzqf_level integer NOT NULL,
  rpl_allowed boolean NOT NULL,
  achievement_type text NOT NULL,
  skill_areas text[] NOT NULL DEFAULT '{}',
  competency_ids uuid[] NOT NULL DEFAULT '{}',
  endorser_ids uuid[] NOT NULL DEFAULT '{}',
  search tsvector NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (achievement_id, version)
);
-- One version in the making and one published version per micro-credential, at most.
CREATE UNIQUE INDEX achievement_versions_one_open ON achievement_versions (achievement_id)
  WHERE status IN ('draft', 'in_review');
CREATE UNIQUE INDEX achievement_versions_one_published ON achievement_versions (achievement_id)
  WHERE status = 'published';
CREATE INDEX achievement_versions_search ON achievement_versions USING gin (search) WHERE status = 'published';
CREATE INDEX achievement_versions_title_trgm ON achievement_versions USING gin (title gin_trgm_ops)
  WHERE status = 'published';
CREATE INDEX achievement_versions_skill_areas ON achievement_versions USING gin (skill_areas)
  WHERE status = 'published';
CREATE INDEX achievement_versions_competency_ids ON achievement_versions USING gin (competency_ids)
  WHERE status = 'published';
CREATE INDEX achievement_versions_published ON achievement_versions (status, title);

CREATE TABLE achievement_version_competencies (
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE CASCADE,
  competency_id uuid NOT NULL REFERENCES competencies (id) ON DELETE RESTRICT,
  target_level integer NOT NULL CHECK (target_level >= 1),
  position integer NOT NULL,
  PRIMARY KEY (version_id, competency_id)
);
CREATE INDEX achievement_version_competencies_competency ON achievement_version_competencies (competency_id);

CREATE TABLE version_sign_offs (
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  organisation_kind text NOT NULL,
  content_hash text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, user_id, content_hash)
);

CREATE TABLE version_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX version_comments_version ON version_comments (version_id, created_at);

CREATE TABLE version_transitions (
  id bigserial PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE CASCADE,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  note text NOT NULL DEFAULT '',
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX version_transitions_version ON version_transitions (version_id, id);

CREATE TABLE endorsements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE CASCADE,
  endorser_organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  endorsed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  statement text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);
CREATE UNIQUE INDEX endorsements_one_live ON endorsements (version_id, endorser_organisation_id)
  WHERE withdrawn_at IS NULL;

-- Uploaded badge images (sanitised); versions without one use the generated badge.
CREATE TABLE badge_images (
  version_id uuid PRIMARY KEY REFERENCES achievement_versions (id) ON DELETE CASCADE,
  media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/svg+xml')),
  bytes bytea NOT NULL,
  sha256 text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
