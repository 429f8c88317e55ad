/**
 * Simulated devices for Node tests: the real device database (RxDB on Dexie) over an in-memory
 * IndexedDB of its own, so two "phones" in one process share nothing but the server.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach } from 'vitest';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { startSync, type SyncController } from '../../src/sync/replication';
import type { Role } from '../../src/shared/users';
import { login, startTestServer, type TestServer } from './test-server';

export interface TestDevice {
  device: DeviceDatabase;
  sync: SyncController | null;
  startSync(token: string): SyncController;
  close(): Promise<void>;
}

let counter = 0;

export async function openTestDevice(
  userId: string,
  baseUrl: string,
  role: Role = 'expert',
): Promise<TestDevice> {
  counter += 1;
  const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
  const device = await openUserDatabase(userId, {
    storage: storage as never,
    devMode: true,
    // Unique across processes too: RxDB elects a leader per database name over a channel that
    // other test processes on the machine share, and a device would wait for another's leader.
    name: `device${process.pid}x${counter}`,
  });
  const testDevice: TestDevice = {
    device,
    sync: null,
    startSync(token: string) {
      testDevice.sync = startSync(device, { baseUrl, token, role, retryTimeMs: 300 });
      return testDevice.sync;
    },
    async close() {
      await testDevice.sync?.stop();
      await device.db.close();
    },
  };
  return testDevice;
}

export interface DevicesServer {
  /** This test's seeded server; set once beforeEach has run. */
  server: TestServer;
  /** A device of `userId` on this test's server, not syncing yet (as if offline); closed after the test. */
  open(userId: string, role: Role): Promise<TestDevice>;
  /** Starts the device's sync, signed in as `email`. */
  goOnline(device: TestDevice, email: string): Promise<void>;
}

/**
 * A fresh seeded server for each test of the file (beforeEach) and the devices a test opens on it,
 * all closed after the test (afterEach).
 */
export function useDevicesServer(): DevicesServer {
  const devices: TestDevice[] = [];
  const fixture: DevicesServer = {
    server: undefined as unknown as TestServer,
    async open(userId, role) {
      const device = await openTestDevice(userId, fixture.server.url, role);
      devices.push(device);
      return device;
    },
    async goOnline(device, email) {
      device.startSync(await login(fixture.server.url, email));
    },
  };
  beforeEach(async () => {
    fixture.server = await startTestServer();
  });
  afterEach(async () => {
    for (const device of devices.splice(0)) await device.close();
    await fixture.server.close();
  });
  return fixture;
}

/** Polls until `check` returns a truthy value (or stops throwing); fails with the last reason. */
export async function waitUntil<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 40_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
