/**
 * The storage contract of the sync server. SQLite implements it today and PostgreSQL later, so
 * every method is async and a batch of document writes runs in an explicit transaction.
 * test/integration/storage-contract.ts is the suite every backend must pass.
 */
import type { CollectionDocs, CollectionName } from '../../../src/shared/schemas';
import type { PublicUser } from '../../../src/shared/users';

export interface StoredUser extends PublicUser {
  /** `scrypt$N$r$p$salt$hash`, see auth/passwords.ts. */
  passwordHash: string;
}

export interface StoredToken {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface StoredDocument<K extends CollectionName = CollectionName> {
  collection: K;
  id: string;
  /** The assignment the document belongs to (its own id for an assignment): the key of access. */
  assignmentId: string;
  /** The document as the client sees it, server-stamped fields included, without `_deleted`. */
  data: CollectionDocs[K];
  deleted: boolean;
  /** Position in the server's global write sequence (SP-1). */
  seq: number;
}

export type DocumentWrite<K extends CollectionName = CollectionName> = Omit<StoredDocument<K>, 'seq'>;

export interface PullQuery {
  collection: CollectionName;
  /** Only rows with a larger seq. */
  afterSeq: number;
  /** Only rows of these assignments; 'all' for users who may read everything. */
  assignmentIds: readonly string[] | 'all';
  limit: number;
}

/** Reads of the document table, available inside and outside a transaction. */
export interface DocumentReader {
  getDocument<K extends CollectionName>(collection: K, id: string): Promise<StoredDocument<K> | undefined>;
  /** Every assignment, tombstones included, to work out which ones a user may read. */
  listAssignments(): Promise<StoredDocument<'assignments'>[]>;
  /** Rows ordered by seq ascending (SP-1), at most `limit` of them. */
  pullDocuments(query: PullQuery): Promise<StoredDocument[]>;
  /** Non-deleted logs of these assignments whose `date` is the given ISO date. */
  findLogsOnDate(assignmentIds: readonly string[], date: string): Promise<StoredDocument<'logs'>[]>;
  /** Non-deleted logs of one assignment dated `start` to `end` (ISO dates, both included). */
  findLogsBetween(assignmentId: string, start: string, end: string): Promise<StoredDocument<'logs'>[]>;
  /** The highest seq handed out so far (0 when nothing was written). */
  latestSeq(): Promise<number>;
}

export interface DocumentTransaction extends DocumentReader {
  /**
   * Inserts or replaces the row and gives it a new seq, larger than every seq any reader has
   * seen. Seqs may have gaps (a rolled-back PostgreSQL sequence does not rewind) but are never
   * reused and become visible in increasing order: that is what makes a checkpoint safe (SP-2).
   */
  writeDocument<K extends CollectionName>(write: DocumentWrite<K>): Promise<StoredDocument<K>>;
}

export interface Storage extends DocumentReader {
  /**
   * Runs `fn` in one transaction: all its writes commit together, or none when it throws.
   * Inside `fn` use only `tx`; calling the storage itself may wait for the transaction to end.
   */
  transaction<T>(fn: (tx: DocumentTransaction) => Promise<T>): Promise<T>;

  createUser(user: StoredUser): Promise<void>;
  /** `email` is matched case-insensitively. */
  getUserByEmail(email: string): Promise<StoredUser | undefined>;
  getUserById(id: string): Promise<StoredUser | undefined>;
  countUsers(): Promise<number>;

  saveToken(token: StoredToken): Promise<void>;
  getToken(tokenHash: string): Promise<StoredToken | undefined>;
  revokeToken(tokenHash: string, at: Date): Promise<void>;
  /** Forgets tokens that expired before `before`; they could not be used anyway. */
  deleteExpiredTokens(before: Date): Promise<void>;

  /** Login failures are counted per key (`email:…`, `ip:…`) in a sliding window. */
  recordLoginFailure(key: string, at: Date): Promise<void>;
  /** Times of the failures for `key` since `since`, oldest first. */
  listLoginFailures(key: string, since: Date): Promise<Date[]>;
  clearLoginFailures(key: string): Promise<void>;

  /** Throws when the storage cannot answer (health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
