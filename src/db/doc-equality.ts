/**
 * RxDB's own notion of "same document state", which its conflict handler asks (`isEqual`): deep
 * equality of every field, the server's stamps included, without attachments' data. Whether two
 * versions hold the same user-visible content is another question: `sameContent` in
 * src/shared/sync/content.ts.
 */
import { deepEqual } from 'rxdb/plugins/utils';
import type { RXDB_META_FIELDS } from '../shared/sync/content';

/** The one bookkeeping field RxDB leaves out of its comparison. */
const ATTACHMENTS: (typeof RXDB_META_FIELDS)[number] = '_attachments';

export function deepEqualDocs(a: object, b: object): boolean {
  const strip = (doc: object) => {
    const { [ATTACHMENTS]: _ignored, ...rest } = doc as Record<string, unknown>;
    return rest;
  };
  return deepEqual(strip(a), strip(b));
}
