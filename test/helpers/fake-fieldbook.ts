/**
 * The app's Fieldbook context for screen tests, which mock FieldbookProvider's useFieldbook with
 * it: `user` signed in (or nobody) on `device`, every action a spy.
 */
import { vi } from 'vitest';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import type { DeviceDatabase } from '../../src/db/database';
import type { PublicUser } from '../../src/shared/users';

export function fakeFieldbook(
  user: PublicUser | null,
  device: DeviceDatabase | null,
  token = 'token-1',
): Fieldbook {
  return {
    session: user && { token, user, expiresAt: '2099-01-01T00:00:00.000Z' },
    device,
    syncState: null,
    signIn: vi.fn(),
    adoptSession: vi.fn(),
    signOut: vi.fn(),
    syncNow: vi.fn(),
  };
}
