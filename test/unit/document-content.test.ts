// The user-visible content of a document (src/shared/sync/content.ts) is one definition: the
// device's sync marks, the revision marker of a push and the server's validation all read it.
import { describe, expect, it } from 'vitest';
import { SERVER_OWNED_FIELDS } from '../../src/shared/schemas';
import {
  IGNORED_FIELDS,
  contentOf,
  contentText,
  isDeletedContentText,
  sameContent,
  withoutIgnoredFields,
} from '../../src/shared/sync/content';
import { markerOf, revisionOf } from '../../src/shared/sync/revision';
import { fingerprint } from '../../src/db/sync-marks';
import { validateDocument } from '../../sync-server/src/sync/validation';
import { worded } from '../helpers/english';

const log = {
  id: 'log-1',
  assignmentId: 'asg-1',
  date: '2026-11-02',
  hours: 6,
  notes: '',
  ktActivities: [{ type: 'workshop', peopleReached: 12 }],
};
const asStored = {
  ...log,
  updatedAt: '2026-11-03T10:00:00Z',
  authorId: 'u',
  history: [],
  _rev: '1-a',
  _meta: { lwt: 1 },
  _attachments: {},
  _deleted: false,
};

describe('SP-3 the user-visible content of a document', () => {
  it('leaves out the server stamps and RxDB bookkeeping, and nothing else', () => {
    expect(IGNORED_FIELDS).toEqual([...SERVER_OWNED_FIELDS, '_rev', '_meta', '_attachments']);
    expect(withoutIgnoredFields(asStored)).toEqual({ ...log, _deleted: false });
    // An unknown field is content: the server's schema refuses it rather than dropping it.
    expect(withoutIgnoredFields({ ...log, _extra: 1 })).toEqual({ ...log, _extra: 1 });
  });

  it('keeps the text of the marks devices already hold: a version synced before reads as synced after', () => {
    expect(contentText(asStored)).toBe(
      '{"_deleted":false,"assignmentId":"asg-1","date":"2026-11-02","hours":6,"id":"log-1","ktActivities":[{"peopleReached":12,"type":"workshop"}],"notes":""}',
    );
    expect(fingerprint(asStored)).toBe(contentText(asStored));
  });

  it('is the same whatever the key order, stamps or bookkeeping; a missing deletion flag is a live document', () => {
    const reordered = Object.fromEntries(Object.entries(log).reverse());
    expect(sameContent(asStored, reordered)).toBe(true);
    expect(contentOf(log)).toEqual({ ...log, _deleted: false });
    expect(Object.keys(contentOf(asStored))[0]).toBe('_deleted');
  });

  it('differs with any content a user could change, deletion included, and says which text is a deletion', () => {
    expect(sameContent(asStored, { ...log, hours: 6.25 })).toBe(false);
    expect(sameContent(asStored, { ...log, _deleted: true })).toBe(false);
    expect(isDeletedContentText(contentText({ ...log, _deleted: true }))).toBe(true);
    expect(isDeletedContentText(contentText(asStored))).toBe(false);
  });

  it('gives the revision marker (SP-12): equal content, equal marker', () => {
    expect(revisionOf(asStored)).toBe(markerOf(contentOf(log)));
    expect(revisionOf(asStored)).toBe(revisionOf(log));
  });

  it('is what the server validates (SP-9): stamps and bookkeeping a device sends are ignored', () => {
    const sent = withoutIgnoredFields({ ...asStored, createdAt: 'forged', updatedAt: 'forged' });
    expect(Object.keys(sent).some((key) => IGNORED_FIELDS.includes(key))).toBe(false);
    expect(worded(validateDocument('logs', { ...sent, _extra: 1 }))).toMatch(/'_extra' is not allowed/);
  });
});
