/**
 * Offers a new version of the app. Updating reloads the page, so it waits while a form with
 * unsaved input is open: nothing typed is lost to an update. Once a new version took over in
 * another tab (or wrote the database), this tab reloads too — at once, or as soon as its form's
 * input is saved or discarded.
 */
import { useEffect, useState } from 'react';
import { hasUnsavedForm, onUnsavedFormsChange } from '../../session/unsaved-forms';
import { newerDatabaseVersion$ } from '../../db/newer-database-version';
import { updatedElsewhere$, updateReady$ } from '../../pwa/register-sw';
import { useObservable } from '../../ui/useObservable';
import { useI18n } from './catalog';

const RELOADED_FOR_NEWER_DATABASE_KEY = 'fieldbook:reloaded-for-newer-database';
const RELOAD_LOOP_WINDOW_MS = 5 * 60_000;

/** At most one automatic reload per tab in a few minutes for a newer database (sessionStorage). */
function mayReloadForNewerDatabase(now = Date.now()): boolean {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_FOR_NEWER_DATABASE_KEY) ?? 0);
    if (now - last < RELOAD_LOOP_WINDOW_MS) return false;
    sessionStorage.setItem(RELOADED_FOR_NEWER_DATABASE_KEY, String(now));
    return true;
  } catch {
    return false;
  }
}

export function UpdateBanner() {
  const i18n = useI18n();
  const applyUpdate = useObservable(updateReady$);
  const updatedElsewhere = useObservable(updatedElsewhere$) === true;
  const newerDatabase = useObservable(newerDatabaseVersion$) === true;
  const [blocked, setBlocked] = useState(false);
  const outdated = updatedElsewhere || newerDatabase;
  useEffect(() => {
    if (!outdated) return;
    // A database newer than the code the server hands out (a version taken back) would reload
    // the tab over and over: then it says so once and leaves the reload to the user.
    if (!updatedElsewhere && !mayReloadForNewerDatabase()) return;
    // Held, not forced, while a form has input: the user saves it (a draft survives a reload).
    const reloadUnlessUnsaved = () => {
      if (!hasUnsavedForm()) window.location.reload();
    };
    reloadUnlessUnsaved();
    return onUnsavedFormsChange(reloadUnlessUnsaved);
  }, [outdated, updatedElsewhere]);
  if (outdated) return <UpdatedElsewhere cannotSave={newerDatabase} />;
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
        {i18n._('pwa.update.heading')}
      </h2>
      {blocked && <p role="alert">{i18n._('pwa.update.blocked')}</p>}
      <button type="button" className="primary" onClick={update}>
        {i18n._('pwa.update.update')}
      </button>
    </section>
  );
}

/** This tab runs the older version and waits for its unsaved input before it reloads. */
function UpdatedElsewhere({ cannotSave }: { cannotSave: boolean }) {
  const i18n = useI18n();
  return (
    <section className="notice update-banner" aria-labelledby="updated-elsewhere-heading" role="region">
      <h2 id="updated-elsewhere-heading" className="notice-title">
        {i18n._('pwa.elsewhere.heading')}
      </h2>
      <p role={cannotSave ? 'alert' : undefined}>
        {cannotSave ? i18n._('pwa.elsewhere.cannotSave') : i18n._('pwa.elsewhere.waiting')}
      </p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {i18n._('pwa.elsewhere.reload')}
      </button>
    </section>
  );
}
