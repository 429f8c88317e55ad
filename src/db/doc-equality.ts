/** RxDB's own notion of "same document state": deep equality without attachments' data. */
import { deepEqual } from 'rxdb/plugins/utils';

export function deepEqualDocs(a: object, b: object): boolean {
  const strip = (doc: object) => {
    const { _attachments: _ignored, ...rest } = doc as Record<string, unknown>;
    return rest;
  };
  return deepEqual(strip(a), strip(b));
}
