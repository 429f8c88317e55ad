/**
 * State of the log form: values, which errors to show, the other logs and hours of that day (SP-6),
 * a draft in localStorage written on every change (a reload or a dead battery must not lose a
 * day's notes), and saving to the device database, which works offline.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { forgetDraft, readFormDraft, useDraft } from '../../session/useDraft';
import type { DeviceDatabase } from '../../db/database';
import {
  newDocumentId,
  otherLogsOnDate,
  saveLogEdit,
  type LogInput,
  type OtherLogsOnDate,
} from '../../db/logs';
import { keepClash } from '../../db/refusals';
import { localIsoDate } from '../../shared/dates';
import type { Assignment } from '../../shared/schemas';
import {
  toLogInput,
  validateLog,
  type FieldErrors,
  type KtRowValues,
  type LogFormValues,
} from './log-form-values';
import { noteLogSaved } from './saved-notice';
import { i18n, useI18n } from './catalog';
import { errorText, reasonText } from '../../ui/reasons';
import type { Reason } from '../../shared/reasons';

export interface UseLogFormOptions {
  device: DeviceDatabase;
  assignment: Assignment;
  /** The log being edited; null for a new one. */
  logId: string | null;
  /** Which form the draft belongs to, e.g. `log:<id>` or `log:new:<assignmentId>`. */
  draftName: string;
  initial: LogFormValues;
  /** The log as it was when editing began: changes made elsewhere since are kept on save. */
  base?: LogInput | null;
  onSaved(logId: string): void;
  /** Why a log of `date` cannot be saved (its month is submitted or approved), or null. */
  lockOf?(date: string): Reason | null;
}

/** Whether a stored draft holds log form values (useDraft ignores one that does not). */
function isLogValues(values: unknown): values is LogFormValues {
  return typeof (values as Partial<LogFormValues> | null)?.date === 'string';
}

/**
 * A draft whose form cannot open any more (its log was deleted, or its month was submitted or
 * approved since) would sit unseen in localStorage: it moves to the changes to re-enter, with
 * `reason`, where the user sees it.
 */
export async function keepStrandedDraft(
  device: DeviceDatabase,
  draftName: string,
  assignmentId: string,
  reasons: readonly Reason[],
): Promise<void> {
  const draft = readFormDraft<LogFormValues, LogInput>(device.userId, draftName, isLogValues);
  if (!draft) return;
  await keepClash(device.db, {
    collection: 'logs',
    docId: draft.id,
    attempted: toLogInput(draft.values, {
      id: draft.id,
      assignmentId: assignmentId || draft.base?.assignmentId || '',
    }),
    fields: [],
    reasons,
  });
  forgetDraft(device.userId, draftName);
}

/** The server refuses logs of a submitted or approved month; say so before it has to. */
function withLock(errors: FieldErrors, date: string, lockOf: UseLogFormOptions['lockOf']): FieldErrors {
  const lock = errors.date ? null : lockOf?.(date);
  return lock
    ? { ...errors, date: i18n._('logs.form.error.dateLocked', { reason: reasonText(lock) }) }
    : errors;
}

