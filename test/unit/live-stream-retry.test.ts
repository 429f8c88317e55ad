/**
 * The device's live stream (src/sync/stream.ts) after the server refused it (SP-8): a busy server
 * answers 503 with Retry-After, and thousands of devices retrying within a second would keep it
 * busy. Fake timers and a fake fetch: the only thing counted is when the device asks again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/sync/api-client';
import { openLiveStream, type LiveStream } from '../../src/sync/stream';

const busy = () =>
  new Response(JSON.stringify({ error: { code: 'unavailable', message: 'The server is busy.' } }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '30' },
  });

describe('live stream refused by a busy server', () => {
  let stream: LiveStream | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    stream?.close();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('SP-8: after a 503 with Retry-After the device waits that long before asking again, even when asked to reconnect', async () => {
    const fetchStream = vi.fn(async () => busy());
    vi.stubGlobal('fetch', fetchStream);
    stream = openLiveStream(
      new ApiClient({ baseUrl: 'http://server.test', token: 'x'.repeat(43) }),
      () => {},
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchStream).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(20_000);
    stream.reconnect();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(fetchStream).toHaveBeenCalledTimes(1);

    // Retry-After plus at most the first backoff step (1 s).
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetchStream).toHaveBeenCalledTimes(2);
  });
});
