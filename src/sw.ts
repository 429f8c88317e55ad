/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell and hashed assets so the app starts with no
 * network, answers navigations with the shell, runs background sync, and shows push reminders.
 * API calls are never cached here: data lives in the device database.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { openUserDatabase } from './db/database';
import { loadDeviceSession } from './db/device-session';
import { readPushPayload } from './shared/push';
import { BACKGROUND_SYNC_TAG, PERIODIC_SYNC_TAG, syncOnce } from './sync/background-sync';
import { runIfSyncLockFree, syncLockName } from './sync/sync-lock';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/**
 * Message catalogs other than English are not precached (vite.config.ts): each person keeps only
 * the language they use, cached as the app fetches it (src/i18n/i18n.ts fetches all of it when a
 * language is chosen). Hashed names never change content, so the cache answers first.
 */
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/lang/'),
  new CacheFirst({
    cacheName: 'fieldbook-languages',
    // Old versions' catalogs and a language no longer used leave in time.
    plugins: [new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 60 * 60 * 24 * 180 })],
  }),
);

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/healthz/],
  }),
);

// A new version waits until the page says the user chose to update (register-sw.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/**
 * A page being reloaded is no window client for a moment, and the page asks for a sync as it goes
 * (pagehide): the pass waits this long so the reloaded window is seen and does the sync itself.
 */
const WINDOW_GRACE_MS = 2_000;

/**
 * One pull-and-push pass for whoever is signed in on this device; rejects so the browser retries.
 * Never while a window of the app is open: that window runs its own replication, and two
 * replications of one database in two places can overwrite a fresh edit with an older version.
 * The sync lock (sync-lock.ts) keeps them apart; the window check spares opening the database.
 */
async function syncSignedInUser(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, WINDOW_GRACE_MS));
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length > 0) throw new Error('A window of the app is open and syncs itself; try again later.');
  const stored = await loadDeviceSession();
  if (!stored) return;
  const device = await openUserDatabase(stored.session.user.id);
  try {
    await runIfSyncLockFree(syncLockName(device.db.name), (windowWaiting) =>
      syncOnce(device, {
        baseUrl: stored.baseUrl,
        token: stored.session.token,
        role: stored.session.user.role,
        windowWaiting,
      }),
    );
  } finally {
    await device.db.close();
  }
}

interface SyncEvent extends ExtendableEvent {
  tag: string;
}

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === BACKGROUND_SYNC_TAG) sync.waitUntil(syncSignedInUser());
});

// Installed app on Chromium: returns and approvals wait on the phone before the expert opens it.
self.addEventListener('periodicsync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === PERIODIC_SYNC_TAG) sync.waitUntil(syncSignedInUser());
});

// Push reminders (docs/reminders.md PN-7). Chromium requires every push to show a notification
// (userVisibleOnly), so a message that cannot be read still shows a plain one.
self.addEventListener('push', (event) => {
  let data: unknown;
  try {
    data = event.data?.json();
  } catch {
    data = undefined;
  }
  const { title, body, url, tag } = readPushPayload(data);
  event.waitUntil(
    // One tag per document: a newer notice about it replaces the older one instead of piling up.
    self.registration.showNotification(title, { body, tag, data: { url }, icon: '/icons/icon-192.png' }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url } = readPushPayload(event.notification.data);
  event.waitUntil(showPage(new URL(url, self.location.origin).href));
});

/** Brings an open window of the app to the page, or opens one there. */
async function showPage(url: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window' });
  for (const client of windows) {
    // Focus is allowed only while handling the click; the page is shown even where it is refused.
    const focused = await client.focus().catch(() => client);
    if (await focused.navigate(url).catch(() => null)) return;
  }
  await self.clients.openWindow(url);
}
