/**
 * Issue 11 §1.10: the build keeps its source maps for the bench (test/bench/trace-breakdown.ts),
 * but the server does not publish them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('source maps', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'fieldbook-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Fieldbook</title>');
    writeFileSync(path.join(dist, 'sw.js'), 'self.skipWaiting();');
    writeFileSync(path.join(dist, 'sw.js.map'), '{"version":3,"sources":["src/sw.ts"]}');
    writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd.js'), 'console.log(1);');
    writeFileSync(
      path.join(dist, 'assets', 'index-Ab12Cd.js.map'),
      '{"version":3,"sources":["src/main.tsx"]}',
    );
    server = await startTestServer({ staticDir: dist, seed: false });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('are not served, however the path is spelled, while the files they map still are', async () => {
    for (const file of ['/assets/index-Ab12Cd.js.map', '/sw.js.map', '/assets/index-Ab12Cd.js.%6Dap']) {
      const response = await fetch(`${server.url}${file}`);
      const body = await response.text();
      expect([file, response.status]).toEqual([file, 404]);
      expect(body).not.toContain('"sources"');
    }
    expect((await fetch(`${server.url}/assets/index-Ab12Cd.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/sw.js`)).status).toBe(200);
  });
});
