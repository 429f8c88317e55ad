// @vitest-environment jsdom
/**
 * The confirmation dialog is modal wherever it is opened from: it renders outside its opener's
 * box (the coloured header once gave it white text on white), the page behind it is inert, Tab
 * stays in it, Escape cancels and focus goes back to the opener.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmDialog } from '../../src/ui/ConfirmDialog';

afterEach(cleanup);

function HeaderWithDialog({ onConfirm = () => undefined }: { onConfirm?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <header className="app-header">
        <button type="button" onClick={() => setOpen(true)}>
          Sign out
        </button>
        {open && (
          <ConfirmDialog
            title="Sign out of Fieldbook?"
            confirmLabel="Yes, sign out"
            onConfirm={onConfirm}
            onCancel={() => setOpen(false)}
          >
            <p>Your data is on the server.</p>
          </ConfirmDialog>
        )}
      </header>
      <main>
        <a href="/elsewhere">A link behind the dialog</a>
      </main>
    </>
  );
}

describe('ConfirmDialog', () => {
  it('opens outside the header that opened it, with the page behind it inert until it closes', async () => {
    const user = userEvent.setup();
    const { container } = render(<HeaderWithDialog />);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    const dialog = screen.getByRole('dialog', { name: 'Sign out of Fieldbook?' });
    expect(dialog.closest('header')).toBeNull();
    expect(container.contains(dialog)).toBe(false);
    expect(container.hasAttribute('inert')).toBe(true);
    expect(dialog.closest('[inert]')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.hasAttribute('inert')).toBe(false);
  });

  it('focuses Cancel, keeps Tab inside, cancels on Escape and gives focus back to the opener', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<HeaderWithDialog onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Sign out' });
    await user.click(opener);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const confirm = screen.getByRole('button', { name: 'Yes, sign out' });
    expect(document.activeElement).toBe(cancel);

    await user.tab();
    expect(document.activeElement).toBe(confirm);
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(confirm);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });
});
