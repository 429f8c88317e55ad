/**
 * The invitation sheet as printed: per person their name, role, email, a QR code of the link, the
 * link in text and until when it works. The codes are shown this once (the server keeps hashes),
 * so who could not be invited, and why, is said here too — on screen, not on paper.
 */
import { useEffect, useId, useRef } from 'react';
import { formatDateTime, plural } from '../../ui/format';
import type { Sheet } from './invitation-sheet';
import { ROLE_LABELS } from './people-labels';
import { QrCode } from './QrCode';

export function InvitationSheet({ sheet, onBack }: { sheet: Sheet; onBack(): void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const { invitations, failures } = sheet;

  // The sheet replaces the list the officer was on: take focus so it is read out.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="invitation-sheet" aria-labelledby={headingId}>
      <h1 id={headingId} ref={headingRef} tabIndex={-1}>
        Fieldbook invitations
      </h1>
      {failures.length > 0 && (
        <div className="notice no-print" role="alert">
          <p>No new invitation could be made for {plural(failures.length, 'person', 'people')}:</p>
          <ul>
            {failures.map(({ person, message }) => (
              <li key={person.id}>
                <strong>{person.name}</strong> ({person.email}): {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {invitations.length > 0 ? (
        <>
          <p className="no-print">
            {plural(invitations.length, 'invitation is', 'invitations are')} ready. The links are shown only
            now: print the sheet before going back.
          </p>
          <p>
            Scan your code with your phone’s camera, or open the link under it, and choose your password. Each
            invitation works once, until the date shown.
          </p>
        </>
      ) : (
        <p>No invitation was made, so there is nothing to print.</p>
      )}
      <div className="button-row">
        {invitations.length > 0 && (
          <button type="button" className="primary" onClick={() => window.print()}>
            Print
          </button>
        )}
        <button type="button" onClick={onBack}>
          Back
        </button>
      </div>
      {invitations.length > 0 && (
        <ul className="card-list sheet-grid">
          {invitations.map(({ person, invitation }) => (
            <li key={person.id} className="card sheet-block">
              <h2>{person.name}</h2>
              <p>{ROLE_LABELS[person.role]}</p>
              <p className="person-email">{person.email}</p>
              <QrCode value={invitation.url} label={`QR code of the invitation link for ${person.name}`} />
              <p className="sheet-url">{invitation.url}</p>
              <p>Works once, until {formatDateTime(invitation.expiresAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
