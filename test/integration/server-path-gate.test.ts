/**
 * The /api gate (protocol check SP-10, then the bearer token SP-11) sees the path the router
 * routes: a percent-encoded spelling of an /api path is gated exactly like the plain one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, PROTOCOL_HEADER, type ApiErrorBody } from '../../src/shared/sync/protocol';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

describe('the /api gate and percent-encoded paths', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await login(server.url, 'expert1@demo.test');
  });
  afterAll(() => server.close());

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const encodedMe = '/%61pi/auth/me';

  it('SP-11: /%61pi/auth/me without a token is refused by the gate, as /api/auth/me is', async () => {
    const plain = await get(API_PATHS.me);
    const encoded = await get(encodedMe);
    expect(encoded.status).toBe(401);
    expect(encoded.json).toEqual(plain.json);
  });

  it('SP-10: /%61pi/auth/me from a client too old gets 426, as /api/auth/me does', async () => {
    const headers = { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '0' };
    const encoded = await get(encodedMe, headers);
    expect([encoded.status, (encoded.json as ApiErrorBody | undefined)?.error.code]).toEqual([
      426,
      'upgrade_required',
    ]);
    expect(encoded.json).toEqual((await get(API_PATHS.me, headers)).json);
  });

  it('other encodings of /api paths are gated too, and a valid call still answers', async () => {
    for (const path of ['/api/auth/m%65', '/%61%70%69/sync/logs/pull', '/api/sync/logs/%70ull']) {
      expect((await get(path, { [PROTOCOL_HEADER]: 'v1' })).status, path).toBe(400);
      expect((await get(path)).status, path).toBe(401);
    }
    const me = await get(encodedMe, { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { email: 'expert1@demo.test' } });
  });

  it('a malformed percent escape in the path is a 400 in the API error shape', async () => {
    for (const path of ['/api/auth/%E0%A4%A', '/%ZZpi/auth/me', '/%']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect((response.json as ApiErrorBody).error.code, path).toBe('bad_request');
    }
  });

  it('paths outside /api stay outside the gate', async () => {
    expect((await get('/healthz', { [PROTOCOL_HEADER]: '0' })).status).toBe(200);
    expect((await get('/%68ealthz')).status).toBe(200);
  });
});

describe('the SPA fallback and percent-encoded paths', () => {
  let server: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'fieldbook-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Fieldbook</title>');
    server = await startTestServer({ staticDir: dist, seed: false });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('an encoded /assets/ or /api/ path that is not there is a 404, never index.html', async () => {
    for (const missing of ['/%61ssets/index-Gone12.js', '/%61pi/nothing']) {
      const response = await fetch(`${server.url}${missing}`);
      expect(response.status, missing).not.toBe(200);
      expect(response.headers.get('content-type'), missing).toMatch(/^application\/json/);
      await response.arrayBuffer();
    }
    const gone = await fetch(`${server.url}/%61ssets/index-Gone12.js`);
    expect(gone.status).toBe(404);
    await gone.arrayBuffer();
    // A client-side route still gets the app.
    const route = await fetch(`${server.url}/timesheets/2026-05`);
    expect(route.headers.get('content-type')).toMatch(/^text\/html/);
    // Read to the end: a response left unread holds its connection, and with it the server's close.
    expect(await route.text()).toContain('<title>Fieldbook</title>');
  });
});
