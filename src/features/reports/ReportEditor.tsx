/**
 * The expert's editing controls: one labelled textarea per section with its character count,
 * and per objective a progress choice and the evidence. Each also carries a print-only copy of
 * its text, since a textarea prints cut off.
 */
import { objectiveProgressLabel, sectionLabel } from '../../i18n/labels';
import {
  MAX_SECTION_LENGTH,
  OBJECTIVE_PROGRESS,
  type ReportSections,
  type TextSection,
} from '../../shared/schemas/report.schema';
import { CharacterCount } from '../../ui/CharacterCount';
import { useI18n } from './catalog';
import { ObjectivesTable } from './ReportReadOnly';
import type { FieldKey, ReportAutosave } from './useReportAutosave';

const MAX_EVIDENCE_LENGTH = 5000;

function AutosavedTextarea({
  field,
  id,
  autosave,
  max,
  rows,
}: {
  field: FieldKey;
  id: string;
  autosave: ReportAutosave;
  max: number;
  rows: number;
}) {
  const value = autosave.valueOf(field);
  return (
    <>
      <textarea
        id={id}
        dir="auto"
        rows={rows}
        value={value}
        maxLength={max}
        aria-describedby={`${id}-count`}
        className="no-print"
        onChange={(event) => autosave.change(field, event.target.value)}
        onBlur={() => void autosave.flush(field)}
      />
      <CharacterCount id={`${id}-count`} length={value.length} max={max} />
      <div className="print-only prewrap" dir="auto">
        {value || '—'}
      </div>
    </>
  );
}

export function SectionEditor({ section, autosave }: { section: TextSection; autosave: ReportAutosave }) {
  const id = `section-${section}`;
  useI18n(); // Re-renders the section's label when the language changes.
  return (
    <div className="field report-section">
      <label htmlFor={id}>{sectionLabel(section)}</label>
      <AutosavedTextarea
        field={section}
        id={id}
        autosave={autosave}
        max={MAX_SECTION_LENGTH}
        rows={section === 'summary' ? 6 : 4}
      />
    </div>
  );
}

export interface ObjectivesEditorProps {
  objectives: ReportSections['objectives'];
  autosave: ReportAutosave;
  onProgress(index: number, progress: ReportSections['objectives'][number]['progress']): void;
}

export function ObjectivesEditor({ objectives, autosave, onProgress }: ObjectivesEditorProps) {
  const i18n = useI18n();
  return (
    <section className="report-section" aria-labelledby="objectives-heading">
      <h2 id="objectives-heading">{sectionLabel('objectives')}</h2>
      {objectives.length === 0 ? (
        <p>{i18n._('reports.objectives.noneOnRecord')}</p>
      ) : (
        objectives.map((entry, index) => {
          const n = index + 1;
          return (
            <fieldset key={index} className="field objective no-print">
              <legend>
                {i18n._('reports.objectives.legend', { n })} <span dir="auto">{entry.objective}</span>
              </legend>
              <div className="field">
                <label htmlFor={`objective-${index}-progress`}>
                  {i18n._('reports.objectives.progressOf', { n })}
                </label>
                <select
                  id={`objective-${index}-progress`}
                  value={entry.progress}
                  onChange={(event) => onProgress(index, event.target.value as typeof entry.progress)}
                >
                  {OBJECTIVE_PROGRESS.map((progress) => (
                    <option key={progress} value={progress}>
                      {objectiveProgressLabel(progress)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`objective-${index}-evidence`}>
                  {i18n._('reports.objectives.evidenceOf', { n })}
                </label>
                <AutosavedTextarea
                  field={`evidence.${index}`}
                  id={`objective-${index}-evidence`}
                  autosave={autosave}
                  max={MAX_EVIDENCE_LENGTH}
                  rows={3}
                />
              </div>
            </fieldset>
          );
        })
      )}
      <ObjectivesTable
        className="print-only"
        objectives={objectives.map((entry, index) => ({
          ...entry,
          evidence: autosave.valueOf(`evidence.${index}`),
        }))}
      />
    </section>
  );
}
