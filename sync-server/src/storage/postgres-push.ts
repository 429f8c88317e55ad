/**
 * Web Push reminders on PostgreSQL (PushStorage, PN-*). Each method is one statement; the keys'
 * ON CONFLICT decides between server processes: one key pair for all of them, and a notice claimed
 * by one process only.
 */
import type pg from 'pg';
import type { StoredPushSubscription, VapidKeys } from './types';

interface SubscriptionRow {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  created_at: Date;
}

const toSubscription = (row: SubscriptionRow): StoredPushSubscription => ({
  endpoint: row.endpoint,
  userId: row.user_id,
  p256dh: row.p256dh,
  auth: row.auth,
  createdAt: row.created_at,
});

// Active users (PE-5) who did not switch reminders off (PN-5).
const RECIPIENT = `u.deactivated_at IS NULL
  AND COALESCE((SELECT p.reminders FROM push_preferences p WHERE p.user_id = u.id), true)`;

export class PostgresPush {
  constructor(private readonly pool: pg.Pool) {}

  async vapidKeys(candidate: VapidKeys): Promise<VapidKeys> {
    await this.pool.query(
      `INSERT INTO push_vapid_keys (id, public_key, private_key, created_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO NOTHING`,
      [candidate.publicKey, candidate.privateKey],
    );
    const { rows } = await this.pool.query<{ public_key: string; private_key: string }>(
      'SELECT public_key, private_key FROM push_vapid_keys WHERE id = 1',
    );
    return { publicKey: rows[0]!.public_key, privateKey: rows[0]!.private_key };
  }

  async savePushSubscription(subscription: StoredPushSubscription): Promise<void> {
    await this.pool.query(
      `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
         auth = excluded.auth, created_at = excluded.created_at`,
      [
        subscription.endpoint,
        subscription.userId,
        subscription.p256dh,
        subscription.auth,
        subscription.createdAt,
      ],
    );
  }

  async deletePushSubscription(endpoint: string, userId?: string): Promise<boolean> {
    const { rowCount } =
      userId === undefined
        ? await this.pool.query('DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint])
        : await this.pool.query('DELETE FROM push_subscriptions WHERE endpoint = $1 AND user_id = $2', [
            endpoint,
            userId,
          ]);
    return (rowCount ?? 0) > 0;
  }

  async deletePushSubscriptionsOf(userId: string): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM push_subscriptions WHERE user_id = $1', [userId]);
    return rowCount ?? 0;
  }

  async pushSubscriptionsOf(userIds: readonly string[]): Promise<StoredPushSubscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT s.* FROM push_subscriptions s JOIN users u ON u.id = s.user_id
       WHERE s.user_id = ANY($1::text[]) AND ${RECIPIENT}
       ORDER BY s.user_id, s.created_at, s.endpoint`,
      [userIds],
    );
    return rows.map(toSubscription);
  }

  async pushRecipients(): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT s.user_id FROM push_subscriptions s JOIN users u ON u.id = s.user_id
       WHERE ${RECIPIENT} ORDER BY s.user_id`,
    );
    return rows.map((row) => row.user_id);
  }

  async remindersOn(userId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ reminders: boolean }>(
      'SELECT reminders FROM push_preferences WHERE user_id = $1',
      [userId],
    );
    return rows[0]?.reminders ?? true;
  }

  async setRemindersOn(userId: string, on: boolean): Promise<void> {
    await this.pool.query(
      `INSERT INTO push_preferences (user_id, reminders) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET reminders = excluded.reminders`,
      [userId, on],
    );
  }

  async claimPushNotice(userId: string, key: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO push_notices (user_id, notice_key, sent_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, notice_key) DO NOTHING`,
      [userId, key, at],
    );
    return rowCount === 1;
  }
}
