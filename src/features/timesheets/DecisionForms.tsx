/**
 * The supervisor's two decisions on a submitted month, and the officer's reopening of an
 * approved one. Each writes to the device and works offline; sync takes it to the server.
 */
import { useState, type FormEvent } from 'react';
import { TIMESHEET_WORKFLOW } from '../../shared/rules/timesheet-workflow';
import { missingFields } from '../../shared/rules/workflow';
import { MAX_COMMENT_LENGTH, MAX_SIGNATURE_CHARS } from '../../shared/schemas/timesheet.schema';
import { formatDay } from '../../ui/format';
import { SignaturePad } from '../../ui/SignaturePad';
import { errorProps, FieldError } from '../../ui/form/FieldError';
import { useUnsavedForm } from '../../session/unsaved-forms';
import { useDecisionForm } from '../../ui/form/useDecisionForm';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './screens-catalog';

export function ApproveForm({
  onApprove,
}: {
  onApprove(fullName: string, signature?: string): Promise<void>;
}) {
  const i18n = useI18n();
  const [fullName, setFullName] = useState('');
  const [signature, setSignature] = useState('');
  const { errors, busy, saveError, attempt } = useDecisionForm(() =>
    missingFields(TIMESHEET_WORKFLOW.approve, { fullName }),
  );
  const id = 'approve-full-name';
  useUnsavedForm(id, fullName.trim() !== '' || signature !== '');

  function submit(event: FormEvent) {
    event.preventDefault();
    void attempt(
      () => onApprove(fullName, signature || undefined),
      () => id,
    );
  }

  return (
    <form className="decision-form stack" aria-labelledby="approve-heading" onSubmit={submit} noValidate>
      <h2 id="approve-heading">{i18n._('timesheets.approve.heading')}</h2>
      <div className="field">
        <label htmlFor={id}>{i18n._('timesheets.approve.fullName')}</label>
        <input
          id={id}
          type="text"
          dir="auto"
          autoComplete="name"
          value={fullName}
          maxLength={200}
          onChange={(event) => setFullName(event.target.value)}
          {...errorProps(errors, 'fullName', id)}
        />
        <FieldError errors={errors} field="fullName" id={id} />
      </div>
      <SignaturePad
        label={i18n._('timesheets.approve.signature')}
        maxChars={MAX_SIGNATURE_CHARS}
        onChange={setSignature}
      />
      <FormError message={saveError} />
      <button type="submit" className="primary wide" disabled={busy}>
        {i18n._('timesheets.approve.submit')}
      </button>
    </form>
  );
}

export interface ReturnFormProps {
  /** The dates that have logs, oldest first: each may get its own comment. */
  dates: readonly string[];
  onReturn(comment: string, dayComments: { date: string; comment: string }[]): Promise<void>;
}

export function ReturnForm({ dates, onReturn }: ReturnFormProps) {
  const i18n = useI18n();
  const [comment, setComment] = useState('');
  const [dayComments, setDayComments] = useState<Record<string, string>>({});
  const { errors, busy, saveError, attempt } = useDecisionForm(() =>
    missingFields(TIMESHEET_WORKFLOW.return, { comment }),
  );
  const id = 'return-comment';
  useUnsavedForm(id, comment.trim() !== '' || Object.values(dayComments).some((text) => text.trim()));

  function submit(event: FormEvent) {
    event.preventDefault();
    const days = dates.map((date) => ({ date, comment: dayComments[date] ?? '' }));
    void attempt(
      () => onReturn(comment, days),
      () => id,
    );
  }

  return (
    <form className="decision-form stack" aria-labelledby="return-heading" onSubmit={submit} noValidate>
      <h2 id="return-heading">{i18n._('timesheets.return.heading')}</h2>
      <div className="field">
        <label htmlFor={id}>{i18n._('timesheets.return.comment')}</label>
        <textarea
          id={id}
          rows={3}
          dir="auto"
          value={comment}
          maxLength={MAX_COMMENT_LENGTH}
          onChange={(event) => setComment(event.target.value)}
          {...errorProps(errors, 'comment', id)}
        />
        <FieldError errors={errors} field="comment" id={id} />
      </div>
      {dates.length > 0 && (
        <details>
          <summary>{i18n._('timesheets.return.dayComments')}</summary>
          {dates.map((date) => (
            <div key={date} className="field">
              <label htmlFor={`day-comment-${date}`}>
                {i18n._('timesheets.return.dayComment', { day: formatDay(date) })}
              </label>
              <textarea
                id={`day-comment-${date}`}
                rows={2}
                dir="auto"
                maxLength={MAX_COMMENT_LENGTH}
                value={dayComments[date] ?? ''}
                onChange={(event) => setDayComments({ ...dayComments, [date]: event.target.value })}
              />
            </div>
          ))}
        </details>
      )}
      <FormError message={saveError} />
      <button type="submit" className="danger wide" disabled={busy}>
        {i18n._('timesheets.return.submit')}
      </button>
    </form>
  );
}

export function ReopenForm({ onReopen }: { onReopen(reason: string): Promise<void> }) {
  const i18n = useI18n();
  const [reason, setReason] = useState('');
  const { errors, busy, saveError, attempt } = useDecisionForm(() =>
    missingFields(TIMESHEET_WORKFLOW.reopen, { reason }),
  );
  const id = 'reopen-reason';
  useUnsavedForm(id, reason.trim() !== '');

  function submit(event: FormEvent) {
    event.preventDefault();
    void attempt(
      () => onReopen(reason),
      () => id,
    );
  }

  return (
    <form className="decision-form stack" aria-labelledby="reopen-heading" onSubmit={submit} noValidate>
      <h2 id="reopen-heading">{i18n._('timesheets.reopen.heading')}</h2>
      <p className="hint">{i18n._('timesheets.reopen.hint')}</p>
      <div className="field">
        <label htmlFor={id}>{i18n._('timesheets.reopen.reason')}</label>
        <textarea
          id={id}
          rows={3}
          dir="auto"
          value={reason}
          maxLength={MAX_COMMENT_LENGTH}
          onChange={(event) => setReason(event.target.value)}
          {...errorProps(errors, 'reason', id)}
        />
        <FieldError errors={errors} field="reason" id={id} />
      </div>
      <FormError message={saveError} />
      <button type="submit" className="danger wide" disabled={busy}>
        {i18n._('timesheets.reopen.submit')}
      </button>
    </form>
  );
}
