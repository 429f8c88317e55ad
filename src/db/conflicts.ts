/**
 * How the device resolves a push that collided with a newer server version (SP-3, SP-6).
 * - A row the server rejected: take the server's version; the user's text is already kept as a
 *   refusal by the push handler.
 * - Logs: three-way merge field by field; where both sides changed a field the server's value
 *   wins and the device's whole version is kept as a refusal with code `conflict`, with the
 *   clashing fields (refusals.ts). An edit never merges with a deletion from the other side: the
 *   server's side stands, this one is refused.
 * - Timesheets: a decision made on this device is re-applied on top of the server's version when
 *   the server's status is still the one it was made from (two devices created the same month,
 *   say); otherwise someone decided first, their decision stands and this one is refused with
 *   a plain message.
 * - Reports: sections merge one by one (RP-4); a section changed on both sides keeps the server's
 *   text and keeps this device's version as a refusal so the expert can choose or combine them. A
 *   transition made here is re-applied on top when the server's status still allows it, except
 *   a decision on a text that changed since its maker read it: that one is refused.
 * - Assignments are the programme's: the server's version wins.
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type { CollectionDocs, CollectionName, Report, Timesheet } from '../shared/schemas';
import { isReportEditable, mergeSections } from '../shared/rules/report-rules';
import { SERVER_OWNED_FIELDS } from '../shared/schemas';
import { deepEqualDocs } from './doc-equality';
import { mergeThreeWay, same } from '../shared/sync/merge';
import { sameContent } from '../shared/sync/content';
import { markerOf } from '../shared/sync/revision';
import { reason, type Reason, type ReasonValues } from '../shared/reasons';
import type { ClashRefusal } from './refusals';

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
  onClash: (clash: ClashRefusal) => Promise<void>,
): RxConflictHandler<CollectionDocs[K]> {
  return {
    isEqual: (a, b) => deepEqualDocs(a, b),
    async resolve({ assumedMasterState, realMasterState, newDocumentState }) {
      const docId = (realMasterState as { id: string }).id;
      if (refused.take(collection, docId) || collection === 'assignments') return realMasterState;
      // The server holds this very change (SP-4: the reply was lost, or another device made the
      // same change first): nothing to merge or re-apply, only the server's stamps to take.
      if (sameContent(newDocumentState as object, realMasterState as object)) {
        return realMasterState;
      }
      if (collection === 'reports') {
        return resolveReport(
          { assumedMasterState, realMasterState, newDocumentState } as RxConflictHandlerInput<Report>,
          onClash,
        ) as unknown as Promise<typeof realMasterState>;
      }
      if (collection === 'timesheets') {
        return resolveTimesheet(
          { assumedMasterState, realMasterState, newDocumentState } as RxConflictHandlerInput<Timesheet>,
          onClash,
        ) as unknown as Promise<typeof realMasterState>;
      }
      return resolveLog(
        collection,
        docId,
        { assumedMasterState, realMasterState, newDocumentState },
        onClash,
      );
    },
  };
}

const isDeleted = (doc: unknown) => (doc as { _deleted?: boolean } | undefined)?._deleted === true;

/**
 * Field-by-field merge, except where one side deleted the log and the other changed it: a
 * deletion is never merged with an edit (the edit would vanish, or the deletion take text with
 * it). The server's side stands; the device's edit, or its deletion, is refused and said so.
 */
