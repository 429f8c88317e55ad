/**
 * The storage contract of the sync server. SQLite implements it today and PostgreSQL later, so
 * every method is async and a batch of document writes runs in an explicit transaction.
 * test/integration/storage-contract.ts is the suite every backend must pass.
 */
import type { CollectionDocs, CollectionName } from '../../../src/shared/schemas';
import type { AuditEntry, Language } from '../../../src/shared/people';
import type { PublicUser } from '../../../src/shared/users';

export interface StoredUser extends PublicUser {
  /** `scrypt$N$r$p$salt$hash`, see auth/passwords.ts; '' while invited and no password is set (PE-2). */
  passwordHash: string;
  /** Set while the account is deactivated (PE-5); absent while it is not. */
  deactivatedAt?: Date;
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
  /**
   * `<user id>/<device id>` of the device whose push the server stored exactly as sent (SP-13):
   * that device holds this version already. Null (or absent) for any other write.
   */
  originDevice?: string | null;
}

export type DocumentWrite<K extends CollectionName = CollectionName> = Omit<StoredDocument<K>, 'seq'>;

export interface PullQuery {
  collection: CollectionName;
  /** Only rows with a larger seq. */
  afterSeq: number;
  /** Only rows of these assignments; 'all' for users who may read everything. */
  assignmentIds: readonly string[] | 'all';
  limit: number;
  /** Leave out rows whose `originDevice` is this one: the asking device wrote them (SP-13). */
  excludeOriginDevice?: string;
}

/** Which of an expert's logs of a day to count: what the logs-per-day and 24-hour rules need (SP-6). */
export interface ExpertDayQuery {
  /** The expert of the assignments whose logs count (tombstoned assignments included). */
  expertId: string;
  /** ISO date. */
  date: string;
  /** The log being checked, left out. */
  excludeLogId: string;
  /** Count no further than this many logs, so the read stays small however full the day is. */
  atMost: number;
}

export interface ExpertDayCount {
  /** Non-deleted logs counted, at most `atMost`. */
  logs: number;
  /** Their hours; when `logs` reached `atMost`, only the hours of the logs counted. */
  hours: number;
}

/** Reads of the document table, available inside and outside a transaction. */
export interface DocumentReader {
  getDocument<K extends CollectionName>(collection: K, id: string): Promise<StoredDocument<K> | undefined>;
  /** Every assignment, tombstones included, to work out which ones a user may read. */
  listAssignments(): Promise<StoredDocument<'assignments'>[]>;
  /** Rows ordered by seq ascending (SP-1), at most `limit` of them. */
  pullDocuments(query: PullQuery): Promise<StoredDocument[]>;
  /** How many rows `pullDocuments` would return with no limit: a first sync's progress (SP-14). */
  countPullable(query: Omit<PullQuery, 'limit'>): Promise<number>;
  /** Non-deleted logs of these assignments whose `date` is the given ISO date. */
  findLogsOnDate(assignmentIds: readonly string[], date: string): Promise<StoredDocument<'logs'>[]>;
  /** How many of the expert's other logs the day holds, and their hours; answered from indexes. */
  countExpertLogsOnDate(query: ExpertDayQuery): Promise<ExpertDayCount>;
  /** Non-deleted logs of one assignment dated `start` to `end` (ISO dates, both included). */
  findLogsBetween(assignmentId: string, start: string, end: string): Promise<StoredDocument<'logs'>[]>;
  /** Non-deleted logs, timesheets and reports of one assignment, in seq order. */
  documentsOfAssignment(assignmentId: string): Promise<StoredDocument[]>;
  /** The highest seq handed out so far (0 when nothing was written). */
  latestSeq(): Promise<number>;
}

