/**
 * Web Push reminders on SQLite (PushStorage, PN-*). Synchronous on the one connection, queued by
 * SqliteStorage; INSERT OR IGNORE on a key decides the first of two writers.
 */
import type Database from 'better-sqlite3';
import type { StoredPushSubscription, VapidKeys } from './types';

interface SubscriptionRow {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  created_at_ms: number;
}

const toSubscription = (row: SubscriptionRow): StoredPushSubscription => ({
  endpoint: row.endpoint,
  userId: row.user_id,
  p256dh: row.p256dh,
  auth: row.auth,
  createdAt: new Date(row.created_at_ms),
});

// Active users (PE-5) who did not switch reminders off (PN-5).
const RECIPIENT = `u.deactivated_at_ms IS NULL
  AND COALESCE((SELECT p.reminders FROM push_preferences p WHERE p.user_id = u.id), 1) = 1`;

export class SqlitePush {
  constructor(private readonly db: Database.Database) {}

  vapidKeys(candidate: VapidKeys): VapidKeys {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO push_vapid_keys (id, public_key, private_key, created_at_ms) VALUES (1, ?, ?, ?)',
      )
      .run(candidate.publicKey, candidate.privateKey, Date.now());
    const row = this.db.prepare('SELECT public_key, private_key FROM push_vapid_keys WHERE id = 1').get() as {
      public_key: string;
      private_key: string;
    };
    return { publicKey: row.public_key, privateKey: row.private_key };
  }

  savePushSubscription(subscription: StoredPushSubscription): void {
    this.db
      .prepare(
        `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
           auth = excluded.auth, created_at_ms = excluded.created_at_ms`,
      )
      .run(
        subscription.endpoint,
        subscription.userId,
        subscription.p256dh,
        subscription.auth,
        subscription.createdAt.getTime(),
      );
  }

  deletePushSubscription(endpoint: string, userId?: string): boolean {
    const result =
      userId === undefined
        ? this.db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint)
        : this.db
            .prepare('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?')
            .run(endpoint, userId);
    return result.changes > 0;
  }

  deletePushSubscriptionsOf(userId: string): number {
    return this.db.prepare('DELETE FROM push_subscriptions WHERE user_id = ?').run(userId).changes;
  }

  pushSubscriptionsOf(userIds: readonly string[]): StoredPushSubscription[] {
    const rows = this.db
      .prepare(
        `SELECT s.* FROM push_subscriptions s JOIN users u ON u.id = s.user_id
         WHERE s.user_id IN (SELECT value FROM json_each(?)) AND ${RECIPIENT}
         ORDER BY s.user_id, s.created_at_ms, s.endpoint`,
      )
      .all(JSON.stringify(userIds)) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  pushRecipients(): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT s.user_id FROM push_subscriptions s JOIN users u ON u.id = s.user_id
         WHERE ${RECIPIENT} ORDER BY s.user_id`,
      )
      .all() as { user_id: string }[];
    return rows.map((row) => row.user_id);
  }

  remindersOn(userId: string): boolean {
    const row = this.db.prepare('SELECT reminders FROM push_preferences WHERE user_id = ?').get(userId) as
      { reminders: number } | undefined;
    return row === undefined || row.reminders === 1;
  }

  setRemindersOn(userId: string, on: boolean): void {
    this.db
      .prepare(
        `INSERT INTO push_preferences (user_id, reminders) VALUES (?, ?)
         ON CONFLICT (user_id) DO UPDATE SET reminders = excluded.reminders`,
      )
      .run(userId, on ? 1 : 0);
  }

  claimPushNotice(userId: string, key: string, at: Date): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO push_notices (user_id, notice_key, sent_at_ms) VALUES (?, ?, ?)')
        .run(userId, key, at.getTime()).changes === 1
    );
  }
}
