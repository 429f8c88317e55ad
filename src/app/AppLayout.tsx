/**
 * The frame of every signed-in screen: header with Settings and sign-out (and a supervisor's "To sign"
 * inbox with its count, an officer's "People", "Institutions" and "Dashboard"), the sync status bar, and the
 * sign-in-again banner when the server stopped accepting the session. Sends visitors without a
 * session to /login and waits for the device database before rendering a screen (the home excepted).
 */
import { useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { refusals$ } from '../db/refusals';
import { inboxCount$ } from '../db/inbox';
import {
  HOME_PATH,
  SIGN_IN_PATH,
  DASHBOARD_PATH,
  PEOPLE_PATH,
  INSTITUTIONS_PATH,
  SETTINGS_PATH,
  TO_SIGN_PATH,
} from '../shared/paths';
import { Reminders } from '../features/reminders/Reminders';
import { ReauthBanner } from '../features/device-status/ReauthBanner';
import { SignOutButton } from '../features/auth/SignOutButton';
import { SyncStatusBar } from '../features/device-status/SyncStatusBar';
import { UpdateBanner } from '../features/pwa/UpdateBanner';
import { Loading } from '../ui/Loading';
import { formatNumber } from '../ui/format';
import { useI18n } from '../i18n/catalog';
import { useObservable } from '../ui/useObservable';
import { useFieldbook } from '../session/FieldbookProvider';
import { draftCount } from '../session/session';
import { useHomeSnapshotKeeper } from '../features/assignments/useHomeSnapshotKeeper';

/**
 * The home shows last visit's list while the device database opens (home-snapshot.ts); every other
 * screen waits for the database.
 */
const opensWithoutDevice = (path: string) => path === HOME_PATH;

export function AppLayout() {
  const { session, device, syncState, signIn, signOut, syncNow } = useFieldbook();
  const i18n = useI18n();
  const location = useLocation();
  const refusalSource = useMemo(() => (device ? refusals$(device) : null), [device]);
  const refusals = useObservable(refusalSource);
  const isSupervisor = session?.user.role === 'supervisor';
  const inboxSource = useMemo(
    () => (device && isSupervisor ? inboxCount$(device) : null),
    [device, isSupervisor],
  );
  // Timesheets to sign and reports to endorse: everything in the inbox at /to-sign.
  const inboxCount = useObservable(inboxSource);
  // This frame unmounts as soon as it has no session, so one it opened with can only have gone
  // by a sign-out. The page left then was the previous person's: the next sign-in starts at home
  // (SignInPage); only a visitor who came without a session keeps their link.
  const [openedSignedIn] = useState(session !== null);
  useHomeSnapshotKeeper(device, session?.user);

  if (!session) {
    return <Navigate to={SIGN_IN_PATH} replace state={openedSignedIn ? null : { from: location.pathname }} />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {i18n._('core.layout.skipLink')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {i18n._('core.layout.brand')}
        </Link>
        {isSupervisor && (
          <Link to={TO_SIGN_PATH} className="header-link">
            {inboxCount === undefined
              ? i18n._('core.layout.toSign')
              : i18n._('core.layout.toSignCount', { count: formatNumber(inboxCount) })}
          </Link>
        )}
        {session.user.role === 'officer' && (
          <>
            <Link to={PEOPLE_PATH} className="header-link">
              {i18n._('core.layout.people')}
            </Link>
            <Link to={INSTITUTIONS_PATH} className="header-link">
              {i18n._('core.layout.institutions')}
            </Link>
            <Link to={DASHBOARD_PATH} className="header-link">
              {i18n._('core.layout.dashboard')}
            </Link>
          </>
        )}
        <Link to={SETTINGS_PATH} className="header-link">
          {i18n._('core.layout.settings')}
        </Link>
        <span className="user-name" dir="auto">
          {session.user.name}
        </span>
        <SignOutButton
          pendingCount={syncState ? syncState.pendingCount : null}
          refusalCount={refusals?.length ?? 0}
          countDrafts={() => draftCount(session.user.id)}
          onSignOut={signOut}
        />
      </header>
      <SyncStatusBar syncState={syncState} onSyncNow={syncNow} />
      <UpdateBanner />
      <Reminders
        token={session.token}
        userId={session.user.id}
        synced={Boolean(syncState?.lastSyncAt ?? syncState?.lastSyncedBefore)}
        atHome={location.pathname === HOME_PATH}
      />
      {syncState?.authRequired && <ReauthBanner email={session.user.email} onSignIn={signIn} />}
      <main id="main" className="page" tabIndex={-1}>
        {device || opensWithoutDevice(location.pathname) ? (
          <Outlet />
        ) : (
          <Loading label={i18n._('core.layout.opening')} />
        )}
      </main>
    </>
  );
}
