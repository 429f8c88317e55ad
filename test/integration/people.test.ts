/**
 * People and invitations (docs/sync-protocol.md PE-1 … PE-7) over a real socket, on SQLite and
 * PostgreSQL: every route, every refusal, and what deactivation and reset do to sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INVITATION_TTL_MS,
  PEOPLE_API_PATHS,
  type AuditListResponse,
  type InvitedPersonResponse,
  type PeopleListResponse,
  type PersonResponse,
} from '../../src/shared/people';
import {
  API_PATHS,
  type ApiErrorBody,
  type LoginResponse,
  type PullResponse,
} from '../../src/shared/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { loadConfig } from '../../sync-server/src/config';
import { DEMO_PASSWORD } from '../../sync-server/src/seed';
import { demoInstitutionId } from '../../sync-server/src/seed-data';
import { moveSqliteToPostgres } from '../../sync-server/src/storage/move-to-postgres';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import { createTestSchema } from '../helpers/postgres';
import { hashToken } from '../../sync-server/src/auth/tokens';
import { callServer } from '../helpers/api-client';
import { waitUntil } from '../helpers/devices';
import { openStream } from '../helpers/sse-client';
import { createTestClock, login, startTestServer, type TestServer } from '../helpers/test-server';

const STRONG_PASSWORD = 'river-lantern-okapi-7';
/** A demo host institution (PE-11: a supervisor belongs to one that exists). */
const HEALTH_KABUL = demoInstitutionId('Ministry of Public Health, Kabul');

/** A request to `server`, signed with `token` when there is one. */
const call = (
  server: TestServer,
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
) => callServer(server.url, method, path, { as: token || undefined, body });

const errorOf = (json: unknown) => (json as ApiErrorBody).error;

let emailCounter = 0;
const uniqueEmail = (what: string) => `${what}-${++emailCounter}@people.test`;

