/**
 * One person in the officer's list, with what may be done to them: a new invitation (PE-4) and
 * deactivation or reactivation (PE-5), each confirmed first because each ends sessions or access.
 */
import { useId, useState } from 'react';
import type { InvitedPersonResponse, Person } from '../../shared/people';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { mayGoOnSheet } from './invitation-sheet';
import { newInvitation, setPersonActive } from './people-api';
import { failureMessage } from './failure-message';
import { LANGUAGE_LABELS, roleLabel, statusLabel } from './people-labels';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './catalog';

type Action = 'invite' | 'deactivate' | 'reactivate';

/** Message ids of each confirmation; the title names the person (`{name}`). */
const CONFIRM: Record<Action, { title: string; body: string; label: string; danger: boolean }> = {
  invite: {
    title: /*i18n*/ 'people.card.invite.title',
    body: /*i18n*/ 'people.card.invite.body',
    label: /*i18n*/ 'people.card.invite.confirm',
    danger: true,
  },
  deactivate: {
    title: /*i18n*/ 'people.card.deactivate.title',
    body: /*i18n*/ 'people.card.deactivate.body',
    label: /*i18n*/ 'people.card.deactivate',
    danger: true,
  },
  reactivate: {
    title: /*i18n*/ 'people.card.reactivate.title',
    body: /*i18n*/ 'people.card.reactivate.body',
    label: /*i18n*/ 'people.card.reactivate',
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
  const i18n = useI18n();
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
        <h3 id={headingId} className="card-title" dir="auto">
          {person.name}
        </h3>
        <span className="badge person-status">{statusLabel(person.status)}</span>
      </div>
      <p className="person-email" dir="auto">
        {person.email}
      </p>
      <p className="muted">
        {roleLabel(person.role)}
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
          <label htmlFor={sheetBoxId}>{i18n._('people.card.onSheet')}</label>
        </div>
      )}
      <div className="button-row">
        {!deactivated && (
          <button type="button" onClick={() => setConfirming('invite')} aria-describedby={headingId}>
            {i18n._('people.card.newInvitation')}
          </button>
        )}
        <button
          type="button"
          className={deactivated ? undefined : 'danger'}
          onClick={() => setConfirming(deactivated ? 'reactivate' : 'deactivate')}
          aria-describedby={headingId}
        >
          {deactivated ? i18n._('people.card.reactivate') : i18n._('people.card.deactivate')}
        </button>
      </div>
      <FormError message={error} />
      {confirming && confirm && (
        <ConfirmDialog
          title={i18n._(confirm.title, { name: person.name })}
          confirmLabel={i18n._(confirm.label)}
          danger={confirm.danger}
          busy={busy}
          onConfirm={() => void run(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{i18n._(confirm.body)}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
