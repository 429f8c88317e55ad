/**
 * Invites the user to install the app: a button where the browser offers installation, and on an
 * iPhone the "Add to Home Screen" steps, because iOS deletes the data of a website that is not on
 * the home screen after seven days without use — unsynced entries included.
 */
import { useState } from 'react';
import { installPrompt$, needsIosHomeScreenHint } from '../../pwa/install';
import { useObservable } from '../../ui/useObservable';
import { slots, withParts } from '../../ui/sentence-parts';
import { useI18n } from './catalog';

const DISMISSED_KEY = 'fieldbook.install-dismissed';

// The offer comes on phones and desktops alike: its words, in every language, must fit both.
export function InstallPrompt() {
  const i18n = useI18n();
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
        {i18n._('pwa.install.heading')}
      </h2>
      {prompt ? (
        <p>{i18n._('pwa.install.prompted')}</p>
      ) : (
        <p>
          {withParts(i18n._('pwa.install.ios', slots('addToHomeScreen')), {
            // The name of Safari's menu item, as the iPhone shows it in this language.
            addToHomeScreen: <strong>{i18n._('pwa.install.addToHomeScreen')}</strong>,
          })}
        </p>
      )}
      <div className="button-row">
        {prompt && (
          <button type="button" className="primary" onClick={() => void install()}>
            {i18n._('pwa.install.install')}
          </button>
        )}
        <button type="button" onClick={dismiss}>
          {i18n._('pwa.install.notNow')}
        </button>
      </div>
    </section>
  );
}
