/**
 * PE-9: officers import people from a CSV file; every row is created or refused with its reason,
 * and a file that cannot be read imports nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, PEOPLE_API_PATHS, type PeopleImportResponse } from '../../src/shared/people';
import type { ApiErrorBody } from '../../src/shared/sync/protocol';
import { demoInstitutionId } from '../../sync-server/src/seed-data';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

/** A demo host institution (PE-11: a supervisor belongs to one that exists). */
const LUTH = demoInstitutionId('Lagos University Teaching Hospital');

let server: TestServer;
let officer: string;

beforeAll(async () => {
  server = await startTestServer();
  officer = await login(server.url, 'officer@demo.test');
});
afterAll(() => server.close());

async function importCsv(csv: string, token = officer, contentType = 'text/csv') {
  const response = await fetch(`${server.url}${PEOPLE_API_PATHS.import}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: csv,
  });
  return { status: response.status, json: (await response.json()) as PeopleImportResponse & ApiErrorBody };
}

describe('importing people from CSV (PE-9)', () => {
  it('creates each good row with an invitation and refuses each bad one with its line and reason', async () => {
    const csv = [
      '\uFEFFName,Email,Role,Phone,Language,Institution ID',
      'Farah Warsame,farah.import@example.org,expert,+252 61 234 5678,so,',
      `"Osei, Kwame",kwame.import@example.org,supervisor,,,${LUTH}`,
      '',
      'No Role,norole.import@example.org,boss,,,',
      'Dup,expert1@demo.test,expert,,,',
      'Again,FARAH.import@example.org,expert,,,',
    ].join('\r\n');
    const { status, json } = await importCsv(csv);
    expect(status).toBe(200);
    expect(json.created).toBe(2);
    expect(json.refused).toBe(3);
    expect(json.results.map((row) => [row.line, row.ok])).toEqual([
      [2, true],
      [3, true],
      [5, false],
      [6, false],
      [7, false],
    ]);
    const [farah, kwame, noRole, taken, again] = json.results;
    expect(farah).toMatchObject({
      person: { name: 'Farah Warsame', role: 'expert', language: 'so', status: 'invited' },
    });
    expect(kwame).toMatchObject({ person: { name: 'Osei, Kwame', role: 'supervisor', institutionId: LUTH } });
    expect(farah?.ok && farah.invitation.url).toMatch(/\/welcome\//);
    expect(noRole).toMatchObject({ field: 'role', email: 'norole.import@example.org' });
    expect(taken).toMatchObject({ field: 'email', message: 'expert1@demo.test already has an account.' });
    expect(again).toMatchObject({ field: 'email' });
    expect(await server.storage.getUserByEmail('farah.import@example.org')).toBeDefined();
    expect(await server.storage.getUserByEmail('norole.import@example.org')).toBeUndefined();
  });

  it('imports nobody from a file it cannot read, with unknown or missing columns, or too many rows', async () => {
    const users = await server.storage.countUsers();
    const cases: [string, RegExp][] = [
      ['name,email,role\n"Broken,broken@example.org,expert', /not readable as CSV/],
      ['name,email,role,salary\nA,a.import@example.org,expert,100', /Unknown column "salary"/],
      ['name,role\nA,expert', /lacks email/],
      ['name,email,role\n', /nobody in it/],
      ['', /empty/],
      [
        [
          'name,email,role',
          ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `P${i},p${i}@example.org,expert`),
        ].join('\n'),
        /at most 500/,
      ],
    ];
    for (const [csv, message] of cases) {
      const { status, json } = await importCsv(csv);
      expect(status, csv.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(json.error.message).toMatch(message);
    }
    expect(await server.storage.countUsers()).toBe(users);
  });

  it('only officers import, and only a CSV body', async () => {
    const expert = await login(server.url, 'expert1@demo.test');
    expect((await importCsv('name,email,role\nA,a2.import@example.org,expert', expert)).status).toBe(403);
    const asJson = await importCsv('{"name":"A"}', officer, 'application/json');
    expect(asJson.status).toBe(400);
    expect(asJson.json.error.message).toMatch(/content-type text\/csv/);
  });
});
