/**
 * The app's composition root: the session, the user's device database and its sync, handed to
 * screens through `useFieldbook()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { openUserDatabase, removeUserDatabase, type DeviceDatabase } from '../db/database';
import { ApiClient } from '../sync/api-client';
import { startSync, type SyncController, type SyncState } from '../sync/replication';
import { clearDrafts, clearSession, loadSession, saveSession, type Session } from './session';

export interface Fieldbook {
  session: Session | null;
  /** Null while the database opens. */
  device: DeviceDatabase | null;
  syncState: SyncState | null;
  signIn(email: string, password: string): Promise<void>;
  /** Deletes this user's local database; the caller has confirmed when changes are unsynced. */
  signOut(): Promise<void>;
  syncNow(): void;
}

const FieldbookContext = createContext<Fieldbook | null>(null);

export function useFieldbook(): Fieldbook {
  const value = useContext(FieldbookContext);
  if (!value) throw new Error('useFieldbook is used outside <FieldbookProvider>');
  return value;
}

export function apiBaseUrl(): string {
  return import.meta.env.VITE_API_URL ?? window.location.origin;
}

export function FieldbookProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [device, setDevice] = useState<DeviceDatabase | null>(null);
  const [sync, setSync] = useState<SyncController | null>(null);
  const [syncState, setSyncState] = useState<SyncState | null>(null);
  const userId = session?.user.id;
  const token = session?.token;

  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    let opened: DeviceDatabase | null = null;
    void openUserDatabase(userId, { devMode: import.meta.env.DEV }).then((db) => {
      if (cancelled) return;
      opened = db;
      setDevice(db);
    });
    return () => {
      cancelled = true;
      setDevice(null);
      void opened?.db.close();
    };
  }, [userId]);

  useEffect(() => {
    if (!device || !token) return;
    const controller = startSync(device, { baseUrl: apiBaseUrl(), token });
    setSync(controller);
    const subscription = controller.state$.subscribe(setSyncState);
    return () => {
      subscription.unsubscribe();
      setSync(null);
      setSyncState(null);
      void controller.stop();
    };
  }, [device, token]);

  const signIn = useCallback(async (email: string, password: string) => {
    const response = await new ApiClient({ baseUrl: apiBaseUrl() }).login(email.trim(), password);
    saveSession(response);
    setSession(response);
  }, []);

  const signOut = useCallback(async () => {
    if (!session) return;
    await sync?.stop();
    // Revoke the token when we can; offline, it simply expires.
    await new ApiClient({ baseUrl: apiBaseUrl(), token: session.token }).logout().catch(() => undefined);
    if (device) await removeUserDatabase(device);
    clearDrafts(session.user.id);
    clearSession();
    setSession(null);
  }, [session, sync, device]);

  const syncNow = useCallback(() => sync?.syncNow(), [sync]);

  const value = useMemo<Fieldbook>(
    () => ({ session, device, syncState, signIn, signOut, syncNow }),
    [session, device, syncState, signIn, signOut, syncNow],
  );
  return <FieldbookContext.Provider value={value}>{children}</FieldbookContext.Provider>;
}
