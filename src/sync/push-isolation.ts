/**
 * A push batch the server keeps failing (SP-6): RxDB would send the same batch forever, and every
 * change queued behind it would never reach the server. When the answer blames the request rather
 * than the connection, the session or the server's load, the batch is split in halves until the
 * failing row stands alone; the good rows go through and the failing row comes back as a refusal
 * with the server's reason, which the device keeps for the user like any refusal.
 */
import type { PushResponse, PushRow, Rejection, SyncDocument } from '../shared/sync/protocol';
import { ApiError } from './api-client';

/** Consecutive 500s on the same batch before it is split: a passing fault gets a few retries first. */
export const SERVER_FAULT_REPEATS = 3;

/** Said of a row the server failed on (500) while the rest of its batch went through. */
export const SERVER_FAULT_MESSAGE =
  'The server failed on this change each time it was sent. It is kept here so you can enter it again; if it fails again, tell your programme officer.';

export type PushBatch = (rows: PushRow[]) => Promise<PushResponse>;

type Fault = 'retry' | 'row' | 'server';

/**
 * What an answer says about the rows. 401 (sign in again), 404 and 426 (an app or server of
 * another version), 408 and 429 (come back later), 502 to 504 (the server is not reached) and
 * the network say nothing about them. Any other 4xx is about the request itself; a 500 may be
 * the rows' fault or a passing one.
 */
function faultOf(error: unknown): Fault {
  if (!(error instanceof ApiError)) return 'retry';
  const { status } = error;
  if (status >= 400 && status < 500) return [401, 404, 408, 426, 429].includes(status) ? 'retry' : 'row';
  if (status >= 500) return [502, 503, 504].includes(status) ? 'retry' : 'server';
  return 'retry';
}

/**
 * The rejection of one row, shaped like the server's (SP-6): the device goes back to the version
 * it last had from the server, or drops a document the server never had (the typed text is kept).
 */
export function rejectedRow(row: PushRow, rejection: Omit<Rejection, 'id'>): PushResponse {
  const id = row.newDocumentState.id;
  return {
    rejections: [{ id, ...rejection }],
    conflicts: [row.assumedMasterState ?? ({ ...row.newDocumentState, _deleted: true } as SyncDocument)],
  };
}

function merged(responses: PushResponse[]): PushResponse {
  return {
    conflicts: responses.flatMap((response) => response.conflicts),
    rejections: responses.flatMap((response) => response.rejections),
    // SP-13: the stamps of the rows stored as sent; without them the device would never get them.
    accepted: responses.flatMap((response) => response.accepted ?? []),
  };
}

/** Pushes batches through `send`, splitting one that keeps failing (see the top of the file). */
export class IsolatingPusher {
  /** The batch that last got a 500, and how many times in a row. */
  private serverFaults = { key: '', count: 0 };

  constructor(private readonly send: PushBatch) {}

  async push(rows: PushRow[]): Promise<PushResponse> {
    try {
      const response = await this.send(rows);
      this.serverFaults = { key: '', count: 0 };
      return response;
    } catch (error) {
      const fault = faultOf(error);
      if (fault === 'retry') throw error;
      if (fault === 'server' && !this.repeatedServerFault(rows)) throw error;
      const { response, anyWentThrough } = await this.isolate(rows, error);
      // A server that fails on every part fails on everything: no row is to blame, try later.
      // A lone row has nothing to compare with; after the repeats it is refused like any other.
      if (fault === 'server' && !anyWentThrough && rows.length > 1) {
        this.serverFaults = { key: '', count: 0 };
        throw error;
      }
      this.serverFaults = { key: '', count: 0 };
      return response;
    }
  }

  private repeatedServerFault(rows: PushRow[]): boolean {
    const key = rows.map((row) => row.newDocumentState.id).join('\n');
    const count = this.serverFaults.key === key ? this.serverFaults.count + 1 : 1;
    this.serverFaults = { key, count };
    return count >= SERVER_FAULT_REPEATS;
  }

  /** `rows` failed with `error`: halves are pushed on their own until each failing row is alone. */
  private async isolate(
    rows: PushRow[],
    error: unknown,
  ): Promise<{ response: PushResponse; anyWentThrough: boolean }> {
    if (rows.length === 1) {
      const fault = faultOf(error);
      const message = fault === 'row' ? (error as ApiError).message : SERVER_FAULT_MESSAGE;
      return { response: rejectedRow(rows[0]!, { code: 'invalid', message }), anyWentThrough: false };
    }
    const middle = Math.ceil(rows.length / 2);
    const parts: { response: PushResponse; anyWentThrough: boolean }[] = [];
    for (const half of [rows.slice(0, middle), rows.slice(middle)]) {
      try {
        parts.push({ response: await this.send(half), anyWentThrough: true });
      } catch (halfError) {
        if (faultOf(halfError) === 'retry') throw halfError;
        parts.push(await this.isolate(half, halfError));
      }
    }
    return {
      response: merged(parts.map((part) => part.response)),
      anyWentThrough: parts.some((part) => part.anyWentThrough),
    };
  }
}
