/**
 * The programme targets on an officer's device (TG-*): the server's versions as last synced and
 * the officer's changes not yet accepted, in one local document of the device database. Targets
 * are no collection here (schemas/index.ts says why); src/sync/targets-sync.ts syncs them through
 * the ordinary push and pull. Kept with the user's database, so signing out removes them too.
 */
import { map, type Observable } from 'rxjs';
import type { SyncDocument } from '../shared/sync/protocol';
import type { DeviceDatabase } from './database';
import { reason, type Reason } from '../shared/reasons';

const TARGETS_DOC_ID = 'programme-targets';

/** Country → target, of the countries that have one. */
export type TargetsByCountry = Partial<Record<string, number>>;

/** A change of the officer's the server did not take, kept with the reason (nothing typed is lost). */
export interface TargetNotice {
  country: string;
  /** What the officer had set; null for a removal. */
  typed: number | null;
  /** Why, in the reader's language; `message` is the server's English, for a reason this app does not know. */
  reasons?: Reason[];
  message: string;
  /** Another officer changed it first (SP-3): the officer may still put theirs over it. */
  overtaken: boolean;
}

/** SP-3: another officer set the country's target first (a number, or null: removed it). */
export function overtakenReason(theirs: number | null, typed: number | null): Reason {
  return reason(/*i18n*/ 'device.target.overtaken', {
    theirs: theirs ?? 'removed',
    typed: typed ?? 'removed',
  });
}

export interface TargetsState {
  /** The server's versions, by country, with its stamps; a removed one as its tombstone (SP-5). */
  server: Partial<Record<string, SyncDocument<'targets'>>>;
  /** Changes made here and not yet answered by the server: a number, or null to remove. */
  pending: Partial<Record<string, number | null>>;
  notices: TargetNotice[];
}

const EMPTY: TargetsState = { server: {}, pending: {}, notices: [] };

interface LocalDoc {
  toJSON(): { data: TargetsState };
  incrementalModify(fn: (data: TargetsState) => TargetsState): Promise<unknown>;
}
interface LocalDocuments {
  getLocal(id: string): Promise<LocalDoc | null>;
  getLocal$(id: string): Observable<LocalDoc | null>;
  upsertLocal(id: string, data: TargetsState): Promise<LocalDoc>;
}
const local = (device: DeviceDatabase) => device.db as unknown as LocalDocuments;

export function targetsState$(device: DeviceDatabase): Observable<TargetsState> {
  return local(device)
    .getLocal$(TARGETS_DOC_ID)
    .pipe(map((doc) => (doc ? doc.toJSON().data : EMPTY)));
}

export async function readTargetsState(device: DeviceDatabase): Promise<TargetsState> {
  return (await local(device).getLocal(TARGETS_DOC_ID))?.toJSON().data ?? EMPTY;
}

/** One change of the state at a time, on the latest version (RxDB queues them). */
export async function updateTargetsState(
  device: DeviceDatabase,
  change: (state: TargetsState) => TargetsState,
): Promise<void> {
  const doc = await local(device).getLocal(TARGETS_DOC_ID);
  if (doc) await doc.incrementalModify((data) => change({ ...EMPTY, ...data }));
  else await local(device).upsertLocal(TARGETS_DOC_ID, change(EMPTY));
}

/** What the dashboard counts against: the server's targets with this device's changes on top. */
export function effectiveTargets(state: TargetsState): TargetsByCountry {
  const targets: TargetsByCountry = {};
  for (const [country, target] of Object.entries(state.server)) {
    if (target && !target._deleted) targets[country] = target.matchedExpertsTarget;
  }
  for (const [country, value] of Object.entries(state.pending)) {
    if (value === null) delete targets[country];
    else if (value !== undefined) targets[country] = value;
  }
  return targets;
}

export function targets$(device: DeviceDatabase): Observable<TargetsByCountry> {
  return targetsState$(device).pipe(map(effectiveTargets));
}

/** Sets a country's target here, or with null removes it (back to the default); it syncs later. */
export function saveTarget(device: DeviceDatabase, country: string, value: number | null): Promise<void> {
  return updateTargetsState(device, (state) => ({
    ...state,
    pending: { ...state.pending, [country]: value },
    // A new decision of the officer's answers the notice about this country.
    notices: state.notices.filter((notice) => notice.country !== country),
  }));
}

export function dismissTargetNotice(device: DeviceDatabase, country: string): Promise<void> {
  return updateTargetsState(device, (state) => ({
    ...state,
    notices: state.notices.filter((notice) => notice.country !== country),
  }));
}
