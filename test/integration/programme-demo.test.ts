/**
 * The programme-size demo that the server seeds in demo mode (seedDemoData with `programme: true`,
 * sync-server/src/seed-programme.ts): it fills the officers' dashboard in every country and sector
 * while the five documented demo accounts keep what they had.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRY_SECTORS } from '../../src/shared/reference-data';
import { overlappingOnSiteAssignment } from '../../src/shared/rules/assignment-rules';
import { COLLECTION_NAMES, type Assignment } from '../../src/shared/schemas';
import { API_PATHS, type LoginResponse } from '../../src/shared/sync/protocol';
import { DEMO_PASSWORD, seedDemoData } from '../../sync-server/src/seed';
import { serverReader, startTestServer, type TestServer } from '../helpers/test-server';

describe('the programme demo', () => {
  const now = new Date();
  let plain: TestServer;
  let programme: TestServer;
  let transactions = 0;
  let writes = 0;
  let assignments: Assignment[] = [];

  beforeAll(async () => {
    plain = await startTestServer({ now: () => now });
    programme = await startTestServer({ now: () => now, seed: false });
    const { storage } = programme;
    const transaction = storage.transaction.bind(storage);
    storage.transaction = (...args) => {
      transactions += 1;
      return transaction(...args);
    };
    await seedDemoData(storage, now, { programme: true });
    writes = await storage.latestSeq();
    assignments = await serverReader(programme.url, 'officer@demo.test')('assignments');
  }, 60_000);
  afterAll(async () => {
    await plain?.close();
    await programme?.close();
  });

  // The server seeds it at start-up in demo mode: its time goes with the number of transactions
  // (each a commit to disk), so the test bounds those rather than a machine's clock.
  it('is seeded in batches: fewer than half as many transactions as documents written', () => {
    expect(writes).toBeGreaterThan(1000);
    expect(transactions).toBeLessThan(writes / 2);
  });

  it('has assignments at host institutions of every country and sector', () => {
    const pairs = new Set(assignments.map((a) => `${a.institution.country}/${a.institution.sector}`));
    for (const [country, sectors] of Object.entries(COUNTRY_SECTORS)) {
      for (const sector of sectors) expect(pairs, `${country}/${sector}`).toContain(`${country}/${sector}`);
    }
  });

  it('has at least 24 experts with assignments, completed, active and planned ones', () => {
    expect(new Set(assignments.map((a) => a.expertId)).size).toBeGreaterThanOrEqual(24);
    const today = now.toISOString().slice(0, 10);
    const completed = assignments.filter((a) => a.status === 'completed');
    const active = assignments.filter((a) => a.status === 'active');
    const planned = assignments.filter((a) => a.status === 'planned');
    expect(completed.length).toBeGreaterThan(0);
    expect(active.length).toBeGreaterThan(0);
    expect(planned.length).toBeGreaterThan(0);
    // Each status agrees with the dates, as an officer reading the dashboard expects.
    for (const a of completed) expect(a.endDate < today, a.id).toBe(true);
    for (const a of active) expect(a.startDate <= today && today <= a.endDate, a.id).toBe(true);
    for (const a of planned) expect(a.startDate > today, a.id).toBe(true);
  });

  it('AS-3: never places an expert at two host institutions at once', () => {
    for (const assignment of assignments) {
      expect(overlappingOnSiteAssignment(assignment, assignments), assignment.id).toBeUndefined();
    }
  });

  it('has logs, decided timesheets and reports for the dashboard to count', async () => {
    const officer = serverReader(programme.url, 'officer@demo.test');
    const timesheets = await officer('timesheets');
    const reports = await officer('reports');
    expect(new Set(timesheets.map((t) => t.status))).toEqual(
      new Set(['draft', 'submitted', 'approved', 'returned']),
    );
    expect(new Set(reports.map((r) => r.status))).toEqual(
      new Set(['draft', 'submitted', 'endorsed', 'changes_requested', 'reviewed']),
    );
    // One page of the pull is 500 logs: a full page means there are more.
    expect((await officer('logs')).length).toBe(500);
  });

  it('the five documented accounts still sign in and see what they saw', async () => {
    for (const email of ['expert1', 'expert2', 'supervisor1', 'supervisor2'].map((n) => `${n}@demo.test`)) {
      const before = serverReader(plain.url, email);
      const after = serverReader(programme.url, email);
      for (const collection of COLLECTION_NAMES) {
        expect(await after(collection), `${email} ${collection}`).toEqual(await before(collection));
      }
    }
    const expert1 = await serverReader(programme.url, 'expert1@demo.test')('assignments');
    expect(expert1.map((a) => a.id)).toEqual(['asg-expert1']);
    // The officer sees the whole programme, the first demo's documents as they were among them.
    for (const collection of ['assignments', 'timesheets', 'reports'] as const) {
      const before = await serverReader(plain.url, 'officer@demo.test')(collection);
      const after = await serverReader(programme.url, 'officer@demo.test')(collection);
      expect(after, collection).toEqual(expect.arrayContaining(before));
      expect(after.length, collection).toBeGreaterThan(before.length);
    }
  });

  it('has two programme officers, who both sign in with the demo password', async () => {
    const people = await programme.storage.listPeople({ limit: 1000, offset: 0 });
    const officers = people.filter((person) => person.role === 'officer').map((person) => person.email);
    expect(officers.sort()).toEqual(['officer2@demo.test', 'officer@demo.test']);
    for (const email of officers) {
      const response = await fetch(`${programme.url}${API_PATHS.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      expect(response.status, email).toBe(200);
      expect(((await response.json()) as LoginResponse).user.role).toBe('officer');
    }
  });
});
