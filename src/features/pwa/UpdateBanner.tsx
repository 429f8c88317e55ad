/**
 * Offers a new version of the app. Updating reloads the page, so it waits while a form with
 * unsaved input is open: nothing typed is lost to an update.
 */
import { useState } from 'react';
import { hasUnsavedForm } from '../../app/unsaved-forms';
import { updateReady$ } from '../../pwa/register-sw';
import { useObservable } from '../../ui/useObservable';

export function UpdateBanner() {
  const applyUpdate = useObservable(updateReady$);
  const [blocked, setBlocked] = useState(false);
  if (!applyUpdate) return null;
  const update = () => {
    if (hasUnsavedForm()) {
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
