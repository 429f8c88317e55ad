import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FieldbookProvider } from './app/FieldbookProvider';
import { registerServiceWorker } from './pwa/register-sw';
import { captureInstallPrompt } from './pwa/install';

captureInstallPrompt();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldbookProvider>
      <App />
    </FieldbookProvider>
  </StrictMode>,
);

registerServiceWorker();
