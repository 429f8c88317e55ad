/**
 * What every Storage backend must do (sync-server/src/storage/types.ts). Run it for a backend
 * with `storageContractSuite(name, open)`, where `open` gives a fresh, empty, migrated storage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import type {
  NewStoredPerson,
  PullQuery,
  Storage,
  StoredDocument,
  StoredInvitation,
} from '../../sync-server/src/storage/types';

export interface OpenedStorage {
  storage: Storage;
  /** Closes the storage and opens the same data again (a server restart). */
  reopen(): Promise<Storage>;
  /** Closes and removes everything. */
  destroy(): Promise<void>;
}

function assignment(id: string, expertId: string, supervisorIds: string[] = []): Assignment {
  return {
    id,
    expertId,
    institution: {
      name: 'Ministry of Energy and Water Resources, Mogadishu',
      country: 'Somalia',
      sector: 'Water',
    },
    supervisorIds,
    mode: 'physical',
    startDate: '2025-01-01',
    endDate: '2025-03-01',
    objectives: ['Maintenance plan'],
    status: 'active',
  };
}

function log(id: string, assignmentId: string, date: string, hours = 4): DailyLog {
  return {
    id,
    assignmentId,
    date,
    hours,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Work',
    ktActivities: [],
    notes: '',
  };
}

const asgWrite = (a: Assignment, deleted = false) =>
  ({ collection: 'assignments', id: a.id, assignmentId: a.id, data: a, deleted }) as const;
const logWrite = (l: DailyLog, deleted = false) =>
  ({ collection: 'logs', id: l.id, assignmentId: l.assignmentId, data: l, deleted }) as const;
const ids = (docs: StoredDocument[]) => docs.map((d) => d.id);

const PE_T0 = new Date('2026-03-01T08:00:00Z');
const peAt = (minutes: number) => new Date(PE_T0.getTime() + minutes * 60_000);

function aPerson(id: string, email: string, role: NewStoredPerson['role'] = 'expert'): NewStoredPerson {
  return {
    id,
    email,
    name: `Person ${id}`,
    role,
    institutionId: role === 'supervisor' ? 'inst-1' : null,
    phone: null,
    language: 'so',
    createdAt: PE_T0,
  };
}

function anInvitation(codeHash: string, userId: string, createdAt = PE_T0, days = 14): StoredInvitation {
  return {
    codeHash,
    userId,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + days * 86_400_000),
    usedAt: null,
    revokedAt: null,
  };
}

