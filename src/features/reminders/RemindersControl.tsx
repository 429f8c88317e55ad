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
import { i18n, useI18n } from './catalog';

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

function failureMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.code === 'network' ? i18n._('reminders.error.needConnection') : error.message;
  }
  // subscribe() refused: no push service (a private window, a browser without one) or it failed.
  return i18n._('reminders.error.browserFailed');
}

export default function RemindersControl({ token, userId }: { token: string; userId: string }) {
  const i18n = useI18n();
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
          {i18n._('reminders.ask.heading')}
        </h2>
        <p>{i18n._('reminders.ask.text')}</p>
        {failure}
        <div className="button-row">
          <button type="button" className="primary" disabled={busy} onClick={() => void turnOn()}>
            {i18n._('reminders.turnOn')}
          </button>
          <button type="button" disabled={busy} onClick={notNow}>
            {i18n._('reminders.notNow')}
          </button>
        </div>
      </section>
    );
  }
  if (state.kind === 'on' || state.kind === 'off') {
    const on = state.kind === 'on';
    return (
      <div className="reminders-line">
        <span>{on ? i18n._('reminders.status.on') : i18n._('reminders.status.off')}</span>{' '}
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => void (on ? turnOff() : turnOn())}
        >
          {on ? i18n._('reminders.turnOff') : i18n._('reminders.turnOn')}
        </button>
        {failure}
      </div>
    );
  }
  return null;
}
