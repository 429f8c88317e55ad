/**
 * Syncing the programme targets of an officer's device (TG-*), which are no collection of the
 * device database (schemas/index.ts says why): the changes made here go up through the ordinary
 * push, where the server decides (TG-1, TG-2, SP-3); then the few targets are pulled whole. Runs
 * when the live stream (re)connects, when another device changed a target, and when one is
 * changed here; a change made offline waits for the connection.
 */
import { filter, map, merge, startWith, type Observable, type Subscription } from 'rxjs';
import type { DeviceDatabase } from '../db/database';
import {
  overtakenReason,
  readTargetsState,
  targetsState$,
  updateTargetsState,
  type TargetNotice,
} from '../db/targets';
import { programmeTarget } from '../shared/rules/target-rules';
import { MAX_PULL_LIMIT, type PushRow, type StreamEvent, type SyncDocument } from '../shared/sync/protocol';
import { revisionOf } from '../shared/sync/revision';
import type { ApiClient } from './api-client';
import { isReason } from '../shared/reasons';

type TargetDoc = SyncDocument<'targets'>;

/** Pushes this device's changes, keeps what the server did not take with the reason, pulls all. */
export async function syncTargetsOnce(device: DeviceDatabase, api: ApiClient): Promise<void> {
  const state = await readTargetsState(device);
  const sent = new Map<string, number | null>();
  const rows: PushRow<'targets'>[] = [];
  for (const [country, value] of Object.entries(state.pending)) {
    if (value === undefined) continue;
    const base = state.server[country];
    sent.set(country, value);
    // Removing a target the server never had is nothing to send.
    if (value === null && (!base || base._deleted)) continue;
    const doc: TargetDoc =
      value === null ? { ...base!, _deleted: true } : { ...programmeTarget(country, value), _deleted: false };
    rows.push({ newDocumentState: doc, assumedRevision: base ? revisionOf(base) : undefined });
  }
  const notices: TargetNotice[] = [];
  const adopted = new Map<string, TargetDoc>();
  if (rows.length > 0) {
    const answer = await api.push('targets', rows);
    const rejected = new Map(answer.rejections.map((rejection) => [rejection.id, rejection]));
    for (const current of answer.conflicts) adopted.set(current.id, current);
    for (const row of rows) {
      const country = row.newDocumentState.id;
      const typed = sent.get(country) ?? null;
      const rejection = rejected.get(country);
      const current = adopted.get(country);
      if (rejection) {
        const reasons = (rejection.reasons ?? []).filter(isReason);
        notices.push({ country, typed, reasons, message: rejection.message, overtaken: false });
      } else if (current && revisionOf(current) !== revisionOf(row.newDocumentState)) {
        // SP-3: another officer changed it first; theirs stands and this one is kept to re-apply.
        const theirs = current._deleted ? null : current.matchedExpertsTarget;
        notices.push({
          country,
          typed,
          reasons: [overtakenReason(theirs, typed)],
          message: '',
          overtaken: true,
        });
      }
    }
  }
  const pulled = await api.pull('targets', undefined, MAX_PULL_LIMIT);
  await updateTargetsState(device, (latest) => {
    const pending = { ...latest.pending };
    // Answered: unless the officer changed it again meanwhile, which is still to send.
    for (const [country, value] of sent) if (pending[country] === value) delete pending[country];
    const server = Object.fromEntries(pulled.documents.map((doc) => [doc.id, doc]));
    return {
      server,
      pending,
      notices: [...latest.notices.filter((n) => !notices.some((m) => m.country === n.country)), ...notices],
    };
  });
}

/** Keeps the device's targets in step until unsubscribed; a failed pass waits for the next cue. */
export function keepTargetsInSync(
  device: DeviceDatabase,
  api: ApiClient,
  events$: Observable<StreamEvent>,
): Subscription {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        // Offline, signed out or refused: the changes stay here until the next cue.
        await syncTargetsOnce(device, api).catch(() => undefined);
      } while (again);
    } finally {
      running = false;
    }
  };
  const changedHere$ = targetsState$(device).pipe(
    map((state) => Object.values(state.pending).some((value) => value !== undefined)),
    filter(Boolean),
  );
  const changedElsewhere$ = events$.pipe(
    filter((event) => event.type === 'resync' || (event.type === 'change' && event.collection === 'targets')),
  );
  // Once at the start as well: this module loads on demand, possibly after the stream's first resync.
  return merge(changedHere$, changedElsewhere$)
    .pipe(startWith(null))
    .subscribe(() => void run());
}
