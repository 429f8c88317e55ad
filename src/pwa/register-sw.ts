/**
 * Registers the service worker with workbox-window. A new version installs completely (so the
 * app still starts offline) and then waits: `updateReady$` lets the UI offer "Update", and the
 * page reloads only when the user chose it — in this tab or in another one (`updatedElsewhere$`).
 */
import { BehaviorSubject } from 'rxjs';
import { Workbox } from 'workbox-window';
import { PERIODIC_SYNC_TAG } from '../sync/sync-tags';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60_000;

/** The function that activates the waiting version, or null while there is none. */
export const updateReady$ = new BehaviorSubject<(() => void) | null>(null);

/**
 * True once a new version took over in another tab: this tab still runs the old code, next to a
 * database the new version may have migrated, so it must reload too (UpdateBanner.tsx).
 */
export const updatedElsewhere$ = new BehaviorSubject(false);

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  let updatingHere = false;
  workbox.addEventListener('waiting', () => {
    updateReady$.next(() => {
      updatingHere = true;
      workbox.messageSkipWaiting();
    });
  });
  // Every tab the old version controlled is handed to the new one when it activates. (A tab
  // that had no controller is on its first visit: a first install is no update.)
  const controlledAtStart = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updatingHere) window.location.reload();
    else if (controlledAtStart) updatedElsewhere$.next(true);
  });
  void workbox.register().then((registration) => registration && registerPeriodicSync(registration));
  // Field phones keep the app open for days: look for a new version now and then.
  const check = () => void workbox.update().catch(() => undefined);
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

const PERIODIC_SYNC_MIN_INTERVAL_MS = 12 * 3_600_000;

interface PeriodicSyncRegistration {
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
}

/**
 * Installed app on Chromium, where the browser grants it: a pull now and then in the background,
 * so returns and approvals are on the phone before the expert opens the app in the field.
 */
async function registerPeriodicSync(registration: ServiceWorkerRegistration): Promise<void> {
  const periodic = (registration as ServiceWorkerRegistration & PeriodicSyncRegistration).periodicSync;
  if (!periodic) return;
  try {
    const status = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (status.state !== 'granted') return;
    await periodic.register(PERIODIC_SYNC_TAG, { minInterval: PERIODIC_SYNC_MIN_INTERVAL_MS });
  } catch {
    // Not offered by this browser: the app syncs whenever it is open.
  }
}