export function useLogForm({
  device,
  assignment,
  logId,
  draftName,
  initial,
  base = null,
  onSaved,
  lockOf,
}: UseLogFormOptions) {
  const draft = useDraft({
    userId: device.userId,
    name: draftName,
    id: logId,
    initial,
    base,
    newId: newDocumentId,
    isValues: isLogValues,
  });
  const { id, values, setValues, base: editBase, draftRestored, settle } = draft;
  const [touched, setTouched] = useState<ReadonlySet<string>>(
    () => new Set(draftRestored ? ['date', 'hours'] : []),
  );
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [sameDay, setSameDay] = useState<({ date: string } & OtherLogsOnDate) | null>(null);
  const ids = useMemo(() => ({ id, assignmentId: assignment.id }), [id, assignment.id]);
  // The errors are sentences: a change of language writes them again.
  const { locale } = useI18n();

  const date = values.date;
  useEffect(() => {
    let current = true;
    void otherLogsOnDate(device, date, id).then((others) => {
      if (current) setSameDay({ date, ...others });
    });
    return () => {
      current = false;
    };
  }, [device, date, id]);

  const errors = useMemo(
    () =>
      withLock(
        validateLog(values, ids, {
          assignment,
          otherHoursThatDay: sameDay?.date === values.date ? sameDay.hours : 0,
          otherLogsThatDay: sameDay?.date === values.date ? sameDay.logs : 0,
          today: localIsoDate(),
        }),
        values.date,
        lockOf,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- locale: the messages' language
    [values, ids, assignment, sameDay, lockOf, locale],
  );
  const visibleErrors = useMemo(() => {
    if (submitted) return errors;
    const shown: FieldErrors = {};
    for (const [field, message] of Object.entries(errors)) {
      if (touched.has(field)) shown[field] = message;
    }
    return shown;
  }, [errors, submitted, touched]);

  const reveal = useCallback((field: string) => {
    setTouched((previous) => (previous.has(field) ? previous : new Set([...previous, field])));
  }, []);

  /** `field` is the error key the change may reveal, e.g. `date`. */
  const change = useCallback(
    (field: string, patch: Partial<LogFormValues>) => {
      setValues((previous) => ({ ...previous, ...patch }));
      reveal(field);
    },
    [reveal, setValues],
  );

  /**
   * Knowledge-transfer rows. A new row's empty count is no mistake yet: its error (`kt.<index>`)
   * shows once the count is typed in, or on saving.
   */
  const addKtRow = useCallback(() => {
    setValues((previous) => ({
      ...previous,
      ktActivities: [...previous.ktActivities, { type: 'training', peopleReached: '' }],
    }));
  }, [setValues]);

  const changeKtRow = useCallback(
    (index: number, patch: Partial<KtRowValues>) => {
      setValues((previous) => ({
        ...previous,
        ktActivities: previous.ktActivities.map((row, i) => (i === index ? { ...row, ...patch } : row)),
      }));
      if (patch.peopleReached !== undefined) reveal(`kt.${index}`);
    },
    [reveal, setValues],
  );

  /** The rows after it move up, and what they reveal moves with them. */
  const removeKtRow = useCallback(
    (index: number) => {
      setValues((previous) => ({
        ...previous,
        ktActivities: previous.ktActivities.filter((_, i) => i !== index),
      }));
      setTouched(
        (previous) =>
          new Set(
            [...previous].flatMap((key) => {
              const row = /^kt\.(\d+)$/.exec(key);
              if (!row) return [key];
              const at = Number(row[1]);
              return at < index ? [key] : at === index ? [] : [`kt.${at - 1}`];
            }),
          ),
      );
    },
    [setValues],
  );

  const discard = draft.discard;
  const discardDraft = useCallback(() => {
    discard();
    setTouched(new Set());
    setSubmitted(false);
  }, [discard]);

  /** Resolves with the errors that stopped the save, or an empty object once saved. */
  const submit = useCallback(async (): Promise<FieldErrors> => {
    setSubmitted(true);
    setSaveError(null);
    // Recount now: another tab or a sync may have added logs on that day since the form opened.
    const others = await otherLogsOnDate(device, values.date, id);
    setSameDay({ date: values.date, ...others });
    const found = withLock(
      validateLog(values, ids, {
        assignment,
        otherHoursThatDay: others.hours,
        otherLogsThatDay: others.logs,
        today: localIsoDate(),
      }),
      values.date,
      lockOf,
    );
    if (Object.keys(found).length > 0) return found;
    setSaving(true);
    try {
      await saveLogEdit(device, editBase, toLogInput(values, ids));
      settle();
      noteLogSaved();
      onSaved(id);
      return {};
    } catch (error) {
      setSaveError(i18n._('logs.form.error.notSaved', { reason: errorText(error) }));
      return { form: 'not saved' };
    } finally {
      setSaving(false);
    }
  }, [device, values, id, ids, assignment, settle, onSaved, lockOf, editBase]);

  return {
    id,
    values,
    errors: visibleErrors,
    change,
    addKtRow,
    changeKtRow,
    removeKtRow,
    submit,
    saving,
    saveError,
    draftRestored,
    discardDraft,
  };
}
