/**
 * The browser's install offer (`beforeinstallprompt`, Chromium) kept from page start, because it
 * fires once and often before React has mounted anything.
 */
import { BehaviorSubject } from 'rxjs';

export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const installPrompt$ = new BehaviorSubject<InstallPromptEvent | null>(null);

export function captureInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    installPrompt$.next(event as InstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => installPrompt$.next(null));
}

/** iOS Safari outside the home screen: it deletes a site's data after 7 days without use. */
export function needsIosHomeScreenHint(userAgent = navigator.userAgent): boolean {
  const ios = /iphone|ipad|ipod/i.test(userAgent);
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return ios && !standalone;
}
