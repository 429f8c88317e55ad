/**
 * A simulated device for the convergence fuzz: the state RxDB's replication keeps, without RxDB.
 * Per collection a fork (the local documents, tombstones included), the assumed master state of
 * each document (what the device last knew the server to hold) and a pull checkpoint, driven the
 * way rxdb/src/replication-protocol/{upstream,downstream}.ts drive them. Conflicts are resolved by
 * the device's real handler (createConflictHandler, src/db/conflicts.ts); refusals are kept as
 * collection-replication.ts keeps them. What reaches the server goes through a Transport, which
 * the runner uses to inject faults.
 */
import { RefusedRevertRegistry, createConflictHandler } from '../../src/db/conflicts';
import type { ClashRefusal } from '../../src/db/refusals';
import { deepEqualDocs } from '../../src/db/doc-equality';
import { newReport } from '../../src/shared/rules/report-rules';
import { mayEverWrite } from '../../src/shared/rules/access';
import { COLLECTION_NAMES, type CollectionName } from '../../src/shared/schemas';
import { IGNORED_FIELDS } from '../../src/shared/sync/content';
import { TEXT_SECTIONS, type ReportSections } from '../../src/shared/schemas/report.schema';
import type { PushResponse, PushRow, PullResponse, SyncCheckpoint } from '../../src/shared/sync/protocol';
import { same } from '../../src/shared/sync/merge';
import type { PublicUser } from '../../src/shared/users';
import type { Reason } from '../../src/shared/reasons';

export type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

/** A reply the device never got ('lost'): it retries at its next sync, as RxDB does. */
export interface Transport {
  push(device: SimDevice, collection: CollectionName, rows: PushRow[]): Promise<PushResponse | 'lost'>;
  pull(
    device: SimDevice,
    collection: CollectionName,
    checkpoint: SyncCheckpoint | null,
    limit: number,
  ): Promise<PullResponse | 'lost'>;
}

/** Something the user typed that the device kept aside: a refusal or a clash (device `refusals`). */
export interface KeptAside {
  collection: CollectionName;
  docId: string;
  attempted: unknown;
  code: string;
  /** Why, as the device keeps it: reasons, and the server's English when it refused. */
  reasons: readonly Reason[];
  message?: string;
}

export class FuzzFailure extends Error {}

const perCollection = <T>(make: () => T) =>
  Object.fromEntries(COLLECTION_NAMES.map((name) => [name, make()])) as Record<CollectionName, T>;

export class SimDevice {
  readonly fork = perCollection(() => new Map<string, Doc>());
  private readonly assumed = perCollection(() => new Map<string, Doc>());
  private readonly checkpoints = perCollection((): SyncCheckpoint | null => null);
  readonly keptAside: KeptAside[] = [];
  private readonly refused = new RefusedRevertRegistry();
  private pendingClashes: ClashRefusal[] = [];
  /** The device's own conflict handlers (src/db/conflicts.ts), one per collection. */
  private readonly handlers = {} as Record<CollectionName, ReturnType<typeof createConflictHandler>>;
  offlineUntilStep = -1;
  /**
   * Collections whose last push got no reply. While the app stays open RxDB retries that push
   * before the collection pulls again (its downstream waits); after the app is reopened the two
   * start together, so a pull may come first (restartApp).
   */
  private readonly unanswered = new Map<CollectionName, PushRow[]>();
  private readonly unsettled = new Map<string, Doc>();
  stats = { pushes: 0, pulls: 0, conflicts: 0, refusals: 0, keptAside: 0 };

  constructor(
    readonly name: string,
    readonly user: PublicUser,
    public pullLimit: number,
  ) {
    for (const collection of COLLECTION_NAMES) {
      this.handlers[collection] = createConflictHandler(collection, this.refused, async (clash) => {
        this.pendingClashes.push(clash);
      }) as never;
    }
  }

