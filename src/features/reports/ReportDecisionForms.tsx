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
      <h2 id="report-decision-heading">Your decision</h2>
      <p className="hint">Endorse the report, or send it back to the expert with what to change.</p>
      <div className="field">
        <label htmlFor={IDS.comment}>Comment</label>
        <textarea
          id={IDS.comment}
          rows={4}
          value={comment}
          maxLength={COMMENT_MAX}
          onChange={(event) => setComment(event.target.value)}
          {...errorProps(errors, 'comment', IDS.comment)}
        />
        <FieldError errors={errors} field="comment" id={IDS.comment} />
      </div>
      <div className="field">
        <label htmlFor={IDS.fullName}>Full name</label>
        <p id={`${IDS.fullName}-hint`} className="hint">
          Optional: typed as your signature on the endorsement.
        </p>
        <input
          id={IDS.fullName}
          type="text"
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
          Endorse
        </button>
        <button
          type="button"
          className="danger wide"
          disabled={busy}
          onClick={() => decide('request_changes')}
        >
          Request changes
        </button>
      </div>
    </form>
  );
}

export function ReviewForm({ onReview }: { onReview(comment: string): Promise<void> }) {
  const [comment, setComment] = useState('');
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
      <h2 id="report-review-heading">Programme review</h2>
      <div className="field">
        <label htmlFor={id}>Comment</label>
        <p id={`${id}-hint`} className="hint">
          Optional.
        </p>
        <textarea
          id={id}
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
        Mark reviewed
      </button>
    </form>
  );
}
