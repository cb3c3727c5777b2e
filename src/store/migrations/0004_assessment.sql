-- Earning a badge: enrolments, submissions and their evidence, workplace attestations, industry
-- assessment, educator moderation, appeals, notifications and a hash-chained audit log.
-- Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18): keep to what both understand.

-- How a micro-credential is assessed and moderated, set by its owning organisation.
CREATE TABLE assessment_policies (
  achievement_id uuid PRIMARY KEY REFERENCES achievements (id) ON DELETE CASCADE,
  sample_rate real NOT NULL CHECK (sample_rate >= 0 AND sample_rate <= 1),
  new_assessor_first_n integer NOT NULL CHECK (new_assessor_first_n >= 0),
  moderate_all_rpl boolean NOT NULL,
  moderate_all boolean NOT NULL,
  timing text NOT NULL CHECK (timing IN ('before_issue', 'after_issue')),
  forbid_own_staff boolean NOT NULL,
  appeal_window_days integer NOT NULL CHECK (appeal_window_days >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- Industry assessors and educator moderators the owning organisation approved for one
-- micro-credential; they may belong to any organisation.
CREATE TABLE assessment_staff (
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('assessor', 'moderator')),
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_at timestamptz NOT NULL,
  PRIMARY KEY (achievement_id, user_id, role)
);
CREATE INDEX assessment_staff_user ON assessment_staff (user_id, role);

-- An assessor's declared conflicts of interest: they never assess these learners.
CREATE TABLE assessor_conflicts (
  assessor_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  learner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessor_user_id, learner_user_id)
);

CREATE TABLE enrolments (
  id uuid PRIMARY KEY,
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE RESTRICT,
  learner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('self', 'employer', 'lms')),
  enrolled_by uuid REFERENCES users (id) ON DELETE SET NULL,
  enrolled_by_api_key uuid,
  created_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  UNIQUE (achievement_id, learner_user_id)
);
CREATE INDEX enrolments_learner ON enrolments (learner_user_id, created_at);

CREATE TABLE submissions (
  id uuid PRIMARY KEY,
  enrolment_id uuid NOT NULL REFERENCES enrolments (id) ON DELETE RESTRICT,
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE RESTRICT,
  -- The version whose criteria the evidence answers; a credential awards exactly this version.
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE RESTRICT,
  learner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  route text NOT NULL CHECK (route IN ('assessed', 'rpl')),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'awaiting_moderation', 'competent',
    'not_yet_competent', 'appealed', 'withdrawn')),
  -- 1 for the first try; a resubmission after "not yet competent" starts the next attempt.
  attempt integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  submitted_at timestamptz,
  decided_at timestamptz,
  updated_at timestamptz NOT NULL,
  credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL
);
-- A learner works on one live submission per micro-credential at a time.
CREATE UNIQUE INDEX submissions_one_open ON submissions (enrolment_id)
  WHERE state IN ('draft', 'submitted', 'awaiting_moderation', 'appealed');
CREATE INDEX submissions_queue ON submissions (state, submitted_at);
CREATE INDEX submissions_learner ON submissions (learner_user_id, updated_at);
CREATE INDEX submissions_achievement ON submissions (achievement_id, state);

-- Uploaded files live in the database, outside any web root: every app process can serve them,
-- and only through the access-checked download route.
CREATE TABLE evidence_files (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  filename text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX evidence_files_submission ON evidence_files (submission_id);

-- A supervisor's confirmation of workplace evidence, answered through an emailed link.
CREATE TABLE attestations (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  criterion_id text NOT NULL,
  supervisor_email text NOT NULL,
  supervisor_name text NOT NULL,
  statement text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  state text NOT NULL CHECK (state IN ('requested', 'confirmed', 'declined')),
  response_comment text,
  requested_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  responded_at timestamptz
);
CREATE INDEX attestations_submission ON attestations (submission_id);

CREATE TABLE evidence_items (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  criterion_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('text', 'link', 'file', 'attestation')),
  body text,
  url text,
  file_id uuid REFERENCES evidence_files (id) ON DELETE CASCADE,
  attestation_id uuid REFERENCES attestations (id) ON DELETE CASCADE,
  -- Prior-learning evidence names what it is (CV, reference, work sample, qualification …).
  rpl_kind text,
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'text') = (body IS NOT NULL)),
  CHECK ((kind = 'link') = (url IS NOT NULL)),
  CHECK ((kind = 'file') = (file_id IS NOT NULL)),
  CHECK ((kind = 'attestation') = (attestation_id IS NOT NULL))
);
CREATE INDEX evidence_items_submission ON evidence_items (submission_id, created_at);

CREATE TABLE decisions (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  assessor_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  outcome text NOT NULL CHECK (outcome IN ('competent', 'not_yet_competent')),
  feedback text NOT NULL,
  rubric jsonb NOT NULL,
  decided_at timestamptz NOT NULL,
  -- One decision per attempt: of two assessors deciding at once, one wins.
  UNIQUE (submission_id, attempt)
);
CREATE INDEX decisions_assessor ON decisions (assessor_user_id, decided_at);

CREATE TABLE moderations (
  id uuid PRIMARY KEY,
  decision_id uuid NOT NULL UNIQUE REFERENCES decisions (id) ON DELETE CASCADE,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE RESTRICT,
  selection text NOT NULL CHECK (selection IN ('sample', 'new_assessor', 'rpl', 'all')),
  outcome text CHECK (outcome IN ('confirmed', 'overturned')),
  moderator_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
  reason text,
  selected_at timestamptz NOT NULL,
  moderated_at timestamptz,
  CHECK ((outcome IS NULL) = (moderated_at IS NULL))
);
CREATE INDEX moderations_pending ON moderations (achievement_id, selected_at) WHERE outcome IS NULL;
CREATE INDEX moderations_submission ON moderations (submission_id);

CREATE TABLE appeals (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  decision_id uuid NOT NULL UNIQUE REFERENCES decisions (id) ON DELETE CASCADE,
  grounds text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'upheld', 'dismissed')),
  decided_by uuid REFERENCES users (id) ON DELETE RESTRICT,
  reason text,
  lodged_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX appeals_open ON appeals (lodged_at) WHERE state = 'open';

-- In-app notifications; the email copy goes through outbox_emails.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  link text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- Append-only and hash-chained: each entry carries the hash of the one before, so an edit or a
-- deletion anywhere breaks the chain at that entry. Appends serialise on an advisory lock.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL,
  actor_id text,
  actor_label text,
  organisation_id uuid,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  detail jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, seq);