export interface DocumentTransaction extends DocumentReader {
  /**
   * Inserts or replaces the row. At commit it gets a new seq, larger than every seq any reader
   * has seen; the returned document's `seq` is that one once the transaction has committed (inside
   * it, the seq is provisional). Seqs may have gaps but are never reused and become visible in
   * increasing order — a transaction that commits later has larger seqs — which is what makes a
   * checkpoint safe (SP-2).
   */
  writeDocument<K extends CollectionName>(write: DocumentWrite<K>): Promise<StoredDocument<K>>;
  /**
   * Waits until no other transaction holds any of these scopes, and holds them until this one
   * ends. Transactions of different scopes run side by side; those of one scope, one after the
   * other. A push locks the experts whose data it touches, so the rules that read several rows
   * (24-hour days, locked months, the first decision wins) see every earlier write of that expert.
   */
  lockScopes(scopes: readonly string[]): Promise<void>;
  /**
   * Runs `fn` as one step of the transaction (a SAVEPOINT). When it throws, the step's writes,
   * seqs included, are undone and the transaction goes on: the error comes back as `ok: false`,
   * so one pushed row the database refuses is refused alone (SP-6). An error after which the
   * transaction cannot go on, or that may pass when tried again (a lost connection, a deadlock,
   * a busy or full disk), is thrown instead: the whole transaction rolls back and can be retried.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<SavepointResult<T>>;
  /** IN-4: how many accounts (deactivated ones included) belong to the host institution. */
  countPeopleOfInstitution(institutionId: string): Promise<number>;
  /** Records an audit entry with the transaction's writes (AS-6): it commits or rolls back with them. */
  recordAudit(entry: NewAuditEntry): Promise<void>;
  /**
   * The payment batch holding the month, if any (PB-3, AS-7). Read inside the transaction, after
   * its scope locks: a batch made by a transaction holding the same scopes is seen.
   */
  batchIdOfTimesheet(timesheetId: string): Promise<string | null>;
  /**
   * PB-2 inside the transaction: all the months join the new batch, or none when any is in one
   * already. With the months' expert scopes locked first, a month cannot change meanwhile (PB-3).
   */
  insertPaymentBatch(
    batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>,
  ): Promise<CreateBatchResult>;
}

/** An audit entry to record; the storage gives it its id. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at: Date };

export type SavepointResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Signals between the server processes that share one database (PostgreSQL NOTIFY; in-process on
 * SQLite, which serves one process). 'changes': a transaction committed writes, payload its last
 * seq — sent by transaction() itself, at commit. 'revocations': a token was revoked, payload its hash.
 */
export type SignalChannel = 'changes' | 'revocations';

/** A login attempt counted before its password is checked (see reserveLoginAttempt). */
export type LoginReservation = { ok: true; attemptId: string } | { ok: false; key: string; failures: Date[] };

/** A user with what officers see and keep of them (PE-1). */
export interface StoredPerson extends PublicUser {
  institutionId: string | null;
  phone: string | null;
  language: Language | null;
  createdAt: Date;
  deactivatedAt: Date | null;
  /** False while invited: no password was set yet. */
  hasPassword: boolean;
}

export type NewStoredPerson = Omit<StoredPerson, 'deactivatedAt' | 'hasPassword'>;

