/**
 * The signed-in session where the service worker can read it (it has no localStorage): one
 * record in a small IndexedDB database, written by the page on sign-in and removed on sign-out.
 */
import type { LoginResponse } from '../shared/sync/protocol';

const DB_NAME = 'fieldbook-device';
const STORE = 'kv';
const SESSION_KEY = 'session';

export interface DeviceSession {
  session: LoginResponse;
  baseUrl: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = run(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export function saveDeviceSession(value: DeviceSession): Promise<unknown> {
  return withStore('readwrite', (store) => store.put(value, SESSION_KEY));
}

export function loadDeviceSession(): Promise<DeviceSession | undefined> {
  return withStore('readonly', (store) => store.get(SESSION_KEY) as IDBRequest<DeviceSession | undefined>);
}

export function clearDeviceSession(): Promise<unknown> {
  return withStore('readwrite', (store) => store.delete(SESSION_KEY));
}
