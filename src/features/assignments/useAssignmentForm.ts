/**
 * State of the assignment form: values, errors, a draft in localStorage written on every change
 * (nothing typed is lost to a reload or a flat battery), and saving to the device database,
 * from where the assignment syncs like any other write; the server has the last word.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { firstValueFrom } from 'rxjs';
import { draftKey } from '../../app/session';
import { useUnsavedForm } from '../../app/unsaved-forms';
import { saveAssignment } from '../../db/assignments';
import type { DeviceDatabase } from '../../db/database';
import { assignments$, logsOfAssignment$, newDocumentId } from '../../db/logs';
import { institutions$ } from '../../db/institutions';
import type { SupervisorMembership } from '../../shared/rules/assignment-rules';
import type { Assignment } from '../../shared/schemas';
import {
  toAssignment,
  validateAssignment,
  type AssignmentErrors,
  type AssignmentFormValues,
  type AssignmentRuleContext,
} from './assignment-form';

export interface UseAssignmentFormOptions {
  device: DeviceDatabase;
  /** The assignment as it was when editing began; null for a new one. */
  base: Assignment | null;
  initial: AssignmentFormValues;
  /** Names of the people who can be chosen, by id, to store with the assignment. */
  names: ReadonlyMap<string, string>;
  /** The supervisors' institutions (AS-8), when the people list is loaded. */
  memberships?: ReadonlyMap<string, SupervisorMembership>;
  onSaved(assignmentId: string): void;
}

interface Draft {
  id: string;
  values: AssignmentFormValues;
}

function readDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && typeof draft.id === 'string' && Array.isArray(draft.values?.supervisorIds) ? draft : null;
  } catch {
    return null;
  }
}

async function ruleContext(
  device: DeviceDatabase,
  assignmentId: string,
  memberships: ReadonlyMap<string, SupervisorMembership> | undefined,
): Promise<AssignmentRuleContext> {
  const [others, logs, institutions] = await Promise.all([
    firstValueFrom(assignments$(device)),
    firstValueFrom(logsOfAssignment$(device, assignmentId)),
    firstValueFrom(institutions$(device)),
  ]);
  return {
    others,
    loggedDays: logs.map((log) => log.date),
    institutions: new Map(institutions.map((institution) => [institution.id, institution])),
    supervisors: memberships,
  };
}

export function useAssignmentForm({
  device,
  base,
  initial,
  names,
  memberships,
  onSaved,
}: UseAssignmentFormOptions) {
  const key = draftKey(device.userId, base ? `assignment:${base.id}` : 'assignment:new');
  const [restored] = useState(() => readDraft(key));
  const [id] = useState(() => base?.id ?? restored?.id ?? newDocumentId());
  const [values, setValues] = useState<AssignmentFormValues>(() => restored?.values ?? initial);
  const [dirty, setDirty] = useState(restored !== null);
  const [draftRestored, setDraftRestored] = useState(restored !== null);
  // Errors show once a save was tried, then follow the typing against the data read then.
  const [context, setContext] = useState<AssignmentRuleContext | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useUnsavedForm(key, dirty);

  useEffect(() => {
    if (!dirty) return;
    try {
      localStorage.setItem(key, JSON.stringify({ id, values } satisfies Draft));
    } catch {
      // Storage full or blocked: the form still works, only the reload safety net is gone.
    }
  }, [key, id, values, dirty]);

  const errors = useMemo(
    () => (context ? validateAssignment(values, id, context) : {}),
    [values, id, context],
  );

  const change = useCallback((next: (previous: AssignmentFormValues) => AssignmentFormValues) => {
    setValues(next);
    setDirty(true);
  }, []);

  const discardDraft = useCallback(() => {
    localStorage.removeItem(key);
    setValues(initial);
    setDirty(false);
    setDraftRestored(false);
    setContext(null);
  }, [key, initial]);

  /** Resolves with the errors that stopped the save, or an empty object once saved. */
  const submit = useCallback(async (): Promise<AssignmentErrors> => {
    setSaveError(null);
    // Read now: a sync may have brought assignments or logs since the form opened.
    const fresh = await ruleContext(device, id, memberships);
    setContext(fresh);
    const found = validateAssignment(values, id, fresh);
    if (Object.keys(found).length > 0) return found;
    setSaving(true);
    try {
      await saveAssignment(device, base, toAssignment(values, id, names));
      localStorage.removeItem(key);
      setDirty(false);
      onSaved(id);
      return {};
    } catch (error) {
      setSaveError(
        `Could not save on this device: ${(error as Error).message}. What you typed is kept in this form.`,
      );
      return {};
    } finally {
      setSaving(false);
    }
  }, [device, id, values, base, names, memberships, key, onSaved]);

  return { id, values, errors, change, submit, saving, saveError, draftRestored, discardDraft };
}
