/**
 * A programme started with SEED_DEMO=0 has no account at all: `npm run add-officer` adds its first
 * officer with an invitation link (no default password), who then manages everyone else.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_API_PATHS, type AuditListResponse } from '../../src/shared/people';
import type { LoginResponse } from '../../src/shared/sync/protocol';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: false });
});
afterAll(() => server.close());

function addOfficer(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/src/add-officer.ts', ...args], {
    env: { ...process.env, SQLITE_PATH: server.dbPath, DATABASE_URL: '', PUBLIC_URL: server.url },
    encoding: 'utf8',
  });
}

describe('npm run add-officer', () => {
  it('adds the first officer of an empty programme, who signs in through the printed link', async () => {
    expect(await server.storage.countUsers()).toBe(0);
    const run = addOfficer('--name', 'Lena Fischer', '--email', 'lena@example.org');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const url = /(http\S+\/welcome\/(\S+))/.exec(run.stdout);
    expect(url?.[1]?.startsWith(`${server.url}/welcome/`)).toBe(true);

    const accepted = await fetch(`${server.url}${PEOPLE_API_PATHS.acceptInvitation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: url![2], password: 'Hargeisa boreholes 2027' }),
    });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as LoginResponse).user).toMatchObject({
      role: 'officer',
      name: 'Lena Fischer',
    });

    const token = await login(server.url, 'lena@example.org', 'Hargeisa boreholes 2027');
    const audit = await fetch(`${server.url}${PEOPLE_API_PATHS.audit}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const entries = ((await audit.json()) as AuditListResponse).entries;
    expect(entries.at(-1)).toMatchObject({ actorId: 'command-line', action: 'person.created' });
  });

  it('refuses a taken email and bad input with a message and exit code 1, adding nobody', async () => {
    const users = await server.storage.countUsers();
    const taken = addOfficer('--name', 'Lena F', '--email', 'LENA@example.org');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/already has an account/);
    const noEmail = addOfficer('--name', 'Someone');
    expect(noEmail.status).toBe(1);
    expect(noEmail.stderr).toMatch(/email address[\s\S]*Usage: npm run add-officer/);
    const unknown = addOfficer('--nmae', 'x');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/nmae[\s\S]*Usage/);
    expect(await server.storage.countUsers()).toBe(users);
  });
});
