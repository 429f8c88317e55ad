/**
 * Emailing invitations (PE-10) through the mail server of SMTP_URL. Sending never throws: an
 * invitation that could not be mailed is still valid, and the officer is told why, to share the
 * link or QR code themselves.
 */
import { createTransport } from 'nodemailer';
import type { Language } from '../../../src/shared/languages';
import type { InvitationEmail, InvitationLink } from '../../../src/shared/people';
import type { SmtpSettings } from '../config';
import { invitationMessage } from './invitation-message';

/**
 * The longest wait for each step (connecting, the greeting, each reply): an officer's request
 * waits for the mail, and a dead mail server must not hold it for nodemailer's default minutes.
 */
export const MAIL_STEP_TIMEOUT_MS = 10_000;

export interface InvitationToMail {
  /** `language`: the one the officer chose for them (Person.language); the email is in it. */
  person: { name: string; email: string; language?: Language | null | undefined };
  /** Who sent it: named in the text, and where replies go. */
  officer: { name: string; email: string };
  link: InvitationLink;
}

export interface InvitationMailer {
  send(invitation: InvitationToMail): Promise<InvitationEmail>;
  /**
   * A sender for many invitations in a row (an import): once the mail server itself has failed
   * (unreachable, sign-in or sender refused), the rest are not tried, so a dead server costs one
   * timeout instead of one per row.
   */
  series(): (invitation: InvitationToMail) => Promise<InvitationEmail>;
}

/** The fields nodemailer sets on the errors it gives. */
interface MailError extends Error {
  code?: string;
  command?: string;
  response?: string;
}

interface Failure {
  reason: string;
  /** The next message would fail the same way: the failure is the server's, not this message's. */
  serverFailed: boolean;
}

function failureOf(error: MailError): Failure {
  const answer = error.response ?? error.message;
  if (error.command === 'RCPT TO') {
    return { reason: `The mail server refused the address: ${answer}`, serverFailed: false };
  }
  if (error.code === 'EMESSAGE' || error.command === 'DATA') {
    return { reason: `The mail server refused the message: ${answer}`, serverFailed: false };
  }
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH') {
    return {
      reason: `The mail server refused the user and password of SMTP_URL: ${answer}`,
      serverFailed: true,
    };
  }
  if (error.code === 'ETIMEDOUT') {
    return {
      reason: `The mail server did not answer within ${MAIL_STEP_TIMEOUT_MS / 1000} seconds.`,
      serverFailed: true,
    };
  }
  if (error.command === 'MAIL FROM') {
    return { reason: `The mail server refused the sender of SMTP_FROM: ${answer}`, serverFailed: true };
  }
  return { reason: `The mail server could not be reached: ${answer}`, serverFailed: true };
}

/** The password in SMTP_URL as written and as decoded, to keep out of every reason. */
function secretsOf(url: string): string[] {
  const { password } = new URL(url);
  if (password === '') return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape: nodemailer signs in with the password as written.
  }
  return [password, decoded];
}

export function createInvitationMailer(settings: SmtpSettings): InvitationMailer {
  const transport = createTransport({
    url: settings.url,
    connectionTimeout: MAIL_STEP_TIMEOUT_MS,
    greetingTimeout: MAIL_STEP_TIMEOUT_MS,
    socketTimeout: MAIL_STEP_TIMEOUT_MS,
  });
  const secrets = secretsOf(settings.url);
  // Reasons reach officers' screens and the log; no mail server should echo a password, but if
  // one does it stops here.
  const withoutSecrets = (reason: string) =>
    secrets.reduce((text, secret) => text.split(secret).join('…'), reason);

  async function attempt({ person, officer, link }: InvitationToMail): Promise<Failure | undefined> {
    const content = invitationMessage({
      personName: person.name,
      officerName: officer.name,
      url: link.url,
      expiresAt: new Date(link.expiresAt),
      language: person.language,
    });
    try {
      await transport.sendMail({
        from: settings.from,
        to: { name: person.name, address: person.email },
        replyTo: { name: officer.name, address: officer.email },
        ...content,
      });
      return undefined;
    } catch (error) {
      const failure = failureOf(error as MailError);
      return { ...failure, reason: withoutSecrets(failure.reason) };
    }
  }
  const outcome = (failure: Failure | undefined): InvitationEmail =>
    failure ? { sent: false, reason: failure.reason } : { sent: true };

  return {
    send: async (invitation) => outcome(await attempt(invitation)),
    series() {
      let serverFailure: Failure | undefined;
      return async (invitation) => {
        if (serverFailure) {
          return { sent: false, reason: `Not tried: it failed for an earlier row. ${serverFailure.reason}` };
        }
        const failure = await attempt(invitation);
        if (failure?.serverFailed) serverFailure = failure;
        return outcome(failure);
      };
    },
  };
}