  /** The app is closed and opened again: the database stays, the replication starts afresh. */
  restartApp(): void {
    this.unanswered.clear();
  }

  /** What a device holds after signing in; the same for every run, so runs copy it. */
  exportSynced(): unknown {
    return structuredClone({ fork: this.fork, assumed: this.assumed, checkpoints: this.checkpoints });
  }

  importSynced(state: unknown): void {
    const copy = structuredClone(state) as Record<
      'fork' | 'assumed' | 'checkpoints',
      Record<CollectionName, never>
    >;
    for (const collection of COLLECTION_NAMES) {
      this.fork[collection] = copy.fork[collection];
      this.assumed[collection] = copy.assumed[collection];
      this.checkpoints[collection] = copy.checkpoints[collection];
    }
  }

  live<K extends CollectionName>(collection: K): Doc[] {
    return [...this.fork[collection].values()].filter((doc) => !doc._deleted);
  }

  get(collection: CollectionName, id: string): Doc | undefined {
    const doc = this.fork[collection].get(id);
    return doc && !doc._deleted ? doc : undefined;
  }

  /** A local write, as the app makes it: the fork changes, the assumed master does not. */
  write(collection: CollectionName, doc: Doc): void {
    const before = this.fork[collection].get(doc.id);
    if (before && deepEqualDocs(before, doc)) return;
    this.fork[collection].set(doc.id, structuredClone(doc));
    // Typed back to what the server holds: nothing to send, nothing to keep.
    const assumed = this.assumed[collection].get(doc.id);
    if (assumed && deepEqualDocs(assumed, doc)) this.unsettled.delete(`${collection}/${doc.id}`);
    else this.unsettled.set(`${collection}/${doc.id}`, structuredClone(doc));
  }

  /**
   * User versions neither acknowledged by the server nor kept aside yet, by `collection/id`.
   * After the settle there must be none: a change the device dropped silently stays here.
   */
  unsettledChanges(): string[] {
    return [...this.unsettled.keys()];
  }

  /** `version` of `collection/id` reached the server or was kept aside: the user's change is safe. */
  private settle(collection: CollectionName, version: Doc): void {
    const key = `${collection}/${version.id}`;
    const pending = this.unsettled.get(key);
    if (pending && deepEqualDocs(pending, version)) this.unsettled.delete(key);
  }

  isPending(collection: CollectionName, doc: Doc): boolean {
    const assumed = this.assumed[collection].get(doc.id);
    return !assumed || !deepEqualDocs(assumed, doc);
  }

  pendingCount(): number {
    return COLLECTION_NAMES.filter((c) => mayEverWrite(this.user.role, c)).reduce(
      (sum, c) => sum + [...this.fork[c].values()].filter((doc) => this.isPending(c, doc)).length,
      0,
    );
  }

  /**
   * One sync: each collection pushes and pulls (in a random order, as the live replications
   * interleave, except that an unanswered push is retried first), logs before timesheets. Stops
   * at the first lost reply. Returns how many documents moved, so the settle loop knows when
   * all is quiet.
   */
  async sync(
    transport: Transport,
    pushFirst: (collection: CollectionName) => boolean,
  ): Promise<number | 'lost'> {
    let moved = 0;
    for (const collection of COLLECTION_NAMES) {
      const steps =
        this.unanswered.has(collection) || pushFirst(collection) ? ['push', 'pull'] : ['pull', 'push'];
      for (const step of steps) {
        const result =
          step === 'push' ? await this.push(transport, collection) : await this.pull(transport, collection);
        if (result === 'lost') return 'lost';
        moved += result;
      }
    }
    return moved;
  }

