/**
 * One person in the officer's list, with what may be done to them: a new invitation (PE-4) and
 * deactivation or reactivation (PE-5), each confirmed first because each ends sessions or access.
 */
import { useId, useState } from 'react';
import type { InvitedPersonResponse, Person } from '../../shared/people';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { mayGoOnSheet } from './invitation-sheet';
import { failureMessage, newInvitation, setPersonActive } from './people-api';
import { LANGUAGE_LABELS, ROLE_LABELS, STATUS_LABELS } from './people-labels';
import { FormError } from '../../ui/form/FormError';

type Action = 'invite' | 'deactivate' | 'reactivate';

const CONFIRM: Record<
  Action,
  { title: (name: string) => string; body: string; label: string; danger: boolean }
> = {
  invite: {
    title: (name) => `Send ${name} a new invitation?`,
    body:
      'They are signed out on every device at once and their password stops working; with the new ' +
      'link they choose a new one. Any earlier invitation stops working.',
    label: 'Make new invitation',
    danger: true,
  },
  deactivate: {
    title: (name) => `Deactivate ${name}?`,
    body:
      'They are signed out on every device at once and cannot sign in until reactivated. What they ' +
      'wrote or signed stays as it is.',
    label: 'Deactivate',
    danger: true,
  },
  reactivate: {
    title: (name) => `Reactivate ${name}?`,
    body: 'They can sign in again with their password.',
    label: 'Reactivate',
    danger: false,
  },
};

export function PersonCard({
  person,
  token,
  onChanged,
  onInvited,
  onSheet,
  onChooseForSheet,
  institutionName,
}: {
  person: Person;
  token: string;
  /** The name of the person's host institution (institutionLabel), undefined while it loads. */
  institutionName?: string | undefined;
  onChanged(person: Person): void;
  onInvited(result: InvitedPersonResponse): void;
  /** Ticked for the invitation sheet; only asked of people who may go on it. */
  onSheet?: boolean;
  onChooseForSheet?(chosen: boolean): void;
}) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const sheetBoxId = useId();
  const deactivated = person.status === 'deactivated';

  async function run(action: Action) {
    setBusy(true);
    setError(null);
    try {
      if (action === 'invite') onInvited(await newInvitation(token, person.id));
      else onChanged((await setPersonActive(token, person.id, action === 'reactivate')).person);
    } catch (caught) {
      // The last active officer, a deactivated person's reset (409) or no connection: said here.
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  const confirm = confirming ? CONFIRM[confirming] : null;
  return (
    <li className={`card person-card status-${person.status}`}>
      <div className="log-card-head">
        <h3 id={headingId} className="card-title">
          {person.name}
        </h3>
        <span className="badge person-status">{STATUS_LABELS[person.status]}</span>
      </div>
      <p className="person-email">{person.email}</p>
      <p className="muted">
        {ROLE_LABELS[person.role]}
        {person.language ? ` · ${LANGUAGE_LABELS[person.language]}` : ''}
        {person.phone ? ` · ${person.phone}` : ''}
        {person.institutionId ? ` · ${institutionName ?? '…'}` : ''}
      </p>
      {onChooseForSheet && mayGoOnSheet(person) && (
        <div className="choice">
          <input
            id={sheetBoxId}
            type="checkbox"
            checked={onSheet ?? false}
            onChange={(event) => onChooseForSheet(event.target.checked)}
            aria-describedby={headingId}
          />
          <label htmlFor={sheetBoxId}>On the invitation sheet</label>
        </div>
      )}
      <div className="button-row">
        {!deactivated && (
          <button type="button" onClick={() => setConfirming('invite')} aria-describedby={headingId}>
            New invitation
          </button>
        )}
        <button
          type="button"
          className={deactivated ? undefined : 'danger'}
          onClick={() => setConfirming(deactivated ? 'reactivate' : 'deactivate')}
          aria-describedby={headingId}
        >
          {deactivated ? 'Reactivate' : 'Deactivate'}
        </button>
      </div>
      <FormError message={error} />
      {confirming && confirm && (
        <ConfirmDialog
          title={confirm.title(person.name)}
          confirmLabel={confirm.label}
          danger={confirm.danger}
          busy={busy}
          onConfirm={() => void run(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{confirm.body}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
