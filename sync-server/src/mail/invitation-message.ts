/**
 * The invitation email (PE-10): its words in one function, in the invited person's language
 * (Person.language, as the officer chose it; English when none was chosen; issue 13), from the
 * catalogs in locales/; the plain-text and HTML bodies are rendered from those same words.
 */
import { join } from 'node:path';
import { LANGUAGE_DETAILS, SOURCE_LANGUAGE, isLanguage, type Language } from '../../../src/shared/languages';
import { formatUtcDateTime } from '../i18n/formats';
import { serverMessages } from '../i18n/server-messages';

/** The e-mail's words in every language, read once as the server starts. */
export const mailWords = serverMessages(join(import.meta.dirname, 'locales'));

export interface InvitationMessageInput {
  personName: string;
  /** Who invited them: the person to ask when the link fails. */
  officerName: string;
  url: string;
  expiresAt: Date;
  /** The person's language; unset or null: English. */
  language?: Language | null | undefined;
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

/** Every sentence of the email, in the person's language. */
function invitationWording({
  personName,
  officerName,
  expiresAt,
  language,
}: InvitationMessageInput): InvitationWording {
  const i18n = mailWords(language);
  return {
    subject: i18n._('mail.invitation.subject'),
    greeting: i18n._('mail.invitation.greeting', { name: personName }),
    about: i18n._('mail.invitation.about', { officer: officerName }),
    action: i18n._('mail.invitation.action'),
    // UTC and the month named: the server cannot know the reader's time zone, and 03/04 reads
    // two ways.
    expiry: i18n._('mail.invitation.expiry', {
      expiry: formatUtcDateTime(i18n, expiresAt),
      officer: officerName,
    }),
    unexpected: i18n._('mail.invitation.unexpected'),
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
  const language = isLanguage(input.language) ? input.language : SOURCE_LANGUAGE;
  const paragraph = (content: string) => `<p>${content}</p>`;
  const html = [
    '<!doctype html>',
    // Arabic, Dari and Pashto read right to left (a link, all Latin letters, keeps its own order).
    `<html lang="${language}" dir="${LANGUAGE_DETAILS[language].dir}">`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    paragraph(escapeHtml(words.greeting)),
    paragraph(escapeHtml(words.about)),
    paragraph(`${escapeHtml(words.action)}<br><a href="${url}">${url}</a>`),
    paragraph(escapeHtml(words.expiry)),
    paragraph(escapeHtml(words.unexpected)),
    '</body></html>',
  ].join('\n');
  return { subject: words.subject, text: `${text}\n`, html };
}
