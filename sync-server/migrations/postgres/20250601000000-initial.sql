-- Users, hashed auth tokens, login-failure counters and the replicated documents.
-- Same tables and meaning as migrations/sqlite/20250601000000-initial.sql.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('expert', 'supervisor', 'officer')),
  password_hash TEXT NOT NULL
);
-- Emails are unique and matched case-insensitively, as COLLATE NOCASE does in SQLite.
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

-- Only the SHA-256 of a token is kept, so a copy of the database cannot be used to sign in.
CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at);

CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

-- seq lives outside the document: it is the server's write order, never a client clock (SP-1).
CREATE TABLE documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  assignment_id TEXT NOT NULL,
  data JSONB NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  seq BIGINT NOT NULL UNIQUE,
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_pull ON documents (collection, seq);
CREATE INDEX documents_assignment ON documents (collection, assignment_id, seq);
-- Timesheets and the daily views look logs up by assignment and date.
CREATE INDEX documents_log_dates ON documents (assignment_id, (data ->> 'date')) WHERE collection = 'logs';

-- One row holding the last seq handed out; written only under the writer lock (storage/postgres.ts).
CREATE TABLE sync_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq BIGINT NOT NULL
);
INSERT INTO sync_sequence (id, last_seq) VALUES (1, 0);
