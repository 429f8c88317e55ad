/**
 * The live stream's limits (SP-8): a stream that stops reading is ended before the server queues
 * too much for it, plain or gzipped (SP-12), a user has at most a few streams and the process a
 * bounded number, signing out or expiry ends a token's streams at once, and the API is rate limited.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import {
  API_PATHS,
  type ApiErrorBody,
  type PullResponse,
  type PushResponse,
  type StreamEvent,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { ApiClient } from '../../src/sync/api-client';
import { openLiveStream } from '../../src/sync/stream';
import { openStream, type TestStream } from '../helpers/sse-client';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

type LogDoc = SyncDocument<'logs'>;

/** Long enough that no heartbeat ends a stream during a test: what ends it is under test. */
const NO_HEARTBEAT_MS = 600_000;

async function pollUntil(condition: () => boolean, label: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `promise`, or a failure naming `label` once `timeoutMs` passed (so a missing end fails, not hangs). */
function within<T>(promise: Promise<T>, label: string, timeoutMs = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${label}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function call(server: TestServer, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** The server's side of every stream `token` opens from now on: what it has queued, whether it ended. */
function serverSideStreams(server: TestServer, token: string): ServerResponse[] {
  const found: ServerResponse[] = [];
  server.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url === API_PATHS.stream && request.headers.authorization === `Bearer ${token}`) {
      found.push(response);
    }
  });
  return found;
}

/**
 * A stream whose reader stops reading after the response head: the socket is paused, so the server
 * meets backpressure. `head` is that first chunk as text.
 */
