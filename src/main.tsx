import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FieldbookProvider, startOpeningDevice } from './session/FieldbookProvider';
import { loadSession } from './session/session';
import { registerServiceWorker } from './pwa/register-sw';
import { captureInstallPrompt } from './pwa/install';

captureInstallPrompt();
const storedSession = loadSession();
if (storedSession) startOpeningDevice(storedSession.user.id);

/** At sign-out the server forgets this device's push subscription (PN-2); loaded only then. */
const forgetPushSubscription = async (token: string) =>
  (await import('./features/reminders/RemindersControl')).forgetPushSubscription(token);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldbookProvider beforeSignOut={forgetPushSubscription}>
      <App />
    </FieldbookProvider>
  </StrictMode>,
);

registerServiceWorker();
