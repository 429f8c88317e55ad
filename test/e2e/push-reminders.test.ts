/**
 * Push reminders in real Chromium (docs/reminders.md PN-2, PN-7): the home offers reminders after
 * the first sync and asks for permission only on the tap; the service worker shows a pushed
 * message as a notification (delivered with the DevTools protocol's ServiceWorker.deliverPushMessage,
 * as a push service would) and a click on it opens the document; the switch and the sign-out keep
 * the server's subscriptions right.
 *
 * Headless Chromium's contexts have no push service (subscribe() fails with "Registration failed -
 * permission denied", as in a private window): the first test checks the app says so. The switch
 * and sign-out test stands a stub in for the browser's PushManager — the app, its service worker
 * and the server are the real ones.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { SIGN_IN_PATH, timesheetPath } from '../../src/shared/paths';
import type { PushPayload } from '../../src/shared/push';
import { startBrowserSession, type BrowserSession } from './session';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(() => session?.close());

const REMINDERS_ON = 'Reminders are on for this device.';

/** The service worker's registration id, as the DevTools protocol names it. */
async function registrationId(cdp: CDPSession, scope: string): Promise<string> {
  return new Promise((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
      if (found) resolve(found.registrationId);
    });
    void cdp.send('ServiceWorker.enable');
  });
}

async function notifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data as unknown,
    }));
  });
}

/**
 * A PushManager that subscribes without a push service: the subscription it "makes" is kept in
 * localStorage so it outlives a reload, as a real one does.
 */
function stubPushManager() {
  const KEY = 'test.fake-push-subscription';
  const make = (endpoint: string) => ({
    endpoint,
    options: { applicationServerKey: null, userVisibleOnly: true },
    toJSON: () => ({ endpoint, keys: { p256dh: 'BP'.padEnd(87, 'A'), auth: 'x'.repeat(22) } }),
    unsubscribe: async () => {
      localStorage.removeItem(KEY);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function () {
    const endpoint = `https://push.example.org/device-${Math.random().toString(36).slice(2)}`;
    localStorage.setItem(KEY, endpoint);
    return make(endpoint) as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    const endpoint = localStorage.getItem(KEY);
    return (endpoint ? make(endpoint) : null) as unknown as PushSubscription | null;
  };
}

describe('push reminders in the browser (PN-2, PN-7)', () => {
  let context: BrowserContext;
  let page: Page;

  it('PN-2: the home offers reminders after the first sync; permission is asked only on the tap', async () => {
    ({
      context,
      app: { page },
    } = await session.signedIn('supervisor1@demo.test'));
    const card = page.getByRole('region', { name: 'Get reminders' });
    await card.waitFor();
    expect(await page.evaluate(() => Notification.permission)).toBe('default');
    const axe = await new AxeBuilder({ page })
      .include('.reminders')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    // Not on other screens.
    await page.getByRole('link', { name: /^To sign/ }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Fieldbook' }).click();
    await card.waitFor();

    await context.grantPermissions(['notifications'], { origin: session.server.url });
    await card.getByRole('button', { name: 'Turn on reminders' }).click();
    const outcome = page.getByText(REMINDERS_ON).or(page.getByRole('alert')).first();
    const said = (await outcome.textContent()) ?? '';
    const stored = await session.server.storage.pushSubscriptionsOf(['user-supervisor1']);
    if (said === REMINDERS_ON) {
      expect(stored).toHaveLength(1);
    } else {
      // No push service in this browser: said plainly, and nothing stored.
      expect(said).toBe(
        'This browser could not sign up for notifications. Try again later, or in another browser.',
      );
      expect(stored).toEqual([]);
    }
  });

  it('PN-7: a pushed message shows as a notification; a click opens the document', async () => {
    const cdp = await context.newCDPSession(page);
    const id = await registrationId(cdp, `${session.server.url}/`);
    const month = '2026-11';
    const payload: PushPayload = {
      title: 'Amina Yusuf submitted November 2026',
      body: 'Open it to approve or return it.',
      url: timesheetPath('asg-expert1', month),
      tag: `timesheets:asg-expert1:${month}`,
    };
    const deliver = (data: unknown) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: session.server.url,
        registrationId: id,
        data: JSON.stringify(data),
      });
    await deliver(payload);
    await expect
      .poll(() => notifications(page), { timeout: 10_000 })
      .toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, data: { url: payload.url } }]);
    // The same document again: the newer notice replaces the older one.
    await deliver({ ...payload, body: 'Still waiting.' });
    await expect.poll(async () => (await notifications(page)).map((n) => n.body)).toEqual(['Still waiting.']);

    // Headless Chromium shows no notification to click: the click event is dispatched in the
    // service worker, on the notification it shows, and runs the worker's own handler.
    const [worker] = context.serviceWorkers();
    expect(worker).toBeDefined();
    await worker!.evaluate(async () => {
      const sw = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await sw.registration.getNotifications();
      sw.dispatchEvent(new NotificationEvent('notificationclick', { notification: notification! }));
    });
    await page.waitForURL(`${session.server.url}${payload.url}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => notifications(page)).toEqual([]);
  });

  it('PN-2 PN-5: turning reminders on and off, and signing out, keep the server’s subscriptions right', async () => {
    const phone = await session.browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      await phone.addInitScript(stubPushManager);
      await phone.grantPermissions(['notifications'], { origin: session.server.url });
      const expert = await phone.newPage();
      await expert.goto(`${session.server.url}${SIGN_IN_PATH}`);
      await expert.getByLabel('Email').fill('expert1@demo.test');
      await expert.getByLabel('Password').fill('fieldbook-demo');
      await expert.getByRole('button', { name: 'Sign in' }).click();
      const subscriptions = () => session.server.storage.pushSubscriptionsOf(['user-expert1']);

      // Permission given already: a quiet line, not the card.
      await expert.getByRole('button', { name: 'Turn on reminders' }).click();
      await expert.getByText(REMINDERS_ON).waitFor();
      const [subscribed] = await subscriptions();
      expect(subscribed?.endpoint).toMatch(/^https:\/\/push\.example\.org\/device-/);
      expect(await session.server.storage.remindersOn('user-expert1')).toBe(true);

      await expert.getByRole('button', { name: 'Turn off reminders' }).click();
      await expert.getByText('Reminders are off.').waitFor();
      expect(await subscriptions()).toEqual([]);
      expect(await session.server.storage.remindersOn('user-expert1')).toBe(false);

      await expert.getByRole('button', { name: 'Turn on reminders' }).click();
      await expert.getByText(REMINDERS_ON).waitFor();
      expect(await subscriptions()).toHaveLength(1);

      await expert.getByRole('button', { name: 'Sign out' }).click();
      await expert
        .getByRole('dialog')
        .getByRole('button', { name: /sign out/i })
        .click();
      await expert.getByLabel('Email').waitFor();
      expect(await subscriptions()).toEqual([]);
      expect(await expert.evaluate(() => localStorage.getItem('test.fake-push-subscription'))).toBeNull();
    } finally {
      await phone.close();
    }
  });
});
