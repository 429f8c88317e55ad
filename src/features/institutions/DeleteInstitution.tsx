/**
 * IN-4 on the institution's screen: "Delete institution", confirmed first. The device refuses at
 * once when an assignment it holds names the institution; otherwise the deletion syncs and the
 * server decides — it keeps the institution while people or assignments belong to it, and its
 * reason is shown on the Institutions screen.
 */
import { useId, useState } from 'react';
import { firstValueFrom } from 'rxjs';
import { useNavigate } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { deleteInstitution } from '../../db/institutions';
import { assignments$ } from '../../db/logs';
import { institutionInUseProblem } from '../../shared/rules/institution-rules';
import type { Institution } from '../../shared/schemas';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { INSTITUTIONS_PATH } from '../../shared/paths';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './catalog';
import { errorText, reasonText } from '../../ui/reasons';

export function DeleteInstitution({
  device,
  institution,
  onDeleted,
}: {
  device: DeviceDatabase;
  institution: Institution;
  /** Called once it is deleted on the device, before leaving the screen. */
  onDeleted(): void;
}) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      // The people list lives on the server: it counts them; the device knows the assignments.
      const assignmentIds = (await firstValueFrom(assignments$(device)))
        .filter((assignment) => assignment.institutionId === institution.id)
        .map((assignment) => assignment.id);
      const inUse = institutionInUseProblem({ people: 0, assignmentIds });
      if (inUse) {
        setProblem(reasonText(inUse));
        return;
      }
      await deleteInstitution(device, institution.id);
      onDeleted();
      void navigate(INSTITUTIONS_PATH);
    } catch (error) {
      setProblem(i18n._('institutions.delete.failed', { reason: errorText(error) }));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n._('institutions.delete.heading')}</h2>
      <p className="hint">{i18n._('institutions.delete.hint')}</p>
      <p>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {i18n._('institutions.delete.button')}
        </button>
      </p>
      <FormError message={problem} />
      {confirming && (
        <ConfirmDialog
          title={i18n._('institutions.delete.title', { name: institution.name })}
          confirmLabel={i18n._('institutions.delete.button')}
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>{i18n._('institutions.delete.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
