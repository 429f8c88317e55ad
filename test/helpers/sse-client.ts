/**
 * Reads the sync stream (SP-8) the way the PWA does: fetch with the bearer token in a header,
 * parsed with eventsource-parser. Collects events so tests can wait for the one they expect.
 */
import { createParser } from 'eventsource-parser';
import { API_PATHS, type StreamEvent } from '../../src/shared/sync/protocol';

export interface TestStream {
  status: number;
  events: StreamEvent[];
  comments: string[];
  /** Resolves with the first event (already received or coming) that matches. */
  waitFor(match: (event: StreamEvent) => boolean, label: string, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** False once the stream is over: ended by the server, or by close(). */
  readonly open: boolean;
  close(): void;
}

export async function openStream(url: string, token: string): Promise<TestStream> {
  const abort = new AbortController();
  const response = await fetch(`${url}${API_PATHS.stream}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent: (message) => {
      events.push(JSON.parse(message.data) as StreamEvent);
      for (const wake of waiters) wake();
    },
    onComment: (comment) => comments.push(comment),
  });

  let open = true;
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Aborted by close(): the stream is over either way.
    }
  })().finally(() => {
    open = false;
  });

  const waitFor: TestStream['waitFor'] = (match, label, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out waiting for ${label}; got ${JSON.stringify(events)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    status: response.status,
    events,
    comments,
    waitFor,
    ended,
    get open() {
      return open;
    },
    close: () => abort.abort(),
  };
}
