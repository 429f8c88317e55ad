-- PN-1 … PN-6 (docs/reminders.md): Web Push reminders; same tables and meaning as
-- migrations/sqlite/20261202000100-push-subscriptions.sql. Every server process on this database
-- shares the one VAPID key pair, and push_notices' key lets only one of them send a notice.
CREATE TABLE push_vapid_keys (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE push_subscriptions (
  endpoint TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);
CREATE TABLE push_preferences (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  reminders BOOLEAN NOT NULL
);
CREATE TABLE push_notices (
  user_id TEXT NOT NULL,
  notice_key TEXT NOT NULL,
  sent_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, notice_key)
);
