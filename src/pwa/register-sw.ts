/**
 * Registers the service worker with workbox-window. A new version is not activated behind the
 * user's back: `onUpdateReady` lets the UI offer "Update" when it is safe.
 */
import { Workbox } from 'workbox-window';

export function registerServiceWorker(onUpdateReady?: (applyUpdate: () => void) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    onUpdateReady?.(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  void workbox.register();
}
