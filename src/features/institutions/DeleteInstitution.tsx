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
        setProblem(inUse);
        return;
      }
      await deleteInstitution(device, institution.id);
      onDeleted();
      void navigate(INSTITUTIONS_PATH);
    } catch (error) {
      setProblem(`Could not delete on this device: ${(error as Error).message}.`);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Delete this institution</h2>
      <p className="hint">Only an institution that no person and no assignment belongs to can be deleted.</p>
      <p>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete institution
        </button>
      </p>
      <FormError message={problem} />
      {confirming && (
        <ConfirmDialog
          title={`Delete ${institution.name}?`}
          confirmLabel="Delete institution"
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            It goes from this device now and from the server when it syncs. If host supervisors or assignments
            belong to it, the server keeps it and says why on the Institutions screen.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
