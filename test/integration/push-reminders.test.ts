/**
 * Web Push reminders end to end on the real server (docs/reminders.md PN-*), on SQLite and, in the
 * integration-postgres project, on PostgreSQL: a local HTTPS stand-in for a push service receives
 * a valid encrypted Web Push message (VAPID JWT verified, payload decrypted with the subscription's
 * private key) when an expert submits a month to their supervisor; a 410 removes the subscription;
 * reminders off, a deactivated person or a signed-out device get nothing; the daily reminder goes
 * out once a day; each person is told in the language on their account (issue 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intlLocale } from '../../src/shared/languages';
import { PUSH_API_PATHS, type PushPayload, type PushPublicKeyResponse } from '../../src/shared/push';
import { timesheetPath } from '../../src/shared/paths';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import { PEOPLE_API_PATHS } from '../../src/shared/people';
import { API_PATHS, type SyncDocument } from '../../src/shared/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { hashPassword } from '../../sync-server/src/auth/passwords';
import { DEMO_PASSWORD } from '../../sync-server/src/seed';
import { demoInstitutionId } from '../../sync-server/src/seed-data';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import { ACCEPTED, useApiServer, type Caller } from '../helpers/api-client';
import { waitUntil } from '../helpers/devices';
import {
  browserSubscription,
  decryptPushMessage,
  startFakePushService,
  verifyVapidHeader,
  type BrowserSubscription,
  type FakePushService,
} from '../helpers/push-service';
import { TEST_DATABASE_URL } from '../helpers/postgres';
import { login } from '../helpers/test-server';

const DAY_MS = 86_400_000;

let pushService: FakePushService;
beforeAll(async () => {
  pushService = await startFakePushService();
});
afterAll(() => pushService?.close());
const api = useApiServer({}, () => ({ push: { agent: pushService.agent, dailyFromHourUtc: 0 } }));
const { clock, lastMonth } = api;
/** expert2's last month: the demo has it returned by supervisor2. */
const monthId = timesheetId('asg-expert2', lastMonth);

/** A call as `who`, or with no token. */
const call = (who: Caller | null, method: string, path: string, body?: unknown) =>
  api.call(method, path, { as: who ?? undefined, body });

async function subscribe(who: Caller, endpointPath: string): Promise<BrowserSubscription> {
  const subscription = browserSubscription(`${pushService.origin}${endpointPath}`);
  const { endpoint, keys } = subscription;
  const response = await call(who, 'POST', PUSH_API_PATHS.subscriptions, { endpoint, keys });
  expect(response.status, response.text).toBe(200);
  expect(response.json).toEqual({ reminders: true });
  return subscription;
}

const month = async () => (await api.timesheet(monthId))!;

async function decide(who: Caller, next: SyncDocument<'timesheets'>): Promise<void> {
  expect(await api.decide(who, next)).toEqual(ACCEPTED);
}

/** expert2 submits the month with the days the server holds. */
async function submitMonth(): Promise<void> {
  const snapshot = await api.snapshot('asg-expert2', lastMonth);
  await decide('expert2', {
    ...(await month()),
    status: 'submitted',
    submission: { declaration: true, fullName: 'Chidi Okafor', snapshot },
  });
}

async function returnMonth(): Promise<void> {
  await decide('supervisor2', {
    ...(await month()),
    status: 'returned',
    returned: { comment: 'Please split the evening call from the site day.', dayComments: [] },
  });
}

/** Every committed change so far has been looked at, and what it called for sent. */
async function notificationsSettled(): Promise<void> {
  const latest = await api.server.storage.latestSeq();
  await waitUntil(() => api.server.app.notifications.seenSeq >= latest, 'the notifications to catch up');
  await api.server.app.notifications.idle();
}

const requestsTo = (path: string) => pushService.requests.filter((request) => request.path === path);

