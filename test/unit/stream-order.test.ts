/**
 * Live stream events reach RxDB in the order the server sent them: a resync that arrives while a
 * change is still being recorded on the device waits for it (otherwise the older change would
 * land after the newer versions the resync pulls).
 */
import { Subject, toArray, take, firstValueFrom } from 'rxjs';
import { afterEach, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/shared/sync/protocol';
import { streamFor } from '../../src/sync/replication';
import { openTestDevice, type TestDevice } from '../helpers/devices';

let phone: TestDevice;
afterEach(async () => {
  await phone?.close();
});

it('keeps a change ahead of the resync that followed it', async () => {
  phone = await openTestDevice('user-expert1', 'http://unused.test');
  const events$ = new Subject<StreamEvent>();
  const received = firstValueFrom(streamFor(phone.device, 'logs', events$).pipe(take(3), toArray()));
  const log = {
    id: 'log-1',
    assignmentId: 'asg-1',
    date: '2026-11-02',
    hours: 6,
    workMode: 'on_site' as const,
    location: 'Garowe',
    activities: 'Pump repair',
    ktActivities: [],
    notes: '',
    _deleted: false,
  };
  events$.next({ type: 'change', collection: 'logs', documents: [log], checkpoint: { seq: 7 } });
  events$.next({ type: 'resync' });
  events$.next({ type: 'change', collection: 'timesheets', documents: [], checkpoint: { seq: 8 } });
  events$.next({ type: 'change', collection: 'logs', documents: [], checkpoint: { seq: 9 } });

  expect(await received).toEqual([
    { documents: [log], checkpoint: { seq: 7 } },
    'RESYNC',
    { documents: [], checkpoint: { seq: 9 } },
  ]);
  // Recorded as the server's version on the way.
  expect(await phone.device.db.sync_marks.findOne('logs:log-1').exec()).not.toBeNull();
});
