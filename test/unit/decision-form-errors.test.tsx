// @vitest-environment jsdom
/**
 * A decision form's error goes once its field is put right, and comes back if it is undone
 * (issue 11, defect 6): Approve, Return, Reopen and Submit on a timesheet, Endorse and Request
 * changes on a report.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApproveForm, ReopenForm, ReturnForm } from '../../src/features/timesheets/DecisionForms';
import { SubmitTimesheetForm } from '../../src/features/timesheets/SubmitTimesheetForm';
import { SupervisorDecisionForm } from '../../src/features/reports/ReportDecisionForms';

afterEach(cleanup);

/** The field's error: shown, linked to the field, and the field marked invalid — or none of it. */
function expectError(field: HTMLElement, message: string | null) {
  if (message === null) {
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(field.getAttribute('aria-describedby') ?? '').not.toMatch(/-error\b/);
    return;
  }
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const id = field
    .getAttribute('aria-describedby')!
    .split(' ')
    .find((each) => each.endsWith('-error'));
  expect(document.getElementById(id!)?.textContent).toBe(message);
}

describe('decision forms clear an error once the field is valid', () => {
  it('Approve: the full name', async () => {
    const onApprove = vi.fn(async () => undefined);
    render(<ApproveForm onApprove={onApprove} />);
    const user = userEvent.setup();
    const name = screen.getByLabelText('Full name');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expectError(name, 'Type your full name to approve.');
    await user.type(name, 'Sam');
    expectError(name, null);
    expect(screen.queryByText('Type your full name to approve.')).toBeNull();
    await user.clear(name);
    expectError(name, 'Type your full name to approve.');
    expect(onApprove).not.toHaveBeenCalled();
  });

  it('Return: the comment', async () => {
    render(<ReturnForm dates={['2025-06-02']} onReturn={vi.fn(async () => undefined)} />);
    const user = userEvent.setup();
    const comment = screen.getByLabelText('Comment for the expert');
    await user.click(screen.getByRole('button', { name: 'Return to expert' }));
    expectError(comment, 'Write a comment for the expert.');
    await user.type(comment, 'Check the travel day');
    expectError(comment, null);
    expect(screen.queryByText('Write a comment for the expert.')).toBeNull();
  });

  it('Reopen: the reason', async () => {
    render(<ReopenForm onReopen={vi.fn(async () => undefined)} />);
    const user = userEvent.setup();
    const reason = screen.getByLabelText('Reason for reopening');
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    expectError(reason, 'Write why the timesheet is reopened.');
    await user.type(reason, 'A day was missing');
    expectError(reason, null);
  });

  it('Submit: each field on its own', async () => {
    render(<SubmitTimesheetForm disabledReason={null} onSubmit={vi.fn(async () => undefined)} />);
    const user = userEvent.setup();
    const declaration = screen.getByLabelText('I confirm these hours are a true record');
    const name = screen.getByLabelText('Full name');
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expectError(declaration, 'Tick the declaration to submit.');
    expectError(name, 'Type your full name to sign the declaration.');
    await user.click(declaration);
    expectError(declaration, null);
    expectError(name, 'Type your full name to sign the declaration.');
    await user.type(name, 'Amina Expert');
    expectError(name, null);
  });

  it('Endorse and Request changes: the comment, with the message of the decision tried', async () => {
    const onEndorse = vi.fn(async () => undefined);
    const onRequestChanges = vi.fn(async () => undefined);
    render(<SupervisorDecisionForm onEndorse={onEndorse} onRequestChanges={onRequestChanges} />);
    const user = userEvent.setup();
    const comment = screen.getByLabelText('Comment');
    await user.click(screen.getByRole('button', { name: 'Endorse' }));
    expectError(comment, 'Write a comment to endorse the report.');
    await user.type(comment, 'Good work');
    expectError(comment, null);
    expect(screen.queryByText('Write a comment to endorse the report.')).toBeNull();
    await user.clear(comment);
    await user.click(screen.getByRole('button', { name: 'Request changes' }));
    expectError(comment, 'Write what the expert should change.');
    await user.type(comment, 'Add the figures');
    expectError(comment, null);
    expect(onEndorse).not.toHaveBeenCalled();
    expect(onRequestChanges).not.toHaveBeenCalled();
  });
});
