/**
 * The host supervisor's decision on a submitted report (endorse, or request changes; both with
 * a comment, the endorsement optionally signed with a typed full name) and the programme
 * officer's review of an endorsed one. Each writes to the device and works offline.
 */
import { useState, type FormEvent } from 'react';
import { REPORT_WORKFLOW, type ReportAction } from '../../shared/rules/report-workflow';
import { missingFields } from '../../shared/rules/workflow';
import { errorProps, FieldError } from '../../ui/form/FieldError';
import { FormError } from '../../ui/form/FormError';
import { useUnsavedForm } from '../../session/unsaved-forms';
import { useDecisionForm } from '../../ui/form/useDecisionForm';
import { useI18n } from './catalog';

const COMMENT_MAX = 2000;
const IDS = { comment: 'report-decision-comment', fullName: 'report-decision-full-name' } as const;

export interface SupervisorDecisionFormProps {
  onEndorse(comment: string, fullName: string): Promise<void>;
  onRequestChanges(comment: string): Promise<void>;
}

type Decision = Extract<ReportAction, 'endorse' | 'request_changes'>;

export function SupervisorDecisionForm({ onEndorse, onRequestChanges }: SupervisorDecisionFormProps) {
  const [comment, setComment] = useState('');
  const [fullName, setFullName] = useState('');
  // The comment's message names the decision last tried.
  const [lastDecision, setLastDecision] = useState<Decision>('endorse');
  const i18n = useI18n();
  const check = (kind: Decision) => missingFields(REPORT_WORKFLOW[kind], { comment });
  const { errors, busy, saveError, attempt } = useDecisionForm(() => check(lastDecision));
  useUnsavedForm(IDS.comment, comment.trim() !== '' || fullName.trim() !== '');

  function decide(kind: Decision) {
    setLastDecision(kind);
    void attempt(
      () => (kind === 'endorse' ? onEndorse(comment, fullName) : onRequestChanges(comment)),
      (field) => IDS[field as keyof typeof IDS],
      check(kind),
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    decide('endorse');
  }

  return (
    <form
      className="decision-form stack"
      aria-labelledby="report-decision-heading"
      onSubmit={submit}
      noValidate
    >
      <h2 id="report-decision-heading">{i18n._('reports.decision.heading')}</h2>
      <p className="hint">{i18n._('reports.decision.hint')}</p>
      <div className="field">
        <label htmlFor={IDS.comment}>{i18n._('reports.decision.comment')}</label>
        <textarea
          id={IDS.comment}
          dir="auto"
          rows={4}
          value={comment}
          maxLength={COMMENT_MAX}
          onChange={(event) => setComment(event.target.value)}
          {...errorProps(errors, 'comment', IDS.comment)}
        />
        <FieldError errors={errors} field="comment" id={IDS.comment} />
      </div>
      <div className="field">
        <label htmlFor={IDS.fullName}>{i18n._('reports.decision.fullName')}</label>
        <p id={`${IDS.fullName}-hint`} className="hint">
          {i18n._('reports.decision.fullNameHint')}
        </p>
        <input
          id={IDS.fullName}
          type="text"
          dir="auto"
          autoComplete="name"
          value={fullName}
          maxLength={200}
          aria-describedby={`${IDS.fullName}-hint`}
          onChange={(event) => setFullName(event.target.value)}
        />
      </div>
      <FormError message={saveError} />
      <div className="form-actions">
        <button type="submit" className="primary wide" disabled={busy}>
          {i18n._('reports.decision.endorse')}
        </button>
        <button
          type="button"
          className="danger wide"
          disabled={busy}
          onClick={() => decide('request_changes')}
        >
          {i18n._('reports.decision.requestChanges')}
        </button>
      </div>
    </form>
  );
}

export function ReviewForm({ onReview }: { onReview(comment: string): Promise<void> }) {
  const [comment, setComment] = useState('');
  const i18n = useI18n();
  // The comment is optional: the workflow requires nothing of a review.
  const { errors, busy, saveError, attempt } = useDecisionForm(() =>
    missingFields(REPORT_WORKFLOW.review, { comment }),
  );
  const id = 'report-review-comment';
  useUnsavedForm(id, comment.trim() !== '');

  function submit(event: FormEvent) {
    event.preventDefault();
    void attempt(
      () => onReview(comment),
      () => id,
    );
  }

  return (
    <form
      className="decision-form stack"
      aria-labelledby="report-review-heading"
      onSubmit={submit}
      noValidate
    >
      <h2 id="report-review-heading">{i18n._('reports.review.heading')}</h2>
      <div className="field">
        <label htmlFor={id}>{i18n._('reports.decision.comment')}</label>
        <p id={`${id}-hint`} className="hint">
          {i18n._('reports.review.optional')}
        </p>
        <textarea
          id={id}
          dir="auto"
          rows={3}
          value={comment}
          maxLength={COMMENT_MAX}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setComment(event.target.value)}
          {...errorProps(errors, 'comment', id)}
        />
      </div>
      <FormError message={saveError} />
      <button type="submit" className="primary wide" disabled={busy}>
        {i18n._('reports.review.submit')}
      </button>
    </form>
  );
}
