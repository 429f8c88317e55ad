/**
 * The live streams' source of changes (SP-8): tails the document table by seq and hands every
 * committed row, in seq order, to this process's ChangeBus. Woken by the storage's 'changes'
 * signal, which on PostgreSQL is a NOTIFY from whichever server process committed, so a change
 * accepted by any process reaches the streams of every process.
 *
 * Why tail instead of publishing what a push wrote: a stream's checkpoint is a seq, and a device
 * that saw seq 10 pulls after 10 when it reconnects. Events must therefore reach a stream in seq
 * order with no gap, which reading `seq > last` in order gives (seqs become visible in increasing
 * order, storage/types.ts), and which events relayed between processes would not.
 */
import { OFFICERS_ONLY, isOfficersOnly } from '../../../src/shared/rules/access';
import type { Storage, StoredDocument } from '../storage/types';
import type { AssignmentAccess, ChangeBus, ChangeEvent } from './event-bus';

/** Rows read per query; a long backlog is read in pages. */
export const CHANGE_FEED_PAGE_SIZE = 500;
/**
 * A read even without a signal, in case one was lost between a commit and this process (the
 * storage also signals after a lost LISTEN connection comes back). Cheap: one indexed query.
 */
export const CHANGE_FEED_POLL_MS = 10_000;

export class ChangeFeed {
  private lastSeq = 0;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private stopListening: (() => Promise<void>) | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly bus: ChangeBus,
  ) {}

  /** Starts at the current end of the table: streams that connect get a resync first anyway. */
  async start(): Promise<void> {
    this.lastSeq = await this.storage.latestSeq();
    this.stopListening = await this.storage.listen('changes', () => void this.wake());
    this.poll = setInterval(() => void this.wake(), CHANGE_FEED_POLL_MS);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    await this.stopListening?.();
    this.stopListening = null;
    await this.reading?.catch(() => undefined);
  }

  /** Reads everything committed since the last read; resolves once it has been published. */
  wake(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.readAll()
      .catch((error: unknown) => console.error('Change feed read failed:', (error as Error).message))
      .finally(() => (this.reading = null));
    return this.reading;
  }

  private async readAll(): Promise<void> {
    do {
      this.readAgain = false;
      for (;;) {
        const rows = await this.storage.readChangesAfter(this.lastSeq, CHANGE_FEED_PAGE_SIZE);
        if (rows.length === 0) break;
        await this.publish(rows);
        this.lastSeq = rows.at(-1)!.seq;
        if (rows.length < CHANGE_FEED_PAGE_SIZE) break;
      }
    } while (this.readAgain && this.stopListening);
  }

  /** One event per run of consecutive rows of one collection, so each stays in seq order. */
  private async publish(rows: StoredDocument[]): Promise<void> {
    const access = await this.accessOfAssignments(rows);
    let event: ChangeEvent | null = null;
    for (const doc of rows) {
      // IN-1: an institution names nobody, even if its id were an assignment's.
      const docAccess = isOfficersOnly(doc.collection) ? OFFICERS_ONLY : access.get(doc.assignmentId);
      if (event && event.collection !== doc.collection) {
        this.bus.publish(event);
        event = null;
      }
      event ??= { collection: doc.collection, changes: [] };
      // A row whose assignment does not exist is readable by officers only (SP-7).
      event.changes.push({ doc, access: docAccess ?? OFFICERS_ONLY });
    }
    if (event) this.bus.publish(event);
  }

  /** Who may read each row: the access fields of its assignment, as it is now. */
  private async accessOfAssignments(rows: StoredDocument[]): Promise<Map<string, AssignmentAccess>> {
    const access = new Map<string, AssignmentAccess>();
    for (const doc of rows) {
      if (doc.collection === 'assignments') access.set(doc.id, doc.data as AssignmentAccess);
    }
    for (const id of new Set(
      rows.filter((doc) => !isOfficersOnly(doc.collection)).map((doc) => doc.assignmentId),
    )) {
      if (access.has(id)) continue;
      const assignment = await this.storage.getDocument('assignments', id);
      if (assignment) access.set(id, assignment.data);
    }
    return access;
  }
}
