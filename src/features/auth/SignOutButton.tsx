/**
 * Signing out deletes this user's database from the device. Changes the server has not got,
 * refused changes kept for re-entry and forms with unsaved input would be lost, so the dialog
 * says how many and asks twice.
 */
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { plural } from '../../ui/format';

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
        Sign out
      </button>
      {open &&
        (atRisk > 0 ? (
          <ConfirmDialog
            title={`${plural(atRisk, 'change is', 'changes are')} not on the server`}
            confirmLabel={`Sign out and delete ${plural(atRisk, 'change', 'changes')}`}
            danger
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={() => setOpen(false)}
          >
            {pendingCount ? (
              <p>
                {plural(pendingCount, 'change has', 'changes have')} not reached the server yet. Connect and
                sync first to keep {pendingCount === 1 ? 'it' : 'them'}.
              </p>
            ) : null}
            {refusalCount > 0 && (
              <p>
                {plural(refusalCount, 'refused change is', 'refused changes are')} kept only on this device.
              </p>
            )}
            {drafts > 0 && (
              <p>
                {plural(drafts, 'form has', 'forms have')} typed input that is not saved yet. Open{' '}
                {drafts === 1 ? 'it' : 'them'} and save first to keep it.
              </p>
            )}
            <p>
              <strong>Signing out deletes them from this device.</strong>
            </p>
          </ConfirmDialog>
        ) : (
          <ConfirmDialog
            title="Sign out of Fieldbook?"
            confirmLabel="Yes, sign out"
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={() => setOpen(false)}
          >
            {pendingCount === null ? (
              <p>
                Sync has not finished checking this device: changes not yet on the server would be deleted.
              </p>
            ) : (
              <p>Your data is on the server. You will need a connection to sign in again.</p>
            )}
          </ConfirmDialog>
        ))}
    </>
  );
}
