/**
 * Where push reminders are offered (docs/reminders.md PN-2): on the home screen only, once the
 * device has synced, in a browser that can receive pushes — never on first load. The control
 * itself loads only then, so the first visit carries none of it.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { pushSupported } from './push-device';

const RemindersControl = lazy(() => import('./RemindersControl'));

export interface RemindersProps {
  token: string;
  userId: string;
  /** The device has synced at least once, now or in an earlier session. */
  synced: boolean;
  atHome: boolean;
}

/**
 * How long after the first sync the offer comes: its file is fetched then, not among the first
 * sync's requests (each costs most of a second on EDGE).
 */
export const REMINDERS_OFFER_DELAY_MS = 3_000;

export function Reminders(props: RemindersProps) {
  const eligible = props.atHome && props.synced && pushSupported() && Notification.permission !== 'denied';
  const [due, setDue] = useState(false);
  useEffect(() => {
    if (!eligible || due) return;
    const timer = setTimeout(() => setDue(true), REMINDERS_OFFER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [eligible, due]);
  if (!eligible || !due) return null;
  return (
    <Suspense fallback={null}>
      <RemindersControl token={props.token} userId={props.userId} />
    </Suspense>
  );
}