/** An invitation (PE-2): like a token, only the SHA-256 of its code is kept. */
export interface StoredInvitation {
  codeHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** `institution_unknown`: the person's institutionId names no (undeleted) host institution (PE-11). */
export type CreatePersonResult = 'created' | 'email_taken' | 'institution_unknown';

/** What accepting an invitation did (PE-2): the person signed up, or why not. */
export type AcceptInvitationResult =
  { ok: true; user: StoredUser } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' };

/** What a change of a person's access did: the tokens it revoked, to end their streams (PE-4, PE-5). */
export type PersonChangeResult =
  | { ok: true; person: StoredPerson; revokedTokenHashes: string[] }
  | { ok: false; reason: 'not_found' | 'last_officer' | 'deactivated' };

/**
 * People, invitations and their audit (PE-*). Each write is one transaction that records its
 * audit entry (who: `actorId`, when: `at`, what: action and changes) with it; a check and the
 * write it allows cannot be split by another request, on any server process.
 */
export interface PeopleStorage {
  /**
   * Creates the user (no password yet) and its invitation; nothing when the email is taken or
   * the institution does not exist (checked in the same transaction, under its scope lock: IN-4).
   */
  createPerson(
    person: NewStoredPerson,
    invitation: StoredInvitation,
    actorId: string,
  ): Promise<CreatePersonResult>;
  getPerson(id: string): Promise<StoredPerson | undefined>;
  /** Oldest first, then by id; at most `limit` from `offset`. */
  listPeople(page: { limit: number; offset: number }): Promise<StoredPerson[]>;
  /** The invitation as stored; its dates say whether it can still be accepted. */
  getInvitation(codeHash: string): Promise<StoredInvitation | undefined>;
  /**
   * Password reset (PE-4): revokes the person's unused invitations, every token and the
   * password, and saves the new invitation. Refused for an unknown or deactivated person.
   */
  reissueInvitation(invitation: StoredInvitation, actorId: string): Promise<PersonChangeResult>;
  /**
   * Marks the invitation used and sets the password, if at `at` it is neither used, revoked nor
   * expired: of two parallel acceptances only one wins.
   */
  acceptInvitation(codeHash: string, passwordHash: string, at: Date): Promise<AcceptInvitationResult>;
  /**
   * Deactivates the person — revoking every token and unused invitation — or reactivates them
   * (PE-5). Deactivating the last active officer is refused. No change, no audit entry.
   */
  setPersonActive(id: string, active: boolean, at: Date, actorId: string): Promise<PersonChangeResult>;
  /** Newest first; only entries with an id below `before` when given; at most `limit`. */
  listAudit(page: { limit: number; before?: number }): Promise<AuditEntry[]>;
}

/** A payment batch as stored (PB-1). */
export interface StoredPaymentBatch {
  id: string;
  createdAt: Date;
  createdBy: string;
  paidOn: string | null;
  paidAt: Date | null;
  paidBy: string | null;
  /** Sorted. */
  timesheetIds: string[];
}

export type CreateBatchResult =
  | { ok: true; batch: StoredPaymentBatch }
  /** Months already in another batch, with that batch: nothing was created. */
  | { ok: false; taken: { timesheetId: string; batchId: string }[] };

export type MarkPaidResult =
  { ok: true; batch: StoredPaymentBatch } | { ok: false; reason: 'not_found' | 'already_paid' };

/**
 * Allowance payment batches (PB-*). A month joins one batch only, decided by the database's key on
 * the month: two officers batching the same month at once, on any server process, cannot both win.
 */
export interface PaymentStorage {
  /** All the months, or none when any is in a batch already. */
  createPaymentBatch(
    batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>,
  ): Promise<CreateBatchResult>;
  getPaymentBatch(id: string): Promise<StoredPaymentBatch | undefined>;
  /** Newest first. */
  listPaymentBatches(): Promise<StoredPaymentBatch[]>;
  /** Once: a batch marked paid keeps its date. */
  markPaymentBatchPaid(id: string, paidOn: string, at: Date, actorId: string): Promise<MarkPaidResult>;
  /** The batch holding the month, if any. */
  batchOfTimesheet(timesheetId: string): Promise<StoredPaymentBatch | undefined>;
}

/** The server's VAPID key pair (PN-1), base64url as web-push makes them. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** A device's push subscription (PN-2): one per endpoint, of the user who subscribed it last. */
export interface StoredPushSubscription {
  endpoint: string;
  userId: string;
  p256dh: string;
  auth: string;
  createdAt: Date;
}

/**
 * Web Push reminders (docs/reminders.md PN-*). Shared by every server process on the database:
 * the key pair is made once, and a notice is claimed once, whichever process gets there first.
 */
export interface PushStorage {
  /** The stored key pair; `candidate` is stored first when there is none yet (the first start). */
  vapidKeys(candidate: VapidKeys): Promise<VapidKeys>;
  /** Inserts, or gives the endpoint to this user with these keys (one device, one subscription). */
  savePushSubscription(subscription: StoredPushSubscription): Promise<void>;
  /** Removes the endpoint; only when it is `userId`'s when given. True when a row was removed. */
  deletePushSubscription(endpoint: string, userId?: string): Promise<boolean>;
  /** Removes every subscription of the user (a reset or a deactivation, PN-4); how many. */
  deletePushSubscriptionsOf(userId: string): Promise<number>;
  /** The subscriptions of these users who are active and have reminders on (PN-4, PN-5). */
  pushSubscriptionsOf(userIds: readonly string[]): Promise<StoredPushSubscription[]>;
  /** Users with a subscription, active and with reminders on: whom the daily reminders are for. */
  pushRecipients(): Promise<string[]>;
  /** True unless the user switched reminders off. */
  remindersOn(userId: string): Promise<boolean>;
  setRemindersOn(userId: string, on: boolean): Promise<void>;
  /**
   * Records that `userId` was sent the notice `key`; true for the one caller that recorded it,
   * false for every later one, on any process: a notice goes out once (PN-3, PN-6).
   */
  claimPushNotice(userId: string, key: string, at: Date): Promise<boolean>;
}

export interface Storage extends DocumentReader, PeopleStorage, PaymentStorage, PushStorage {
  /**
   * Runs `fn` in one transaction: all its writes commit together, or none when it throws.
   * Inside `fn` use only `tx`; calling the storage itself may wait for the transaction to end.
   * A transaction that wrote sends a 'changes' signal once it has committed.
   */
  transaction<T>(fn: (tx: DocumentTransaction) => Promise<T>): Promise<T>;

