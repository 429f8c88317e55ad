import { markerOf } from '../../src/shared/sync/revision';
import { describe, expect, it } from 'vitest';
import { createConflictHandler, RefusedRevertRegistry } from '../../src/db/conflicts';
import type { ClashRefusal } from '../../src/db/refusals';
import { newReport } from '../../src/shared/rules/report-rules';
import type { DailyLog, Report } from '../../src/shared/schemas';
import { englishOf, worded } from '../helpers/english';

type Doc = DailyLog & { _deleted: boolean };

const base: Doc = {
  id: 'log-1',
  assignmentId: 'asg-1',
  date: '2026-11-02',
  hours: 6,
  workMode: 'on_site',
  location: 'Hargeisa',
  activities: 'Pump maintenance training',
  ktActivities: [],
  notes: '',
  authorId: 'user-1',
  createdAt: '2026-11-02T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
  _deleted: false,
};

function handlerWithLog() {
  const kept: ClashRefusal[] = [];
  const refused = new RefusedRevertRegistry();
  const handler = createConflictHandler('logs', refused, async (entry) => {
    kept.push(entry);
  });
  return { handler, refused, kept };
}

describe('log conflict handler (SP-3)', () => {
  it('keeps both sides when they changed different fields', async () => {
    const { handler, kept } = handlerWithLog();
    const resolved = await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: { ...base, hours: 7.5 },
        realMasterState: { ...base, notes: 'Power cut', updatedAt: '2026-11-03T08:00:00.000Z' },
      },
      'test',
    );
    expect(resolved).toMatchObject({ hours: 7.5, notes: 'Power cut', updatedAt: '2026-11-03T08:00:00.000Z' });
    expect(kept).toEqual([]);
  });

  it('takes the server value of a field changed on both sides and sets the device version aside', async () => {
    const { handler, kept } = handlerWithLog();
    const mine = { ...base, activities: 'Mine' };
    const resolved = await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: mine,
        realMasterState: { ...base, activities: 'Theirs' },
      },
      'test',
    );
    expect(resolved.activities).toBe('Theirs');
    expect(kept).toEqual([{ collection: 'logs', docId: 'log-1', attempted: mine, fields: ['activities'] }]);
  });

  it('SP-3: an edit made here to a log deleted on another device stays deleted and the edit is set aside', async () => {
    const { handler, kept } = handlerWithLog();
    const mine = { ...base, activities: 'Long account of the pump repair, typed offline' };
    const deleted = { ...base, _deleted: true, updatedAt: '2026-11-03T08:00:00.000Z' };
    const resolved = await handler.resolve(
      { assumedMasterState: base, newDocumentState: mine, realMasterState: deleted },
      'test',
    );
    expect(resolved).toEqual(deleted);
    expect(worded(kept)).toEqual([
      {
        collection: 'logs',
        docId: 'log-1',
        attempted: mine,
        fields: ['_deleted'],
        message: 'This log was deleted on another device. Your changes to it are kept here.',
      },
    ]);
  });

  it('SP-3: a deletion made here of a log changed on another device is not applied and is said so', async () => {
    const { handler, kept } = handlerWithLog();
    const mine = { ...base, _deleted: true };
    const theirs = { ...base, notes: 'Added on the tablet', updatedAt: '2026-11-03T08:00:00.000Z' };
    const resolved = await handler.resolve(
      { assumedMasterState: base, newDocumentState: mine, realMasterState: theirs },
      'test',
    );
    expect(resolved).toEqual(theirs);
    expect(kept.map((entry) => englishOf(entry.reasons!))).toEqual([
      'This log was changed on another device, so your deletion was not applied.',
    ]);
  });

  it('a deletion made here goes through when the server only stamped its own fields', async () => {
    const { handler, kept } = handlerWithLog();
    const resolved = await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: { ...base, _deleted: true },
        realMasterState: { ...base, updatedAt: '2026-11-03T08:00:00.000Z' },
      },
      'test',
    );
    expect(resolved._deleted).toBe(true);
    expect(kept).toEqual([]);
  });

  it('SP-6: a refused row resolves to the server version without merging the refused change back', async () => {
    const { handler, refused, kept } = handlerWithLog();
    refused.mark('logs', 'log-1');
    const server = { ...base };
    const resolved = await handler.resolve(
      { assumedMasterState: base, newDocumentState: { ...base, hours: 24 }, realMasterState: server },
      'test',
    );
    expect(resolved).toBe(server);
    expect(kept).toEqual([]);
    // Only once: a later genuine conflict on the same log merges again.
    const later = await handler.resolve(
      { assumedMasterState: base, newDocumentState: { ...base, hours: 5 }, realMasterState: base },
      'test',
    );
    expect(later.hours).toBe(5);
  });

  it('treats documents that differ only in server stamps as different states', () => {
    const { handler } = handlerWithLog();
    expect(handler.isEqual(base, { ...base }, 'test')).toBe(true);
    expect(handler.isEqual(base, { ...base, updatedAt: 'later' }, 'test')).toBe(false);
  });
});

