/**
 * The reminders card and switch (PN-2, PN-5). Undecided: a card that asks — permission is
 * requested only when the user taps "Turn on reminders". Decided: one quiet line that says whether
 * this device gets reminders, with the switch. "Turn off" switches them off for the person (every
 * device) and drops this device's subscription.
 */
import { useEffect, useState } from 'react';
import type { PushSubscriptionBody } from '../../shared/push';
import { ApiError } from '../../sync/api-client';
import { currentSubscription, subscribeDevice } from './push-device';
import {
  deleteSubscription,
  preferences,
  publicKey,
  saveSubscription,
  setPreferences,
} from './reminders-api';

type State = { kind: 'loading' } | { kind: 'ask' } | { kind: 'on' } | { kind: 'off' } | { kind: 'hidden' };

/**
 * At sign-out (PN-2): the server forgets this device's subscription while the token still works,
 * and the browser drops it, so the next person on the device gets none of the last one's
 * reminders. Here, not in a module of its own, so the reminders are one file to fetch.
 */
export async function forgetPushSubscription(token: string): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  // Offline, the server keeps it until the push service reports it gone (PN-4).
  await deleteSubscription(token, subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe();
}

const dismissedKey = (userId: string) => `fieldbook.reminders-dismissed.${userId}`;

export const REMINDERS_HEADING = 'Get reminders';
export const REMINDERS_NEED_CONNECTION =
  'Reminders need a connection. Connect to the internet, then try again.';
/** subscribe() refused: no push service (a private window, a browser without one) or it failed. */
export const REMINDERS_BROWSER_FAILED =
  'This browser could not sign up for notifications. Try again later, or in another browser.';

function failureMessage(error: unknown): string {
  if (error instanceof ApiError) return error.code === 'network' ? REMINDERS_NEED_CONNECTION : error.message;
  return REMINDERS_BROWSER_FAILED;
}

export default function RemindersControl({ token, userId }: { token: string; userId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const subscription = await currentSubscription().catch(() => null);
      let next: State;
      if (Notification.permission === 'default') {
        // After "Not now", only the quiet line: the way back stays, the card does not come back.
        next = localStorage.getItem(dismissedKey(userId)) === '1' ? { kind: 'off' } : { kind: 'ask' };
      } else if (!subscription) {
        next = { kind: 'off' };
      } else {
        // Switched off on another device: this one is subscribed but gets nothing.
        const on = await preferences(token).then(
          (p) => p.reminders,
          () => true,
        );
        next = { kind: on ? 'on' : 'off' };
      }
      if (live) setState(next);
    })();
    return () => {
      live = false;
    };
  }, [token, userId]);

  const act = async (work: () => Promise<State>) => {
    setBusy(true);
    setError(null);
    try {
      setState(await work());
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const turnOn = () =>
    act(async () => {
      // Asked here, on the user's tap: browsers ignore or block requests made without one.
      if ((await Notification.requestPermission()) !== 'granted') return { kind: 'hidden' };
      const subscription = await subscribeDevice(await publicKey(token));
      await saveSubscription(token, subscription.toJSON() as PushSubscriptionBody);
      await setPreferences(token, true);
      return { kind: 'on' };
    });

  const turnOff = () =>
    act(async () => {
      await setPreferences(token, false);
      const subscription = await currentSubscription();
      if (subscription) {
        await deleteSubscription(token, subscription.endpoint);
        await subscription.unsubscribe();
      }
      return { kind: 'off' };
    });

  const notNow = () => {
    localStorage.setItem(dismissedKey(userId), '1');
    setState({ kind: 'off' });
  };

  const failure = error && (
    <p role="alert" className="form-error">
      {error}
    </p>
  );

  if (state.kind === 'ask') {
    return (
      <section className="notice reminders" aria-labelledby="reminders-heading">
        <h2 id="reminders-heading" className="notice-title">
          {REMINDERS_HEADING}
        </h2>
        <p>
          A notification on this device when something waits for you: a month to sign or correct, a report to
          endorse or due soon.
        </p>
        {failure}
        <div className="button-row">
          <button type="button" className="primary" disabled={busy} onClick={() => void turnOn()}>
            Turn on reminders
          </button>
          <button type="button" disabled={busy} onClick={notNow}>
            Not now
          </button>
        </div>
      </section>
    );
  }
  if (state.kind === 'on' || state.kind === 'off') {
    const on = state.kind === 'on';
    return (
      <div className="reminders-line">
        <span>{on ? 'Reminders are on for this device.' : 'Reminders are off.'}</span>{' '}
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => void (on ? turnOff() : turnOn())}
        >
          {on ? 'Turn off reminders' : 'Turn on reminders'}
        </button>
        {failure}
      </div>
    );
  }
  return null;
}
