/**
 * Signing out deletes this user's database from the device. Changes the server has not got,
 * refused changes kept for re-entry and forms with unsaved input would be lost, so the dialog
 * says how many and asks twice.
 */
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useI18n } from './catalog';

export interface SignOutButtonProps {
  /** Null when sync has not reported yet: the count is unknown. */
  pendingCount: number | null;
  refusalCount: number;
  /** Forms with input not yet saved (drafts), counted when the dialog opens. */
  countDrafts(): number;
  onSignOut(): Promise<void>;
}

export function SignOutButton({ pendingCount, refusalCount, countDrafts, onSignOut }: SignOutButtonProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [drafts, setDrafts] = useState(0);
  const i18n = useI18n();
  const atRisk = (pendingCount ?? 0) + refusalCount + drafts;

  async function confirm() {
    setBusy(true);
    try {
      await onSignOut();
    } finally {
      setBusy(false);
      setOpen(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setDrafts(countDrafts());
          setOpen(true);
        }}
      >
        {i18n._('auth.signOut.button')}
      </button>
      {open &&
        (atRisk > 0 ? (
          <ConfirmDialog
            title={i18n._('auth.signOut.atRisk.title', { count: atRisk })}
            confirmLabel={i18n._('auth.signOut.atRisk.confirm', { count: atRisk })}
            danger
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={() => setOpen(false)}
          >
            {pendingCount ? <p>{i18n._('auth.signOut.atRisk.pending', { count: pendingCount })}</p> : null}
            {refusalCount > 0 && <p>{i18n._('auth.signOut.atRisk.refused', { count: refusalCount })}</p>}
            {drafts > 0 && <p>{i18n._('auth.signOut.atRisk.drafts', { count: drafts })}</p>}
            <p>
              <strong>{i18n._('auth.signOut.atRisk.warning')}</strong>
            </p>
          </ConfirmDialog>
        ) : (
          <ConfirmDialog
            title={i18n._('auth.signOut.title')}
            confirmLabel={i18n._('auth.signOut.confirm')}
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={() => setOpen(false)}
          >
            {pendingCount === null ? (
              <p>{i18n._('auth.signOut.unchecked')}</p>
            ) : (
              <p>{i18n._('auth.signOut.safe')}</p>
            )}
          </ConfirmDialog>
        ))}
    </>
  );
}
