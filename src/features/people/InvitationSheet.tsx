/**
 * The invitation sheet as printed: per person their name, role, email, a QR code of the link, the
 * link in text and until when it works. The codes are shown this once (the server keeps hashes),
 * so who could not be invited, and why, is said here too — on screen, not on paper.
 */
import { useEffect, useId, useRef } from 'react';
import { formatDateTime } from '../../ui/format';
import type { Sheet } from './invitation-sheet';
import { roleLabel } from './people-labels';
import { QrCode } from './QrCode';
import { useI18n } from './catalog';
import { slots, withParts } from '../../ui/sentence-parts';

export function InvitationSheet({ sheet, onBack }: { sheet: Sheet; onBack(): void }) {
  const i18n = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const { invitations, failures } = sheet;

  // The sheet replaces the list the officer was on: take focus so it is read out.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="invitation-sheet" aria-labelledby={headingId}>
      <h1 id={headingId} ref={headingRef} tabIndex={-1}>
        {i18n._('people.sheet.heading')}
      </h1>
      {failures.length > 0 && (
        <div className="notice no-print" role="alert">
          <p>{i18n._('people.sheet.failed', { count: failures.length })}</p>
          <ul>
            {failures.map(({ person, message }) => (
              <li key={person.id}>
                {withParts(
                  i18n._('people.sheet.failure', { ...slots('name'), email: person.email, message }),
                  {
                    name: <strong dir="auto">{person.name}</strong>,
                  },
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {invitations.length > 0 ? (
        <>
          <p className="no-print">{i18n._('people.sheet.ready', { count: invitations.length })}</p>
          <p>{i18n._('people.sheet.instructions')}</p>
        </>
      ) : (
        <p>{i18n._('people.sheet.empty')}</p>
      )}
      <div className="button-row">
        {invitations.length > 0 && (
          <button type="button" className="primary" onClick={() => window.print()}>
            {i18n._('people.sheet.print')}
          </button>
        )}
        <button type="button" onClick={onBack}>
          {i18n._('people.sheet.back')}
        </button>
      </div>
      {invitations.length > 0 && (
        <ul className="card-list sheet-grid">
          {invitations.map(({ person, invitation }) => (
            <li key={person.id} className="card sheet-block">
              <h2 dir="auto">{person.name}</h2>
              <p>{roleLabel(person.role)}</p>
              <p className="person-email" dir="auto">
                {person.email}
              </p>
              <QrCode value={invitation.url} label={i18n._('people.qr.label', { name: person.name })} />
              <p className="sheet-url" dir="ltr">
                {invitation.url}
              </p>
              <p>{i18n._('people.sheet.expires', { date: formatDateTime(invitation.expiresAt) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