describe('push reminders (PN-*)', () => {
  let supervisorDevice: BrowserSubscription;

  it('PN-2: refuses requests without a token, and bodies that are no subscription, with a clear 400', async () => {
    expect((await call(null, 'GET', PUSH_API_PATHS.publicKey)).status).toBe(401);
    expect((await call(null, 'POST', PUSH_API_PATHS.subscriptions, {})).status).toBe(401);
    expect((await call(null, 'PUT', PUSH_API_PATHS.preferences, { reminders: false })).status).toBe(401);
    const noKeys = await call('supervisor2', 'POST', PUSH_API_PATHS.subscriptions, {
      endpoint: `${pushService.origin}/x`,
    });
    expect(noKeys.status).toBe(400);
    expect(noKeys.text).toContain('PushSubscription.toJSON()');
    const notHttps = await call('supervisor2', 'POST', PUSH_API_PATHS.subscriptions, {
      endpoint: 'ftp://example.org/x',
      keys: { p256dh: 'a', auth: 'b' },
    });
    expect(notHttps.status).toBe(400);
    expect(notHttps.text).toContain('https URL of a push service');
    const badSwitch = await call('supervisor2', 'PUT', PUSH_API_PATHS.preferences, { reminders: 'no' });
    expect(badSwitch.status).toBe(400);
  });

  it('PN-1 PN-3: an expert submits a month; the supervisor’s device gets a valid encrypted Web Push message', async () => {
    const { publicKey } = (await call('supervisor2', 'GET', PUSH_API_PATHS.publicKey))
      .json as PushPublicKeyResponse;
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    supervisorDevice = await subscribe('supervisor2', '/push/supervisor2');

    await submitMonth();
    const [message] = await waitUntil(
      () => (requestsTo('/push/supervisor2').length > 0 ? requestsTo('/push/supervisor2') : undefined),
      'the push service to receive a message',
    );
    expect(message!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(message!.headers.ttl)).toBeGreaterThan(0);
    const claims = verifyVapidHeader(message!.headers.authorization, publicKey);
    expect(claims.aud).toBe(pushService.origin);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(claims.sub).toMatch(/^(mailto:|https:)/);
    const payload = JSON.parse(decryptPushMessage(message!.body, supervisorDevice)) as PushPayload;
    expect(payload).toEqual({
      title: expect.stringContaining('Chidi Okafor submitted') as string,
      body: 'Open it to approve or return it.',
      url: timesheetPath('asg-expert2', lastMonth),
      tag: `timesheets:${monthId}`,
    });
    // The expert who submitted it is not told; nor is anyone told twice.
    await notificationsSettled();
    expect(requestsTo('/push/supervisor2')).toHaveLength(1);
  });

  it('PN-4: a subscription the push service says is gone (410) is removed', async () => {
    await subscribe('expert2', '/push/expert2-gone');
    pushService.answer('/push/expert2-gone', 410);
    await returnMonth();
    await waitUntil(() => requestsTo('/push/expert2-gone').length > 0, 'the push to the gone device');
    await notificationsSettled();
    expect(await api.server.storage.pushSubscriptionsOf(['user-expert2'])).toEqual([]);
  });

  it('PN-5: with reminders off nothing is sent; on again, it is', async () => {
    const off = await call('supervisor2', 'PUT', PUSH_API_PATHS.preferences, { reminders: false });
    expect(off.json).toEqual({ reminders: false });
    expect((await call('supervisor2', 'GET', PUSH_API_PATHS.preferences)).json).toEqual({ reminders: false });
    const before = requestsTo('/push/supervisor2').length;
    await submitMonth();
    await notificationsSettled();
    expect(requestsTo('/push/supervisor2')).toHaveLength(before);

    await call('supervisor2', 'PUT', PUSH_API_PATHS.preferences, { reminders: true });
    await returnMonth();
    await submitMonth();
    await waitUntil(
      () => requestsTo('/push/supervisor2').length === before + 1,
      'the push with reminders on',
    );
  });

  it('PN-4: a deactivated person is sent nothing', async () => {
    await returnMonth();
    await api.server.storage.setPersonActive('user-supervisor2', false, clock.now(), 'user-officer');
    const before = requestsTo('/push/supervisor2').length;
    await submitMonth();
    await notificationsSettled();
    expect(requestsTo('/push/supervisor2')).toHaveLength(before);
    await api.server.storage.setPersonActive('user-supervisor2', true, clock.now(), 'user-officer');
    // Deactivation revoked their sessions (PE-5).
    api.tokens.supervisor2 = await login(api.server.url, 'supervisor2@demo.test');
  });

  it('PN-2: sign-out removes the device’s subscription; no one else can remove it', async () => {
    const device = await subscribe('supervisor1', '/push/supervisor1');
    const body = { endpoint: device.endpoint };
    const remove = (who: Caller) => call(who, 'DELETE', PUSH_API_PATHS.subscriptions, body);
    expect(await remove('expert1')).toMatchObject({ status: 200, json: { removed: false } });
    expect(await api.server.storage.pushSubscriptionsOf(['user-supervisor1'])).toHaveLength(1);
    expect(await remove('supervisor1')).toMatchObject({ status: 200, json: { removed: true } });
    expect(await api.server.storage.pushSubscriptionsOf(['user-supervisor1'])).toEqual([]);
    // Once more (a retried sign-out): still fine.
    expect(await remove('supervisor1')).toMatchObject({ status: 200, json: { removed: false } });
  });

  // Several processes share one PostgreSQL (SQLite is one process's file): registered in the
  // integration-postgres project only, so no run reports it skipped.
  const onPostgres = process.env.TEST_STORAGE === 'postgres' ? it : () => undefined;
  onPostgres(
    'PN-1 once only: a second server process on the database shares the keys, and a notice goes out once',
    async () => {
      const storage = await PostgresStorage.open({
        connectionString: TEST_DATABASE_URL,
        schema: api.server.schema!,
      });
      const second = buildApp({ storage, now: clock.now, push: { agent: pushService.agent } });
      try {
        await second.ready();
        expect(second.notifications.publicKey).toBe(api.server.app.notifications.publicKey);
        await returnMonth();
        const before = requestsTo('/push/supervisor2').length;
        await submitMonth();
        await waitUntil(() => requestsTo('/push/supervisor2').length > before, 'the push of one process');
        const latest = await api.server.storage.latestSeq();
        await waitUntil(() => second.notifications.seenSeq >= latest, 'the second process to hear it');
        await second.notifications.idle();
        await notificationsSettled();
        expect(requestsTo('/push/supervisor2')).toHaveLength(before + 1);
      } finally {
        await second.close();
        await storage.close();
      }
    },
  );

  it('PN-6: what waits three days or more is reminded once a day', async () => {
    // expert1's last month was submitted on the 1st and waits for supervisor1.
    const device = await subscribe('supervisor1', '/push/supervisor1-daily');
    clock.advance(5 * DAY_MS);
    await api.server.app.notifications.runReminders();
    await api.server.app.notifications.runReminders();
    const reminders = requestsTo('/push/supervisor1-daily');
    expect(reminders).toHaveLength(1);
    const payload = JSON.parse(decryptPushMessage(reminders[0]!.body, device)) as PushPayload;
    expect(`${payload.title} ${payload.body}`).toMatch(/waits for your signature/);

    clock.advance(DAY_MS);
    await api.server.app.notifications.runReminders();
    expect(requestsTo('/push/supervisor1-daily')).toHaveLength(2);
  });

  it('issue 13: two supervisors of one month are told each in their own language, Arabic and English', async () => {
    // A second host supervisor of expert2's assignment, who never chose a language.
    await api.server.storage.createUser({
      id: 'user-supervisor2b',
      email: 'supervisor2b@demo.test',
      name: 'Bola Adeyemi',
      role: 'supervisor',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      language: null,
      institutionId: demoInstitutionId('National Information Technology Development Agency, Abuja'),
    });
    const assignment = (await api.stored('assignments', 'asg-expert2'))!;
    const joined = await api.pushDocument(
      'officer',
      'assignments',
      {
        ...assignment,
        supervisorIds: [...assignment.supervisorIds, 'user-supervisor2b'],
        supervisorNames: [...(assignment.supervisorNames ?? []), 'Bola Adeyemi'],
      },
      assignment,
    );
    expect(joined.body.rejections).toEqual([]);
    const arabic = await call('supervisor2', 'PATCH', API_PATHS.me, { language: 'ar' });
    expect(arabic.status, arabic.text).toBe(200);
    const arabicDevice = await subscribe('supervisor2', '/push/supervisor2-ar');
    const englishDevice = await subscribe(
      await login(api.server.url, 'supervisor2b@demo.test'),
      '/push/supervisor2b-en',
    );

    await returnMonth();
    await submitMonth();
    const received = async (path: string, device: BrowserSubscription) => {
      const [message] = await waitUntil(
        () => (requestsTo(path).length > 0 ? requestsTo(path) : undefined),
        `the push to ${path}`,
      );
      return JSON.parse(decryptPushMessage(message!.body, device)) as PushPayload;
    };
    const monthIn = (locale: string) =>
      new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${lastMonth}-01T00:00:00Z`),
      );
    const link = { url: timesheetPath('asg-expert2', lastMonth), tag: `timesheets:${monthId}` };
    expect(await received('/push/supervisor2-ar', arabicDevice)).toEqual({
      title: `تم تقديم كشف ساعات العمل لشهر ${monthIn(intlLocale('ar'))} من Chidi Okafor`,
      body: 'افتحه لاعتماده أو إعادته.',
      ...link,
    });
    expect(await received('/push/supervisor2b-en', englishDevice)).toEqual({
      title: `Chidi Okafor submitted ${monthIn('en-GB')}`,
      body: 'Open it to approve or return it.',
      ...link,
    });
    await notificationsSettled();
    expect(requestsTo('/push/supervisor2-ar')).toHaveLength(1);
    expect(requestsTo('/push/supervisor2b-en')).toHaveLength(1);
  });

  it('PN-4: a password reset or a deactivation stops reminders to the person’s devices', async () => {
    await subscribe('supervisor1', '/push/supervisor1-lost-phone');
    expect(await api.server.storage.pushSubscriptionsOf(['user-supervisor1'])).not.toEqual([]);
    const reset = await call('officer', 'POST', PEOPLE_API_PATHS.invitation('user-supervisor1'));
    expect(reset.status, reset.text).toBe(201);
    expect(await api.server.storage.pushSubscriptionsOf(['user-supervisor1'])).toEqual([]);

    await subscribe('supervisor2', '/push/supervisor2-lost-phone');
    const deactivated = await call('officer', 'POST', PEOPLE_API_PATHS.deactivate('user-supervisor2'));
    expect(deactivated.status, deactivated.text).toBe(200);
    await api.server.storage.setPersonActive('user-supervisor2', true, clock.now(), 'user-officer');
    expect(await api.server.storage.pushSubscriptionsOf(['user-supervisor2'])).toEqual([]);
    // The last test of the file: supervisor1 has no password now, and both sessions ended.
  });
});
