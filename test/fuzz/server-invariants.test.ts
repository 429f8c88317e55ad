/**
 * The fuzz's server checks (server-invariants.ts) catch what they are there for: each test writes
 * a broken state straight into storage, past the push rules, and expects the check to fail.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionName, DailyLog, Timesheet } from '../../src/shared/schemas';
import { FuzzServer, removeTemplate } from './fuzz-server';
import { ServerObserver } from './server-invariants';

let server: FuzzServer;
let runs = 0;

beforeEach(async () => {
  runs += 1;
  server = await FuzzServer.start(`${process.pid}-invariants-${runs}`);
});
afterEach(() => server.close());
afterAll(() => removeTemplate());

async function stored<T>(collection: CollectionName, id: string): Promise<T> {
  return (await server.storage.getDocument(collection, id))!.data as T;
}

async function writeBehindTheRules<T extends { id: string; assignmentId: string }>(
  collection: CollectionName,
  data: T,
) {
  await server.storage.transaction((tx) =>
    tx.writeDocument({
      collection,
      id: data.id,
      assignmentId: data.assignmentId,
      data: data as never,
      deleted: false,
    }),
  );
}

const check = () => new ServerObserver().check(server.storage, server.now());

describe('the fuzz server checks', () => {
  it('accept the demo data', async () => {
    await expect(check()).resolves.toBeUndefined();
  });

  it('TS-6: catch a changed day of a submitted month', async () => {
    const log = await stored<DailyLog>('logs', 'log-submitted-expert1-1');
    await writeBehindTheRules('logs', { ...log, hours: log.hours - 1 });
    await expect(check()).rejects.toThrow(/changed since submission/);
  });

  it('SP-6: catch a day of more than 24 hours across two logs', async () => {
    const log = await stored<DailyLog>('logs', 'log-expert1-1');
    await writeBehindTheRules('logs', { ...log, id: 'log-extra', hours: 24 - log.hours + 0.25 });
    await expect(check()).rejects.toThrow(/at most 24 hours/);
  });

  it('TS-5: catch a history entry rewritten after it was seen', async () => {
    const observer = new ServerObserver();
    await observer.check(server.storage, server.now());
    const id = 'asg-expert1:2026-04';
    const timesheet = await stored<Timesheet>('timesheets', id);
    const history = timesheet.history!.map((entry, i) =>
      i === 0 ? { ...entry, byName: 'Someone Else' } : entry,
    );
    await writeBehindTheRules('timesheets', { ...timesheet, history });
    await expect(observer.check(server.storage, server.now())).rejects.toThrow(/rewritten/);
  });

  it('TS-2: catch a status no legal transition leads to', async () => {
    const timesheet = await stored<Timesheet>('timesheets', 'asg-expert1:2026-05');
    await writeBehindTheRules('timesheets', { ...timesheet, status: 'approved' });
    await expect(check()).rejects.toThrow(/history ends at submitted/);
  });
});
