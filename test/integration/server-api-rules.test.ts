/**
 * What the sync server refuses by rule (docs/sync-protocol.md SP-6, SP-7): logs on another
 * expert's assignment, days outside the assignment or over 24 hours, and rows of an assignment
 * whose dates are impossible. On SQLite, and on PostgreSQL in the integration-postgres project.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, latestIsoDateOnEarth } from '../../src/shared/dates';
import { BROKEN_ASSIGNMENT_REASON } from '../../src/shared/rules/assignment-rules';
import { newReport } from '../../src/shared/rules/report-rules';
import type { Assignment } from '../../src/shared/schemas';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { useApiServer, useExpert1Logs } from '../helpers/api-client';
import { englishOf } from '../helpers/english';

type LogDoc = SyncDocument<'logs'>;

describe('log rules', () => {
  // These tests write logs on the assignment's first days, which the demo's past timesheets would
  // lock (TS-6): test/integration/timesheets-*.test.ts cover those.
  const f = useApiServer({ streamHeartbeatMs: 100, seedPastMonths: false });
  const { assignment: asg1, newLog, created } = useExpert1Logs(f);

  it('SP-6 SP-7: a log pushed to another expert’s assignment is refused as forbidden and answered with a tombstone', async () => {
    const intruding = newLog({ assignmentId: 'asg-expert2', date: addDays(asg1().startDate, 6) });
    const result = await f.push('expert1', 'logs', [{ newDocumentState: intruding }]);
    expect(result.rejections).toMatchObject([
      { id: intruding.id, code: 'forbidden', message: expect.any(String) },
    ]);
    expect(result.conflicts).toEqual([{ ...intruding, _deleted: true }]);
    const officerSees = (await f.pull('officer', 'logs')).map((d) => d.id);
    expect(officerSees).not.toContain(intruding.id);
  });

  it('SP-6 SP-7: reusing the id of another expert’s log is refused without revealing that log', async () => {
    const theirs = newLog({
      assignmentId: 'asg-expert2',
      date: addDays(asg1().startDate, 7),
      notes: 'Private note.',
    });
    expect((await f.push('expert2', 'logs', [{ newDocumentState: theirs }])).rejections).toEqual([]);
    const mine = newLog({ id: theirs.id, notes: 'Overwrite attempt.' });
    const result = await f.push('expert1', 'logs', [{ newDocumentState: mine }]);
    expect(result.rejections[0]).toMatchObject({ id: theirs.id, code: 'forbidden' });
    expect(result.conflicts).toEqual([{ ...mine, _deleted: true }]);
    expect(JSON.stringify(result)).not.toContain('Private note.');
  });

  it('SP-6: a refused edit of an existing log returns the server version so the device reverts', async () => {
    const log = await created({ date: addDays(asg1().startDate, 8) });
    const moved = { ...log, assignmentId: 'asg-expert2' };
    const result = await f.push('expert1', 'logs', [{ assumedMasterState: log, newDocumentState: moved }]);
    expect(result.rejections[0]).toMatchObject({ id: log.id, code: 'forbidden' });
    expect(result.conflicts).toEqual([log]);
  });

  it('SP-6: business rules refuse future days, days outside the assignment, odd minutes and over 24 h a day', async () => {
    const rule = async (log: LogDoc, pattern: RegExp, reasonId?: string) => {
      const result = await f.push('expert1', 'logs', [{ newDocumentState: log }]);
      expect(result.rejections).toMatchObject([
        { id: log.id, code: 'rule', message: expect.stringMatching(pattern) },
      ]);
      // Issue 13: the reason as data too, for the app to say in its user's language; the message
      // is its English.
      if (reasonId) expect(result.rejections[0]!.reasons?.map((r) => r.id)).toEqual([reasonId]);
      expect(englishOf(result.rejections[0]!.reasons!)).toBe(result.rejections[0]!.message);
      expect(result.conflicts).toEqual([{ ...log, _deleted: true }]);
    };
    await rule(
      newLog({ date: addDays(latestIsoDateOnEarth(f.clock.now()), 1) }),
      /before it happens/,
      'rules.log.futureDay',
    );
    await rule(
      newLog({ date: addDays(asg1().startDate, -1) }),
      /within the assignment/,
      'rules.log.outsideAssignment',
    );
    await rule(newLog({ date: addDays(asg1().startDate, 9), hours: 1.1 }), /quarter hours/);

    // Two logs of one day in one batch: the second sees the first.
    const day = addDays(asg1().startDate, 10);
    const morning = newLog({ date: day, hours: 20 });
    const evening = newLog({ date: day, hours: 4.25 });
    const batch = await f.push('expert1', 'logs', [
      { newDocumentState: morning },
      { newDocumentState: evening },
    ]);
    expect(batch.rejections).toMatchObject([
      { id: evening.id, code: 'rule', message: expect.stringMatching(/24 hours/) },
    ]);
    // And across pushes.
    await rule(newLog({ date: day, hours: 4.25 }), /at most 4 remain/);
    expect(
      (await f.push('expert1', 'logs', [{ newDocumentState: newLog({ date: day, hours: 4 }) }])).rejections,
    ).toEqual([]);
  });

  it('SP-6: within one batch, edits, moves and deletions of a day’s logs count as they are applied', async () => {
    // Days no other test of this file fills.
    const day = addDays(asg1().startDate, 20);
    const other = addDays(asg1().startDate, 21);
    const long = await created({ date: day, hours: 12 });
    const moving = await created({ date: day, hours: 8 });
    const gone = await created({ date: day, hours: 4 });
    // The day is full (24 h). One batch shortens the first log, moves the second away, deletes
    // the third, and then adds logs that fit only because of those changes.
    const fits = newLog({ date: day, hours: 16 });
    const tooMuch = newLog({ date: day, hours: 0.25 });
    const result = await f.push('expert1', 'logs', [
      { assumedMasterState: long, newDocumentState: { ...long, hours: 8 } },
      { assumedMasterState: moving, newDocumentState: { ...moving, date: other } },
      { assumedMasterState: gone, newDocumentState: { ...gone, _deleted: true } },
      { newDocumentState: fits },
      { newDocumentState: tooMuch },
      // The moved log's new day counts it: 8 h there already, so 16.25 more do not fit.
      { newDocumentState: newLog({ date: other, hours: 16 }) },
      { newDocumentState: newLog({ date: other, hours: 0.25 }) },
    ]);
    expect(result.rejections.map(({ id, message }) => [id, message])).toEqual([
      [tooMuch.id, expect.stringMatching(/24 are already logged/)],
      [expect.any(String), expect.stringMatching(/24 are already logged/)],
    ]);
    const stored = await f.pull('expert1', 'logs');
    const hoursOn = (date: string) =>
      stored.filter((d) => d.date === date && !d._deleted).reduce((sum, d) => sum + d.hours, 0);
    expect([hoursOn(day), hoursOn(other)]).toEqual([24, 24]);
  });
});

describe('assignment dates', () => {
  const f = useApiServer({ seedPastMonths: false });
  let asg1: SyncDocument<'assignments'>;
  beforeAll(async () => {
    asg1 = (await f.find('assignments', 'asg-expert1'))!;
  });

  it('SP-6: an assignment whose dates are no calendar days, or that ends before it starts, is refused as a rule', async () => {
    const cases: [Partial<Assignment>, RegExp][] = [
      [{ startDate: '2026-13-01' }, /^The start date 2026-13-01 is not a calendar date\.$/],
      [{ endDate: '2027-02-30' }, /^The end date 2027-02-30 is not a calendar date\.$/],
      [{ startDate: '0026-06-01' }, /^The start date 0026-06-01 must be between 2000 and 2099\.$/],
      [{ startDate: addDays(asg1.endDate, 1) }, /^The end date .* is before the start date .*\.$/],
    ];
    for (const [patch, message] of cases) {
      const result = await f.push('officer', 'assignments', [
        { newDocumentState: { ...asg1, ...patch }, assumedRevision: revisionOf(asg1) },
      ]);
      expect(result).toEqual({
        conflicts: [asg1],
        rejections: [
          {
            id: asg1.id,
            code: 'rule',
            message: expect.stringMatching(message),
            reasons: [expect.any(Object)],
          },
        ],
      });
    }
    expect((await f.pull('officer', 'assignments')).find((a) => a.id === asg1.id)).toEqual(asg1);
    // The demo assignment has 89 days; 92 is the most (AS-1).
    const longer = { ...asg1, endDate: addDays(asg1.endDate, 3) };
    expect(
      await f.push('officer', 'assignments', [
        { newDocumentState: longer, assumedRevision: revisionOf(asg1) },
      ]),
    ).toEqual({ conflicts: [], rejections: [] });
    asg1 = (await f.pull('officer', 'assignments')).find((a) => a.id === asg1.id)!;
    expect(asg1.endDate).toBe(longer.endDate);
  });

  it('SP-6 RP-1: rows of an assignment stored with impossible dates are refused with a reason, never a 500', async () => {
    // Stored before the server checked assignment dates.
    const { _deleted, ...data } = { ...asg1, startDate: '2026-13-01' };
    await f.server.storage.transaction((tx) =>
      tx.writeDocument({
        collection: 'assignments',
        id: asg1.id,
        assignmentId: asg1.id,
        data,
        deleted: false,
      }),
    );
    const report = newReport(asg1, 'final');
    const log: SyncDocument<'logs'> = {
      id: crypto.randomUUID(),
      assignmentId: asg1.id,
      date: addDays(asg1.startDate, 3),
      hours: 6,
      workMode: 'on_site',
      location: 'Mogadishu',
      activities: 'Mapped the borehole maintenance backlog with the rural water unit.',
      ktActivities: [],
      notes: '',
      _deleted: false,
    };
    for (const [collection, doc] of [
      ['reports', report],
      ['logs', log],
    ] as const) {
      const result = await f.push('expert1', collection, [{ newDocumentState: doc as SyncDocument }]);
      expect(result.rejections).toMatchObject([
        {
          id: doc.id,
          code: 'rule',
          message: englishOf(BROKEN_ASSIGNMENT_REASON),
          reasons: [BROKEN_ASSIGNMENT_REASON],
        },
      ]);
    }
    expect((await f.pull('expert1', 'reports')).map((r) => r.id)).not.toContain(report.id);
    expect((await f.call('GET', '/healthz')).json).toEqual({ ok: true });

    // Once an officer corrects the dates, the report goes through.
    const stored = (await f.pull('officer', 'assignments')).find((a) => a.id === asg1.id)!;
    expect(
      await f.push('officer', 'assignments', [
        { newDocumentState: asg1, assumedRevision: revisionOf(stored) },
      ]),
    ).toEqual({ conflicts: [], rejections: [] });
    expect(await f.push('expert1', 'reports', [{ newDocumentState: report as SyncDocument }])).toEqual({
      conflicts: [],
      rejections: [],
    });
  });
});
