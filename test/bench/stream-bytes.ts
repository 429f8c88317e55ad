/**
 * What the live stream costs on the wire (SP-12): a supervisor's device holds two streams, one
 * plain and one that accepts gzip, while the bench expert pushes their three months (100 logs, one
 * event) and then single logs (one event each). Bytes are counted on the socket, so HTTP chunk
 * framing is in; the texts are the deterministic ones of expert-dataset.ts.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { createParser } from 'eventsource-parser';
import type { DailyLog } from '../../src/shared/schemas';
import { API_PATHS, type StreamEvent } from '../../src/shared/sync/protocol';
import { hashPassword } from '../../sync-server/src/auth/passwords';
import { login, startTestServer, type TestServer } from '../helpers/test-server';
import { buildDataset, DATASET_EXPERT, DATASET_PASSWORD } from './expert-dataset';

const ONE_LOG_PUSHES = 20;

export interface StreamBytes {
  /** Bytes of the one event for a push of 100 logs. */
  hundredLogs: { plain: number; gzip: number };
  /** Average bytes of a one-log event, over ONE_LOG_PUSHES of them. */
  oneLog: { plain: number; gzip: number };
}

interface CountedStream {
  wireBytes(): number;
  /** Resolves once an event carrying document `id` has arrived. */
  received(id: string): Promise<void>;
  close(): void;
}

function openCountedStream(server: TestServer, token: string, gzip: boolean): Promise<CountedStream> {
  return new Promise((resolve, reject) => {
    const ids = new Set<string>();
    const waiting = new Map<string, () => void>();
    const parser = createParser({
      onEvent(message) {
        const event = JSON.parse(message.data) as StreamEvent;
        if (event.type !== 'change') return;
        for (const doc of event.documents) {
          ids.add(doc.id);
          waiting.get(doc.id)?.();
        }
      },
    });
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (gzip) headers['accept-encoding'] = 'gzip';
    const request = http.get(`${server.url}${API_PATHS.stream}`, { headers }, (response) => {
      if (gzip !== (response.headers['content-encoding'] === 'gzip')) {
        reject(
          new Error(`asked for ${gzip ? 'gzip' : 'plain'}, got ${response.headers['content-encoding']}`),
        );
      }
      const body = gzip ? response.pipe(zlib.createGunzip()) : response;
      body.setEncoding('utf8');
      body.on('data', (text: string) => parser.feed(text));
      resolve({
        wireBytes: () => response.socket.bytesRead,
        received: (id) =>
          ids.has(id) ? Promise.resolve() : new Promise<void>((done) => waiting.set(id, done)),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

async function pushLogs(server: TestServer, token: string, logs: readonly DailyLog[]): Promise<void> {
  const response = await fetch(`${server.url}${API_PATHS.push('logs')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(logs.map((log) => ({ newDocumentState: { ...log, _deleted: false } }))),
  });
  if (!response.ok) throw new Error(`push answered ${response.status} ${await response.text()}`);
  await response.text();
}

/** Bytes both streams took for the event of one push of `logs`. */
async function eventBytes(
  server: TestServer,
  token: string,
  streams: { plain: CountedStream; gzip: CountedStream },
  logs: readonly DailyLog[],
): Promise<{ plain: number; gzip: number }> {
  const before = { plain: streams.plain.wireBytes(), gzip: streams.gzip.wireBytes() };
  await pushLogs(server, token, logs);
  const last = logs.at(-1)!.id;
  await Promise.all([streams.plain.received(last), streams.gzip.received(last)]);
  return {
    plain: streams.plain.wireBytes() - before.plain,
    gzip: streams.gzip.wireBytes() - before.gzip,
  };
}

export async function measureStreamBytes(): Promise<StreamBytes> {
  const server = await startTestServer({
    storage: 'sqlite',
    seedPastMonths: false,
    // No heartbeat inside a measurement.
    streamHeartbeatMs: 3_600_000,
  });
  const open: CountedStream[] = [];
  try {
    const dataset = buildDataset(new Date().toISOString().slice(0, 10));
    await server.storage.createUser({
      ...DATASET_EXPERT,
      passwordHash: await hashPassword(DATASET_PASSWORD),
    });
    const officer = await login(server.url, 'officer@demo.test');
    const assigned = await fetch(`${server.url}${API_PATHS.push('assignments')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: { ...dataset.assignment, _deleted: false } }]),
    });
    if (!assigned.ok) throw new Error(`assignment push answered ${assigned.status}`);
    const expert = await login(server.url, DATASET_EXPERT.email, DATASET_PASSWORD);
    // supervisor1 supervises the bench expert's assignment.
    const supervisor = await login(server.url, 'supervisor1@demo.test');
    const streams = {
      plain: await openCountedStream(server, supervisor, false),
      gzip: await openCountedStream(server, supervisor, true),
    };
    open.push(streams.plain, streams.gzip);

    const hundredLogs = await eventBytes(server, expert, streams, dataset.logs);
    const oneLog = { plain: 0, gzip: 0 };
    for (let i = 0; i < ONE_LOG_PUSHES; i++) {
      const log = { ...dataset.logs[i]!, id: `log-bench-single-${i}`, notes: `Single push ${i}.` };
      const bytes = await eventBytes(server, expert, streams, [log]);
      oneLog.plain += bytes.plain / ONE_LOG_PUSHES;
      oneLog.gzip += bytes.gzip / ONE_LOG_PUSHES;
    }
    return { hundredLogs, oneLog };
  } finally {
    for (const stream of open) stream.close();
    await server.close();
  }
}

/** The bench's rows: run.ts prints them with the other figures. */
export async function streamBytesRows(): Promise<[string, string][]> {
  const { hundredLogs, oneLog } = await measureStreamBytes();
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return [
    [
      'Live stream bytes for one 100-log event, plain vs gzip (SP-12)',
      `${kib(hundredLogs.plain)} vs ${kib(hundredLogs.gzip)}`,
    ],
    [
      `Live stream bytes per one-log event, plain vs gzip (average of ${ONE_LOG_PUSHES})`,
      `${oneLog.plain.toFixed(0)} B vs ${oneLog.gzip.toFixed(0)} B`,
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, value] of await streamBytesRows()) console.log(`${name}: ${value}`);
}
