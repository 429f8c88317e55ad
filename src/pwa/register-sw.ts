/**
 * Registers the service worker with workbox-window. A new version installs completely (so the
 * app still starts offline) and then waits: `updateReady$` lets the UI offer "Update", and the
 * page reloads only when the user chose it.
 */
import { BehaviorSubject } from 'rxjs';
import { Workbox } from 'workbox-window';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60_000;

/** The function that activates the waiting version, or null while there is none. */
export const updateReady$ = new BehaviorSubject<(() => void) | null>(null);

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    updateReady$.next(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  void workbox.register();
  // Field phones keep the app open for days: look for a new version now and then.
  const check = () => void workbox.update().catch(() => undefined);
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}
