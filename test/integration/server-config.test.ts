/**
 * The server's settings at work: a bad setting stops start-up with a message naming it, and
 * TRUST_PROXY decides which X-Forwarded-For entry is the client's IP for the sign-in limits (SP-11).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { loadConfig } from '../../sync-server/src/config';
import { LOGIN_MAX_FAILURES } from '../../sync-server/src/routes/auth';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite';

const LISTENING = 'Fieldbook sync server on';

/** Runs the real start-up script until it exits or says it is listening (then stops it). */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // Its own process group, so stopping it stops npx, tsx and the server under them.
  const child = spawn('npx', ['tsx', 'sync-server/src/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  onTestFinished(stop);
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      // A server that starts with the bad setting is the failure under test: stop it, report it.
      if (output.includes(LISTENING)) stop();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('start-up', () => {
  it('refuses to start with a bad TOKEN_TTL_DAYS, naming the variable and what it expects', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fieldbook-config-'));
    try {
      const { code, output } = await runMain({
        TOKEN_TTL_DAYS: 'abc',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO: '0',
        STATIC_DIR: path.join(dataDir, 'no-pwa'),
      });
      expect(output).not.toContain(LISTENING);
      expect(output).toMatch(/TOKEN_TTL_DAYS="abc".*number of days/);
      expect(code).toBe(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('TRUST_PROXY and the per-IP sign-in limit (SP-11)', () => {
  let app: FastifyInstance | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    app = undefined;
    dir = undefined;
  });

  /** The app as main.ts builds it for `TRUST_PROXY=<trustProxy>`, on an empty database. */
  function appFor(trustProxy: string): FastifyInstance {
    dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-proxy-'));
    const storage = new SqliteStorage({ path: path.join(dir, 'fieldbook.sqlite') });
    app = buildApp({ storage, trustProxy: loadConfig({ TRUST_PROXY: trustProxy }).trustProxy });
    app.addHook('onClose', () => storage.close());
    return app;
  }

  let guessNumber = 0;
  /** A wrong sign-in for a fresh email each time, so only the IP's counter can lock it. */
  async function guess(server: FastifyInstance, from: string, forwardedFor?: string): Promise<number> {
    guessNumber += 1;
    const response = await server.inject({
      method: 'POST',
      url: API_PATHS.login,
      remoteAddress: from,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      payload: { email: `guess-${guessNumber}@example.test`, password: 'wrong' },
    });
    return response.statusCode;
  }

  const PROXY = '10.0.0.2';
  const CLIENT = '203.0.113.7';
  const forged = (i: number) => `198.51.100.${i + 1}`;

  it('TRUST_PROXY=1: forged left-most X-Forwarded-For entries do not escape the limit', async () => {
    const server = appFor('1');
    const statuses: number[] = [];
    // The proxy appends the address it saw; the client wrote everything before it.
    for (let i = 0; i < 30; i++) statuses.push(await guess(server, PROXY, `${forged(i)}, ${CLIENT}`));
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - LOGIN_MAX_FAILURES);
    // Another client behind the same proxy has its own counter: the limit is not the proxy's.
    expect(await guess(server, PROXY, `${forged(0)}, 203.0.113.8`)).toBe(401);
  });

  it('TRUST_PROXY=2: two proxies in front, the entry the outer proxy wrote is the client', async () => {
    const server = appFor('2');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(await guess(server, PROXY, `${forged(i)}, ${CLIENT}, 10.0.0.1`));
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - LOGIN_MAX_FAILURES);
    expect(await guess(server, PROXY, `${forged(0)}, 203.0.113.8, 10.0.0.1`)).toBe(401);
  });

  it("TRUST_PROXY=<addresses>: only the listed proxy's X-Forwarded-For counts", async () => {
    const server = appFor(`127.0.0.1, ${PROXY}`);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await guess(server, PROXY, `${forged(i)}, ${CLIENT}`));
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - LOGIN_MAX_FAILURES);
    // A client that reaches the server directly is counted by its own address, whatever it claims.
    const direct: number[] = [];
    for (let i = 0; i < 10; i++) direct.push(await guess(server, '192.0.2.50', forged(i)));
    expect(direct.filter((s) => s === 429)).toHaveLength(10 - LOGIN_MAX_FAILURES);
    expect(await guess(server, PROXY, `${forged(0)}, 203.0.113.8`)).toBe(401);
  });
});
