/**
 * Keeping a version the user typed that could not be applied as it was (a clash with another
 * device), with the reason: nothing typed disappears silently. Free of RxDB imports, so screens
 * in the first chunk can use it without loading the database code.
 */
import type { SetAside } from './conflicts';
import type { FieldbookDatabase } from './database';
import { newRefusalId } from './local-schemas';

export async function keepSetAside(db: FieldbookDatabase, entry: SetAside): Promise<void> {
  await db.refusals.insert({
    id: newRefusalId(entry.collection),
    collectionName: entry.collection,
    docId: entry.docId,
    attempted: JSON.stringify(entry.attempted),
    code: 'conflict',
    message:
      entry.message ??
      `Changed on another device at the same time (${entry.fields.join(', ')}). The other version was kept; yours is here so you can re-enter it.`,
    at: new Date().toISOString(),
  });
}
