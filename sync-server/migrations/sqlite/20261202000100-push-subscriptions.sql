-- PN-1 … PN-6 (docs/reminders.md): Web Push reminders; same tables and meaning as
-- migrations/postgres/20261202000100-push-subscriptions.sql.
-- The server's VAPID key pair, made at first start unless given by environment: one row.
CREATE TABLE push_vapid_keys (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
-- One row per device (browser push subscription); the endpoint is the device's address.
CREATE TABLE push_subscriptions (
  endpoint TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);
-- A user's switch; no row: reminders on.
CREATE TABLE push_preferences (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  reminders INTEGER NOT NULL
);
-- Notices sent: the key decides, once, which server process sends a notice (INSERT OR IGNORE).
CREATE TABLE push_notices (
  user_id TEXT NOT NULL,
  notice_key TEXT NOT NULL,
  sent_at_ms INTEGER NOT NULL,
  PRIMARY KEY (user_id, notice_key)
);