async function resolveLog<T>(
  collection: CollectionName,
  docId: string,
  { assumedMasterState, realMasterState, newDocumentState }: RxConflictHandlerInput<T>,
  onClash: (clash: ClashRefusal) => Promise<void>,
): Promise<WithDeleted<T>> {
  const base = assumedMasterState as object | undefined;
  const changedSinceBase = (doc: object) => !base || !sameContent(base, doc);
  const localDeleted = isDeleted(newDocumentState);
  // Host institutions (IN-*) merge like logs.
  if (localDeleted !== isDeleted(realMasterState)) {
    if (!localDeleted && changedSinceBase(newDocumentState as object)) {
      await onClash({
        collection,
        docId,
        attempted: newDocumentState,
        fields: ['_deleted'],
        reasons: [reason(/*i18n*/ 'device.clash.deletedElsewhere', { collection })],
      });
      return realMasterState;
    }
    if (localDeleted && changedSinceBase(realMasterState as object)) {
      await onClash({
        collection,
        docId,
        attempted: newDocumentState,
        fields: ['_deleted'],
        reasons: [reason(/*i18n*/ 'device.clash.deletionNotApplied', { collection })],
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
    await onClash({ collection, docId, attempted: newDocumentState, fields: clashes });
  }
  return merged as WithDeleted<T>;
}

const TRANSITION_FIELDS = ['submission', 'approval', 'returned', 'reopened'] as const;

async function resolveTimesheet(
  { assumedMasterState, realMasterState, newDocumentState }: RxConflictHandlerInput<Timesheet>,
  onClash: (clash: ClashRefusal) => Promise<void>,
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
  await onClash({
    collection: 'timesheets',
    docId: realMasterState.id,
    attempted: newDocumentState,
    fields: ['status'],
    reasons: [
      decidedReason(/*i18n*/ 'device.clash.timesheetDecided', realMasterState, {
        mine: newDocumentState.status,
      }),
    ],
  });
  return realMasterState;
}

/** Why a change made here lost to a decision the server already had: which, by whom and when. */
function decidedReason(id: string, real: Timesheet | Report, values: ReasonValues = {}): Reason {
  const decided = real.history?.at(-1);
  return reason(id, {
    ...values,
    status: real.status,
    by: decided ? 'known' : 'unknown',
    name: decided?.byName ?? '',
    date: decided?.at.slice(0, 10) ?? '',
  });
}

const DECISIONS: readonly Report['status'][] = ['endorsed', 'changes_requested', 'reviewed'];

async function resolveReport(
  { assumedMasterState, realMasterState, newDocumentState }: RxConflictHandlerInput<Report>,
  onClash: (clash: ClashRefusal) => Promise<void>,
) {
  const from = assumedMasterState?.status ?? 'draft';
  const local = newDocumentState;
  const real = realMasterState;
  const refuse = (fields: string[], why: Reason) =>
    onClash({ collection: 'reports', docId: real.id, attempted: local, fields, reasons: [why] });
  const madeTransition = local.status !== from;
  const sectionsEdited = !same(local.sections, assumedMasterState?.sections ?? real.sections);

  // A decision made on exactly the text the server holds, in the state the server holds it, stands
  // even when this device's copy of the server's state was behind (a pull landed after the
  // push began): it covers what its maker read (RP-2). The server checks it again on the re-push.
  const decisionOnReal =
    madeTransition &&
    (local.status === 'endorsed' || local.status === 'changes_requested') &&
    real.status === 'submitted' &&
    local.decision?.kind === local.status &&
    local.decision.sectionsRevision === markerOf(real.sections);
  if (decisionOnReal) return { ...real, status: local.status, decision: local.decision };
  if (real.status !== from || (!isReportEditable(real.status) && sectionsEdited && !madeTransition)) {
    // Someone else moved the report on: their decision stands; nothing typed here is dropped.
    if (madeTransition || sectionsEdited) {
      await refuse(['status'], decidedReason(/*i18n*/ 'device.clash.reportDecided', real));
    }
    return real;
  }
  // A decision (endorse, request changes, review) covers the text its maker read: if the text
  // changed since (sent back and resubmitted meanwhile), it is not applied to text never read.
  const decided = madeTransition && DECISIONS.includes(local.status);
  if (decided && !same(real.sections, assumedMasterState?.sections)) {
    await refuse(['status'], reason(/*i18n*/ 'device.clash.reportChangedSinceRead'));
    return real;
  }
  const { sections, clashes } = mergeSections(assumedMasterState?.sections, local.sections, real.sections);
  if (clashes.length > 0) {
    // The sections are listed on the screen from `fields`; the reason says how many.
    await refuse(clashes, reason(/*i18n*/ 'device.clash.sections', { count: clashes.length }));
  }
  const merged: typeof real = { ...real, sections };
  if (madeTransition) {
    merged.status = local.status;
    if (local.decision !== undefined) merged.decision = local.decision;
    if (local.review !== undefined) merged.review = local.review;
  }
  return merged;
}
