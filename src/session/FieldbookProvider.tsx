/**
 * The device context: the session, the user's device database and its sync, handed to screens
 * through `useFieldbook()`. Part of the session layer (src/session): it imports no feature, so
 * what a feature must do at sign-out comes in as a prop from the root (main.tsx).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { DeviceDatabase } from '../db/database';
import { clearDeviceSession, saveDeviceSession } from '../db/device-session';
import { ApiClient } from '../sync/api-client';
import { reconcileLanguage } from './language';
import type { SyncController, SyncState } from '../sync/replication';
import { ensurePersistentStorage, type Persistence } from '../pwa/persistent-storage';
import {
  clearDrafts,
  clearSession,
  clearUserCaches,
  loadLastSync,
  saveLastSync,
  loadSession,
  saveSession,
  type Session,
} from './session';

export interface Fieldbook {
  session: Session | null;
  /** Null while the database opens. */
  device: DeviceDatabase | null;
  syncState: SyncState | null;
  signIn(email: string, password: string): Promise<void>;
  /** Starts the session the server handed out another way (an accepted invitation). */
  adoptSession(session: Session): void;
  /** Deletes this user's local database; the caller has confirmed when changes are unsynced. */
  signOut(): Promise<void>;
  syncNow(): void;
  /** Whether the browser promised to keep this site's data; null until the first entry. */
  storagePersistence?: Persistence | null;
}

const FieldbookContext = createContext<Fieldbook | null>(null);

export function useFieldbook(): Fieldbook {
  const value = useContext(FieldbookContext);
  if (!value) throw new Error('useFieldbook is used outside <FieldbookProvider>');
  return value;
}

/**
 * One open database per user for the page's lifetime. Opening twice (React's development
 * double-run of effects) would make the second open close the first under the screens' feet.
 */
const openDatabases = new Map<string, Promise<DeviceDatabase>>();

function deviceDatabaseOf(userId: string): Promise<DeviceDatabase> {
  let opening = openDatabases.get(userId);
  if (!opening) {
    // RxDB and replication load after sign-in: the sign-in screen of a first visit stays light.
    opening = import('../db/database').then(({ openUserDatabase }) =>
      openUserDatabase(userId, { devMode: import.meta.env.DEV }),
    );
    openDatabases.set(userId, opening);
  }
  return opening;
}

/**
 * A repeat visit with a stored session starts opening the device database and fetching the sync
 * code before React's first render, not after it: on a slow phone the first render alone takes
 * about as long as the database's open (test/bench/offline-repeat-visit.ts traces it).
 */
export function startOpeningDevice(userId: string): void {
  // A failure is the provider's to show; this early start only saves it the wait.
  deviceDatabaseOf(userId).catch(() => undefined);
  import('../sync/replication').catch(() => undefined);
}

export function apiBaseUrl(): string {
  return import.meta.env.VITE_API_URL ?? window.location.origin;
}

export function FieldbookProvider({
  children,
  beforeSignOut,
}: {
  children: ReactNode;
  /** Runs at sign-out while the token still works (the reminders' PN-2); its failure is ignored. */
  beforeSignOut?: (token: string) => Promise<void>;
}) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [device, setDevice] = useState<DeviceDatabase | null>(null);
  const [sync, setSync] = useState<SyncController | null>(null);
  const [syncState, setSyncState] = useState<SyncState | null>(null);
  const [storagePersistence, setStoragePersistence] = useState<Persistence | null>(null);
  const persistenceAsked = useRef(false);
  const userId = session?.user.id;
  const token = session?.token;
  const role = session?.user.role;

  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    void deviceDatabaseOf(userId).then((db) => {
      if (!cancelled) setDevice(db);
    });
    return () => {
      cancelled = true;
      setDevice(null);
    };
  }, [userId]);

  useEffect(() => {
    if (!device || !token || !role) return;
    let stopped = false;
    let controller: SyncController | null = null;
    let subscription: { unsubscribe(): void } | null = null;
    void import('../sync/replication').then(({ startSync }) => {
      if (stopped) return;
      controller = startSync(device, {
        baseUrl: apiBaseUrl(),
        token,
        role,
        lastSyncedBefore: loadLastSync(device.userId),
      });
      setSync(controller);
      let lastSync: string | null = null;
      subscription = controller.state$.subscribe((state) => {
        setSyncState(state);
        if (state.lastSyncAt && state.lastSyncAt !== lastSync) {
          lastSync = state.lastSyncAt;
          saveLastSync(device.userId, lastSync);
        }
        // Asked when the first entry is saved, when the user has something to lose. Read from the
        // state's stream: a change synced within milliseconds never reaches a render.
        if (state.pendingCount > 0 && !persistenceAsked.current) {
          persistenceAsked.current = true;
          void ensurePersistentStorage().then(setStoragePersistence, () =>
            setStoragePersistence('unsupported'),
          );
        }
      });
    });
    return () => {
      stopped = true;
      subscription?.unsubscribe();
      setSync(null);
      setSyncState(null);
      void controller?.stop();
    };
  }, [device, token, role]);

  // The service worker's background sync needs the session, and it cannot read localStorage.
  useEffect(() => {
    if (session) void saveDeviceSession({ session, baseUrl: apiBaseUrl() }).catch(() => undefined);
  }, [session]);

  const adoptSession = useCallback((response: Session) => {
    saveSession(response);
    setSession(response);
  }, []);

  // The account's language and the device's, once per session (src/session/language.ts).
  useEffect(() => {
    if (!session) return;
    void reconcileLanguage({ baseUrl: apiBaseUrl(), token: session.token, user: session.user }).then(
      (user) => user && adoptSession({ ...session, user }),
    );
    // Once per token: adopting the updated user must not run it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      adoptSession(await new ApiClient({ baseUrl: apiBaseUrl() }).login(email.trim(), password));
    },
    [adoptSession],
  );

  const signOut = useCallback(async () => {
    if (!session) return;
    await sync?.stop();
    // While the token still works: the server forgets this device's push subscription (PN-2).
    await beforeSignOut?.(session.token).catch(() => undefined);
    // Revoke the token when we can; offline, it simply expires.
    await new ApiClient({ baseUrl: apiBaseUrl(), token: session.token }).logout().catch(() => undefined);
    if (device) await (await import('../db/database')).removeUserDatabase(device);
    openDatabases.delete(session.user.id);
    clearDrafts(session.user.id);
    clearUserCaches(session.user.id);
    await clearDeviceSession().catch(() => undefined);
    clearSession();
    setSession(null);
  }, [session, sync, device, beforeSignOut]);

  const syncNow = useCallback(() => sync?.syncNow(), [sync]);

  const value = useMemo<Fieldbook>(
    () => ({ session, device, syncState, signIn, adoptSession, signOut, syncNow, storagePersistence }),
    [session, device, syncState, signIn, adoptSession, signOut, syncNow, storagePersistence],
  );
  return <FieldbookContext.Provider value={value}>{children}</FieldbookContext.Provider>;
}
