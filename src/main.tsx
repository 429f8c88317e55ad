import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FieldbookProvider, startOpeningDevice } from './session/FieldbookProvider';
import { loadSession } from './session/session';
import { registerServiceWorker } from './pwa/register-sw';
import { captureInstallPrompt } from './pwa/install';
import { activeLanguage, catalogsReady, keepLanguageOffline } from './i18n/i18n';

captureInstallPrompt();
const storedSession = loadSession();
if (storedSession) startOpeningDevice(storedSession.user.id);

/** At sign-out the server forgets this device's push subscription (PN-2); loaded only then. */
const forgetPushSubscription = async (token: string) =>
  (await import('./features/reminders/RemindersControl')).forgetPushSubscription(token);

// In a language other than English, the first screen waits for its messages (one small file
// each, from the service worker's cache after the first visit) rather than flash English. Not a
// top-level await: that splits the first download into dozens of files.
void catalogsReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <FieldbookProvider beforeSignOut={forgetPushSubscription}>
        <App />
      </FieldbookProvider>
    </StrictMode>,
  ),
);

registerServiceWorker();

/** After the first sync has had the link to itself: every screen's messages in this language. */
const KEEP_LANGUAGE_DELAY_MS = 15_000;
setTimeout(() => void keepLanguageOffline(activeLanguage()), KEEP_LANGUAGE_DELAY_MS);
