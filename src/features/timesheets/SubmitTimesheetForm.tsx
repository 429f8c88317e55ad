/**
 * The expert's declaration: a ticked box and a typed full name sign the month's days. A month
 * that has not ended yet asks first (issue 11 §2): days still to come could not be added once it
 * is submitted. A confirmation, not a block: an expert leaving early may submit.
 */
import { useState, type FormEvent } from 'react';
import { useUnsavedForm } from '../../session/unsaved-forms';
import { localIsoDate } from '../../shared/dates';
import { TIMESHEET_WORKFLOW } from '../../shared/rules/timesheet-workflow';
import { missingFields } from '../../shared/rules/workflow';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDay } from '../../ui/format';
import { errorProps, FieldError } from '../../ui/form/FieldError';
import { useDecisionForm } from '../../ui/form/useDecisionForm';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './screens-catalog';

export interface SubmitTimesheetFormProps {
  /** Why the month cannot be submitted now (no days, locked); the button is then disabled. */
  disabledReason: string | null;
  /** The month's last day of the assignment: until it has passed, submitting asks first. */
  periodEnd?: string;
  onSubmit(fullName: string): Promise<void>;
}

const IDS = { declaration: 'submit-declaration', fullName: 'submit-full-name' } as const;

export function SubmitTimesheetForm({ disabledReason, periodEnd, onSubmit }: SubmitTimesheetFormProps) {
  const i18n = useI18n();
  const [declared, setDeclared] = useState(false);
  const [fullName, setFullName] = useState('');
  const { errors, busy, saveError, attempt } = useDecisionForm(() =>
    missingFields(TIMESHEET_WORKFLOW.submit, { declaration: declared, fullName }),
  );
  useUnsavedForm(IDS.fullName, fullName.trim() !== '');
  const [confirming, setConfirming] = useState(false);
  // The month is still running while its last day is today or later.
  const runsUntil = periodEnd && periodEnd >= localIsoDate() ? periodEnd : null;

  function send(askFirst: boolean) {
    void attempt(
      async () => {
        if (askFirst) setConfirming(true);
        else await onSubmit(fullName);
      },
      (field) => IDS[field as keyof typeof IDS],
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    send(runsUntil !== null);
  }

  return (
    <form className="decision-form stack" aria-labelledby="submit-heading" onSubmit={submit} noValidate>
      <h2 id="submit-heading">{i18n._('timesheets.submit.heading')}</h2>
      <div className="choice">
        <input
          id={IDS.declaration}
          type="checkbox"
          checked={declared}
          onChange={(event) => setDeclared(event.target.checked)}
          {...errorProps(errors, 'declaration', IDS.declaration)}
        />
        <label htmlFor={IDS.declaration}>{i18n._('timesheets.submit.declaration')}</label>
      </div>
      <FieldError errors={errors} field="declaration" id={IDS.declaration} />
      <div className="field">
        <label htmlFor={IDS.fullName}>{i18n._('timesheets.submit.fullName')}</label>
        <input
          id={IDS.fullName}
          type="text"
          dir="auto"
          autoComplete="name"
          value={fullName}
          maxLength={200}
          onChange={(event) => setFullName(event.target.value)}
          {...errorProps(errors, 'fullName', IDS.fullName)}
        />
        <FieldError errors={errors} field="fullName" id={IDS.fullName} />
      </div>
      {disabledReason && (
        <p id="submit-disabled-reason" className="notice">
          {disabledReason}
        </p>
      )}
      <FormError message={saveError} />
      <button
        type="submit"
        className="primary wide"
        disabled={busy || disabledReason !== null}
        aria-describedby={disabledReason ? 'submit-disabled-reason' : undefined}
      >
        {i18n._('timesheets.submit.submit')}
      </button>
      {confirming && runsUntil && (
        <ConfirmDialog
          title={i18n._('timesheets.submit.earlyTitle')}
          confirmLabel={i18n._('timesheets.submit.earlyConfirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            send(false);
          }}
        >
          <p>{i18n._('timesheets.submit.earlyBody', { day: formatDay(runsUntil) })}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