  /** Rows of every collection with a seq above `afterSeq`, in seq order: the change feed. */
  readChangesAfter(afterSeq: number, limit: number): Promise<StoredDocument[]>;

  /**
   * Calls `onSignal` for every signal on `channel` from any process, this one included, and with
   * '' after a lost connection to the database was restored (signals may have been missed).
   * Resolves once listening, to a function that stops.
   */
  listen(channel: SignalChannel, onSignal: (payload: string) => void): Promise<() => Promise<void>>;
  signal(channel: SignalChannel, payload: string): Promise<void>;

  /**
   * Runs `fn` while no other process runs `fn` under the same name on this database (start-up work
   * such as seeding the demo data). Inside `fn` the storage is used as usual.
   */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;

  /** `institutionId`: a host supervisor's institution (the demo seed's supervisors, PE-11). */
  createUser(user: StoredUser & { institutionId?: string }): Promise<void>;
  /** `email` is matched case-insensitively. */
  getUserByEmail(email: string): Promise<StoredUser | undefined>;
  getUserById(id: string): Promise<StoredUser | undefined>;
  /** The user's own language choice (issue 13); false when there is no such user. */
  setUserLanguage(id: string, language: Language): Promise<boolean>;
  countUsers(): Promise<number>;

  saveToken(token: StoredToken): Promise<void>;
  getToken(tokenHash: string): Promise<StoredToken | undefined>;
  revokeToken(tokenHash: string, at: Date): Promise<void>;
  /** Forgets tokens that expired before `before`; they could not be used anyway. */
  deleteExpiredTokens(before: Date): Promise<void>;

  /**
   * One atomic step for every process (SP-11): unless a key already has `max` failures since
   * `since`, counts this attempt as a failure of every key before its password is checked, so
   * parallel guesses — on any server process — cannot all pass the check. The caller then
   * settles it with settleLoginAttempt.
   */
  reserveLoginAttempt(keys: readonly string[], at: Date, since: Date, max: number): Promise<LoginReservation>;
  /** A successful attempt is no failure: its reservation is removed. A failed one stays counted. */
  settleLoginAttempt(attemptId: string, succeeded: boolean): Promise<void>;
  /** Forgets the failures of `key` (a successful sign-in clears its email's). */
  clearLoginFailures(key: string): Promise<void>;

  /** Throws when the storage cannot answer (health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
