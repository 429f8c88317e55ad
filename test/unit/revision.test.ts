import { describe, expect, it } from 'vitest';
import { revisionOf } from '../../src/shared/sync/revision';

const log = {
  id: 'log-1',
  assignmentId: 'asg-1',
  date: '2026-11-02',
  hours: 6,
  workMode: 'on_site',
  location: 'Kismayo',
  activities: 'Tariff workshop',
  ktActivities: [{ type: 'workshop', peopleReached: 12 }],
  notes: '',
  _deleted: false,
};

describe('SP-12 revision marker', () => {
  it('is short and the same for the same content whatever the key order, stamps or RxDB meta', () => {
    const marker = revisionOf(log);
    expect(marker.length).toBeLessThanOrEqual(12);
    const reordered = Object.fromEntries(Object.entries(log).reverse());
    expect(revisionOf(reordered)).toBe(marker);
    expect(
      revisionOf({
        ...log,
        updatedAt: '2026-11-03T10:00:00Z',
        authorId: 'u',
        _rev: '3-x',
        _meta: { lwt: 1 },
      }),
    ).toBe(marker);
    const { _deleted: _omitted, ...withoutFlag } = log;
    expect(revisionOf(withoutFlag)).toBe(marker);
  });

  it('changes with any content a user could change, deletion included', () => {
    const marker = revisionOf(log);
    expect(revisionOf({ ...log, hours: 6.25 })).not.toBe(marker);
    expect(revisionOf({ ...log, ktActivities: [{ type: 'workshop', peopleReached: 13 }] })).not.toBe(marker);
    expect(revisionOf({ ...log, _deleted: true })).not.toBe(marker);
  });
});
