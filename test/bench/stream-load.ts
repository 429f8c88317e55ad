/**
 * Push latency while the server holds many live streams (SP-8): an in-process server on SQLite,
 * STREAMS readers on raw sockets that read and discard (as cheap as a client can be, so the
 * figure is the server's), and an expert pushing one log at a time. Every push is fanned out to
 * the streams of the users who may read it (three of the five demo users). Once with plain streams
 * and once with streams that accept gzip, which the server compresses one by one (SP-12).
 */
import net from 'node:net';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import { API_PATHS, type PullResponse, type SyncDocument } from '../../src/shared/sync/protocol';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

const STREAMS = 1_000;
const PUSHES = 200;
const USERS = ['expert1', 'expert2', 'supervisor1', 'supervisor2', 'officer'];

export interface StreamLoad {
  streams: number;
  pushes: number;
  /** Push latency with no stream open, then with STREAMS open. */
  idle: { p50Ms: number; p99Ms: number };
  loaded: { p50Ms: number; p99Ms: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * A stream read and thrown away; resolves once its first event (the resync) arrived, or with gzip
 * once the response head did (the event is compressed).
 */
function openReader(server: TestServer, token: string, gzip: boolean): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      if (chunk.includes(gzip ? 'content-encoding: gzip' : 'resync')) resolve(socket);
    });
    socket.write(
      `GET ${API_PATHS.stream} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        (gzip ? 'Accept-Encoding: gzip\r\n' : '') +
        '\r\n',
    );
  });
}

async function timePushes(server: TestServer, token: string, firstDay: string, from: number) {
  const times: number[] = [];
  for (let i = from; i < from + PUSHES; i++) {
    const log: SyncDocument<'logs'> = {
      id: crypto.randomUUID(),
      assignmentId: 'asg-expert1',
      date: addDays(firstDay, i % 60),
      hours: 0.25,
      workMode: 'on_site',
      location: 'Mogadishu',
      activities: `Bench push ${i}: mapped the borehole maintenance backlog with the rural water unit.`,
      ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
      notes: '',
      _deleted: false,
    };
    const started = performance.now();
    const response = await fetch(`${server.url}${API_PATHS.push('logs')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: log }]),
    });
    await response.text();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`push answered ${response.status}`);
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

export async function measureStreamLoad(gzip = false): Promise<StreamLoad> {
  const server = await startTestServer({
    storage: 'sqlite',
    seedPastMonths: false,
    streamLimits: { maxOpen: STREAMS, maxPerUser: STREAMS },
  });
  const sockets: net.Socket[] = [];
  try {
    const tokens = await Promise.all(USERS.map((who) => login(server.url, `${who}@demo.test`)));
    const expert = tokens[0]!;
    const pulled = await fetch(`${server.url}${API_PATHS.pull('assignments')}`, {
      headers: { authorization: `Bearer ${expert}` },
    });
    const firstDay = ((await pulled.json()) as PullResponse<'assignments'>).documents[0] as Assignment;

    const idle = await timePushes(server, expert, firstDay.startDate, 0);
    for (let i = 0; i < STREAMS; i += 50) {
      const batch = Array.from({ length: Math.min(50, STREAMS - i) }, (_, j) =>
        openReader(server, tokens[(i + j) % tokens.length]!, gzip),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    const loaded = await timePushes(server, expert, firstDay.startDate, PUSHES);
    return { streams: STREAMS, pushes: PUSHES, idle, loaded };
  } finally {
    for (const socket of sockets) socket.destroy();
    await server.close();
  }
}

/** The bench's rows, plain and gzipped: run.ts prints them with the other figures. */
export async function streamLoadRows(): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  for (const gzip of [false, true]) {
    const { streams, pushes, idle, loaded } = await measureStreamLoad(gzip);
    rows.push([
      `Push latency p50/p99 with ${streams.toLocaleString('en')} open live streams${gzip ? ', gzipped' : ''} (${pushes} one-log pushes; none open)`,
      `${loaded.p50Ms.toFixed(1)} / ${loaded.p99Ms.toFixed(1)} ms (${idle.p50Ms.toFixed(1)} / ${idle.p99Ms.toFixed(1)} ms)`,
    ]);
  }
  return rows;
}
