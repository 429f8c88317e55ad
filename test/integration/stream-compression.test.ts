/**
 * The live stream on the wire (SP-12): gzipped for a device that accepts gzip, each frame flushed
 * at once so an event does not wait for the next; plain text for one that does not. That a
 * gzipped stream which stops reading is still ended is in stream-limits.test.ts (SP-8).
 */
import http, { type IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import {
  API_PATHS,
  type PullResponse,
  type StreamEvent,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { ApiClient } from '../../src/sync/api-client';
import { openLiveStream } from '../../src/sync/stream';
import { waitUntil } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

/** Short, so the test sees a heartbeat go through the gzip stream too. */
const HEARTBEAT_MS = 300;
/**
 * An event that waited in a buffer would come with a later heartbeat or not at all: one that
 * arrives before a few heartbeats have passed was flushed on its own. Counted in heartbeats, the
 * server's own clock, not in a test machine's milliseconds.
 */
const PROMPT_HEARTBEATS = 6;

interface RawStream {
  response: IncomingMessage;
  /** Bytes as they came over the network. */
  wireBytes: () => number;
  events: StreamEvent[];
  comments: string[];
  /** Resolves with the first event (received or coming) that matches, and how many heartbeats came before it. */
  waitFor(
    match: (event: StreamEvent) => boolean,
    label: string,
  ): Promise<{ event: StreamEvent; pings: number }>;
  close(): void;
}

/** The stream as the network carries it: node:http does not decompress, so this test does. */
function openRawStream(server: TestServer, token: string, acceptEncoding?: string): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    const request = http.get(`${server.url}${API_PATHS.stream}`, { headers }, (response) => {
      const events: StreamEvent[] = [];
      const pingsBefore: number[] = [];
      const comments: string[] = [];
      const wakers = new Set<() => void>();
      let wireBytes = 0;
      const parser = createParser({
        onEvent(message) {
          events.push(JSON.parse(message.data) as StreamEvent);
          pingsBefore.push(comments.filter((comment) => comment === 'ping').length);
          for (const wake of wakers) wake();
        },
        onComment: (comment) => comments.push(comment),
      });
      response.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
      const body =
        response.headers['content-encoding'] === 'gzip' ? response.pipe(zlib.createGunzip()) : response;
      body.setEncoding('utf8');
      body.on('data', (text: string) => parser.feed(text));
      body.on('error', () => undefined);
      resolve({
        response,
        wireBytes: () => wireBytes,
        events,
        comments,
        waitFor: (match, label) =>
          new Promise((found, fail) => {
            const check = () => {
              const index = events.findIndex(match);
              if (index < 0) return;
              wakers.delete(check);
              clearTimeout(timer);
              found({ event: events[index]!, pings: pingsBefore[index]! });
            };
            const timer = setTimeout(() => {
              wakers.delete(check);
              fail(new Error(`Timed out waiting for ${label}; got ${JSON.stringify(events)}`));
            }, 10_000);
            wakers.add(check);
            check();
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

describe('SP-12 the live stream on the wire', () => {
  let server: TestServer;
  let expert: string;
  let firstDay: string;
  beforeAll(async () => {
    server = await startTestServer({ seedPastMonths: false, streamHeartbeatMs: HEARTBEAT_MS });
    expert = await login(server.url, 'expert1@demo.test');
    const pulled = await fetch(`${server.url}${API_PATHS.pull('assignments')}`, {
      headers: { authorization: `Bearer ${expert}` },
    });
    firstDay = (((await pulled.json()) as PullResponse<'assignments'>).documents[0] as Assignment).startDate;
  });
  afterAll(() => server.close());

  let day = 0;
  /** Pushes one log of expert1 from their device; resolves with it once the server accepted it. */
  async function pushLog(): Promise<SyncDocument<'logs'>> {
    const log: SyncDocument<'logs'> = {
      id: crypto.randomUUID(),
      assignmentId: 'asg-expert1',
      date: addDays(firstDay, day++),
      hours: 2,
      workMode: 'on_site',
      location: 'Mogadishu',
      activities: 'Walked the borehole sites with the rural water unit.',
      ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
      notes: '',
      _deleted: false,
    };
    const response = await fetch(`${server.url}${API_PATHS.push('logs')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${expert}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: log }]),
    });
    expect(response.status).toBe(200);
    await response.text();
    return log;
  }

  const pingsOf = (stream: RawStream) => stream.comments.filter((comment) => comment === 'ping').length;
  const hasLog = (id: string) => (event: StreamEvent) =>
    event.type === 'change' && event.documents.some((doc) => doc.id === id);

  it('SP-12: a device that accepts gzip gets the stream gzipped; another device’s change reaches it at once, flushed, and decodes to the pushed log', async () => {
    const supervisor = await login(server.url, 'supervisor1@demo.test');
    const stream = await openRawStream(server, supervisor, 'gzip, deflate, br');
    try {
      expect(stream.response.headers['content-encoding']).toBe('gzip');
      expect(stream.response.headers.vary).toBe('accept-encoding');
      await stream.waitFor((event) => event.type === 'resync', 'the first resync');

      for (let i = 0; i < 3; i++) {
        const log = await pushLog();
        const pingsAtPush = pingsOf(stream);
        const { event, pings } = await stream.waitFor(hasLog(log.id), `log ${i} on the stream`);
        expect(pings - pingsAtPush).toBeLessThan(PROMPT_HEARTBEATS);
        expect(event.type === 'change' && event.documents.find((doc) => doc.id === log.id)).toMatchObject({
          id: log.id,
          date: log.date,
          hours: 2,
          activities: log.activities,
          ktActivities: log.ktActivities,
        });
      }
      // Heartbeats go through the same gzip stream, flushed too.
      const pings = pingsOf(stream);
      await waitUntil(() => pingsOf(stream) > pings, 'a heartbeat on the gzip stream');
      expect(pingsOf(stream)).toBeGreaterThan(pings);
    } finally {
      stream.close();
    }
  });

  it('SP-12: a device that does not accept gzip, or refuses it (q=0), gets the stream as plain text', async () => {
    const supervisor = await login(server.url, 'supervisor1@demo.test');
    for (const acceptEncoding of [undefined, 'identity', 'gzip;q=0, identity']) {
      const stream = await openRawStream(server, supervisor, acceptEncoding);
      try {
        expect(stream.response.headers['content-encoding']).toBeUndefined();
        expect(stream.response.headers.vary).toBe('accept-encoding');
        await stream.waitFor((event) => event.type === 'resync', 'the first resync');
        const log = await pushLog();
        await stream.waitFor(hasLog(log.id), 'the log on the plain stream');
      } finally {
        stream.close();
      }
    }
  });

  it('SP-12: the app’s stream client (fetch, which offers gzip) reads the gzipped stream', async () => {
    const token = await login(server.url, 'supervisor1@demo.test');
    const events: StreamEvent[] = [];
    const device = openLiveStream(new ApiClient({ baseUrl: server.url, token }), () => undefined);
    device.events$.subscribe((event) => events.push(event));
    try {
      await waitUntil(() => events.length > 0, 'the first resync');
      const log = await pushLog();
      await waitUntil(() => events.some(hasLog(log.id)), 'the log through the app’s client');
    } finally {
      device.close();
    }
  });
});
