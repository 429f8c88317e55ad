/**
 * SP-12: pushes go up gzipped. The device compresses with CompressionStream; the server takes
 * gzip bodies and holds them to MAX_BODY_BYTES after decompression, so a small body that inflates
 * to gigabytes is refused like a large one.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import {
  API_PATHS,
  MAX_BODY_BYTES,
  type ApiErrorBody,
  type PullResponse,
  type PushRow,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { ApiClient } from '../../src/sync/api-client';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let token: string;
let assignment: Assignment;

beforeAll(async () => {
  server = await startTestServer({ seedPastMonths: false });
  token = await login(server.url, 'expert1@demo.test');
  const response = await fetch(`${server.url}${API_PATHS.pull('assignments')}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assignment = ((await response.json()) as PullResponse<'assignments'>).documents[0]!;
});
afterAll(() => server?.close());

function logs(count: number): PushRow<'logs'>[] {
  return Array.from({ length: count }, (_, n) => ({
    newDocumentState: {
      id: crypto.randomUUID(),
      assignmentId: assignment.id,
      date: addDays(assignment.startDate, 1 + (n % 40)),
      hours: 0.25,
      workMode: 'remote',
      location: 'Mogadishu',
      activities: `Entry ${n}: reviewed the tariff model with the utility's finance team.`,
      ktActivities: [{ type: 'coaching_mentoring', peopleReached: 2 }],
      notes: 'Follow-up meeting agreed for next week.',
      _deleted: false,
    } as SyncDocument<'logs'>,
  }));
}

function rawPush(body: Buffer | string, encoding?: string) {
  return fetch(`${server.url}${API_PATHS.push('logs')}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });
}

describe('SP-12: compressed pushes', () => {
  it('the device sends a push of 100 logs gzipped, in at most half the bytes of its JSON', async () => {
    const rows = logs(100);
    const sent: { bytes: number; encoding: string | null }[] = [];
    const api = new ApiClient({
      baseUrl: server.url,
      token,
      fetch: async (input, init) => {
        const body = init?.body;
        const bytes =
          typeof body === 'string' ? new TextEncoder().encode(body).length : (body as ArrayBuffer).byteLength;
        sent.push({ bytes, encoding: new Headers(init?.headers).get('content-encoding') });
        return fetch(input, init);
      },
    });
    const answer = await api.push('logs', rows);
    expect(answer).toMatchObject({ conflicts: [], rejections: [] });
    const json = new TextEncoder().encode(
      JSON.stringify(rows.map((row) => ({ newDocumentState: row.newDocumentState }))),
    ).length;
    expect(sent).toHaveLength(1);
    expect(sent[0]!.encoding).toBe('gzip');
    expect(sent[0]!.bytes).toBeLessThanOrEqual(json / 2);

    const pulled = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const ids = ((await pulled.json()) as PullResponse<'logs'>).documents.map((doc) => doc.id);
    expect(ids).toEqual(expect.arrayContaining(rows.map((row) => row.newDocumentState.id)));
  });

  it('a small push goes up as plain JSON: gzip would not pay for itself', async () => {
    const encodings: (string | null)[] = [];
    const api = new ApiClient({
      baseUrl: server.url,
      token,
      fetch: async (input, init) => {
        encodings.push(new Headers(init?.headers).get('content-encoding'));
        return fetch(input, init);
      },
    });
    await api.push('logs', []);
    expect(encodings).toEqual([null]);
  });

  it('the server holds a gzip body to MAX_BODY_BYTES after decompression (413), however small it came', async () => {
    const inflated = `[${' '.repeat(MAX_BODY_BYTES + 1)}]`;
    const body = gzipSync(inflated);
    expect(body.length).toBeLessThan(MAX_BODY_BYTES / 100);
    const response = await rawPush(body, 'gzip');
    expect(response.status).toBe(413);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('payload_too_large');
  });

  it('a body that is not the gzip it says it is gets 400 bad_request', async () => {
    const response = await rawPush('[not gzip at all]', 'gzip');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('bad_request');
  });
});
