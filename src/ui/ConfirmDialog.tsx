/**
 * A modal confirmation, rendered into document.body (a portal): inside the coloured header it took
 * the header's white text onto its white card. Not the native <dialog>: jsdom lacks showModal.
 * Modal by hand: the rest of the page is inert while it is open, Tab cycles through its buttons,
 * Cancel has focus on open, Escape cancels, and focus returns to the opener.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/catalog';

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Destructive actions get the danger style. */
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Makes everything beside `backdrop` inert (no focus, no clicks, hidden from screen readers). */
function makeRestInert(backdrop: HTMLElement): () => void {
  const made = [...document.body.children].filter(
    (element) => element !== backdrop && !element.hasAttribute('inert'),
  );
  for (const element of made) element.setAttribute('inert', '');
  return () => {
    for (const element of made) element.removeAttribute('inert');
  };
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const i18n = useI18n();
  const titleId = useId();
  const bodyId = useId();
  const backdropRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const restoreRest = backdropRef.current ? makeRestInert(backdropRef.current) : () => undefined;
    // Cancel gets focus: a stray tap or Enter must not destroy data.
    cancelRef.current?.focus();
    return () => {
      // The opener is back in reach first: an inert element cannot take focus.
      restoreRest();
      opener?.focus?.();
    };
  }, []);

  /** Tab from the last control goes to the first and Shift+Tab from the first to the last. */
  function keepFocusInside(event: KeyboardEvent) {
    const controls = [...(dialogRef.current?.querySelectorAll<HTMLElement>('button, [href], input') ?? [])];
    const enabled = controls.filter((control) => !control.matches(':disabled'));
    const first = enabled[0];
    const last = enabled.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop" ref={backdropRef}>
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={children ? bodyId : undefined}
        className="dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
          else if (event.key === 'Tab') keepFocusInside(event);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children && <div id={bodyId}>{children}</div>}
        <div className="button-row">
          <button type="button" ref={cancelRef} onClick={onCancel} disabled={busy}>
            {cancelLabel ?? i18n._('core.dialog.cancel')}
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
