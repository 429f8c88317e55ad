/**
 * The tests' own view of the server (serverReader): tests poll it for as long as a sync takes, so
 * polling must not run into the server's sign-in limit and turn a quick sync into a long wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverReader, startTestServer, type TestServer } from '../helpers/test-server';

const SIGN_INS_PER_MINUTE = 5;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ rateLimits: { requestsPerMinutePerIp: SIGN_INS_PER_MINUTE } });
});
afterAll(async () => {
  await server?.close();
});

describe('serverReader', () => {
  it('keeps answering a test that polls more often than the server lets anyone sign in', async () => {
    const read = serverReader(server.url, 'officer@demo.test');
    for (let poll = 0; poll < SIGN_INS_PER_MINUTE * 4; poll++) {
      expect((await read('timesheets')).length, `poll ${poll + 1}`).toBeGreaterThan(0);
    }
  });

  it('signs in again when its token no longer works', async () => {
    const read = serverReader(server.url, 'supervisor1@demo.test');
    await read('logs');
    await server.storage.deleteExpiredTokens(new Date(Date.now() + 365 * 24 * 3_600_000));
    await expect(read('logs')).resolves.not.toHaveLength(0);
  });
});
