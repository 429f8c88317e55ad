/** The built PWA served by the sync server: cache headers, compression and the SPA fallback. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

describe('static PWA', () => {
  let server: TestServer;
  let dist: string;
  const script = `console.log(${JSON.stringify('fieldbook '.repeat(500))});`;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'fieldbook-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Fieldbook</title>');
    writeFileSync(path.join(dist, 'sw.js'), 'self.skipWaiting();');
    writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"Fieldbook"}');
    writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd.js'), script);
    server = await startTestServer({ staticDir: dist, seed: false });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('hashed assets are immutable for a year and compressed with brotli or gzip', async () => {
    const br = await fetch(`${server.url}/assets/index-Ab12Cd.js`, { headers: { 'accept-encoding': 'br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe(script);
    const gzip = await fetch(`${server.url}/assets/index-Ab12Cd.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
  });

  it('entry points are revalidated on every load so a new version reaches devices', async () => {
    for (const file of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const response = await fetch(`${server.url}${file}`);
      expect([file, response.status, response.headers.get('cache-control')]).toEqual([file, 200, 'no-cache']);
    }
  });

  it('client-side routes get index.html; missing assets and API paths stay 404', async () => {
    const route = await fetch(`${server.url}/timesheet/2025-06`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Fieldbook</title>');
    expect((await fetch(`${server.url}/assets/gone-123.js`)).status).toBe(404);
    const api = await fetch(`${server.url}/api/nothing`);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('SP-12: API responses are compressed', () => {
  it('gzips a pull page when the device accepts it', async () => {
    const server = await startTestServer();
    try {
      const token = await login(server.url, 'expert1@demo.test');
      const response = await fetch(`${server.url}/api/sync/logs/pull?limit=100`, {
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const body = (await response.json()) as { documents: unknown[] };
      expect(body.documents.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
