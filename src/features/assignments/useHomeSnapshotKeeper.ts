/**
 * Keeps the home's snapshot (home-snapshot.ts) in step with the device database on every screen:
 * an assignment the user loses while on another screen must not show on the next visit's home,
 * nor one they were given be missing from it.
 */
import { useEffect } from 'react';
import type { DeviceDatabase } from '../../db/database';
import { assignments$ } from '../../db/logs';
import type { PublicUser } from '../../shared/users';
import { homeCardsOf, writeHomeSnapshot } from './home-snapshot';

export function useHomeSnapshotKeeper(device: DeviceDatabase | null, user: PublicUser | undefined): void {
  useEffect(() => {
    if (!device || !user) return;
    const subscription = assignments$(device).subscribe((all) =>
      writeHomeSnapshot(user.id, homeCardsOf(all, user)),
    );
    return () => subscription.unsubscribe();
  }, [device, user]);
}
