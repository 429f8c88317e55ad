/**
 * The sync protocol between a device and the sync server: request and response shapes, limits and
 * error codes. docs/sync-protocol.md states the rules (IDs SP-*) that these types carry.
 */
import type { Reason } from '../reasons';
import type { CollectionDocs, CollectionName } from '../schemas';
import type { PublicUser } from '../users';

/** Bumped when the wire format changes incompatibly; the server answers older clients with 426. */
export const SYNC_PROTOCOL_VERSION = 1;
export const MIN_SUPPORTED_PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-fieldbook-protocol';
/**
 * Names the device database a push, pull or stream comes from (SP-13): the server does not send
 * a device back what it wrote itself. Optional; without it every row is echoed as before.
 */
export const DEVICE_HEADER = 'x-fieldbook-device';
/** A device id is a short token of letters, digits, `-` and `_` (RxDB's storage token is one). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const MAX_BODY_BYTES = 1_048_576;
export const MAX_PUSH_DOCUMENTS = 100;
export const MAX_PULL_LIMIT = 1_000;
/** SP-14: large pages, one IndexedDB write each; a first sync is bounded by the network. */
export const DEFAULT_PULL_LIMIT = 500;
/** The stream sends a comment this often so proxies and mobile networks keep it open. */
export const STREAM_HEARTBEAT_MS = 25_000;

export type WithDeletedFlag<T> = T & { _deleted: boolean };
export type SyncDocument<K extends CollectionName = CollectionName> = WithDeletedFlag<CollectionDocs[K]>;

/** Position in the server's write sequence (SP-1): everything up to `seq` has been seen. */
export interface SyncCheckpoint {
  seq: number;
}

export interface LoginRequest {
  email: string;
  password: string;
}
export interface LoginResponse {
  token: string;
  user: PublicUser;
  expiresAt: string;
}

export interface PullResponse<K extends CollectionName = CollectionName> {
  documents: SyncDocument<K>[];
  checkpoint: SyncCheckpoint | null;
  /** How many more the device may pull after this page; only on a full page (SP-14). */
  remaining?: number;
  /**
   * Every assignment the user may read now, for users who may not read all (SP-15): the device
   * drops what it holds of any other assignment. Absent for officers.
   */
  readable?: string[];
}

export interface PushRow<K extends CollectionName = CollectionName> {
  /** The whole server version the change was based on (RxDB's own shape; still accepted). */
  assumedMasterState?: SyncDocument<K>;
  /** Or just its marker, revisionOf(assumed) — what our devices send (SP-12). */
  assumedRevision?: string;
  newDocumentState: SyncDocument<K>;
}

export type RejectionCode = 'forbidden' | 'invalid' | 'rule';

/**
 * A pushed row the server refused (SP-6): the device keeps the user's version and shows why, in
 * its user's language, from `reasons` (issue 13); `message` is the same in English, for logs and
 * clients that read only it (and what servers before `reasons` sent).
 */
export interface Rejection {
  id: string;
  code: RejectionCode;
  message: string;
  reasons?: Reason[];
}

/**
 * A row the server stored as the pushing device sent it (SP-13): its seq, and what the device
 * lacks of it — the server-owned fields whose stored value differs from the pushed one (`set`),
 * and those the stored version does not have (`unset`). Applied to the pushed document they give
 * the stored version exactly.
 */
export interface AcceptedRow {
  id: string;
  /** The write's place in the server sequence (SP-1): a pulled version below it is older. */
  seq: number;
  set: Record<string, unknown>;
  unset?: string[];
}

export interface PushResponse<K extends CollectionName = CollectionName> {
  /** Current server versions the device must adopt: genuine conflicts and refused rows. */
  conflicts: SyncDocument<K>[];
  rejections: Rejection[];
  /** Stamps of the rows written as sent (SP-13); absent from servers before it. */
  accepted?: AcceptedRow[];
}

/** What the single live stream carries (SP-8). */
export type StreamEvent =
  | { type: 'change'; collection: CollectionName; documents: SyncDocument[]; checkpoint: SyncCheckpoint }
  /** Sent first on every connection: the device may have missed events while disconnected. */
  | { type: 'resync' };

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  /** The request clashes with what is stored: a taken email, the last officer (PE-1, PE-5). */
  | 'conflict'
  /** An invitation that was used, has expired or was revoked (PE-2). */
  | 'gone'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'upgrade_required'
  | 'internal'
  /** The server holds as many live streams as it may (SP-8); Retry-After says when to try again. */
  | 'unavailable';

export interface ApiErrorBody {
  /**
   * `field`: the request field the refusal is about, when it is about one (PE-1). `reason`: the
   * refusal as a message id and values, when a rule gave one, for the app to say it in its user's
   * language; `message` is its English.
   */
  error: { code: ApiErrorCode; message: string; field?: string; reason?: Reason };
}

export const API_ERROR_STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  too_many_requests: 429,
  upgrade_required: 426,
  internal: 500,
  unavailable: 503,
};

export const API_PATHS = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  pull: (collection: CollectionName) => `/api/sync/${collection}/pull`,
  push: (collection: CollectionName) => `/api/sync/${collection}/push`,
  stream: '/api/sync/stream',
  /** Officers only: approved timesheets as CSV (TS-8); `?month=YYYY-MM` narrows to one month. */
  exportTimesheets: '/api/export/timesheets.csv',
  health: '/healthz',
} as const;