  async push(transport: Transport, collection: CollectionName): Promise<number | 'lost'> {
    if (!mayEverWrite(this.user.role, collection)) return 0;
    // RxDB retries the very rows whose reply it did not get, whatever changed here since.
    const rows: PushRow[] =
      this.unanswered.get(collection) ??
      [...this.fork[collection].values()]
        .filter((doc) => this.isPending(collection, doc))
        .slice(0, 50)
        .map((doc) => ({
          newDocumentState: structuredClone(doc) as never,
          assumedMasterState: this.assumed[collection].get(doc.id) as never,
        }));
    if (rows.length === 0) return 0;
    this.stats.pushes += 1;
    const response = await transport.push(this, collection, rows);
    if (response === 'lost') {
      this.unanswered.set(collection, rows);
      return 'lost';
    }
    this.unanswered.delete(collection);
    // collection-replication.ts keepRefusals: the typed version is kept, the row reverts.
    const byId = new Map(rows.map((row) => [row.newDocumentState.id, row]));
    for (const rejection of response.rejections) {
      const row = byId.get(rejection.id);
      if (!row) continue;
      this.refused.mark(collection, rejection.id);
      this.keep({
        collection,
        docId: rejection.id,
        attempted: row.newDocumentState,
        code: rejection.code,
        message: rejection.message,
        reasons: rejection.reasons ?? [],
      });
      this.settle(collection, row.newDocumentState as unknown as Doc);
      this.stats.refusals += 1;
    }
    const conflicted = new Map(response.conflicts.map((doc) => [doc.id, doc as unknown as Doc]));
    for (const row of rows) {
      const id = row.newDocumentState.id;
      if (!conflicted.has(id)) {
        this.assumed[collection].set(id, row.newDocumentState as unknown as Doc);
        this.settle(collection, row.newDocumentState as unknown as Doc);
      }
    }
    for (const [id, real] of conflicted) {
      const row = byId.get(id);
      if (!row)
        throw new FuzzFailure(
          `${this.name}: the server answered a conflict for ${collection}/${id}, which was not pushed`,
        );
      this.stats.conflicts += 1;
      await this.resolve(
        collection,
        row,
        real,
        response.rejections.some((r) => r.id === id),
      );
    }
    return rows.length;
  }

  private async resolve(collection: CollectionName, row: PushRow, real: Doc, wasRefused: boolean) {
    const local = row.newDocumentState as unknown as Doc;
    const base = row.assumedMasterState as unknown as Doc | undefined;
    this.pendingClashes = [];
    const resolved = (await this.handlers[collection].resolve(
      { assumedMasterState: base as never, realMasterState: real as never, newDocumentState: local as never },
      'fuzz',
    )) as unknown as Doc;
    for (const clash of this.pendingClashes) {
      this.keep({ ...clash, code: 'conflict', reasons: clash.reasons ?? [] });
    }
    const where = `${this.name}: ${collection}/${local.id}`;
    if (this.pendingClashes.some((clash) => !deepEqualDocs(clash.attempted as Doc, local))) {
      throw new FuzzFailure(`${where}: what was kept aside is not the version the user had`);
    }
    if (wasRefused && !deepEqualDocs(resolved, real)) {
      throw new FuzzFailure(`${where} was refused but the device does not hold the server's version`);
    }
    if (!wasRefused && this.pendingClashes.length === 0) {
      const lost = lostUserChanges(collection, base, local, resolved);
      if (lost.length > 0) {
        throw new FuzzFailure(
          `${where}: conflict resolution dropped the user's change to ${lost.join(', ')} without keeping it aside`,
        );
      }
    }
    // RxDB marks the meta isResolvedConflict, but the collection's storage stamps its own
    // revision on the fork write, so the mark never matches: a resolution equal to the server's
    // version is not pushed again (test/integration/refusal-settles.test.ts relies on it too).
    // RxDB writes the resolution only over the fork state it pushed; a change made here since
    // fails that write, and the next push meets the conflict again (upstream.ts, 409).
    if (!deepEqualDocs(this.fork[collection].get(local.id) ?? {}, local)) return;
    this.fork[collection].set(local.id, structuredClone(resolved));
    this.assumed[collection].set(local.id, real);
    // Kept aside, or carried on in the merged version, which must reach the server in turn.
    const key = `${collection}/${local.id}`;
    if (this.unsettled.has(key) && deepEqualDocs(this.unsettled.get(key)!, local)) {
      if (this.pendingClashes.length > 0 || deepEqualDocs(resolved, real)) this.unsettled.delete(key);
      else this.unsettled.set(key, structuredClone(resolved));
    }
  }