export function storageContractSuite(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`Storage contract: ${name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeEach(async () => {
      opened = await open();
      storage = opened.storage;
    });
    afterEach(() => opened.destroy());

    it('starts empty', async () => {
      expect(await storage.countUsers()).toBe(0);
      expect(await storage.latestSeq()).toBe(0);
      expect(await storage.listAssignments()).toEqual([]);
      await storage.ping();
    });

    it('stores users, finds them by id and by email in any case, and refuses a duplicate email', async () => {
      const user = {
        id: 'u1',
        email: 'amina@demo.test',
        name: 'Amina',
        role: 'expert',
        passwordHash: 'h',
      } as const;
      await storage.createUser(user);
      // No language until one is chosen (issue 13).
      expect(await storage.getUserById('u1')).toEqual({ ...user, language: null });
      expect(await storage.getUserByEmail('Amina@Demo.TEST')).toEqual({ ...user, language: null });
      expect(await storage.getUserByEmail('other@demo.test')).toBeUndefined();
      await expect(storage.createUser({ ...user, id: 'u2' })).rejects.toThrow();
      expect(await storage.countUsers()).toBe(1);
    });

    it('keeps a user’s own language, and says when there is no such user', async () => {
      await storage.createUser({
        id: 'u9',
        email: 'farah@demo.test',
        name: 'Farah',
        role: 'supervisor',
        passwordHash: 'h',
      });
      expect(await storage.setUserLanguage('u9', 'ps')).toBe(true);
      expect((await storage.getUserById('u9'))?.language).toBe('ps');
      expect((await storage.getUserByEmail('farah@demo.test'))?.language).toBe('ps');
      expect(await storage.setUserLanguage('nobody', 'ar')).toBe(false);
    });

    it('stores tokens by hash with expiry and revocation, and forgets expired ones', async () => {
      await storage.createUser({
        id: 'u1',
        email: 'a@demo.test',
        name: 'A',
        role: 'officer',
        passwordHash: 'h',
      });
      const token = {
        tokenHash: 'f'.repeat(64),
        userId: 'u1',
        createdAt: new Date('2025-01-01T00:00:00Z'),
        expiresAt: new Date('2025-02-01T00:00:00Z'),
        revokedAt: null,
      };
      await storage.saveToken(token);
      expect(await storage.getToken(token.tokenHash)).toEqual(token);
      const at = new Date('2025-01-05T00:00:00Z');
      await storage.revokeToken(token.tokenHash, at);
      expect((await storage.getToken(token.tokenHash))?.revokedAt).toEqual(at);
      await storage.deleteExpiredTokens(new Date('2025-01-31T00:00:00Z'));
      expect(await storage.getToken(token.tokenHash)).toBeDefined();
      await storage.deleteExpiredTokens(new Date('2025-02-02T00:00:00Z'));
      expect(await storage.getToken(token.tokenHash)).toBeUndefined();
    });

    it('SP-11: counts sign-in attempts per key before the password check, within a window, and clears them', async () => {
      const t = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
      const keys = ['email:a', 'ip:1'];
      const reserve = (minute: number, since = t(0), on = keys) =>
        storage.reserveLoginAttempt(on, t(minute), since, 3);
      for (const minute of [1, 2, 3]) {
        const attempt = await reserve(minute);
        expect(attempt.ok).toBe(true);
        if (attempt.ok) await storage.settleLoginAttempt(attempt.attemptId, false);
      }
      // A fourth is turned away, with the failures of the locked key, oldest first.
      expect(await reserve(4)).toEqual({ ok: false, key: 'email:a', failures: [t(1), t(2), t(3)] });
      // Failures before the window no longer count.
      expect((await reserve(5, t(1))).ok).toBe(true);
      // An attempt that succeeds is no failure; clearing a key forgets its failures, not others'.
      const other = await reserve(6, t(0), ['email:b']);
      expect(other.ok).toBe(true);
      if (other.ok) await storage.settleLoginAttempt(other.attemptId, true);
      for (const minute of [7, 8, 9]) expect((await reserve(minute, t(0), ['email:b'])).ok).toBe(true);
      await storage.clearLoginFailures('email:a');
      expect((await reserve(10, t(0), ['email:a'])).ok).toBe(true);
      expect(await reserve(11, t(0), ['ip:1'])).toMatchObject({ ok: false, key: 'ip:1' });
    });

    it('SP-1: every write gets a larger seq, also a rewrite of the same document', async () => {
      const a = await storage.transaction((tx) => tx.writeDocument(asgWrite(assignment('a1', 'e1'))));
      const l = await storage.transaction((tx) => tx.writeDocument(logWrite(log('l1', 'a1', '2025-01-02'))));
      const again = await storage.transaction((tx) =>
        tx.writeDocument(logWrite({ ...log('l1', 'a1', '2025-01-02'), hours: 5 })),
      );
      expect(l.seq).toBeGreaterThan(a.seq);
      expect(again.seq).toBeGreaterThan(l.seq);
      expect(await storage.latestSeq()).toBe(again.seq);
      expect(await storage.getDocument('logs', 'l1')).toEqual(again);
      expect((await storage.getDocument('logs', 'l1'))?.data.hours).toBe(5);
      expect(await storage.getDocument('assignments', 'l1')).toBeUndefined();
    });

    it('SP-1 SP-2 SP-7: pulls by seq, only the given assignments, at most limit rows', async () => {
      await storage.transaction(async (tx) => {
        await tx.writeDocument(logWrite(log('x1', 'a1', '2025-01-02')));
        await tx.writeDocument(logWrite(log('y1', 'a2', '2025-01-02')));
        await tx.writeDocument(logWrite(log('x2', 'a1', '2025-01-03')));
        await tx.writeDocument(logWrite(log('x3', 'a1', '2025-01-01'), true));
      });
      const base = { collection: 'logs', afterSeq: 0, limit: 100 } as const;
      expect(ids(await storage.pullDocuments({ ...base, assignmentIds: ['a1'] }))).toEqual([
        'x1',
        'x2',
        'x3',
      ]);
      expect(ids(await storage.pullDocuments({ ...base, assignmentIds: 'all' }))).toEqual([
        'x1',
        'y1',
        'x2',
        'x3',
      ]);
      expect(await storage.pullDocuments({ ...base, assignmentIds: [] })).toEqual([]);
      const firstTwo = await storage.pullDocuments({ ...base, assignmentIds: ['a1', 'a2'], limit: 2 });
      expect(ids(firstTwo)).toEqual(['x1', 'y1']);
      const rest = await storage.pullDocuments({
        ...base,
        assignmentIds: ['a1', 'a2'],
        afterSeq: firstTwo[1]!.seq,
      });
      expect(ids(rest)).toEqual(['x2', 'x3']);
      expect(rest[1]?.deleted).toBe(true);
      // SP-14: the count a full page reports is what the same query would still return.
      const counted = (query: Omit<PullQuery, 'limit'>) => storage.countPullable(query);
      expect(await counted({ ...base, assignmentIds: ['a1', 'a2'], afterSeq: firstTwo[1]!.seq })).toBe(2);
      expect(await counted({ ...base, assignmentIds: ['a1'] })).toBe(3);
      expect(await counted({ ...base, assignmentIds: 'all' })).toBe(4);
      expect(await counted({ ...base, assignmentIds: [] })).toBe(0);
      expect(
        await storage.pullDocuments({ ...base, collection: 'assignments', assignmentIds: 'all' }),
      ).toEqual([]);
    });

    it('finds the non-deleted logs of given assignments on a date', async () => {
      await storage.transaction(async (tx) => {
        await tx.writeDocument(logWrite(log('l1', 'a1', '2025-01-02', 3)));
        await tx.writeDocument(logWrite(log('l2', 'a2', '2025-01-02', 4)));
        await tx.writeDocument(logWrite(log('l3', 'a1', '2025-01-03', 5)));
        await tx.writeDocument(logWrite(log('l4', 'a1', '2025-01-02', 6), true));
        await tx.writeDocument(logWrite(log('l5', 'a9', '2025-01-02', 7)));
      });
      expect(ids(await storage.findLogsOnDate(['a1', 'a2'], '2025-01-02')).sort()).toEqual(['l1', 'l2']);
      expect(await storage.findLogsOnDate([], '2025-01-02')).toEqual([]);
    });

    it('SP-6: counts and sums the hours of one expert’s other logs of a day, across their assignments', async () => {
      await storage.transaction(async (tx) => {
        await tx.writeDocument(asgWrite(assignment('a1', 'e1')));
        // A withdrawn assignment's logs still fill the expert's day.
        await tx.writeDocument(asgWrite(assignment('a2', 'e1'), true));
        await tx.writeDocument(asgWrite(assignment('b1', 'e2')));
        await tx.writeDocument(logWrite(log('l1', 'a1', '2025-01-02', 3)));
        await tx.writeDocument(logWrite(log('l2', 'a2', '2025-01-02', 4.25)));
        await tx.writeDocument(logWrite(log('l3', 'a1', '2025-01-03', 5)));
        await tx.writeDocument(logWrite(log('l4', 'a1', '2025-01-02', 6), true));
        await tx.writeDocument(logWrite(log('l5', 'b1', '2025-01-02', 7)));
        await tx.writeDocument(logWrite(log('l6', 'a1', '2025-01-02', 0)));
      });
      const day = { expertId: 'e1', date: '2025-01-02', excludeLogId: 'new', atMost: 100 };
      expect(await storage.countExpertLogsOnDate(day)).toEqual({ logs: 3, hours: 7.25 });
      expect(await storage.countExpertLogsOnDate({ ...day, excludeLogId: 'l2' })).toEqual({
        logs: 2,
        hours: 3,
      });
      expect(await storage.countExpertLogsOnDate({ ...day, expertId: 'e2' })).toEqual({ logs: 1, hours: 7 });
      expect(await storage.countExpertLogsOnDate({ ...day, expertId: 'e9' })).toEqual({ logs: 0, hours: 0 });
      expect(await storage.countExpertLogsOnDate({ ...day, date: '2025-01-04' })).toEqual({
        logs: 0,
        hours: 0,
      });
      // Inside a transaction it sees the transaction's own writes.
      await storage.transaction(async (tx) => {
        await tx.writeDocument(logWrite(log('l7', 'a1', '2025-01-02', 1)));
        expect(await tx.countExpertLogsOnDate(day)).toEqual({ logs: 4, hours: 8.25 });
      });
    });

    it('SP-6: stops counting an expert’s logs of a day at atMost, however many there are', async () => {
      await storage.transaction(async (tx) => {
        await tx.writeDocument(asgWrite(assignment('a1', 'e1')));
        for (let i = 0; i < 30; i += 1)
          await tx.writeDocument(logWrite(log(`l${i}`, 'a1', '2025-01-02', 0.25)));
      });
      const day = { expertId: 'e1', date: '2025-01-02', excludeLogId: 'new' };
      expect(await storage.countExpertLogsOnDate({ ...day, atMost: 10 })).toEqual({ logs: 10, hours: 2.5 });
      expect(await storage.countExpertLogsOnDate({ ...day, atMost: 96 })).toEqual({ logs: 30, hours: 7.5 });
    });

    it('finds the non-deleted logs of one assignment between two dates, both included (TS-4)', async () => {
      await storage.transaction(async (tx) => {
        await tx.writeDocument(logWrite(log('m0', 'a1', '2025-01-31')));
        await tx.writeDocument(logWrite(log('m1', 'a1', '2025-02-01')));
        await tx.writeDocument(logWrite(log('m2', 'a1', '2025-02-28')));
        await tx.writeDocument(logWrite(log('m3', 'a1', '2025-03-01')));
        await tx.writeDocument(logWrite(log('m4', 'a1', '2025-02-10'), true));
        await tx.writeDocument(logWrite(log('m5', 'a2', '2025-02-10')));
      });
      expect(ids(await storage.findLogsBetween('a1', '2025-02-01', '2025-02-28')).sort()).toEqual([
        'm1',
        'm2',
      ]);
      expect(await storage.findLogsBetween('a3', '2025-02-01', '2025-02-28')).toEqual([]);
    });

    it('lists every assignment including tombstones', async () => {
      await storage.transaction(async (tx) => {
        await tx.writeDocument(asgWrite(assignment('a1', 'e1', ['s1'])));
        await tx.writeDocument(asgWrite(assignment('a2', 'e2'), true));
      });
      const listed = await storage.listAssignments();
      expect(listed.map((a) => [a.id, a.deleted, a.data.supervisorIds])).toEqual([
        ['a1', false, ['s1']],
        ['a2', true, []],
      ]);
    });

    it('SP-6: a failed savepoint undoes only its own writes, seqs included, and the transaction goes on', async () => {
      const steps = await storage.transaction(async (tx) => {
        await tx.writeDocument(asgWrite(assignment('a1', 'e1')));
        const refusedByDatabase = await tx.savepoint(async () => {
          await tx.writeDocument(asgWrite(assignment('a2', 'e1')));
          // A NOT NULL column: the database itself refuses this write.
          await tx.writeDocument({ ...asgWrite(assignment('a3', 'e1')), assignmentId: null as never });
        });
        const thrown = await tx.savepoint(async () => {
          await tx.writeDocument(asgWrite(assignment('a4', 'e1')));
          throw new Error('refused by a rule');
        });
        const passed = await tx.savepoint(() => tx.writeDocument(asgWrite(assignment('a5', 'e1'))));
        return { refusedByDatabase, thrown, passed, seen: ids(await tx.listAssignments()) };
      });
      expect(steps.refusedByDatabase.ok).toBe(false);
      expect(steps.thrown).toEqual({ ok: false, error: new Error('refused by a rule') });
      // Numbered at commit: the rolled-back writes left no gap.
      expect(steps.passed.ok && steps.passed.value.seq).toBe(2);
      expect(steps.seen).toEqual(['a1', 'a5']);
      expect(ids(await storage.listAssignments())).toEqual(['a1', 'a5']);
      expect(await storage.latestSeq()).toBe(2);
    });

    it('a transaction that throws leaves nothing behind; reads inside it see its own writes', async () => {
      await expect(
        storage.transaction(async (tx) => {
          await tx.writeDocument(logWrite(log('l1', 'a1', '2025-01-02')));
          expect(await tx.getDocument('logs', 'l1')).toBeDefined();
          expect(ids(await tx.findLogsOnDate(['a1'], '2025-01-02'))).toEqual(['l1']);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await storage.getDocument('logs', 'l1')).toBeUndefined();
      // Seqs may have gaps after a rollback, but the next write is still larger than any seen.
      const next = await storage.transaction((tx) =>
        tx.writeDocument(logWrite(log('l2', 'a1', '2025-01-02'))),
      );
      expect(next.seq).toBeGreaterThan(0);
    });

    it('SP-2: seqs become visible in commit order, also when transactions run side by side', async () => {
      let releaseFirst!: () => void;
      const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstWrote!: () => void;
      const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
      const committed: string[] = [];
      const first = storage
        .transaction(async (tx) => {
          const doc = await tx.writeDocument(logWrite(log('t1', 'a1', '2025-01-02')));
          firstWrote();
          await gate;
          return doc;
        })
        .then((doc) => (committed.push(doc.id), doc));
      await wrote;
      const second = storage
        .transaction((tx) => tx.writeDocument(logWrite(log('t2', 'a1', '2025-01-03'))))
        .then((doc) => (committed.push(doc.id), doc));
      // PostgreSQL lets the second commit while the first is open; SQLite queues it. Either way
      // the one that commits later has the larger seq, so a reader's checkpoint never passes it.
      await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 300))]);
      releaseFirst();
      const written = await Promise.all([first, second]);
      expect(written.sort((x, y) => x.seq - y.seq).map((doc) => doc.id)).toEqual(committed);
      expect(await storage.latestSeq()).toBe(Math.max(...written.map((doc) => doc.seq)));
      const pulled = await storage.pullDocuments({
        collection: 'logs',
        afterSeq: 0,
        assignmentIds: 'all',
        limit: 10,
      });
      expect(pulled.map((doc) => doc.seq)).toEqual(written.map((doc) => doc.seq));
    });

    it('transactions that lock one scope run one after the other', async () => {
      let releaseFirst!: () => void;
      const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstLocked!: () => void;
      const locked = new Promise<void>((resolve) => (firstLocked = resolve));
      const steps: string[] = [];
      const first = storage.transaction(async (tx) => {
        await tx.lockScopes(['expert:e1', 'expert:e2']);
        firstLocked();
        await gate;
        steps.push('first done');
      });
      await locked;
      const second = storage.transaction(async (tx) => {
        await tx.lockScopes(['expert:e2']);
        steps.push('second has the scope');
      });
      await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 300))]);
      releaseFirst();
      await Promise.all([first, second]);
      expect(steps).toEqual(['first done', 'second has the scope']);
    });

    it('SP-2: a reader pulling by checkpoint misses no row while 32 writers commit side by side', async () => {
      const WRITERS = 32;
      const TRANSACTIONS = 6;
      const expected = new Set<string>();
      let writing = true;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let t = 0; t < TRANSACTIONS; t += 1) {
          await storage.transaction(async (tx) => {
            for (let d = 0; d < 3; d += 1) {
              const id = `w${w}-t${t}-d${d}`;
              await tx.writeDocument(logWrite(log(id, `a${w}`, '2025-01-02')));
              expected.add(id);
              // Hold the transaction open a little, differently for each, so others commit meanwhile.
              await new Promise((resolve) => setTimeout(resolve, (w * 7 + t * 3 + d) % 5));
            }
          });
        }
      });
      const received = new Set<string>();
      let checkpoint = 0;
      const pullOnce = async () => {
        const page = await storage.pullDocuments({
          collection: 'logs',
          afterSeq: checkpoint,
          assignmentIds: 'all',
          limit: 25,
        });
        for (const doc of page) {
          expect(doc.seq).toBeGreaterThan(checkpoint);
          received.add(doc.id);
          checkpoint = doc.seq;
        }
        return page.length;
      };
      const reader = (async () => {
        while (writing) await pullOnce();
      })();
      await Promise.all(writers);
      writing = false;
      await reader;
      while ((await pullOnce()) > 0);
      expect(received.size).toBe(WRITERS * TRANSACTIONS * 3);
      expect([...expected].filter((id) => !received.has(id))).toEqual([]);
    });

    it('PE-1 PE-2: creates a person without a password, with an invitation, once per email in any case', async () => {
      expect(
        await storage.createPerson(aPerson('p1', 'hodan@demo.test'), anInvitation('c1', 'p1'), 'off'),
      ).toBe('created');
      expect(await storage.getPerson('p1')).toEqual({
        ...aPerson('p1', 'hodan@demo.test'),
        deactivatedAt: null,
        hasPassword: false,
      });
      expect(await storage.getUserById('p1')).toMatchObject({ passwordHash: '' });
      expect(await storage.getInvitation('c1')).toEqual(anInvitation('c1', 'p1'));
      expect(
        await storage.createPerson(aPerson('p2', 'HODAN@demo.test'), anInvitation('c2', 'p2'), 'off'),
      ).toBe('email_taken');
      expect(await storage.getPerson('p2')).toBeUndefined();
      expect(await storage.getInvitation('c2')).toBeUndefined();
      const audit = await storage.listAudit({ limit: 10 });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: 'off',
        action: 'person.created',
        subjectType: 'person',
        subjectId: 'p1',
        at: PE_T0.toISOString(),
        changes: { email: { from: null, to: 'hodan@demo.test' }, status: { from: null, to: 'invited' } },
      });
    });

    it('PE-2: an invitation is accepted once, before it expires, and sets the password', async () => {
      await storage.createPerson(aPerson('p1', 'a@demo.test'), anInvitation('c1', 'p1'), 'off');
      expect(await storage.acceptInvitation('nope', 'h', peAt(1))).toEqual({ ok: false, reason: 'unknown' });
      expect(await storage.acceptInvitation('c1', 'h', peAt(14 * 24 * 60))).toEqual({
        ok: false,
        reason: 'expired',
      });
      const accepted = await storage.acceptInvitation('c1', 'scrypt$h', peAt(5));
      expect(accepted).toEqual({
        ok: true,
        // The person's language comes along, so their first sign-in opens in it (issue 13).
        user: {
          id: 'p1',
          email: 'a@demo.test',
          name: 'Person p1',
          role: 'expert',
          passwordHash: 'scrypt$h',
          language: 'so',
        },
      });
      expect(await storage.acceptInvitation('c1', 'other', peAt(6))).toEqual({ ok: false, reason: 'used' });
      expect((await storage.getUserByEmail('a@demo.test'))?.passwordHash).toBe('scrypt$h');
      expect((await storage.getInvitation('c1'))?.usedAt).toEqual(peAt(5));
      expect((await storage.getPerson('p1'))?.hasPassword).toBe(true);
      expect((await storage.listAudit({ limit: 1 }))[0]).toMatchObject({
        action: 'person.invitation_accepted',
        actorId: 'p1',
        changes: { status: { from: 'invited', to: 'active' } },
      });
    });

    it('PE-4: reissuing revokes the unused invitations, every token and the password', async () => {
      await storage.createPerson(aPerson('p1', 'a@demo.test'), anInvitation('c1', 'p1'), 'off');
      await storage.acceptInvitation('c1', 'scrypt$h', peAt(1));
      await storage.createPerson(aPerson('p2', 'b@demo.test'), anInvitation('c2', 'p2'), 'off');
      const token = (hash: string, userId: string) => ({
        tokenHash: hash,
        userId,
        createdAt: peAt(2),
        expiresAt: peAt(60),
        revokedAt: null,
      });
      await storage.saveToken(token('t1', 'p1'));
      await storage.saveToken(token('t2', 'p1'));
      await storage.saveToken(token('t3', 'p2'));
      const first = await storage.reissueInvitation(anInvitation('c3', 'p1', peAt(3)), 'off');
      expect(first).toMatchObject({ ok: true, person: { id: 'p1', hasPassword: false } });
      expect(first.ok && [...first.revokedTokenHashes].sort()).toEqual(['t1', 't2']);
      expect((await storage.getToken('t1'))?.revokedAt).toEqual(peAt(3));
      expect((await storage.getToken('t3'))?.revokedAt).toBeNull();
      expect((await storage.getUserById('p1'))?.passwordHash).toBe('');
      const second = await storage.reissueInvitation(anInvitation('c4', 'p1', peAt(4)), 'off');
      expect(second.ok && second.revokedTokenHashes).toEqual([]);
      expect((await storage.getInvitation('c3'))?.revokedAt).toEqual(peAt(4));
      expect((await storage.getInvitation('c1'))?.revokedAt).toBeNull();
      expect(await storage.acceptInvitation('c3', 'h', peAt(5))).toEqual({ ok: false, reason: 'revoked' });
      expect(await storage.reissueInvitation(anInvitation('c5', 'ghost', peAt(5)), 'off')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const audit = await storage.listAudit({ limit: 2 });
      expect(audit.map((e) => e.action)).toEqual(['person.invited', 'person.invited']);
      expect(audit[0]!.changes).toEqual({
        invitationExpiresAt: {
          from: anInvitation('c3', 'p1', peAt(3)).expiresAt.toISOString(),
          to: anInvitation('c4', 'p1', peAt(4)).expiresAt.toISOString(),
        },
      });
      expect(audit[1]!.changes.status).toEqual({ from: 'active', to: 'invited' });
    });

    it('PE-5: deactivation revokes tokens and invitations and keeps the last active officer; reactivation undoes it', async () => {
      for (const [id, role] of [
        ['o1', 'officer'],
        ['o2', 'officer'],
        ['e1', 'expert'],
      ] as const) {
        await storage.createPerson(aPerson(id, `${id}@demo.test`, role), anInvitation(`c-${id}`, id), 'root');
        if (id !== 'e1') await storage.acceptInvitation(`c-${id}`, 'scrypt$h', peAt(1));
      }
      await storage.saveToken({
        tokenHash: 't1',
        userId: 'o2',
        createdAt: peAt(1),
        expiresAt: peAt(99),
        revokedAt: null,
      });
      const off = await storage.setPersonActive('o2', false, peAt(2), 'o1');
      expect(off).toMatchObject({ ok: true, revokedTokenHashes: ['t1'], person: { deactivatedAt: peAt(2) } });
      expect((await storage.getUserById('o2'))?.deactivatedAt).toEqual(peAt(2));
      expect((await storage.getUserById('o1'))?.deactivatedAt).toBeUndefined();
      expect(await storage.setPersonActive('o1', false, peAt(3), 'o1')).toEqual({
        ok: false,
        reason: 'last_officer',
      });
      // No change, no entry.
      expect(await storage.setPersonActive('o2', false, peAt(3), 'o1')).toMatchObject({
        ok: true,
        revokedTokenHashes: [],
      });
      await storage.setPersonActive('e1', false, peAt(4), 'o1');
      expect((await storage.getInvitation('c-e1'))?.revokedAt).toEqual(peAt(4));
      const on = await storage.setPersonActive('o2', true, peAt(5), 'o1');
      expect(on).toMatchObject({ ok: true, person: { deactivatedAt: null, hasPassword: true } });
      expect((await storage.setPersonActive('o1', false, peAt(6), 'o2')).ok).toBe(true);
      expect(await storage.setPersonActive('nobody', false, peAt(7), 'o2')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const audit = await storage.listAudit({ limit: 4 });
      expect(audit.map((e) => [e.action, e.subjectId, e.changes.status])).toEqual([
        ['person.deactivated', 'o1', { from: 'active', to: 'deactivated' }],
        ['person.reactivated', 'o2', { from: 'deactivated', to: 'active' }],
        ['person.deactivated', 'e1', { from: 'invited', to: 'deactivated' }],
        ['person.deactivated', 'o2', { from: 'active', to: 'deactivated' }],
      ]);
    });

    it('PE-6: lists people and the audit page by page', async () => {
      for (let i = 0; i < 5; i++) {
        await storage.createPerson(
          { ...aPerson(`p${i}`, `p${i}@demo.test`), createdAt: peAt(i) },
          anInvitation(`c${i}`, `p${i}`),
          'off',
        );
      }
      expect((await storage.listPeople({ limit: 2, offset: 0 })).map((p) => p.id)).toEqual(['p0', 'p1']);
      expect((await storage.listPeople({ limit: 2, offset: 4 })).map((p) => p.id)).toEqual(['p4']);
      const newest = await storage.listAudit({ limit: 2 });
      expect(newest.map((e) => e.subjectId)).toEqual(['p4', 'p3']);
      expect(newest[0]!.id).toBeGreaterThan(newest[1]!.id);
      const older = await storage.listAudit({ limit: 10, before: newest[1]!.id });
      expect(older.map((e) => e.subjectId)).toEqual(['p2', 'p1', 'p0']);
    });

    it('PB-1 PB-2: a batch holds its months; a month in one cannot join another, also at once', async () => {
      const at = new Date('2026-12-01T10:00:00Z');
      const first = await storage.createPaymentBatch({
        id: 'b1',
        createdAt: at,
        createdBy: 'o1',
        timesheetIds: ['t2', 't1'],
      });
      expect(first).toEqual({
        ok: true,
        batch: {
          id: 'b1',
          createdAt: at,
          createdBy: 'o1',
          paidOn: null,
          paidAt: null,
          paidBy: null,
          timesheetIds: ['t1', 't2'],
        },
      });
      expect(
        await storage.createPaymentBatch({
          id: 'b2',
          createdAt: at,
          createdBy: 'o1',
          timesheetIds: ['t3', 't2'],
        }),
      ).toEqual({
        ok: false,
        taken: [{ timesheetId: 't2', batchId: 'b1' }],
      });
      // Nothing of the refused batch stays: t3 is still free.
      expect(await storage.getPaymentBatch('b2')).toBeUndefined();
      expect(await storage.batchOfTimesheet('t3')).toBeUndefined();
      expect((await storage.batchOfTimesheet('t1'))?.id).toBe('b1');

      // Two officers batching the same month at once: exactly one batch gets it.
      const results = await Promise.all(
        ['c1', 'c2', 'c3', 'c4'].map((id) =>
          storage.createPaymentBatch({ id, createdAt: at, createdBy: 'o2', timesheetIds: [`t-${id}`, 't9'] }),
        ),
      );
      const winners = results.flatMap((result) => (result.ok ? [result.batch.id] : []));
      expect(winners).toHaveLength(1);
      const batchIds = (await storage.listPaymentBatches()).map((batch) => batch.id);
      expect(batchIds.sort()).toEqual(['b1', winners[0]!].sort());
    });

    it('PB-3: a batch is marked paid once', async () => {
      const at = new Date('2026-12-01T10:00:00Z');
      await storage.createPaymentBatch({ id: 'b1', createdAt: at, createdBy: 'o1', timesheetIds: ['t1'] });
      const paid = await storage.markPaymentBatchPaid('b1', '2026-12-02', at, 'o2');
      expect(paid).toMatchObject({
        ok: true,
        batch: { paidOn: '2026-12-02', paidBy: 'o2', timesheetIds: ['t1'] },
      });
      expect(await storage.markPaymentBatchPaid('b1', '2026-12-03', at, 'o1')).toEqual({
        ok: false,
        reason: 'already_paid',
      });
      expect(await storage.markPaymentBatchPaid('nope', '2026-12-03', at, 'o1')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect((await storage.getPaymentBatch('b1'))?.paidOn).toBe('2026-12-02');
    });

    it('PN-1: the first VAPID key pair stored is the one every later start gets', async () => {
      const first = await storage.vapidKeys({ publicKey: 'pub-1', privateKey: 'priv-1' });
      expect(first).toEqual({ publicKey: 'pub-1', privateKey: 'priv-1' });
      const [a, b] = await Promise.all([
        storage.vapidKeys({ publicKey: 'pub-2', privateKey: 'priv-2' }),
        storage.vapidKeys({ publicKey: 'pub-3', privateKey: 'priv-3' }),
      ]);
      expect([a, b]).toEqual([first, first]);
    });

    it('PN-2 PN-4 PN-5: subscriptions per device, of active users with reminders on', async () => {
      for (const id of ['u1', 'u2']) {
        await storage.createUser({
          id,
          email: `${id}@demo.test`,
          name: id,
          role: 'supervisor',
          passwordHash: 'h',
        });
      }
      const at = new Date('2026-12-02T08:00:00Z');
      const device = (endpoint: string, userId: string) => ({
        endpoint,
        userId,
        p256dh: 'k',
        auth: 'a',
        createdAt: at,
      });
      await storage.savePushSubscription(device('https://push.test/1', 'u1'));
      await storage.savePushSubscription(device('https://push.test/2', 'u1'));
      // The same device signed in as u2 now: the subscription is u2's.
      await storage.savePushSubscription(device('https://push.test/2', 'u2'));
      expect(await storage.pushSubscriptionsOf(['u1', 'u2'])).toEqual([
        device('https://push.test/1', 'u1'),
        device('https://push.test/2', 'u2'),
      ]);
      expect(await storage.pushRecipients()).toEqual(['u1', 'u2']);

      expect(await storage.remindersOn('u1')).toBe(true);
      await storage.setRemindersOn('u1', false);
      expect(await storage.remindersOn('u1')).toBe(false);
      expect(await storage.pushSubscriptionsOf(['u1', 'u2'])).toEqual([device('https://push.test/2', 'u2')]);
      expect(await storage.pushRecipients()).toEqual(['u2']);
      await storage.setRemindersOn('u1', true);

      expect(await storage.deletePushSubscription('https://push.test/1', 'u2')).toBe(false);
      expect(await storage.deletePushSubscription('https://push.test/1', 'u1')).toBe(true);
      expect(await storage.deletePushSubscription('https://push.test/2')).toBe(true);
      expect(await storage.pushSubscriptionsOf(['u1', 'u2'])).toEqual([]);
    });

    it('PN-3 PN-6: a notice is claimed once per user, also when claimed at once', async () => {
      const at = new Date('2026-12-02T08:00:00Z');
      const claims = await Promise.all(
        [1, 2, 3].map(() => storage.claimPushNotice('u1', 'daily:2026-12-02', at)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await storage.claimPushNotice('u2', 'daily:2026-12-02', at)).toBe(true);
      expect(await storage.claimPushNotice('u1', 'daily:2026-12-03', at)).toBe(true);
    });

    it('keeps everything across a close and reopen', async () => {
      await storage.createUser({
        id: 'u1',
        email: 'a@demo.test',
        name: 'A',
        role: 'officer',
        passwordHash: 'h',
      });
      const written = await storage.transaction((tx) => tx.writeDocument(asgWrite(assignment('a1', 'e1'))));
      storage = await opened.reopen();
      expect(await storage.getUserById('u1')).toBeDefined();
      expect(await storage.getDocument('assignments', 'a1')).toEqual(written);
      const next = await storage.transaction((tx) => tx.writeDocument(asgWrite(assignment('a2', 'e1'))));
      expect(next.seq).toBeGreaterThan(written.seq);
    });
  });
}
