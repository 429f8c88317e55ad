/** The field-by-field three-way merge of logs and the content comparison behind SP-3 and SP-4. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, clientView, mergeThreeWay } from '../../src/shared/sync/merge';
import { sameContent } from '../../src/shared/sync/content';

const SERVER_OWNED = ['authorId', 'createdAt', 'updatedAt'];
const base = { id: 'l1', hours: 6, notes: '', activities: 'Workshop', updatedAt: 't0' };

describe('mergeThreeWay', () => {
  it('SP-3: keeps a change made only on the device and one made only on the server', () => {
    const local = { ...base, hours: 7.5, updatedAt: 't1' };
    const remote = { ...base, notes: 'Generator broke down.', updatedAt: 't2' };
    expect(mergeThreeWay(base, local, remote, SERVER_OWNED)).toEqual({
      merged: { ...base, hours: 7.5, notes: 'Generator broke down.', updatedAt: 't2' },
      clashes: [],
    });
  });

  it('SP-3: a field changed on both sides takes the server value and is reported as a clash', () => {
    const local = { ...base, activities: 'Phone text', hours: 5 };
    const remote = { ...base, activities: 'Tablet text' };
    const { merged, clashes } = mergeThreeWay(base, local, remote);
    expect(merged).toEqual({ ...base, activities: 'Tablet text', hours: 5 });
    expect(clashes).toEqual(['activities']);
  });

  it('SP-3: the same change on both sides is no clash', () => {
    const both = { ...base, hours: 8 };
    expect(mergeThreeWay(base, both, { ...both })).toEqual({ merged: both, clashes: [] });
  });

  it('SP-3: without a common ancestor every difference is a clash', () => {
    const { merged, clashes } = mergeThreeWay(undefined, { ...base, hours: 1 }, { ...base, notes: 'x' });
    expect(merged).toEqual({ ...base, notes: 'x' });
    expect(clashes.sort()).toEqual(['hours', 'notes']);
  });

  it('SP-3: server-owned fields never clash', () => {
    const { clashes } = mergeThreeWay(
      base,
      { ...base, updatedAt: 'a' },
      { ...base, updatedAt: 'b' },
      SERVER_OWNED,
    );
    expect(clashes).toEqual([]);
  });

  it('SP-3: compares nested values by content, not by identity or key order', () => {
    const withKt = { ...base, kt: [{ type: 'training', peopleReached: 3 }] };
    const reordered = { ...base, kt: [{ peopleReached: 3, type: 'training' }] };
    expect(mergeThreeWay(withKt, reordered, { ...withKt, hours: 2 }).clashes).toEqual([]);
    const changed = { ...base, kt: [{ type: 'training', peopleReached: 4 }] };
    expect(mergeThreeWay(withKt, changed, withKt).merged.kt).toEqual(changed.kt);
  });
});

describe('sameContent', () => {
  it('SP-4: ignores server-owned fields and key order', () => {
    const stamped = { ...base, updatedAt: 't9', authorId: 'u1' };
    expect(sameContent({ notes: '', hours: 6, id: 'l1', activities: 'Workshop' }, stamped)).toBe(true);
  });

  it('SP-4 SP-5: a deletion or any client field makes a difference', () => {
    expect(sameContent({ ...base, _deleted: false }, { ...base, _deleted: true })).toBe(false);
    expect(sameContent(base, { ...base, hours: 6.25 })).toBe(false);
  });
});

describe('canonicalJson and clientView', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('leaves out the server-owned fields', () => {
    expect(Object.keys(clientView({ updatedAt: 'x', b: 1, a: 2 }, SERVER_OWNED))).toEqual(['a', 'b']);
  });
});