describe('report conflict handler (RP-4)', () => {
  const submitted: Report & { _deleted: boolean } = {
    ...newReport({ id: 'asg-1', objectives: ['Train the borehole team'] }, 'final'),
    status: 'submitted',
    sections: {
      ...newReport({ id: 'asg-1', objectives: ['Train the borehole team'] }, 'final').sections,
      summary: 'The text the supervisor read',
    },
    _deleted: false,
  };
  const endorsement = {
    ...submitted,
    status: 'endorsed' as const,
    decision: { kind: 'endorsed' as const, comment: 'A faithful account.' },
  };

  function handlerWithReport() {
    const kept: ClashRefusal[] = [];
    const handler = createConflictHandler('reports', new RefusedRevertRegistry(), async (entry) => {
      kept.push(entry);
    });
    return { handler, kept };
  }

  it('sets a decision aside when the text changed since its maker read it (sent back and resubmitted)', async () => {
    const { handler, kept } = handlerWithReport();
    const resubmitted = {
      ...submitted,
      sections: { ...submitted.sections, summary: 'New text, never read' },
    };
    const resolved = await handler.resolve(
      { assumedMasterState: submitted, newDocumentState: endorsement, realMasterState: resubmitted },
      'test',
    );
    expect(resolved).toEqual(resubmitted);
    expect(kept).toEqual([
      expect.objectContaining({ docId: submitted.id, attempted: endorsement, fields: ['status'] }),
    ]);
    expect(englishOf(kept[0]!.reasons!)).toMatch(/changed since you read it/);
  });

  it('keeps a decision made on the server’s own text when this device’s copy of the state was behind', async () => {
    const { handler, kept } = handlerWithReport();
    // The device pushed "changes requested", then pulled the resubmission and endorsed it; its idea
    // of the server's copy was still the "changes requested" one when the push went.
    const sentBack = { ...submitted, status: 'changes_requested' as const };
    const read = {
      ...endorsement,
      decision: { ...endorsement.decision, sectionsRevision: markerOf(submitted.sections) },
    };
    const resolved = await handler.resolve(
      { assumedMasterState: sentBack, newDocumentState: read, realMasterState: submitted },
      'test',
    );
    expect(resolved).toMatchObject({ status: 'endorsed', decision: read.decision });
    expect(kept).toEqual([]);
    // On a text it did not read, the decision is still set aside.
    const other = { ...submitted, sections: { ...submitted.sections, summary: 'Newer text' } };
    const refused = await handler.resolve(
      { assumedMasterState: sentBack, newDocumentState: read, realMasterState: other },
      'test',
    );
    expect(refused).toEqual(other);
    expect(kept).toHaveLength(1);
  });

  it('re-applies a decision on the text its maker read when only the server’s stamps differ', async () => {
    const { handler, kept } = handlerWithReport();
    const stamped = { ...submitted, updatedAt: '2026-11-03T08:00:00.000Z' };
    const resolved = await handler.resolve(
      { assumedMasterState: submitted, newDocumentState: endorsement, realMasterState: stamped },
      'test',
    );
    expect(resolved).toMatchObject({ status: 'endorsed', decision: endorsement.decision });
    expect(kept).toEqual([]);
  });
});
