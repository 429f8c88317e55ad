/**
 * Web Push reminders (docs/reminders.md PN-*): listens to the committed changes on the ChangeBus
 * and tells the people a change starts waiting for (PN-3), runs the daily reminders (PN-6), and
 * sends through the `web-push` library with the server's VAPID keys (PN-1).
 *
 * Every server process on a database hears every change (change-feed.ts), so each notice is
 * claimed in the database first (push_notices): whichever process claims it sends it, once. Each
 * person is told in the language on their account (users.language; English until they choose).
 */
import type { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';
import { SOURCE_LANGUAGE, type Language } from '../../../src/shared/languages';
import type { Assignment } from '../../../src/shared/schemas';
import type { PushPayload } from '../../../src/shared/push';
import type { Storage, StoredPushSubscription, VapidKeys } from '../storage/types';
import type { ChangeBus, ChangeEvent } from '../sync/event-bus';
import { dailyReminder, noticeOfChange, waitingOnAssignment, type Notice, type WaitingItem } from './notices';

/** How long a push service keeps an undelivered message for a phone that is off: a day. */
export const PUSH_TTL_SECONDS = 86_400;
/** How often main.ts runs the daily reminders: hourly, each person is told once a day (PN-6). */
export const REMINDERS_EVERY_MS = 3_600_000;
/**
 * The day's reminders go out with the first run after 07:00 UTC: morning from West Africa (08:00)
 * to East Africa (10:00), never in the night — what waits can wait for the morning.
 */
export const DAILY_FROM_HOUR_UTC = 7;
/** Used when VAPID_SUBJECT is not set: push services want a contact, mailto: or https:. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:fieldbook@example.org';

export interface VapidSettings extends Partial<VapidKeys> {
  subject?: string | undefined;
}

export interface NotificationOptions {
  /** Keys and contact given by environment (VAPID_*); keys missing: the stored pair, made once. */
  vapid?: VapidSettings | undefined;
  /** Runs the daily reminders this often (PN-6); unset: never (tests call runReminders). */
  remindersEveryMs?: number | undefined;
  /** Daily reminders go out from this hour (UTC) of the day on; DAILY_FROM_HOUR_UTC unless given. */
  dailyFromHourUtc?: number | undefined;
  /** An HTTPS agent for the push services (tests trust their local stand-in with it). */
  agent?: Agent | undefined;
}

type Log = { warn(message: string): void; error(message: string): void };

/**
 * VAPID settings from VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT (both keys or neither;
 * `npx web-push generate-vapid-keys` makes a pair); without VAPID_SUBJECT the public URL, when
 * https, is the contact. Throws one message naming each bad variable.
 */
export function vapidFromEnv(env: NodeJS.ProcessEnv, publicUrl?: string): VapidSettings {
  const publicKey = env.VAPID_PUBLIC_KEY || undefined;
  const privateKey = env.VAPID_PRIVATE_KEY || undefined;
  const subject = env.VAPID_SUBJECT || undefined;
  const bytes = (key: string) => (/^[A-Za-z0-9_-]+$/.test(key) ? Buffer.from(key, 'base64url').length : 0);
  const problems: string[] = [];
  if (Boolean(publicKey) !== Boolean(privateKey)) {
    problems.push(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both, or neither (the server then makes a pair and keeps it).',
    );
  }
  if (publicKey && bytes(publicKey) !== 65)
    problems.push('VAPID_PUBLIC_KEY: expected a base64url P-256 public key (65 bytes).');
  if (privateKey && bytes(privateKey) !== 32)
    problems.push('VAPID_PRIVATE_KEY: expected a base64url P-256 private key (32 bytes).');
  if (subject && !/^(mailto:|https:\/\/)\S+$/.test(subject)) {
    problems.push('VAPID_SUBJECT: expected mailto:someone@example.org or an https:// URL.');
  }
  if (problems.length > 0)
    throw new Error(`The server cannot start with these settings:\n  ${problems.join('\n  ')}`);
  const contact = subject ?? (publicUrl?.startsWith('https://') ? publicUrl : undefined);
  return { publicKey, privateKey, subject: contact };
}

export class Notifications {
  private keys: VapidKeys | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Changes are handled one event after the other; tests wait for it with idle(). */
  private queue: Promise<void> = Promise.resolve();
  private handledSeq = 0;

  constructor(
    private readonly storage: Storage,
    private readonly bus: ChangeBus,
    private readonly now: () => Date,
    private readonly log: Log,
    private readonly options: NotificationOptions = {},
  ) {}

