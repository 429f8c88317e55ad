/**
 * State of the assignment form: values, errors, a draft in localStorage written on every change
 * (nothing typed is lost to a reload or a flat battery), and saving to the device database,
 * from where the assignment syncs like any other write; the server has the last word.
 */
import { useCallback, useMemo, useState } from 'react';
import { firstValueFrom } from 'rxjs';
import { useDraft } from '../../session/useDraft';
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
import { i18n } from './screens-catalog';
import { errorText } from '../../ui/reasons';

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

/** Whether a stored draft holds assignment form values (useDraft ignores one that does not). */
function isAssignmentValues(values: unknown): values is AssignmentFormValues {
  return Array.isArray((values as Partial<AssignmentFormValues> | null)?.supervisorIds);
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
  const draft = useDraft({
    userId: device.userId,
    name: base ? `assignment:${base.id}` : 'assignment:new',
    id: base?.id ?? null,
    initial,
    newId: newDocumentId,
    isValues: isAssignmentValues,
  });
  const { id, values, setValues: change, draftRestored, settle } = draft;
  // Errors show once a save was tried, then follow the typing against the data read then.
  const [context, setContext] = useState<AssignmentRuleContext | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const errors = useMemo(
    () => (context ? validateAssignment(values, id, context) : {}),
    [values, id, context],
  );

  const discard = draft.discard;
  const discardDraft = useCallback(() => {
    discard();
    setContext(null);
  }, [discard]);

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
      settle();
      onSaved(id);
      return {};
    } catch (error) {
      setSaveError(i18n._('assignments.form.saveFailed', { reason: errorText(error) }));
      return {};
    } finally {
      setSaving(false);
    }
  }, [device, id, values, base, names, memberships, settle, onSaved]);

  return { id, values, errors, change, submit, saving, saveError, draftRestored, discardDraft };
}
