import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FieldbookProvider, startOpeningDevice } from './app/FieldbookProvider';
import { loadSession } from './app/session';
import { registerServiceWorker } from './pwa/register-sw';
import { captureInstallPrompt } from './pwa/install';

captureInstallPrompt();
const storedSession = loadSession();
if (storedSession) startOpeningDevice(storedSession.user.id);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldbookProvider>
      <App />
    </FieldbookProvider>
  </StrictMode>,
);

registerServiceWorker();
