/**
 * How the device resolves a push that collided with a newer server version (SP-3, SP-6).
 * - A row the server refused: take the server's version; the user's text is already kept as a
 *   refusal by the push handler.
 * - Logs: three-way merge field by field; where both sides changed a field the server's value
 *   wins and the device's whole version is set aside as a refusal with code `conflict`. An edit
 *   never merges with a deletion from the other side: the server's side stands, this one is set
 *   aside.
 * - Timesheets: a decision made on this device is re-applied on top of the server's version when
 *   the server's status is still the one it was made from (two devices created the same month,
 *   say); otherwise someone decided first, their decision stands and this one is set aside with
 *   a plain message.
 * - Reports: sections merge one by one (RP-4); a section changed on both sides keeps the server's
 *   text and sets this device's version aside so the expert can choose or combine them. A
 *   transition made here is re-applied on top when the server's status still allows it, except
 *   a decision on a text that changed since its maker read it: that one is set aside.
 * - Assignments are the programme's: the server's version wins.
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type { CollectionDocs, CollectionName, Report, Timesheet } from '../shared/schemas';
import { isReportEditable, mergeSections } from '../shared/rules/report-rules';
import { SECTION_LABELS } from '../shared/schemas/report.schema';
import { SERVER_OWNED_FIELDS } from '../shared/schemas';
import { deepEqualDocs } from './doc-equality';
import { mergeThreeWay, same, sameClientContent } from '../shared/sync/merge';

export interface SetAside {
  collection: CollectionName;
  docId: string;
  attempted: unknown;
  fields: string[];
  /** What to tell the user; a generic "changed on another device" when absent. */
  message?: string;
}

/**
 * Ids of documents whose last push was refused: their conflict must resolve to the server's
 * version, not be merged and pushed again (which would be refused again, forever).
 */
export class RefusedRevertRegistry {
  private readonly ids = new Set<string>();
  mark(collection: CollectionName, docId: string): void {
    this.ids.add(`${collection}:${docId}`);
  }
  take(collection: CollectionName, docId: string): boolean {
    return this.ids.delete(`${collection}:${docId}`);
  }
}

export function createConflictHandler<K extends CollectionName>(
  collection: K,
  refused: RefusedRevertRegistry,
  onSetAside: (setAside: SetAside) => Promise<void>,
): RxConflictHandler<CollectionDocs[K]> {
  return {
    isEqual: (a, b) => deepEqualDocs(a, b),
    async resolve({ assumedMasterState, realMasterState, newDocumentState }) {
      const docId = (realMasterState as { id: string }).id;
      if (refused.take(collection, docId) || collection === 'assignments') return realMasterState;
      // The server holds this very change (SP-4: the reply was lost, or another device made the
      // same change first): nothing to merge or re-apply, only the server's stamps to take.
      if (sameClientContent(newDocumentState as object, realMasterState as object, SERVER_OWNED_FIELDS)) {
        return realMasterState;
      }
      if (collection === 'reports') {
        return resolveReport(
          { assumedMasterState, realMasterState, newDocumentState } as RxConflictHandlerInput<Report>,
          onSetAside,
        ) as unknown as Promise<typeof realMasterState>;
      }
      if (collection === 'timesheets') {
        return resolveTimesheet(
          { assumedMasterState, realMasterState, newDocumentState } as RxConflictHandlerInput<Timesheet>,
          onSetAside,
        ) as unknown as Promise<typeof realMasterState>;
      }
      return resolveLog(
        collection,
        docId,
        { assumedMasterState, realMasterState, newDocumentState },
        onSetAside,
      );
    },
  };
}

const isDeleted = (doc: unknown) => (doc as { _deleted?: boolean } | undefined)?._deleted === true;

/**
 * Field-by-field merge, except where one side deleted the log and the other changed it: a
 * deletion is never merged with an edit (the edit would vanish, or the deletion take text with
 * it). The server's side stands; the device's edit, or its deletion, is set aside and said so.
 */
