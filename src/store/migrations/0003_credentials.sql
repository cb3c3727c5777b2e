-- Open Badges 3.0 credentials: issuer keys, issued credentials, Bitstring status lists.
-- Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18): keep to what both understand.

-- Signing keys of issuing organisations. The private half is sealed (AES-256-GCM under the
-- master key, bound to the key's id) and never leaves the server; retired keys stay so that
-- credentials they signed still verify.
CREATE TABLE issuer_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  algorithm text NOT NULL CHECK (algorithm IN ('Ed25519', 'P-256')),
  -- Multikey encoding of the public key (z6Mk… for Ed25519, zDn… for P-256).
  public_key_multibase text NOT NULL UNIQUE,
  sealed_secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys (organisation_id, algorithm)
  WHERE retired_at IS NULL;

-- A status list pair: one index space published twice, for revocation and for suspension.
CREATE TABLE status_lists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  size integer NOT NULL CHECK (size >= 131072),
  -- The key whose DID issues the list: verifiers expect a list from the credential's own issuer,
  -- and under did:key each key is its own DID, so a list stays with the key its credentials name.
  issuer_key_id uuid NOT NULL REFERENCES issuer_keys (id) ON DELETE RESTRICT,
  -- The signed BitstringStatusListCredentials as last published.
  revocation_credential jsonb,
  suspension_credential jsonb,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_lists_issuer_key ON status_lists (issuer_key_id, created_at);

-- Every index ever handed out, so no two credentials share one, even across processes.
CREATE TABLE status_list_entries (
  status_list_id uuid NOT NULL REFERENCES status_lists (id) ON DELETE CASCADE,
  entry_index integer NOT NULL CHECK (entry_index >= 0),
  PRIMARY KEY (status_list_id, entry_index)
);

CREATE TABLE credentials (
  id uuid PRIMARY KEY,
  -- What makes an award one award: the same key never yields a second credential.
  award_key text NOT NULL UNIQUE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  achievement_id uuid NOT NULL REFERENCES achievements (id) ON DELETE RESTRICT,
  version_id uuid NOT NULL REFERENCES achievement_versions (id) ON DELETE RESTRICT,
  recipient_email text NOT NULL CHECK (recipient_email = lower(recipient_email)),
  recipient_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  recipient_name text,
  route text NOT NULL CHECK (route IN ('assessed', 'rpl', 'direct')),
  status_list_id uuid NOT NULL,
  status_index integer NOT NULL,
  -- The signed forms, made once at issue: Data Integrity JSON and two VC-JWTs.
  document jsonb NOT NULL,
  jwt_eddsa text NOT NULL,
  jwt_es256 text NOT NULL,
  signing_key_id uuid NOT NULL REFERENCES issuer_keys (id) ON DELETE RESTRICT,
  awarded_at timestamptz NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz,
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid REFERENCES users (id) ON DELETE SET NULL,
  renewal_of uuid REFERENCES credentials (id) ON DELETE SET NULL,
  revoked_at timestamptz,
  revocation_reason text,
  suspended_at timestamptz,
  suspension_reason text,
  public boolean NOT NULL DEFAULT true,
  FOREIGN KEY (status_list_id, status_index) REFERENCES status_list_entries (status_list_id, entry_index),
  UNIQUE (status_list_id, status_index)
);
CREATE INDEX credentials_recipient_email ON credentials (recipient_email, issued_at DESC);
CREATE INDEX credentials_recipient_user ON credentials (recipient_user_id, issued_at DESC);
CREATE INDEX credentials_organisation ON credentials (organisation_id, issued_at DESC);
CREATE INDEX credentials_status_list ON credentials (status_list_id) WHERE revoked_at IS NOT NULL OR suspended_at IS NOT NULL;

-- Every revocation, suspension and reinstatement, with who and why.
CREATE TABLE credential_status_changes (
  id bigserial PRIMARY KEY,
  credential_id uuid NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('revoke', 'suspend', 'reinstate')),
  reason text NOT NULL,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credential_status_changes_credential ON credential_status_changes (credential_id, id);

-- The signed EndorsementCredential of an endorsement, made when the endorsement is given.
ALTER TABLE endorsements ADD COLUMN credential jsonb;

-- A learner may name a DID they control; credentials then name it as the subject.
ALTER TABLE users ADD COLUMN did text;
