/**
 * Two devices changed the same section: the server's text is in the report and this device's is
 * kept as a refusal with code `conflict`. Per clashing section the expert sees the other
 * version and uses it, adds it below the current text, or keeps the current one.
 */
import { useState } from 'react';
import { attemptedSections, clashingSections, type Refusal } from '../../db/refusals';
import type { ClashChoice } from '../../db/reports';
import type { SectionName } from '../../shared/rules/report-rules';
import type { Report } from '../../shared/schemas';
import { OBJECTIVE_PROGRESS_LABELS, SECTION_LABELS } from '../../shared/schemas/report.schema';
import { formatDateTime } from '../../ui/format';
import { FormError } from '../../ui/form/FormError';

export interface ReportClashesProps {
  refusals: readonly Refusal[];
  report: Report;
  /** Locked reports can only be read: the other version is kept for copying, then dismissed. */
  editable: boolean;
  onChoose(refusal: Refusal, section: SectionName, choice: ClashChoice): Promise<void>;
}

function OtherVersion({ refusal, section }: { refusal: Refusal; section: SectionName }) {
  const other = attemptedSections(refusal);
  if (!other) return null;
  if (section !== 'objectives') return <p className="prewrap other-version">{other[section] || '(empty)'}</p>;
  return (
    <ul className="other-version">
      {other.objectives.map((entry, index) => (
        <li key={index}>
          <strong>{entry.objective}</strong>: {OBJECTIVE_PROGRESS_LABELS[entry.progress] ?? entry.progress}
          {entry.evidence && <span className="prewrap"> — {entry.evidence}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ReportClashes({ refusals, report, editable, onChoose }: ReportClashesProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const clashes = refusals.flatMap((refusal) =>
    clashingSections(refusal, report).map((section) => ({ refusal, section })),
  );
  if (clashes.length === 0) return null;

  async function choose(refusal: Refusal, section: SectionName, choice: ClashChoice) {
    setBusy(`${refusal.id}:${section}`);
    setError(null);
    try {
      await onChoose(refusal, section, choice);
    } catch (cause) {
      setError(`Not saved: ${(cause as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="clashes" aria-labelledby="clashes-heading">
      <h2 id="clashes-heading">Changed on another device</h2>
      <p>
        {clashes.length === 1 ? 'A section was' : 'Some sections were'} also changed on another device. The
        report shows the version the server has; the other one is kept here so nothing you wrote is lost.
      </p>
      <FormError message={error} />
      <ul className="card-list">
        {clashes.map(({ refusal, section }) => {
          const key = `${refusal.id}:${section}`;
          const headingId = `clash-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
          return (
            <li key={key} className="card clash">
              <h3 id={headingId}>Another version of {SECTION_LABELS[section]}</h3>
              <p className="muted">Set aside {formatDateTime(refusal.at)}</p>
              <OtherVersion refusal={refusal} section={section} />
              <div className="button-row">
                {editable && (
                  <>
                    <button
                      type="button"
                      className="primary"
                      aria-describedby={headingId}
                      disabled={busy !== null}
                      onClick={() => void choose(refusal, section, 'use')}
                    >
                      Use this version
                    </button>
                    <button
                      type="button"
                      aria-describedby={headingId}
                      disabled={busy !== null}
                      onClick={() => void choose(refusal, section, 'append')}
                    >
                      Add below the current text
                    </button>
                  </>
                )}
                <button
                  type="button"
                  aria-describedby={headingId}
                  disabled={busy !== null}
                  onClick={() => void choose(refusal, section, 'keep')}
                >
                  Keep current
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