async function resolveLog<T>(
  collection: CollectionName,
  docId: string,
  { assumedMasterState, realMasterState, newDocumentState }: RxConflictHandlerInput<T>,
  onSetAside: (setAside: SetAside) => Promise<void>,
): Promise<WithDeleted<T>> {
  const base = assumedMasterState as object | undefined;
  const changedSinceBase = (doc: object) => !base || !sameClientContent(base, doc, SERVER_OWNED_FIELDS);
  const localDeleted = isDeleted(newDocumentState);
  // Host institutions (IN-*) merge like logs.
  const noun = collection === 'institutions' ? 'host institution' : 'log';
  if (localDeleted !== isDeleted(realMasterState)) {
    if (!localDeleted && changedSinceBase(newDocumentState as object)) {
      await onSetAside({
        collection,
        docId,
        attempted: newDocumentState,
        fields: ['_deleted'],
        message: `This ${noun} was deleted on another device. Your changes to it are kept here.`,
      });
      return realMasterState;
    }
    if (localDeleted && changedSinceBase(realMasterState as object)) {
      await onSetAside({
        collection,
        docId,
        attempted: newDocumentState,
        fields: ['_deleted'],
        message: `This ${noun} was changed on another device, so your deletion was not applied.`,
      });
      return realMasterState;
    }
  }
  const { merged, clashes } = mergeThreeWay(
    assumedMasterState as object | undefined,
    newDocumentState as object,
    realMasterState as object,
    SERVER_OWNED_FIELDS,
  );
  if (clashes.length > 0) {
    await onSetAside({ collection, docId, attempted: newDocumentState, fields: clashes });
  }
  return merged as WithDeleted<T>;
}

const TRANSITION_FIELDS = ['submission', 'approval', 'returned', 'reopened'] as const;

async function resolveTimesheet(
  { assumedMasterState, realMasterState, newDocumentState }: RxConflictHandlerInput<Timesheet>,
  onSetAside: (setAside: SetAside) => Promise<void>,
) {
  const from = assumedMasterState?.status ?? 'draft';
  if (newDocumentState.status === from) return realMasterState;
  if (realMasterState.status === from) {
    const rebased = { ...realMasterState, status: newDocumentState.status };
    for (const field of TRANSITION_FIELDS) {
      if (newDocumentState[field] !== undefined) rebased[field] = newDocumentState[field] as never;
    }
    return rebased;
  }
  const decided = realMasterState.history?.at(-1);
  const by = decided ? ` by ${decided.byName} on ${decided.at.slice(0, 10)}` : '';
  await onSetAside({
    collection: 'timesheets',
    docId: realMasterState.id,
    attempted: newDocumentState,
    fields: ['status'],
    message: `This timesheet was already ${realMasterState.status}${by}; your change to ${newDocumentState.status} was not applied.`,
  });
  return realMasterState;
}

const DECISIONS: readonly Report['status'][] = ['endorsed', 'changes_requested', 'reviewed'];

async function resolveReport(
  { assumedMasterState, realMasterState, newDocumentState }: RxConflictHandlerInput<Report>,
  onSetAside: (setAside: SetAside) => Promise<void>,
) {
  const from = assumedMasterState?.status ?? 'draft';
  const local = newDocumentState;
  const real = realMasterState;
  const setAside = (fields: string[], message: string) =>
    onSetAside({ collection: 'reports', docId: real.id, attempted: local, fields, message });
  const madeTransition = local.status !== from;
  const sectionsEdited = !same(local.sections, assumedMasterState?.sections ?? real.sections);

  if (real.status !== from || (!isReportEditable(real.status) && sectionsEdited && !madeTransition)) {
    // Someone else moved the report on: their decision stands; nothing typed here is dropped.
    if (madeTransition || sectionsEdited) {
      const decided = real.history?.at(-1);
      const by = decided ? ` by ${decided.byName} on ${decided.at.slice(0, 10)}` : '';
      await setAside(
        ['status'],
        `This report was already ${real.status.replace('_', ' ')}${by}; your version is kept here.`,
      );
    }
    return real;
  }
  // A decision (endorse, request changes, review) covers the text its maker read: if the text
  // changed since (sent back and resubmitted meanwhile), it is not applied to text never read.
  const decided = madeTransition && DECISIONS.includes(local.status);
  if (decided && !same(real.sections, assumedMasterState?.sections)) {
    await setAside(
      ['status'],
      'The report was changed since you read it, so your decision was not applied. Read it again and decide; your comment is kept here.',
    );
    return real;
  }
  const { sections, clashes } = mergeSections(assumedMasterState?.sections, local.sections, real.sections);
  if (clashes.length > 0) {
    const names = clashes.map((name) => `“${SECTION_LABELS[name]}”`).join(', ');
    await setAside(
      clashes,
      `${names} ${clashes.length === 1 ? 'was' : 'were'} also changed on another device. Both versions are kept: choose one or combine them.`,
    );
  }
  const merged: typeof real = { ...real, sections };
  if (madeTransition) {
    merged.status = local.status;
    if (local.decision !== undefined) merged.decision = local.decision;
    if (local.review !== undefined) merged.review = local.review;
  }
  return merged;
}