  async start(): Promise<void> {
    const { vapid } = this.options;
    this.keys =
      vapid?.publicKey && vapid.privateKey
        ? { publicKey: vapid.publicKey, privateKey: vapid.privateKey }
        : await this.storage.vapidKeys(webpush.generateVAPIDKeys());
    this.unsubscribe = this.bus.subscribe((event) => {
      this.queue = this.queue
        .then(() => this.onChange(event))
        .catch((error: unknown) => this.failed('change', error));
    });
    const every = this.options.remindersEveryMs;
    if (every) {
      this.timer = setInterval(
        () => void this.runReminders().catch((error: unknown) => this.failed('reminders', error)),
        every,
      );
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** The VAPID public key devices subscribe with; known once started. */
  get publicKey(): string {
    if (!this.keys) throw new Error('Notifications not started');
    return this.keys.publicKey;
  }

  /** The last seq whose change has been handled (told or found to need no notice). */
  get seenSeq(): number {
    return this.handledSeq;
  }

  /** Resolves once every change heard so far has been handled. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }

  private failed(what: string, error: unknown): void {
    this.log.error(`Push ${what} failed: ${(error as Error).message}`);
  }

  private async onChange(event: ChangeEvent): Promise<void> {
    const now = this.now();
    for (const { doc, access } of event.changes) {
      const notice = noticeOfChange(doc, access, now);
      if (notice) await this.send(notice, now);
      this.handledSeq = doc.seq;
    }
  }

  /**
   * PN-6: once a day per person at most, whatever the number of processes or runs: the key
   * `daily:<date>` is claimed before sending. Only people who can receive are looked at.
   */
  async runReminders(): Promise<void> {
    const now = this.now();
    if (now.getUTCHours() < (this.options.dailyFromHourUtc ?? DAILY_FROM_HOUR_UTC)) return;
    const today = now.toISOString().slice(0, 10);
    const recipients = new Set(await this.storage.pushRecipients());
    if (recipients.size === 0) return;
    const items: WaitingItem[] = [];
    for (const stored of await this.storage.listAssignments()) {
      if (stored.deleted) continue;
      const assignment = stored.data as Assignment;
      if (assignment.status === 'cancelled') continue;
      if (![assignment.expertId, ...assignment.supervisorIds].some((id) => recipients.has(id))) continue;
      items.push(...(await waitingOnAssignment(this.storage, assignment, today)));
    }
    for (const userId of recipients) {
      const notice = dailyReminder(userId, items, today);
      if (notice) await this.send(notice, now);
    }
  }

  /**
   * Claims the notice for each user, then pushes it to each of their devices in the user's own
   * language (issue 13): recipients of one language share one wording.
   */
  private async send(notice: Notice, now: Date): Promise<void> {
    const subscriptions = await this.storage.pushSubscriptionsOf(notice.userIds);
    // Map.groupBy is not in Node 20.
    const byUser = new Map<string, StoredPushSubscription[]>();
    for (const subscription of subscriptions) {
      byUser.set(subscription.userId, [...(byUser.get(subscription.userId) ?? []), subscription]);
    }
    const byLanguage = new Map<Language, PushPayload>();
    for (const [userId, devices] of byUser) {
      if (!(await this.storage.claimPushNotice(userId, notice.key, now))) continue;
      const language = (await this.storage.getUserById(userId))?.language ?? SOURCE_LANGUAGE;
      let payload = byLanguage.get(language);
      if (!payload) {
        payload = notice.payloadIn(language);
        byLanguage.set(language, payload);
      }
      await Promise.all(devices.map((device) => this.push(device, payload)));
    }
  }

  private async push(subscription: StoredPushSubscription, payload: PushPayload): Promise<void> {
    const keys = this.keys!;
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(payload),
        {
          TTL: PUSH_TTL_SECONDS,
          vapidDetails: { subject: this.options.vapid?.subject ?? DEFAULT_VAPID_SUBJECT, ...keys },
          ...(this.options.agent ? { agent: this.options.agent } : {}),
        },
      );
    } catch (error) {
      // PN-4: the push service says the subscription is gone (unsubscribed, app removed).
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        await this.storage.deletePushSubscription(subscription.endpoint);
        return;
      }
      this.log.warn(`Push to ${new URL(subscription.endpoint).host} failed: ${(error as Error).message}`);
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's push reminders (buildApp); tests run its daily job and wait for it. */
    notifications: Notifications;
  }
}
