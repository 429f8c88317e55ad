/**
 * PE-10: with SMTP_URL and SMTP_FROM set, invitations are also emailed, in the language the
 * officer chose for the person (issue 13); the mail goes to a real SMTP server (smtp-server,
 * started here on a free port) and is read back as it arrived.
 */
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { intlLocale } from '../../src/shared/languages';
import {
  PEOPLE_API_PATHS,
  type InvitedPersonResponse,
  type PeopleImportResponse,
} from '../../src/shared/people';
import type { SmtpSettings } from '../../sync-server/src/config';
import { MAIL_STEP_TIMEOUT_MS } from '../../sync-server/src/mail/invitation-mailer';
import { createTestClock, login, startTestServer, type TestServer } from '../helpers/test-server';
import { demoInstitutionId } from '../../sync-server/src/seed-data';

const FROM_ADDRESS = 'noreply@fieldbook.test';
const SMTP_USER = 'fieldbook';
// Characters a URL must percent-encode: the user and password reach the mail server decoded.
const SMTP_PASSWORD = 'p@ss word/1';
const OFFICER_NAME = 'Lena Fischer';

interface ReceivedMail {
  mailFrom: string;
  recipients: string[];
  header: (name: string) => string | undefined;
  text: string;
  html: string;
}

/** Quoted-printable or base64 content as text. */
function decode(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Headers (unfolded) and body of a message or of one of its parts. */
function splitMessage(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim();
  return { header, body: raw.slice(end + 4) };
}

/** The plain-text and HTML parts of a multipart/alternative message. */
function readMail(raw: string, mailFrom: string, recipients: string[]): ReceivedMail {
  const { header, body } = splitMessage(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(header('content-type') ?? '')?.[1];
  if (!boundary) throw new Error(`Not a multipart message:\n${raw}`);
  const parts = body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => splitMessage(part.replace(/^\r\n/, '')));
  const partOf = (type: string) => {
    const part = parts.find((candidate) => candidate.header('content-type')?.startsWith(type));
    if (!part) throw new Error(`No ${type} part in:\n${raw}`);
    return decode(part.body, part.header('content-transfer-encoding') ?? '7bit');
  };
  return { mailFrom, recipients, header, text: partOf('text/plain'), html: partOf('text/html') };
}

interface SinkOptions {
  /** Recipients the sink answers 550 to. */
  refuse?: (address: string) => boolean;
  /** Refuse every sign-in. */
  refuseSignIn?: boolean;
}

/** A real SMTP server on 127.0.0.1 keeping what it receives; it requires SMTP_USER's sign-in. */
async function startSmtpSink(options: SinkOptions = {}) {
  const received: ReceivedMail[] = [];
  let signIns = 0;
  const server = new SMTPServer({
    logger: false,
    // Plain SMTP on loopback: offered STARTTLS, nodemailer would upgrade and then refuse the
    // sink's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      signIns += 1;
      if (!options.refuseSignIn && auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        received.push(readMail(Buffer.concat(chunks).toString('utf8'), mailFrom, recipients));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const smtp: SmtpSettings = {
    url: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
    from: `Fieldbook <${FROM_ADDRESS}>`,
  };
  return {
    smtp,
    received,
    signIns: () => signIns,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function post<T>(server: TestServer, token: string, path: string, body: string, type: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return { status: response.status, json: (await response.json()) as T };
}

async function addPerson(server: TestServer, token: string, person: Record<string, string>) {
  const body = JSON.stringify({ role: 'expert', ...person });
  return post<InvitedPersonResponse>(server, token, PEOPLE_API_PATHS.people, body, 'application/json');
}

const reissue = (server: TestServer, token: string, personId: string) =>
  post<InvitedPersonResponse>(server, token, PEOPLE_API_PATHS.invitation(personId), '', 'application/json');

const importCsv = (server: TestServer, token: string, rows: string[]) =>
  post<PeopleImportResponse>(
    server,
    token,
    PEOPLE_API_PATHS.import,
    ['name,email,role,institution_id', ...rows].join('\n'),
    'text/csv',
  );

describe('invitation email (PE-10)', () => {
  // Invitations last 14 days: these ones expire on 16 March 2026 at 09:30 UTC.
  const clock = createTestClock(new Date('2026-03-02T09:30:00Z'));
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let server: TestServer;
  let officer: string;

  beforeAll(async () => {
    sink = await startSmtpSink({ refuse: (address) => address.startsWith('bounce-') });
    server = await startTestServer({ smtp: sink.smtp, now: clock.now });
    officer = await login(server.url, 'officer@demo.test');
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  const mailsTo = (address: string) => sink.received.filter((mail) => mail.recipients.includes(address));

  it('emails a new person their invitation: their name, the exact link, until when, and whom to ask', async () => {
    const { status, json } = await addPerson(server, officer, {
      name: 'Amina Yusuf',
      email: 'amina.mail@example.org',
    });
    expect(status).toBe(201);
    expect(json.email).toEqual({ sent: true });

    const [mail, ...more] = mailsTo('amina.mail@example.org');
    expect(more).toHaveLength(0);
    expect(mail!.recipients).toEqual(['amina.mail@example.org']);
    expect(mail!.mailFrom).toBe(FROM_ADDRESS);
    expect(mail!.header('from')).toBe(`Fieldbook <${FROM_ADDRESS}>`);
    expect(mail!.header('to')).toContain('<amina.mail@example.org>');
    // Replies reach the officer, not the no-reply sender.
    expect(mail!.header('reply-to')).toContain('<officer@demo.test>');
    expect(mail!.header('subject')).toBe('Your invitation to Fieldbook');
    for (const body of [mail!.text, mail!.html]) {
      expect(body).toContain('Hello Amina Yusuf,');
      expect(body).toContain(json.invitation.url);
      expect(body).toContain('16 March 2026 at 09:30 UTC');
      expect(body).toContain(`ask ${OFFICER_NAME} for a new invitation`);
    }
    expect(mail!.html).toContain(`<a href="${json.invitation.url}">`);
  });

  it('is written in the language the officer chose for the person, a new invitation too (issue 13)', async () => {
    const added = await addPerson(server, officer, {
      name: 'Hodan Warsame',
      email: 'hodan.so@example.org',
      language: 'so',
    });
    expect(added.json.email).toEqual({ sent: true });
    const again = await reissue(server, officer, added.json.person.id);
    expect(again.json.email).toEqual({ sent: true });
    // The date in Somali, by Intl, still in UTC.
    const expiry = new Intl.DateTimeFormat(intlLocale('so'), {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(new Date('2026-03-16T09:30:00Z'));
    expect(expiry).toContain('Maarso');

    const mails = mailsTo('hodan.so@example.org');
    expect(mails).toHaveLength(2);
    for (const [mail, link] of [
      [mails[0]!, added.json.invitation.url],
      [mails[1]!, again.json.invitation.url],
    ] as const) {
      expect(mail.header('subject')).toBe('Casuumaddaada Fieldbook');
      for (const body of [mail.text, mail.html]) {
        expect(body).toContain('Salaan Hodan Warsame,');
        expect(body).toContain(`${OFFICER_NAME} ayaa kugu casuumay Fieldbook`);
        expect(body).toContain(link);
        expect(body).toContain(`ilaa ${expiry} UTC`);
        expect(body).toContain(`${OFFICER_NAME} ka codso casuumad cusub`);
        expect(body).not.toMatch(/Hello|invitation/);
      }
      expect(mail.html).toContain('<html lang="so" dir="ltr">');
    }
  });

  it('a new invitation is emailed with the new link, and the old one is not sent again', async () => {
    const first = await addPerson(server, officer, { name: 'Kwame Osei', email: 'kwame.mail@example.org' });
    const again = await reissue(server, officer, first.json.person.id);
    expect(again.status).toBe(201);
    expect(again.json.email).toEqual({ sent: true });
    expect(again.json.invitation.url).not.toBe(first.json.invitation.url);

    const mails = mailsTo('kwame.mail@example.org');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain(again.json.invitation.url);
    expect(mails[1]!.text).not.toContain(first.json.invitation.url);
  });

  it('writes a name holding < and & as text in the HTML, never as markup', async () => {
    await addPerson(server, officer, { name: 'Sahra <b>Ali</b> & Co', email: 'sahra.mail@example.org' });
    const [mail] = mailsTo('sahra.mail@example.org');
    expect(mail!.text).toContain('Hello Sahra <b>Ali</b> & Co,');
    expect(mail!.html).toContain('Hello Sahra &lt;b&gt;Ali&lt;/b&gt; &amp; Co,');
    expect(mail!.html).not.toContain('<b>');
  });

  it('a refused address: the person is still created, and the answer says why no mail went', async () => {
    const { status, json } = await addPerson(server, officer, {
      name: 'Hodan Ali',
      email: 'bounce-hodan@example.org',
    });
    expect(status).toBe(201);
    expect(json.email).toMatchObject({
      sent: false,
      reason: expect.stringMatching(/refused the address.*550/),
    });
    expect(json.invitation.url).toMatch(/\/welcome\//);
    expect(await server.storage.getUserByEmail('bounce-hodan@example.org')).toMatchObject({
      name: 'Hodan Ali',
    });
    expect(mailsTo('bounce-hodan@example.org')).toHaveLength(0);
  });

  it('an import emails each created row its own link, and says which could not be mailed', async () => {
    const { status, json } = await importCsv(server, officer, [
      'Farah Warsame,farah.mail@example.org,expert',
      'No Role,norole.mail@example.org,boss',
      'Bounced,bounce-import@example.org,expert',
      // PE-11: a supervisor belongs to an existing host institution.
      `Ahmad Noori,ahmad.mail@example.org,supervisor,${demoInstitutionId('Ministry of Public Health, Kabul')}`,
    ]);
    expect(status).toBe(200);
    expect(json.created).toBe(3);
    const [farah, noRole, bounced, ahmad] = json.results;
    expect(noRole).not.toHaveProperty('invitationEmail');
    // A refused address is that row's problem: the rows after it are still mailed.
    expect(bounced).toMatchObject({ ok: true, invitationEmail: { sent: false } });
    for (const row of [farah, ahmad]) {
      if (!row?.ok) throw new Error(`Row not created: ${JSON.stringify(row)}`);
      expect(row.invitationEmail).toEqual({ sent: true });
      const mails = mailsTo(row.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain(row.invitation.url);
    }
  });
});

describe('invitation email (PE-10) when the mail server fails', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink({ refuseSignIn: true });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await sink?.close();
  });

  async function serverWith(smtp: SmtpSettings | undefined) {
    const server = await startTestServer({ smtp });
    servers.push(server);
    return { server, officer: await login(server.url, 'officer@demo.test') };
  }

  it('unreachable: the person is created and the answer says the server could not be reached', async () => {
    const { server, officer } = await serverWith({
      url: `smtp://127.0.0.1:${await closedPort()}`,
      from: FROM_ADDRESS,
    });
    const { status, json } = await addPerson(server, officer, {
      name: 'Omar Nur',
      email: 'omar@example.org',
    });
    expect(status).toBe(201);
    expect(json.email).toMatchObject({ sent: false, reason: expect.stringMatching(/could not be reached/) });
    expect(await server.storage.getUserByEmail('omar@example.org')).toBeDefined();
  });

  it('silent: the wait is bounded, and the person is created all the same', async () => {
    // Accepts connections and never greets, as a hung mail server does.
    let connections = 0;
    const silent = createServer(() => {
      connections += 1;
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      silent.close();
    });
    const { port } = silent.address() as AddressInfo;
    const { server, officer } = await serverWith({ url: `smtp://127.0.0.1:${port}`, from: FROM_ADDRESS });
    const { status, json } = await addPerson(server, officer, {
      name: 'Idil Farah',
      email: 'idil@example.org',
    });
    expect(status).toBe(201);
    expect(json.email).toEqual({
      sent: false,
      reason: `The mail server did not answer within ${MAIL_STEP_TIMEOUT_MS / 1000} seconds.`,
    });
    // Bounded: the server gave up on its one connection and answered, rather than trying again.
    expect(connections).toBe(1);
  });

  it('sign-in refused: an import tries the server once, not once per row, and never shows the password', async () => {
    const { server, officer } = await serverWith(sink.smtp);
    const { json } = await importCsv(server, officer, [
      'One,one.fail@example.org,expert',
      'Two,two.fail@example.org,expert',
      'Three,three.fail@example.org,expert',
    ]);
    expect(json.created).toBe(3);
    expect(sink.signIns()).toBe(1);
    const reasons = json.results.map((row) =>
      row.ok && row.invitationEmail?.sent === false ? row.invitationEmail.reason : '',
    );
    expect(reasons[0]).toMatch(/refused the user and password/);
    expect(reasons[1]).toMatch(/^Not tried/);
    expect(reasons[2]).toMatch(/^Not tried/);
    expect(JSON.stringify(json)).not.toContain('p@ss');
  });

  it('without SMTP settings no mail is attempted and the answers have no email field', async () => {
    const { server, officer } = await serverWith(undefined);
    const added = await addPerson(server, officer, { name: 'Layla Haidari', email: 'layla@example.org' });
    expect(added.status).toBe(201);
    expect(added.json).not.toHaveProperty('email');
    const again = await reissue(server, officer, added.json.person.id);
    expect(again.status).toBe(201);
    expect(again.json).not.toHaveProperty('email');
    const imported = await importCsv(server, officer, ['Zahra,zahra@example.org,expert']);
    expect(imported.json.results[0]).toMatchObject({ ok: true });
    expect(imported.json.results[0]).not.toHaveProperty('invitationEmail');
  });
});
