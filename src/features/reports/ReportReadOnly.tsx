/** A report's sections as text, for reading, for a locked report and for print. */
import {
  OBJECTIVE_PROGRESS_LABELS,
  SECTION_LABELS,
  type ReportSections,
  type TextSection,
} from '../../shared/schemas/report.schema';

export function ReadOnlySection({ section, text }: { section: TextSection; text: string }) {
  const headingId = `section-${section}-heading`;
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{SECTION_LABELS[section]}</h2>
      <p className="prewrap">{text || '—'}</p>
    </section>
  );
}

export function ObjectivesTable({
  objectives,
  className = '',
}: {
  objectives: ReportSections['objectives'];
  className?: string;
}) {
  if (objectives.length === 0) return <p className={className}>No terms-of-reference objectives.</p>;
  return (
    <table className={`objectives-table ${className}`}>
      <thead>
        <tr>
          <th scope="col">Objective</th>
          <th scope="col">Progress</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      <tbody>
        {objectives.map((entry, index) => (
          <tr key={index}>
            <td data-label="Objective">{entry.objective}</td>
            <td data-label="Progress">{OBJECTIVE_PROGRESS_LABELS[entry.progress]}</td>
            <td data-label="Evidence" className="prewrap">
              {entry.evidence || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReadOnlyObjectives({ objectives }: { objectives: ReportSections['objectives'] }) {
  return (
    <section className="report-section" aria-labelledby="objectives-heading">
      <h2 id="objectives-heading">{SECTION_LABELS.objectives}</h2>
      <ObjectivesTable objectives={objectives} />
    </section>
  );
}
