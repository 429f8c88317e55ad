-- PE-1 … PE-6: what officers keep of a person, single-use invitations (only the SHA-256 of a
-- code, like tokens), deactivation, and the audit of every change to people.
-- An invited person has password_hash '' until they accept their invitation.
ALTER TABLE users ADD COLUMN institution_id TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN created_at_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN deactivated_at_ms INTEGER;
UPDATE users SET created_at_ms = CAST(strftime('%s', 'now') AS INTEGER) * 1000;

CREATE TABLE invitations (
  code_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at_ms INTEGER,
  revoked_at_ms INTEGER
);
CREATE INDEX invitations_user ON invitations (user_id);
-- Deactivation and password reset revoke every token of one person.
CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

-- Append-only: who (actor_id), when (at_ms), what (action, and changes as JSON field by field).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  changes TEXT NOT NULL
);