describe.each(['sqlite', 'postgres'] as const)('people and invitations on %s', (backend) => {
  const clock = createTestClock();
  let server: TestServer;
  let officer: string;

  /** The officer adds someone; returns the answer. */
  async function addPerson(body: Record<string, unknown>) {
    return call(server, 'POST', PEOPLE_API_PATHS.people, { token: officer, body });
  }
  async function invite(role = 'expert', extra: Record<string, unknown> = {}) {
    const added = await addPerson({ name: 'Hodan Ali', email: uniqueEmail(role), role, ...extra });
    expect(added.status).toBe(201);
    return added.json as InvitedPersonResponse;
  }
  async function accept(code: string, password = STRONG_PASSWORD) {
    return call(server, 'POST', PEOPLE_API_PATHS.acceptInvitation, { body: { code, password } });
  }
  /** A person who accepted their invitation, and their session. */
  async function activePerson(role = 'expert') {
    const invited = await invite(role);
    const accepted = await accept(invited.invitation.code);
    expect(accepted.status).toBe(200);
    return { ...invited, token: (accepted.json as LoginResponse).token };
  }

  beforeAll(async () => {
    server = await startTestServer({
      storage: backend,
      now: clock.now,
      // Accepting invitations and signing in come without a token: they count per IP.
      rateLimits: { requestsPerMinutePerIp: 10_000 },
    });
    officer = await login(server.url, 'officer@demo.test');
  });
  afterAll(() => server.close());

  describe('PE-1 adding a person', () => {
    it('PE-1 PE-2: an officer adds a person and gets a single-use invitation link valid 14 days', async () => {
      const email = uniqueEmail('Supervisor');
      const { status, json } = await addPerson({
        name: '  Faisal Ahmadi ',
        email: ` ${email.toUpperCase()} `,
        role: 'supervisor',
        institutionId: HEALTH_KABUL,
        phone: '+93 70 123 4567',
        language: 'prs',
      });
      expect(status).toBe(201);
      const { person, invitation } = json as InvitedPersonResponse;
      expect(person).toMatchObject({
        name: 'Faisal Ahmadi',
        email: email.toLowerCase(),
        role: 'supervisor',
        institutionId: HEALTH_KABUL,
        phone: '+93 70 123 4567',
        language: 'prs',
        status: 'invited',
        deactivatedAt: null,
      });
      expect(person.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(invitation.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(invitation.url).toBe(`${server.url}/welcome/${invitation.code}`);
      expect(Date.parse(invitation.expiresAt) - clock.now().getTime()).toBe(INVITATION_TTL_MS);
      // The invited person has no password yet: nothing signs them in.
      const signIn = await call(server, 'POST', API_PATHS.login, {
        body: { email, password: STRONG_PASSWORD },
      });
      expect(signIn.status).toBe(401);
    });

    it('PE-1: an email already taken, in any case, is 409 and nothing is written', async () => {
      const before = await listPeople();
      for (const email of ['Expert1@Demo.TEST', 'officer@demo.test']) {
        const { status, json } = await addPerson({ name: 'Copy', email, role: 'expert' });
        expect(status).toBe(409);
        expect(errorOf(json)).toMatchObject({ code: 'conflict', field: 'email' });
        expect(errorOf(json).message).toContain('already has an account');
      }
      expect((await listPeople()).length).toBe(before.length);
    });

    it('PE-1: experts, supervisors and callers without a token cannot add people', async () => {
      for (const email of ['expert1@demo.test', 'supervisor1@demo.test']) {
        const token = await login(server.url, email);
        const { status, json } = await call(server, 'POST', PEOPLE_API_PATHS.people, {
          token,
          body: { name: 'X', email: uniqueEmail('x'), role: 'officer' },
        });
        expect(status).toBe(403);
        expect(errorOf(json).code).toBe('forbidden');
      }
      expect((await call(server, 'POST', PEOPLE_API_PATHS.people, { body: {} })).status).toBe(401);
    });

    it.each([
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(201) }],
      ['email', { email: 'not-an-email' }],
      ['email', { email: 'two@@demo.test' }],
      ['role', { role: 'admin' }],
      ['institutionId', { institutionId: 'has spaces' }],
      ['phone', { phone: 'call me' }],
      ['language', { language: 'fr' }],
    ])('PE-1: a bad %s is 400 naming the field, and nothing is written', async (field, bad) => {
      const before = await listPeople();
      const { status, json } = await addPerson({
        name: 'Ok Name',
        email: uniqueEmail('bad'),
        role: 'expert',
        ...bad,
      });
      expect(status).toBe(400);
      expect(errorOf(json)).toMatchObject({ code: 'bad_request', field });
      expect(errorOf(json).message).toMatch(new RegExp(`^${field}: `));
      expect((await listPeople()).length).toBe(before.length);
    });
  });

  describe('PE-2 PE-3 accepting an invitation', () => {
    it('PE-2: accepting sets the password and answers like a sign-in; the password then signs in', async () => {
      const { person, invitation } = await invite('expert', { language: 'so' });
      const { status, json } = await accept(invitation.code);
      expect(status).toBe(200);
      const answer = json as LoginResponse;
      // The language the officer gave the invitation is the person's from the start (issue 13).
      expect(answer.user).toEqual({
        id: person.id,
        email: person.email,
        name: person.name,
        role: 'expert',
        language: 'so',
      });
      expect(Date.parse(answer.expiresAt) - clock.now().getTime()).toBe(30 * 86_400_000);
      expect((await call(server, 'GET', API_PATHS.me, { token: answer.token })).json).toEqual({
        user: answer.user,
      });
      expect(await login(server.url, person.email, STRONG_PASSWORD)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await listPeople()).find((p) => p.id === person.id)?.status).toBe('active');
    });

    it('PE-2: a used invitation is 410 and says whom to ask', async () => {
      const { invitation } = await invite();
      expect((await accept(invitation.code)).status).toBe(200);
      const again = await accept(invitation.code, 'another-long-password-9');
      expect(again.status).toBe(410);
      expect(errorOf(again.json).code).toBe('gone');
      expect(errorOf(again.json).message).toMatch(/already been used.*programme officer/);
    });

    it('PE-2: of two acceptances at once, only one succeeds', async () => {
      const { invitation } = await invite();
      const answers = await Promise.all([accept(invitation.code), accept(invitation.code)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    });

    it('PE-2: an expired invitation is 410 and says whom to ask', async () => {
      const { invitation } = await invite();
      clock.advance(INVITATION_TTL_MS);
      const { status, json } = await accept(invitation.code);
      expect(status).toBe(410);
      expect(errorOf(json).message).toMatch(/expired.*programme officer/);
      // Tokens last 30 days: the officer's session outlives the move, but start fresh for the rest.
      officer = await login(server.url, 'officer@demo.test');
    });

    it('PE-2: an unknown code is 404 and says whom to ask; a missing code or password is 400', async () => {
      const unknown = await accept('A'.repeat(32));
      expect(unknown.status).toBe(404);
      expect(errorOf(unknown.json).message).toContain('programme officer');
      const noCode = await call(server, 'POST', PEOPLE_API_PATHS.acceptInvitation, {
        body: { password: 'x' },
      });
      expect(errorOf(noCode.json)).toMatchObject({ code: 'bad_request', field: 'code' });
      const noPassword = await call(server, 'POST', PEOPLE_API_PATHS.acceptInvitation, {
        body: { code: 'abc' },
      });
      expect(errorOf(noPassword.json)).toMatchObject({ code: 'bad_request', field: 'password' });
    });

    it.each([
      ['short', 'nine-char', /at least 10 characters/],
      ['common', 'Password123', /most common/],
      ['common in another case', 'QWERTYUIOP', /most common/],
      ['the demo password', DEMO_PASSWORD, /most common/],
    ])(
      'PE-3: a %s password is 400 with the reason, and the invitation stays usable',
      async (_, password, reason) => {
        const { invitation } = await invite();
        const { status, json } = await accept(invitation.code, password);
        expect(status).toBe(400);
        expect(errorOf(json)).toMatchObject({ code: 'bad_request', field: 'password' });
        expect(errorOf(json).message).toMatch(reason);
        expect((await accept(invitation.code)).status).toBe(200);
      },
    );
  });

  describe('PE-4 password reset', () => {
    it('PE-4: a new invitation ends the person’s sessions and streams, revokes the old link and the old password', async () => {
      const { person, invitation: first, token } = await activePerson();
      const stream = await openStream(server.url, token);
      await stream.waitFor((event) => event.type === 'resync', 'resync');

      const { status, json } = await call(server, 'POST', PEOPLE_API_PATHS.invitation(person.id), {
        token: officer,
      });
      expect(status).toBe(201);
      const reset = json as InvitedPersonResponse;
      expect(reset.person.status).toBe('invited');
      expect(reset.invitation.code).not.toBe(first.code);
      await waitUntil(() => !stream.open, 'the stream to end');
      expect((await call(server, 'GET', API_PATHS.me, { token })).status).toBe(401);
      const oldPassword = await call(server, 'POST', API_PATHS.login, {
        body: { email: person.email, password: STRONG_PASSWORD },
      });
      expect(oldPassword.status).toBe(401);

      // A second reset revokes the first reset's link, unused.
      const second = (await call(server, 'POST', PEOPLE_API_PATHS.invitation(person.id), { token: officer }))
        .json as InvitedPersonResponse;
      const revoked = await accept(reset.invitation.code);
      expect(revoked.status).toBe(410);
      expect(errorOf(revoked.json).message).toMatch(/withdrawn.*programme officer/);
      expect((await accept(second.invitation.code, 'a-new-long-password-2')).status).toBe(200);
    });

    it('PE-4: only officers reset; an unknown person is 404; a deactivated one is 409', async () => {
      const expert = await login(server.url, 'expert1@demo.test');
      const { person } = await invite();
      expect(
        (await call(server, 'POST', PEOPLE_API_PATHS.invitation(person.id), { token: expert })).status,
      ).toBe(403);
      expect(
        (await call(server, 'POST', PEOPLE_API_PATHS.invitation('nobody'), { token: officer })).status,
      ).toBe(404);
      expect(
        (await call(server, 'POST', PEOPLE_API_PATHS.deactivate(person.id), { token: officer })).status,
      ).toBe(200);
      const refused = await call(server, 'POST', PEOPLE_API_PATHS.invitation(person.id), { token: officer });
      expect(refused.status).toBe(409);
      expect(errorOf(refused.json).message).toContain('Reactivate');
    });
  });

  describe('PE-5 deactivation', () => {
    it('PE-5: deactivation ends every session at once: streams close, pushes get 401, sign-in is refused plainly', async () => {
      const sessions = [
        await login(server.url, 'expert2@demo.test'),
        await login(server.url, 'expert2@demo.test'),
      ];
      const streams = await Promise.all(sessions.map((token) => openStream(server.url, token)));
      await Promise.all(streams.map((s) => s.waitFor((event) => event.type === 'resync', 'resync')));
      const logsBefore = await officerPull('logs');

      const { status, json } = await call(server, 'POST', PEOPLE_API_PATHS.deactivate('user-expert2'), {
        token: officer,
      });
      expect(status).toBe(200);
      expect((json as PersonResponse).person).toMatchObject({ id: 'user-expert2', status: 'deactivated' });
      await waitUntil(() => streams.every((s) => !s.open), 'both streams to end');
      for (const token of sessions) {
        const push = await call(server, 'POST', API_PATHS.push('logs'), { token, body: [] });
        expect(push.status).toBe(401);
      }
      const signIn = await call(server, 'POST', API_PATHS.login, {
        body: { email: 'expert2@demo.test', password: DEMO_PASSWORD },
      });
      expect(signIn.status).toBe(403);
      expect(errorOf(signIn.json).message).toMatch(/deactivated.*programme officer/);
      // What they wrote stays, as it was.
      expect(await officerPull('logs')).toEqual(logsBefore);

      const again = await call(server, 'POST', PEOPLE_API_PATHS.reactivate('user-expert2'), {
        token: officer,
      });
      expect(again.status).toBe(200);
      expect((again.json as PersonResponse).person.status).toBe('active');
      expect(await login(server.url, 'expert2@demo.test')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The sessions ended by deactivation stay ended.
      expect((await call(server, 'GET', API_PATHS.me, { token: sessions[0] })).status).toBe(401);
    });

    it('PE-5: deactivating an invited person withdraws their invitation', async () => {
      const { person, invitation } = await invite();
      expect(
        (await call(server, 'POST', PEOPLE_API_PATHS.deactivate(person.id), { token: officer })).status,
      ).toBe(200);
      expect((await accept(invitation.code)).status).toBe(410);
    });

    it('PE-5: only officers deactivate or reactivate; an unknown person is 404', async () => {
      const supervisor = await login(server.url, 'supervisor1@demo.test');
      for (const path of [PEOPLE_API_PATHS.deactivate, PEOPLE_API_PATHS.reactivate]) {
        expect((await call(server, 'POST', path('user-expert1'), { token: supervisor })).status).toBe(403);
        expect((await call(server, 'POST', path('nobody'), { token: officer })).status).toBe(404);
      }
    });
  });

  describe('PE-6 people list and audit', () => {
    it('PE-6: officers list people with their status, page by page', async () => {
      const { person: invited } = await invite();
      const active = await activePerson();
      const { person: gone } = await invite();
      await call(server, 'POST', PEOPLE_API_PATHS.deactivate(gone.id), { token: officer });
      const people = await listPeople();
      const statusOf = (id: string) => people.find((p) => p.id === id)?.status;
      expect(statusOf(invited.id)).toBe('invited');
      expect(statusOf(active.person.id)).toBe('active');
      expect(statusOf(gone.id)).toBe('deactivated');
      expect(statusOf('user-officer')).toBe('active');
      expect(new Set(people.map((p) => p.id)).size).toBe(people.length);

      const page = await call(server, 'GET', `${PEOPLE_API_PATHS.people}?limit=2&offset=1`, {
        token: officer,
      });
      expect((page.json as PeopleListResponse).people.map((p) => p.id)).toEqual(
        people.slice(1, 3).map((p) => p.id),
      );
      expect((page.json as PeopleListResponse).nextOffset).toBe(3);
      for (const query of ['limit=0', 'limit=201', 'offset=-1', 'limit=abc']) {
        const bad = await call(server, 'GET', `${PEOPLE_API_PATHS.people}?${query}`, { token: officer });
        expect(bad.status).toBe(400);
      }
      const expert = await login(server.url, 'expert1@demo.test');
      expect((await call(server, 'GET', PEOPLE_API_PATHS.people, { token: expert })).status).toBe(403);
    });

    it('PE-6: every change to people is in the audit, newest first: who, when, what', async () => {
      const { person } = await invite('supervisor', {
        phone: '+252 61 555 0101',
        institutionId: HEALTH_KABUL,
      });
      const officerId = 'user-officer';
      await call(server, 'POST', PEOPLE_API_PATHS.deactivate(person.id), { token: officer });
      await call(server, 'POST', PEOPLE_API_PATHS.reactivate(person.id), { token: officer });
      await call(server, 'POST', PEOPLE_API_PATHS.invitation(person.id), { token: officer });
      const reset = (await call(server, 'POST', PEOPLE_API_PATHS.invitation(person.id), { token: officer }))
        .json as InvitedPersonResponse;
      await accept(reset.invitation.code);

      const { status, json } = await call(server, 'GET', `${PEOPLE_API_PATHS.audit}?limit=6`, {
        token: officer,
      });
      expect(status).toBe(200);
      const { entries, nextBefore } = json as AuditListResponse;
      expect(entries.map((e) => [e.action, e.actorId, e.subjectId])).toEqual([
        ['person.invitation_accepted', person.id, person.id],
        ['person.invited', officerId, person.id],
        ['person.invited', officerId, person.id],
        ['person.reactivated', officerId, person.id],
        ['person.deactivated', officerId, person.id],
        ['person.created', officerId, person.id],
      ]);
      expect(entries[0]!.changes).toEqual({ status: { from: 'invited', to: 'active' } });
      expect(entries[3]!.changes).toEqual({ status: { from: 'deactivated', to: 'invited' } });
      expect(entries[4]!.changes).toEqual({ status: { from: 'invited', to: 'deactivated' } });
      expect(entries[5]!.changes).toMatchObject({
        email: { from: null, to: person.email },
        role: { from: null, to: 'supervisor' },
        phone: { from: null, to: '+252 61 555 0101' },
      });
      expect(entries[1]!.changes.invitationExpiresAt?.from).toBe(entries[2]!.changes.invitationExpiresAt?.to);
      expect(entries.every((e) => e.at === clock.now().toISOString())).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(reset.invitation.code);

      const older = await call(server, 'GET', `${PEOPLE_API_PATHS.audit}?limit=2&before=${nextBefore}`, {
        token: officer,
      });
      expect((older.json as AuditListResponse).entries.every((e) => e.id < nextBefore!)).toBe(true);
      expect((older.json as AuditListResponse).entries).toHaveLength(2);
      expect(
        (await call(server, 'GET', `${PEOPLE_API_PATHS.audit}?limit=999`, { token: officer })).status,
      ).toBe(400);
      const supervisor = await login(server.url, 'supervisor1@demo.test');
      expect((await call(server, 'GET', PEOPLE_API_PATHS.audit, { token: supervisor })).status).toBe(403);
    });
  });

  async function listPeople() {
    const all = [];
    for (let offset: number | null = 0; offset !== null;) {
      const page = await call(server, 'GET', `${PEOPLE_API_PATHS.people}?limit=200&offset=${offset}`, {
        token: officer,
      });
      expect(page.status).toBe(200);
      const body = page.json as PeopleListResponse;
      all.push(...body.people);
      offset = body.nextOffset;
    }
    return all;
  }

  async function officerPull(collection: 'logs') {
    const { json } = await call(server, 'GET', `${API_PATHS.pull(collection)}?limit=1000`, {
      token: officer,
    });
    return (json as PullResponse).documents;
  }
});

describe.each(['sqlite', 'postgres'] as const)('the last officer on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ storage: backend, seedPastMonths: false });
  });
  afterAll(() => server.close());

  it('PE-5: the last active officer cannot be deactivated, by themselves or anyone', async () => {
    const officer = await login(server.url, 'officer@demo.test');
    const refused = await call(server, 'POST', PEOPLE_API_PATHS.deactivate('user-officer'), {
      token: officer,
    });
    expect(refused.status).toBe(409);
    expect(errorOf(refused.json)).toMatchObject({ code: 'conflict' });
    expect(errorOf(refused.json).message).toContain('last active programme officer');

    // An invited officer does not count: they cannot sign in yet.
    const added = (
      await call(server, 'POST', PEOPLE_API_PATHS.people, {
        token: officer,
        body: { name: 'Second Officer', email: 'second@people.test', role: 'officer' },
      })
    ).json as InvitedPersonResponse;
    expect(
      (await call(server, 'POST', PEOPLE_API_PATHS.deactivate('user-officer'), { token: officer })).status,
    ).toBe(409);

    const second = (
      await call(server, 'POST', PEOPLE_API_PATHS.acceptInvitation, {
        body: { code: added.invitation.code, password: STRONG_PASSWORD },
      })
    ).json as LoginResponse;
    // Two officers deactivating each other at once: one of them must stay. The loser is refused
    // (409), or its session already ended (401) when the winner's change came first.
    const both = await Promise.all([
      call(server, 'POST', PEOPLE_API_PATHS.deactivate(second.user.id), { token: officer }),
      call(server, 'POST', PEOPLE_API_PATHS.deactivate('user-officer'), { token: second.token }),
    ]);
    const statuses = both.map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect([401, 409]).toContain(statuses.find((status) => status !== 200));
    const officers = (await server.storage.listPeople({ limit: 100, offset: 0 })).filter(
      (p) => p.role === 'officer' && p.deactivatedAt === null && p.hasPassword,
    );
    expect(officers).toHaveLength(1);
  });

  it('PE-7: people routes count against the per-user rate limit like every other route', async () => {
    const limited = await startTestServer({
      storage: backend,
      seedPastMonths: false,
      rateLimits: { requestsPerMinutePerUser: 3 },
    });
    try {
      const officer = await login(limited.url, 'officer@demo.test');
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await call(limited, 'GET', PEOPLE_API_PATHS.audit, { token: officer })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('invitation links and moving people to PostgreSQL', () => {
  it('PE-2: with PUBLIC_URL the link uses it, whatever origin the request came to', async () => {
    expect(loadConfig({ PUBLIC_URL: 'https://fieldbook.example.org/' }).publicUrl).toBe(
      'https://fieldbook.example.org',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'fieldbook.example.org' })).toThrow(/PUBLIC_URL/);
    const server = await startTestServer({ seedPastMonths: false });
    const app = buildApp({ storage: server.storage, publicUrl: 'https://fieldbook.example.org' });
    try {
      const officer = await login(server.url, 'officer@demo.test');
      const response = await app.inject({
        method: 'POST',
        url: PEOPLE_API_PATHS.people,
        headers: { authorization: `Bearer ${officer}`, host: 'internal:8080' },
        payload: { name: 'Linked', email: 'linked@people.test', role: 'expert' },
      });
      expect(response.statusCode).toBe(201);
      const { invitation } = response.json() as InvitedPersonResponse;
      expect(invitation.url).toBe(`https://fieldbook.example.org/welcome/${invitation.code}`);
    } finally {
      await app.close();
      await server.close();
    }
  });

  it('PE-5 PE-6: moving from SQLite keeps who is deactivated, pending invitations and the audit', async () => {
    const server = await startTestServer({ storage: 'sqlite', seedPastMonths: false });
    const schema = await createTestSchema();
    try {
      const officer = await login(server.url, 'officer@demo.test');
      const added = (
        await call(server, 'POST', PEOPLE_API_PATHS.people, {
          token: officer,
          body: {
            name: 'Moved',
            email: 'moved@people.test',
            role: 'supervisor',
            institutionId: HEALTH_KABUL,
            language: 'ar',
          },
        })
      ).json as InvitedPersonResponse;
      await call(server, 'POST', PEOPLE_API_PATHS.deactivate('user-expert2'), { token: officer });
      const people = await server.storage.listPeople({ limit: 100, offset: 0 });
      const audit = await server.storage.listAudit({ limit: 100 });
      await server.stop();

      await moveSqliteToPostgres(server.dbPath, schema.options);
      const moved = await PostgresStorage.open(schema.options);
      try {
        expect(await moved.listPeople({ limit: 100, offset: 0 })).toEqual(people);
        expect(await moved.listAudit({ limit: 100 })).toEqual(audit);
        expect((await moved.getUserById('user-expert2'))?.deactivatedAt).toBeInstanceOf(Date);
        const accepted = await moved.acceptInvitation(
          hashToken(added.invitation.code),
          'scrypt$h',
          new Date(),
        );
        expect(accepted.ok).toBe(true);
        // New entries follow the moved ones.
        expect((await moved.listAudit({ limit: 1 }))[0]!.id).toBeGreaterThan(audit[0]!.id);
      } finally {
        await moved.close();
      }
    } finally {
      await server.close();
      await schema.drop();
    }
  });
});
