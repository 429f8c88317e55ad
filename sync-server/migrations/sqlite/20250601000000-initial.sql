-- Users, hashed auth tokens, login-failure counters and the replicated documents.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('expert', 'supervisor', 'officer')),
  password_hash TEXT NOT NULL
);

-- Only the SHA-256 of a token is kept, so a copy of the database cannot be used to sign in.
CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER
);
CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at_ms);

CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at_ms);

-- seq lives outside the document: it is the server's write order, never a client clock (SP-1).
CREATE TABLE documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  assignment_id TEXT NOT NULL,
  data TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  seq INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_pull ON documents (collection, seq);
CREATE INDEX documents_assignment ON documents (collection, assignment_id, seq);

-- One row holding the last seq handed out, so a seq is never reused.
CREATE TABLE sync_sequence (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO sync_sequence (id, last_seq) VALUES (1, 0);
