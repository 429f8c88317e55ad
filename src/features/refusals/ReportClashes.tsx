/**
 * Two devices changed the same section: the server's text is in the report and this device's is
 * kept as a refusal with code `conflict`. Per clashing section the expert sees the other
 * version and uses it, adds it below the current text, or keeps the current one.
 */
import { useState } from 'react';
import { attemptedSections, clashingSections, type Refusal } from '../../db/refusals';
import type { ClashChoice } from '../../db/reports';
import { objectiveProgressLabel, sectionLabel } from '../../i18n/labels';
import type { SectionName } from '../../shared/rules/report-rules';
import type { Report } from '../../shared/schemas';
import { formatDateTime } from '../../ui/format';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './screens-catalog';
import { errorText } from '../../ui/reasons';

export interface ReportClashesProps {
  refusals: readonly Refusal[];
  report: Report;
  /** Locked reports can only be read: the other version is kept for copying, then dismissed. */
  editable: boolean;
  onChoose(refusal: Refusal, section: SectionName, choice: ClashChoice): Promise<void>;
}

function OtherVersion({ refusal, section }: { refusal: Refusal; section: SectionName }) {
  const i18n = useI18n();
  const other = attemptedSections(refusal);
  if (!other) return null;
  if (section !== 'objectives') {
    const text = other[section];
    return text ? (
      <p className="prewrap other-version" dir="auto">
        {text}
      </p>
    ) : (
      <p className="prewrap other-version">{i18n._('refusals.clash.empty')}</p>
    );
  }
  return (
    <ul className="other-version">
      {other.objectives.map((entry, index) => (
        <li key={index}>
          <strong dir="auto">{entry.objective}</strong>: {objectiveProgressLabel(entry.progress)}
          {entry.evidence && (
            <>
              {' — '}
              <span className="prewrap" dir="auto">
                {entry.evidence}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ReportClashes({ refusals, report, editable, onChoose }: ReportClashesProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const i18n = useI18n();
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
      setError(i18n._('refusals.clash.notSaved', { message: errorText(cause) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="clashes" aria-labelledby="clashes-heading">
      <h2 id="clashes-heading">{i18n._('refusals.clash.heading')}</h2>
      {/* No figure in these words, so no plural: one section, or some. */}
      <p>{clashes.length === 1 ? i18n._('refusals.clash.introOne') : i18n._('refusals.clash.introSome')}</p>
      <FormError message={error} />
      <ul className="card-list">
        {clashes.map(({ refusal, section }) => {
          const key = `${refusal.id}:${section}`;
          const headingId = `clash-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
          return (
            <li key={key} className="card clash">
              <h3 id={headingId}>{i18n._('refusals.clash.other', { section: sectionLabel(section) })}</h3>
              <p className="muted">
                {i18n._('refusals.clash.setAside', { date: formatDateTime(refusal.at) })}
              </p>
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
                      {i18n._('refusals.clash.use')}
                    </button>
                    <button
                      type="button"
                      aria-describedby={headingId}
                      disabled={busy !== null}
                      onClick={() => void choose(refusal, section, 'append')}
                    >
                      {i18n._('refusals.clash.append')}
                    </button>
                  </>
                )}
                <button
                  type="button"
                  aria-describedby={headingId}
                  disabled={busy !== null}
                  onClick={() => void choose(refusal, section, 'keep')}
                >
                  {i18n._('refusals.clash.keep')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
