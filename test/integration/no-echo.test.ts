/**
 * SP-13 on the wire, on SQLite and PostgreSQL: a device that names itself never gets back what it
 * pushed — not on its live stream, not in its pulls — and finds the server's stamps in the push
 * answer instead. Its user's other devices, and everyone else who may read the rows, still get
 * them (SP-7 unchanged). The device side is in no-echo-devices.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from 'rxjs';
import { addDays } from '../../src/shared/dates';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import {
  API_PATHS,
  type PushRow,
  type StreamEvent,
  type SyncCheckpoint,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { ApiClient } from '../../src/sync/api-client';
import { openLiveStream, type LiveStream } from '../../src/sync/stream';
import { deviceHeader, useApiServer, type DemoUser } from '../helpers/api-client';
import { waitUntil } from '../helpers/devices';
import { aLog } from '../helpers/builders';

type LogDoc = SyncDocument<'logs'>;

describe.each(['sqlite', 'postgres'] as const)('SP-13 no echo (%s)', (backend) => {
  // No past months: every day of the assignment is open for logging (TS-6).
  const api = useApiServer({ storage: backend, seedPastMonths: false });
  let assignment: Assignment;
  const streams: { stream: LiveStream; subscription: Subscription }[] = [];

  beforeAll(async () => {
    assignment = (await api.pull('expert1', 'assignments'))[0]!;
  });
  afterAll(() => {
    for (const { stream, subscription } of streams) {
      subscription.unsubscribe();
      stream.close();
    }
  });

  /** One pull page of logs; `device` undefined: a device from before SP-13. */
  const pull = (who: DemoUser, device: string | undefined, checkpoint: SyncCheckpoint | null) =>
    api.pullPage(who, 'logs', { checkpoint, limit: 500, device });

  /** Every log the device would pull after `checkpoint`, page by page. */
  async function pullLogsAfter(who: DemoUser, device: string | undefined, checkpoint: SyncCheckpoint | null) {
    const documents: LogDoc[] = [];
    let at = checkpoint;
    for (;;) {
      const page = await pull(who, device, at);
      if (page.documents.length === 0) return documents;
      documents.push(...page.documents);
      at = page.checkpoint;
    }
  }

  const push = (who: DemoUser, device: string, rows: PushRow[]) => api.push(who, 'logs', rows, { device });

  /** The app's own stream client, as a device with this id; collects the logs it is sent. */
  async function streamOf(who: DemoUser, device: string): Promise<{ logs: LogDoc[] }> {
    const client = new ApiClient({ baseUrl: api.server.url, token: api.tokens[who], deviceId: device });
    const stream = openLiveStream(client, () => undefined);
    const received: { logs: LogDoc[]; resync: boolean } = { logs: [], resync: false };
    const subscription = stream.events$.subscribe((event: StreamEvent) => {
      if (event.type === 'resync') received.resync = true;
      else if (event.collection === 'logs') received.logs.push(...(event.documents as LogDoc[]));
    });
    streams.push({ stream, subscription });
    await waitUntil(() => received.resync, `the stream of ${who}/${device} open`);
    return received;
  }

  let day = 0;
  function newLog(): LogDoc {
    day += 1;
    const date = addDays(assignment.startDate, day);
    const activities = 'Reviewed the tariff model with the utility.';
    return aLog({
      assignmentId: assignment.id,
      date,
      hours: 2,
      workMode: 'remote',
      activities,
      ktActivities: [],
    });
  }

  const ids = (docs: { id: string }[]) => docs.map((doc) => doc.id);

  it('SP-13 SP-7: the pushing device gets stamps in the answer and nothing back; its other device and the supervisor get the rows', async () => {
    const phone = await streamOf('expert1', 'phone-1');
    const tablet = await streamOf('expert1', 'tablet-1');
    const supervisor = await streamOf('supervisor1', 'desk-1');
    const otherSupervisor = await streamOf('supervisor2', 'desk-2');
    const before = (await pull('expert1', 'phone-1', null)).checkpoint;

    const logs = [newLog(), newLog(), newLog()];
    const answer = await push(
      'expert1',
      'phone-1',
      logs.map((log) => ({ newDocumentState: log })),
    );
    expect(answer.conflicts).toEqual([]);
    expect(answer.rejections).toEqual([]);
    expect(ids(answer.accepted ?? [])).toEqual(ids(logs));

    // The tablet's later log marks a point in the stream: everything before it has been sent.
    const later = newLog();
    await push('expert1', 'tablet-1', [{ newDocumentState: later }]);
    await waitUntil(() => ids(phone.logs).includes(later.id), "the tablet's log on the phone's stream");
    await waitUntil(
      () => ids(supervisor.logs).includes(later.id),
      "the tablet's log on the supervisor's stream",
    );
    expect(ids(phone.logs)).toEqual([later.id]);
    expect(ids(tablet.logs)).toEqual(ids(logs));
    expect(ids(supervisor.logs)).toEqual([...ids(logs), later.id]);
    expect(otherSupervisor.logs).toEqual([]);

    // Pulls: the same, and a device that does not name itself gets everything as before.
    expect(ids(await pullLogsAfter('expert1', 'phone-1', before))).toEqual([later.id]);
    const onTablet = await pullLogsAfter('expert1', 'tablet-1', before);
    expect(ids(onTablet)).toEqual(ids(logs));
    expect(ids(await pullLogsAfter('expert1', undefined, before))).toEqual([...ids(logs), later.id]);

    // The answer's stamps turn what the phone sent into the server's version exactly.
    for (const log of logs) {
      const stamps = answer.accepted!.find((row) => row.id === log.id)!;
      const stored = onTablet.find((doc) => doc.id === log.id)!;
      expect({ ...log, ...stamps.set }).toEqual(stored);
      expect(stamps.set).toMatchObject({ authorId: 'user-expert1', updatedAt: stored.updatedAt });
    }
  });

  it('SP-13: the stream checkpoint after a left-out row still lets the device pull everything else', async () => {
    const before = (await pull('expert1', 'phone-2', null)).checkpoint;
    const own = newLog();
    const other = newLog();
    await push('expert1', 'phone-2', [{ newDocumentState: own }]);
    await push('expert1', 'tablet-2', [{ newDocumentState: other }]);
    const page = await pull('expert1', 'phone-2', before);
    expect(ids(page.documents)).toEqual([other.id]);
    expect(await pull('expert1', 'phone-2', page.checkpoint)).toMatchObject({ documents: [] });
  });

  it("SP-13 SP-7: a device id hides only its own user's writes", async () => {
    const before = (await pull('supervisor1', 'shared-id', null)).checkpoint;
    const log = newLog();
    await push('expert1', 'shared-id', [{ newDocumentState: log }]);
    expect(ids(await pullLogsAfter('supervisor1', 'shared-id', before))).toEqual([log.id]);
    expect(await pullLogsAfter('expert1', 'shared-id', before)).toEqual([]);
  });

  it('SP-13 SP-4: a device whose answer was lost gets the stored version when it sends the row again', async () => {
    const log = newLog();
    const first = await push('expert1', 'phone-3', [{ newDocumentState: log }]);
    const retry = await push('expert1', 'phone-3', [{ newDocumentState: log }]);
    expect(retry.rejections).toEqual([]);
    expect(retry.conflicts).toEqual([{ ...log, ...first.accepted![0]!.set }]);
  });

  it('SP-13: an edit by another device reaches the device that created the row', async () => {
    const before = (await pull('expert1', 'phone-4', null)).checkpoint;
    const log = newLog();
    const created = await push('expert1', 'phone-4', [{ newDocumentState: log }]);
    const stored = { ...log, ...created.accepted![0]!.set } as DailyLog & { _deleted: boolean };
    const edited = { ...stored, notes: 'Edited on the tablet.' };
    const answer = await push('expert1', 'tablet-4', [
      { newDocumentState: edited, assumedRevision: revisionOf(stored) },
    ]);
    expect(answer.conflicts).toEqual([]);
    const onPhone = await pullLogsAfter('expert1', 'phone-4', before);
    expect(onPhone).toEqual([expect.objectContaining({ id: log.id, notes: 'Edited on the tablet.' })]);
  });

  it('SP-13: a device id that is not a short token is a 400', async () => {
    const response = await api.call('GET', API_PATHS.pull('logs'), {
      as: 'expert1',
      headers: deviceHeader('not a token!'),
    });
    expect(response.status).toBe(400);
  });
});
