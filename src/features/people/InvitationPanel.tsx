/**
 * The invitation just made (PE-2): the link to send, until when it works, and a QR code to scan
 * from the officer's screen or a printout. The code is shown this once: the server keeps its hash.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { InvitationEmail, InvitationLink, Person } from '../../shared/people';
import { formatDateTime } from '../../ui/format';
import { QrCode } from './QrCode';

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
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const linkId = useId();
  const hintId = useId();

  // The panel replaces the form the officer just sent: take focus so it is read out.
  useEffect(() => headingRef.current?.focus(), [invitation.code]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(invitation.url);
      setCopied('Link copied.');
    } catch {
      // Insecure origin, an old browser or a refused permission: the officer copies it by hand.
      linkRef.current?.focus();
      linkRef.current?.select();
      setCopied('The link is selected: copy it with Ctrl+C, or long-press and choose Copy.');
    }
  }

  return (
    <section className="invitation card" aria-labelledby={`${linkId}-heading`}>
      <h2 id={`${linkId}-heading`} ref={headingRef} tabIndex={-1}>
        Invitation for {person.name}
      </h2>
      <p id={hintId}>
        Send this link to {person.email}, or let them scan the code. It works once, until{' '}
        <strong>{formatDateTime(invitation.expiresAt)}</strong>. It is shown only now.
      </p>
      {email && (
        <p className={email.sent ? 'hint' : 'notice'}>
          {email.sent
            ? `It was also emailed to ${person.email}.`
            : `It could not be emailed (${email.reason}); share the link or the code yourself.`}
        </p>
      )}
      <div className="field">
        <label htmlFor={linkId}>Invitation link</label>
        <input
          id={linkId}
          ref={linkRef}
          type="url"
          readOnly
          value={invitation.url}
          aria-describedby={hintId}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy link
        </button>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
      <p role="status" className="hint">
        {copied}
      </p>
      <QrCode value={invitation.url} label={`QR code of the invitation link for ${person.name}`} />
    </section>
  );
}
