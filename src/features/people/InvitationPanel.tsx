/**
 * The invitation just made (PE-2): the link to send, until when it works, and a QR code to scan
 * from the officer's screen or a printout. The code is shown this once: the server keeps its hash.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { InvitationEmail, InvitationLink, Person } from '../../shared/people';
import { formatDateTime } from '../../ui/format';
import { QrCode } from './QrCode';
import { useI18n } from './catalog';
import { slots, withParts } from '../../ui/sentence-parts';

export function InvitationPanel({
  person,
  invitation,
  email,
  onClose,
}: {
  person: Person;
  invitation: InvitationLink;
  /** PE-10: whether the server also emailed it; absent when it does not send email. */
  email?: InvitationEmail;
  onClose(): void;
}) {
  const i18n = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  // Which message the status line says, so it follows a change of language.
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);
  const linkId = useId();
  const hintId = useId();

  // The panel replaces the form the officer just sent: take focus so it is read out.
  useEffect(() => headingRef.current?.focus(), [invitation.code]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(invitation.url);
      setCopied('copied');
    } catch {
      // Insecure origin, an old browser or a refused permission: the officer copies it by hand.
      linkRef.current?.focus();
      linkRef.current?.select();
      setCopied('selected');
    }
  }

  return (
    <section className="invitation card" aria-labelledby={`${linkId}-heading`}>
      <h2 id={`${linkId}-heading`} ref={headingRef} tabIndex={-1}>
        {i18n._('people.invitation.heading', { name: person.name })}
      </h2>
      <p id={hintId}>
        {withParts(i18n._('people.invitation.intro', { email: person.email, ...slots('date') }), {
          date: <strong>{formatDateTime(invitation.expiresAt)}</strong>,
        })}
      </p>
      {email && (
        <p className={email.sent ? 'hint' : 'notice'}>
          {email.sent
            ? i18n._('people.invitation.emailed', { email: person.email })
            : i18n._('people.invitation.notEmailed', { reason: email.reason })}
        </p>
      )}
      <div className="field">
        <label htmlFor={linkId}>{i18n._('people.invitation.link')}</label>
        <input
          id={linkId}
          ref={linkRef}
          type="url"
          dir="ltr"
          readOnly
          value={invitation.url}
          aria-describedby={hintId}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void copy()}>
          {i18n._('people.invitation.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {i18n._('people.invitation.done')}
        </button>
      </div>
      <p role="status" className="hint">
        {copied === 'copied'
          ? i18n._('people.invitation.copied')
          : copied === 'selected'
            ? i18n._('people.invitation.selected')
            : null}
      </p>
      <QrCode value={invitation.url} label={i18n._('people.qr.label', { name: person.name })} />
    </section>
  );
}