  /** The app keeps a version the user typed aside (a clash in the edit screen, say). */
  keepAside(entry: KeptAside): void {
    this.keep(entry);
  }

  private keep(entry: KeptAside) {
    this.keptAside.push(structuredClone(entry));
    this.stats.keptAside += 1;
  }

  async pull(transport: Transport, collection: CollectionName): Promise<number | 'lost'> {
    let moved = 0;
    for (;;) {
      this.stats.pulls += 1;
      const page = await transport.pull(this, collection, this.checkpoints[collection], this.pullLimit);
      if (page === 'lost') return 'lost';
      for (const master of page.documents) this.applyMaster(collection, master as unknown as Doc);
      this.checkpoints[collection] = page.checkpoint ?? this.checkpoints[collection];
      moved += page.documents.length;
      if (page.documents.length === 0) return moved;
    }
  }

  /** rxdb downstream.ts: a pulled version replaces the fork unless the fork has an unpushed write. */
  private applyMaster(collection: CollectionName, master: Doc): void {
    const fork = this.fork[collection].get(master.id);
    const assumed = this.assumed[collection].get(master.id);
    if (fork && (!assumed || !deepEqualDocs(assumed, fork))) return;
    if (fork && deepEqualDocs(master, fork)) return;
    this.fork[collection].set(master.id, structuredClone(master));
    this.assumed[collection].set(master.id, structuredClone(master));
  }
}

const META = new Set<string>(IGNORED_FIELDS);
const TIMESHEET_DECISION_FIELDS = ['status', 'submission', 'approval', 'returned', 'reopened'];
const REPORT_DECISION_FIELDS = ['status', 'decision', 'review'];

/**
 * What the user changed on this device (against the version it was based on) that the resolved
 * document does not carry. Empty when nothing was dropped. Logs: every field and the deletion;
 * timesheets and reports: a transition made here, and for reports each section.
 */
export function lostUserChanges(
  collection: CollectionName,
  base: Doc | undefined,
  local: Doc,
  resolved: Doc,
): string[] {
  const changed = (key: string, from: unknown) => !same(local[key], from) && !same(resolved[key], local[key]);
  if (collection === 'assignments') return [];
  if (collection === 'logs') {
    const keys = new Set([...Object.keys(local), ...Object.keys(base ?? {})]);
    return [...keys].filter(
      (key) => !META.has(key) && (base ? changed(key, base[key]) : !same(resolved[key], local[key])),
    );
  }
  const lost: string[] = [];
  const from = (base?.status as string | undefined) ?? 'draft';
  if (local.status !== from) {
    const fields = collection === 'timesheets' ? TIMESHEET_DECISION_FIELDS : REPORT_DECISION_FIELDS;
    lost.push(...fields.filter((key) => changed(key, base?.[key])));
  }
  if (collection === 'reports') {
    const localSections = local.sections as ReportSections;
    const resolvedSections = resolved.sections as ReportSections;
    const baseSections =
      (base?.sections as ReportSections | undefined) ??
      newReport(
        { id: String(local.assignmentId), objectives: localSections.objectives.map((o) => o.objective) },
        'inception',
      ).sections;
    for (const name of [...TEXT_SECTIONS, 'objectives'] as const) {
      if (
        !same(localSections[name], baseSections[name]) &&
        !same(resolvedSections[name], localSections[name])
      ) {
        lost.push(`sections.${name}`);
      }
    }
  }
  return lost;
}