function openStalledStream(
  server: TestServer,
  token: string,
  acceptEncoding?: string,
): { socket: net.Socket; head: Promise<string> } {
  const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
  socket.write(
    `GET ${API_PATHS.stream} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      'Accept: text/event-stream\r\n' +
      (acceptEncoding ? `Accept-Encoding: ${acceptEncoding}\r\n` : '') +
      '\r\n',
  );
  const head = new Promise<string>((resolve) =>
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      resolve(chunk.toString('latin1'));
    }),
  );
  return { socket, head };
}

const hasLog = (id: string) => (event: StreamEvent) =>
  event.type === 'change' && event.documents.some((doc) => doc.id === id);

async function firstDayOf(server: TestServer, token: string): Promise<string> {
  const { json } = await call(server, 'GET', API_PATHS.pull('assignments'), token);
  return ((json as PullResponse<'assignments'>).documents[0] as Assignment).startDate;
}

/**
 * A log of expert1 on the `n`th of 60 past days, with long texts: a heavy push. `random` texts
 * weigh nearly as much gzipped as plain, so a stalled gzipped stream fills the socket as fast.
 */
function heavyLog(firstDay: string, n: number, random = false): LogDoc {
  const text = random
    ? randomBytes(2_900).toString('base64')
    : `Row ${n}: mapped the borehole maintenance backlog with the rural water unit. `.repeat(50);
  return {
    id: crypto.randomUUID(),
    assignmentId: 'asg-expert1',
    date: addDays(firstDay, n % 60),
    hours: 0.25,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: text,
    ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
    notes: text,
    _deleted: false,
  };
}

describe.each([
  ['plain', undefined],
  ['gzipped', 'gzip'],
])('SP-8 a %s stream that falls behind', (_, acceptEncoding) => {
  const STALLED = 10;
  const QUEUE_LIMIT_BYTES = 256 * 1024;
  /**
   * Far more than the operating system buffers for a stalled socket (a few MB) plus the limit;
   * gzipped, the random texts still shrink by a quarter, so the socket takes more pushes to fill.
   */
  const MAX_PUSHES = 40;
  let server: TestServer;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      seedPastMonths: false,
      streamHeartbeatMs: NO_HEARTBEAT_MS,
      streamLimits: { maxQueuedBytes: QUEUE_LIMIT_BYTES, maxPerUser: STALLED + 1 },
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server.close();
  });

  it('SP-8: streams that stop reading are ended once too far behind; the server queues a bounded amount for them and a reading stream still gets every change', async () => {
    const expert = await login(server.url, 'expert1@demo.test');
    const supervisor = await login(server.url, 'supervisor1@demo.test');
    const stalled = serverSideStreams(server, expert);
    const heads: Promise<string>[] = [];
    for (let i = 0; i < STALLED; i++) {
      const { socket, head } = openStalledStream(server, expert, acceptEncoding);
      sockets.push(socket);
      heads.push(head);
    }
    for (const head of await Promise.all(heads)) {
      expect(head.includes('content-encoding: gzip')).toBe(acceptEncoding === 'gzip');
    }
    await pollUntil(
      () => stalled.length === STALLED && stalled.every((response) => response.headersSent),
      'the stalled streams to open',
    );
    const reader = await openStream(server.url, supervisor);
    const firstDay = await firstDayOf(server, expert);

    let pushes = 0;
    let largestPushBytes = 0;
    let mostQueuedBytes = 0;
    const pushed: string[] = [];
    for (; pushes < MAX_PUSHES && !stalled.every((response) => response.destroyed); pushes++) {
      const logs = Array.from({ length: 100 }, (_, i) => heavyLog(firstDay, pushes * 100 + i, true));
      const rows = logs.map((log) => ({ newDocumentState: log }));
      largestPushBytes = Math.max(largestPushBytes, JSON.stringify(rows).length);
      const { status, json } = await call(server, 'POST', API_PATHS.push('logs'), expert, rows);
      expect(status).toBe(200);
      expect((json as PushResponse).rejections).toEqual([]);
      pushed.push(...logs.map((log) => log.id));
      // Once the reader has the batch, the server has written it to every stream.
      await reader.waitFor(hasLog(logs.at(-1)!.id), `push ${pushes} on the reading stream`, 30_000);
      for (const response of stalled) mostQueuedBytes = Math.max(mostQueuedBytes, response.writableLength);
    }

    expect(stalled.filter((response) => !response.destroyed)).toHaveLength(0);
    // A stream is never written to beyond the limit, but one event always goes to one keeping up.
    expect(mostQueuedBytes).toBeLessThanOrEqual(QUEUE_LIMIT_BYTES + 2 * largestPushBytes);
    const received = new Set(
      reader.events.flatMap((event) => (event.type === 'change' ? event.documents.map((doc) => doc.id) : [])),
    );
    expect(pushed.filter((id) => !received.has(id))).toEqual([]);
    reader.close();
  });
});

describe('SP-8 stream caps', () => {
  let server: TestServer;
  let firstDay: string;
  const open: TestStream[] = [];
  beforeAll(async () => {
    server = await startTestServer({ seedPastMonths: false, streamHeartbeatMs: NO_HEARTBEAT_MS });
    firstDay = await firstDayOf(server, await login(server.url, 'expert1@demo.test'));
  });
  afterAll(async () => {
    for (const stream of open) stream.close();
    await server.close();
  });

  async function opened(token: string): Promise<TestStream> {
    const stream = await openStream(server.url, token);
    open.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((event) => event.type === 'resync', 'resync');
    return stream;
  }

  async function pushLog(token: string): Promise<string> {
    const log = heavyLog(firstDay, open.length);
    const { status } = await call(server, 'POST', API_PATHS.push('logs'), token, [{ newDocumentState: log }]);
    expect(status).toBe(200);
    return log.id;
  }

  it('SP-8: a user’s sixth stream ends their oldest; the other five keep receiving changes', async () => {
    const token = await login(server.url, 'expert1@demo.test');
    const streams: TestStream[] = [];
    for (let i = 0; i < 6; i++) streams.push(await opened(token));
    await within(streams[0]!.ended, 'the oldest stream to end');
    const id = await pushLog(token);
    for (const stream of streams.slice(1)) await stream.waitFor(hasLog(id), 'the change on a newer stream');
    for (const stream of streams) stream.close();
  });

  it('SP-8 SP-11: signing out ends that token’s streams at once; the same user’s other device keeps its stream', async () => {
    const phone = await login(server.url, 'expert2@demo.test');
    const laptop = await login(server.url, 'expert2@demo.test');
    const phoneStreams = [await opened(phone), await opened(phone)];
    const laptopStream = await opened(laptop);
    expect((await call(server, 'POST', API_PATHS.logout, phone)).status).toBe(200);
    for (const stream of phoneStreams) await within(stream.ended, 'the signed-out stream to end');

    const log = { ...heavyLog(firstDay, 1), assignmentId: 'asg-expert2' };
    const { status } = await call(server, 'POST', API_PATHS.push('logs'), laptop, [
      { newDocumentState: log },
    ]);
    expect(status).toBe(200);
    await laptopStream.waitFor(hasLog(log.id), 'the change on the other device');
    laptopStream.close();
  });

  it('SP-8: a device whose stream the server ends reconnects and resyncs (it pulls what it missed)', async () => {
    const token = await login(server.url, 'supervisor2@demo.test');
    const events: StreamEvent[] = [];
    const device = openLiveStream(new ApiClient({ baseUrl: server.url, token }), () => undefined);
    device.events$.subscribe((event) => events.push(event));
    try {
      await pollUntil(() => events.length === 1, 'the device’s first resync');
      // Five more streams of the same user end the device's, the oldest.
      for (let i = 0; i < 5; i++) await opened(token);
      await pollUntil(() => events.filter((event) => event.type === 'resync').length >= 2, 'a second resync');
    } finally {
      device.close();
    }
  });
});

describe('SP-8 streams of the whole process', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ streamHeartbeatMs: NO_HEARTBEAT_MS, streamLimits: { maxOpen: 4 } });
  });
  afterAll(() => server.close());

  async function opened(token: string): Promise<TestStream> {
    const stream = await openStream(server.url, token);
    expect(stream.status).toBe(200);
    await stream.waitFor((event) => event.type === 'resync', 'resync');
    return stream;
  }

  it('SP-8: when the process holds its maximum of streams, one more gets 503 with Retry-After and the API error body', async () => {
    const tokens = await Promise.all(
      ['expert1', 'expert2', 'supervisor1', 'supervisor2'].map((who) =>
        login(server.url, `${who}@demo.test`),
      ),
    );
    const officer = await login(server.url, 'officer@demo.test');
    const firstOfExpert1 = serverSideStreams(server, tokens[0]!);
    // One stream each: four, the maximum.
    const streams: TestStream[] = [];
    for (const token of tokens) streams.push(await opened(token));

    const refused = await fetch(`${server.url}${API_PATHS.stream}`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as ApiErrorBody).error.code).toBe('unavailable');

    // One closes: there is room again.
    const closed = new Promise((resolve) => firstOfExpert1[0]!.once('close', resolve));
    streams[0]!.close();
    await closed;
    (await opened(officer)).close();
    for (const stream of streams) stream.close();
  });
});

describe('SP-8 stream and token expiry', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ streamHeartbeatMs: NO_HEARTBEAT_MS, tokenTtlMs: 4_000 });
  });
  afterAll(() => server.close());

  it('SP-8 SP-11: a stream ends when its token expires, not at the next heartbeat', async () => {
    const token = await login(server.url, 'expert1@demo.test');
    const stream = await openStream(server.url, token);
    expect(stream.status).toBe(200);
    await within(stream.ended, 'the stream of the expired token to end', 30_000);
    expect(stream.events).toEqual([{ type: 'resync' }]);
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: { requestsPerMinutePerUser: 5, requestsPerMinutePerIp: 3 },
    });
  });
  afterAll(() => server.close());

  it('a user over their requests a minute gets 429 with Retry-After; other users and sign-ins from an IP are counted apart', async () => {
    const expert1 = await login(server.url, 'expert1@demo.test');
    const expert2 = await login(server.url, 'expert2@demo.test');
    for (let i = 0; i < 5; i++) expect((await call(server, 'GET', API_PATHS.me, expert1)).status).toBe(200);
    const limited = await call(server, 'GET', API_PATHS.me, expert1);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((limited.json as ApiErrorBody).error.code).toBe('too_many_requests');
    expect((await call(server, 'GET', API_PATHS.me, expert2)).status).toBe(200);

    // The two sign-ins above and this one are three from this IP: the fourth is refused.
    await login(server.url, 'officer@demo.test');
    const signIn = await call(server, 'POST', API_PATHS.login, undefined, {
      email: 'officer@demo.test',
      password: 'fieldbook-demo',
    });
    expect(signIn.status).toBe(429);
    expect(Number(signIn.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((signIn.json as ApiErrorBody).error.code).toBe('too_many_requests');

    // A monitor may poll the health check however often.
    for (let i = 0; i < 5; i++) expect((await call(server, 'GET', API_PATHS.health)).status).toBe(200);
  });
});
