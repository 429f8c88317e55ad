/**
 * The open live streams of this process (SP-8), by user and by token: the caps on how many may be
 * open, and the one place that ends them — when a device signs out, when its token expires, or
 * when a revocation notice arrives from another server process.
 */

export interface StreamLimits {
  /**
   * A stream with more than this queued but not yet taken by the network is behind (the device
   * stopped reading, or cannot keep up): it is ended rather than queued for, and the device
   * pulls what it missed when it reconnects. Counted on top of the operating system's socket
   * buffer, and before compression for a gzipped stream (SP-12). One event is always written to a
   * stream that keeps up, however large.
   */
  maxQueuedBytes: number;
  /** More streams than a user has devices means stale ones: opening another ends their oldest. */
  maxPerUser: number;
  /** Streams of the whole process; one more is refused with 503 and Retry-After. */
  maxOpen: number;
  /** The Retry-After of that 503. */
  busyRetryAfterSeconds: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  // About one full push (MAX_BODY_BYTES) behind.
  maxQueuedBytes: 1_048_576,
  // A phone, a laptop and a tablet, with room for a connection the network dropped silently.
  maxPerUser: 5,
  // Each stream holds a file descriptor: 800 stays below the common soft limit of 1,024 with
  // room for ordinary requests, the database and log files. Raise it with `ulimit -n`.
  maxOpen: 800,
  busyRetryAfterSeconds: 30,
};

export interface LiveStream {
  userId: string;
  tokenHash: string;
  /** Ends the response; the device reconnects, or stays away when its token no longer works. */
  end(): void;
}

export class LiveStreams {
  /** Insertion order is age: the first of a user's is their oldest. */
  private readonly open = new Set<LiveStream>();

  constructor(readonly limits: StreamLimits) {}

  get size(): number {
    return this.open.size;
  }

  /**
   * Makes room for one more stream of `userId` by ending their oldest beyond the per-user cap.
   * False when the process is full: a user below their own cap does not end other users' streams.
   */
  admit(userId: string): boolean {
    const own = [...this.open].filter((stream) => stream.userId === userId);
    const excess = own.length - this.limits.maxPerUser + 1;
    if (excess <= 0 && this.open.size >= this.limits.maxOpen) return false;
    for (const stream of own.slice(0, Math.max(0, excess))) stream.end();
    return this.open.size < this.limits.maxOpen;
  }

  add(stream: LiveStream): void {
    this.open.add(stream);
  }

  delete(stream: LiveStream): void {
    this.open.delete(stream);
  }

  /** Ends every stream of a revoked token at once; call it on a revocation from any process. */
  closeStreamsOfToken(tokenHash: string): void {
    for (const stream of [...this.open]) if (stream.tokenHash === tokenHash) stream.end();
  }

  closeAll(): void {
    for (const stream of [...this.open]) stream.end();
  }
}
