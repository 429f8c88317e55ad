/**
 * Offers a new version of the app. Updating reloads the page, so it waits while the user has a
 * form with unsaved input (a draft) on this device: nothing typed is lost to an update.
 */
import { useState } from 'react';
import { hasDrafts } from '../../app/session';
import { updateReady$ } from '../../pwa/register-sw';
import { useObservable } from '../../ui/useObservable';

export function UpdateBanner({ userId }: { userId: string | null }) {
  const applyUpdate = useObservable(updateReady$);
  const [blocked, setBlocked] = useState(false);
  if (!applyUpdate) return null;
  const update = () => {
    if (userId && hasDrafts(userId)) {
      setBlocked(true);
      return;
    }
    applyUpdate();
  };
  return (
    <section className="notice update-banner" aria-labelledby="update-heading" role="region">
      <h2 id="update-heading" className="notice-title">
        A new version of Fieldbook is ready
      </h2>
      {blocked && (
        <p role="alert">
          You have an entry that is not saved yet. Save or discard it first, then update — the update waits.
        </p>
      )}
      <button type="button" className="primary" onClick={update}>
        Update
      </button>
    </section>
  );
}
