-- PE-1 … PE-6: what officers keep of a person, single-use invitations (only the SHA-256 of a
-- code, like tokens), deactivation, and the audit of every change to people.
-- Same tables and meaning as migrations/sqlite/20261201000500-people.sql.
-- An invited person has password_hash '' until they accept their invitation.
ALTER TABLE users ADD COLUMN institution_id TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN deactivated_at TIMESTAMPTZ;

CREATE TABLE invitations (
  code_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX invitations_user ON invitations (user_id);
-- Deactivation and password reset revoke every token of one person.
CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

-- Append-only: who (actor_id), when (at), what (action, and changes field by field).
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  changes JSONB NOT NULL
);
