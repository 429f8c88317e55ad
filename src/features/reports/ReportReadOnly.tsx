/** A report's sections as text, for reading, for a locked report and for print. */
import { objectiveProgressLabel, sectionLabel } from '../../i18n/labels';
import type { ReportSections, TextSection } from '../../shared/schemas/report.schema';
import { useI18n } from './catalog';

export function ReadOnlySection({ section, text }: { section: TextSection; text: string }) {
  const headingId = `section-${section}-heading`;
  useI18n(); // Re-renders the section's heading when the language changes.
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{sectionLabel(section)}</h2>
      <p className="prewrap" dir="auto">
        {text || '—'}
      </p>
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
  const i18n = useI18n();
  if (objectives.length === 0) return <p className={className}>{i18n._('reports.objectives.none')}</p>;
  const columns = {
    objective: i18n._('reports.objectives.objective'),
    progress: i18n._('reports.objectives.progress'),
    evidence: i18n._('reports.objectives.evidence'),
  };
  return (
    <table className={`objectives-table ${className}`}>
      <thead>
        <tr>
          <th scope="col">{columns.objective}</th>
          <th scope="col">{columns.progress}</th>
          <th scope="col">{columns.evidence}</th>
        </tr>
      </thead>
      <tbody>
        {objectives.map((entry, index) => (
          <tr key={index}>
            <td data-label={columns.objective} dir="auto">
              {entry.objective}
            </td>
            <td data-label={columns.progress}>{objectiveProgressLabel(entry.progress)}</td>
            <td data-label={columns.evidence} className="prewrap" dir="auto">
              {entry.evidence || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReadOnlyObjectives({ objectives }: { objectives: ReportSections['objectives'] }) {
  useI18n(); // Re-renders the heading when the language changes.
  return (
    <section className="report-section" aria-labelledby="objectives-heading">
      <h2 id="objectives-heading">{sectionLabel('objectives')}</h2>
      <ObjectivesTable objectives={objectives} />
    </section>
  );
}
