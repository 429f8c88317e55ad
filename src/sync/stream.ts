/**
 * The single live stream (SP-8): Server-Sent Events read with fetch, so the session token travels
 * in the Authorization header and never in a URL. Reconnects with capped, jittered backoff.
 */
import { createParser } from 'eventsource-parser';
import { Subject, type Observable } from 'rxjs';
import { API_PATHS, type StreamEvent } from '../shared/sync/protocol';
import type { ApiClient } from './api-client';
import { ApiError } from './api-client';

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 60_000;
/** A longer Retry-After is taken as this: a wrong header must not silence the stream for hours. */
const RETRY_AFTER_MAX_MS = 300_000;

/** The Retry-After of a busy server (503) or a rate limit (429), in ms; 0 when there is none. */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, RETRY_AFTER_MAX_MS) : 0;
}

export interface LiveStream {
  events$: Observable<StreamEvent>;
  connected$: Observable<boolean>;
  /** Reconnect now (the network came back, the app became visible). */
  reconnect(): void;
  close(): void;
}

/** Opens the stream once `startAfter` resolves (this window may replicate: sync-lock.ts). */
export function openLiveStream(
  api: ApiClient,
  onAuthError: (error: ApiError) => void,
  startAfter: Promise<void> = Promise.resolve(),
): LiveStream {
  const events$ = new Subject<StreamEvent>();
  const connected$ = new Subject<boolean>();
  let controller: AbortController | null = null;
  let closed = false;
  let running = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Set by a Retry-After: no attempt before this time, not even on reconnect(). */
  let notBefore = 0;
  let waitMs = 0;

  async function connect(): Promise<void> {
    running = true;
    controller = new AbortController();
    const signal = controller.signal;
    try {
      const response = await fetch(new URL(API_PATHS.stream, api.baseUrl), {
        // With the device id (SP-13): the stream leaves out what this device wrote itself.
        headers: await api.deviceHeaders({ accept: 'text/event-stream' }),
        signal,
      });
      if (response.status === 401) {
        running = false;
        onAuthError(new ApiError(401, 'unauthorized', 'Your session has ended. Sign in again to sync.'));
        return;
      }
      if (!response.ok || !response.body) {
        waitMs = retryAfterMs(response);
        void response.body?.cancel();
        throw new Error(`stream answered ${response.status}`);
      }
      attempt = 0;
      connected$.next(true);
      const parser = createParser({
        onEvent(message) {
          events$.next(JSON.parse(message.data) as StreamEvent);
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // Network gone or aborted: fall through to the reconnect below.
    }
    running = false;
    connected$.next(false);
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed) return;
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt);
    attempt += 1;
    // The jitter stays on top of a Retry-After, so refused devices do not all return at once.
    const delayMs = waitMs + ceiling / 2 + Math.random() * (ceiling / 2);
    notBefore = waitMs > 0 ? Date.now() + waitMs : 0;
    waitMs = 0;
    timer = setTimeout(() => void connect(), delayMs);
  }

  let started = false;
  void startAfter.then(() => {
    started = true;
    if (!closed) void connect();
  });
  return {
    events$,
    connected$,
    reconnect() {
      if (closed || !started || Date.now() < notBefore) return;
      attempt = 0;
      if (running) {
        controller?.abort();
      } else {
        clearTimeout(timer);
        void connect();
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
      controller?.abort();
      events$.complete();
      connected$.complete();
    },
  };
}
