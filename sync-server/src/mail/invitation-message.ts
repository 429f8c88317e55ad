/**
 * The invitation email (PE-10): its words in one function, so a translation into the person's
 * language (Person.language) can later replace them whole, and the plain-text and HTML bodies
 * rendered from those same words.
 */

export interface InvitationMessageInput {
  personName: string;
  /** Who invited them: the person to ask when the link fails. */
  officerName: string;
  url: string;
  expiresAt: Date;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

interface InvitationWording {
  subject: string;
  greeting: string;
  about: string;
  /** Said right before the link. */
  action: string;
  expiry: string;
  unexpected: string;
}

// UTC and named: the server cannot know the reader's time zone, and 03/04 reads two ways.
const EXPIRY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** Every sentence of the email, in English. */
function invitationWording({
  personName,
  officerName,
  expiresAt,
}: InvitationMessageInput): InvitationWording {
  return {
    subject: 'Your invitation to Fieldbook',
    greeting: `Hello ${personName},`,
    about:
      `${officerName} has invited you to Fieldbook, the app in which the CD4D programme keeps its ` +
      'daily logs, timesheets and knowledge-transfer reports, and which also works without a connection.',
    action: 'To set your password and start, open this link:',
    expiry:
      `The link works once, until ${EXPIRY_FORMAT.format(expiresAt)} UTC. If it has expired or does ` +
      `not open, ask ${officerName} for a new invitation.`,
    unexpected: 'If you did not expect this invitation, you can ignore this email.',
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
// Names are typed by people: one holding "<" must not become markup in the reader's mail program.
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

export function invitationMessage(input: InvitationMessageInput): MailContent {
  const words = invitationWording(input);
  const text = [
    words.greeting,
    words.about,
    `${words.action}\n${input.url}`,
    words.expiry,
    words.unexpected,
  ].join('\n\n');
  const url = escapeHtml(input.url);
  const paragraph = (content: string) => `<p>${content}</p>`;
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    paragraph(escapeHtml(words.greeting)),
    paragraph(escapeHtml(words.about)),
    paragraph(`${escapeHtml(words.action)}<br><a href="${url}">${url}</a>`),
    paragraph(escapeHtml(words.expiry)),
    paragraph(escapeHtml(words.unexpected)),
    '</body></html>',
  ].join('\n');
  return { subject: words.subject, text: `${text}\n`, html };
}
