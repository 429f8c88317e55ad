/**
 * Invites the user to install the app: a button where the browser offers installation, and on an
 * iPhone the "Add to Home Screen" steps, because iOS deletes the data of a website that is not on
 * the home screen after seven days without use — unsynced entries included.
 */
import { useState } from 'react';
import { installPrompt$, needsIosHomeScreenHint } from '../../pwa/install';
import { useObservable } from '../../ui/useObservable';

const DISMISSED_KEY = 'fieldbook.install-dismissed';

// The offer comes on phones and desktops alike: the words must fit both.
export const INSTALL_HEADING = 'Install Fieldbook on this device';

export function InstallPrompt() {
  const prompt = useObservable(installPrompt$);
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  const iosHint = needsIosHomeScreenHint();
  if (dismissed || (!prompt && !iosHint)) return null;
  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, '1');
    setDismissed(true);
  };
  const install = async () => {
    if (!prompt) return;
    await prompt.prompt();
    await prompt.userChoice;
    installPrompt$.next(null);
  };
  return (
    <section className="notice install-prompt" aria-labelledby="install-heading">
      <h2 id="install-heading" className="notice-title">
        {INSTALL_HEADING}
      </h2>
      {prompt ? (
        <p>
          It then opens like any other app, from your home screen or app list, and works without a network.
        </p>
      ) : (
        <p>
          Tap the Share button, then <strong>Add to Home Screen</strong>. On an iPhone, a website that is not
          on the home screen loses its stored data after seven days without use — including entries not yet
          synced.
        </p>
      )}
      <div className="button-row">
        {prompt && (
          <button type="button" className="primary" onClick={() => void install()}>
            Install Fieldbook
          </button>
        )}
        <button type="button" onClick={dismiss}>
          Not now
        </button>
      </div>
    </section>
  );
}
