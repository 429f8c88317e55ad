/** What the daily logs say was done, shown beside the expert's own account of it. */
import { ktActivityLabel } from '../../i18n/labels';
import { dayCountingRule } from '../../i18n/labels';
import type { ActivitySummary } from '../../shared/rules/report-rules';
import { KT_ACTIVITY_TYPES } from '../../shared/schemas/daily-log.schema';
import { formatDay, formatNumber } from '../../ui/format';
import { useI18n } from './catalog';

export function ActivitySummaryView({ summary }: { summary: ActivitySummary }) {
  const i18n = useI18n();
  return (
    <section className="activity-summary" aria-labelledby="activity-summary-heading">
      <h3 id="activity-summary-heading">{i18n._('reports.activity.heading')}</h3>
      <p className="hint">{i18n._('reports.activity.hint')}</p>
      {/* Printed too: the paper report says which days its figures cover (RP-7). */}
      <dl className="details summary-period">
        <dt>{i18n._('reports.activity.period')}</dt>
        <dd>
          {i18n._('reports.dateRange', {
            start: formatDay(summary.period.start),
            end: formatDay(summary.period.end),
          })}
        </dd>
      </dl>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">{i18n._('reports.activity.activity')}</th>
            <th scope="col">{i18n._('reports.activity.times')}</th>
            <th scope="col">{i18n._('reports.activity.peopleReached')}</th>
          </tr>
        </thead>
        <tbody>
          {KT_ACTIVITY_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">{ktActivityLabel(type)}</th>
              <td>{formatNumber(summary.byType[type].activities)}</td>
              <td>{formatNumber(summary.byType[type].peopleReached)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="details">
        <dt>{i18n._('reports.activity.peopleReachedTotal')}</dt>
        <dd>{formatNumber(summary.peopleReached)}</dd>
        <dt>{i18n._('reports.activity.onSiteDays')}</dt>
        <dd>{formatNumber(summary.onSiteDays)}</dd>
        <dt>{i18n._('reports.activity.remoteDays')}</dt>
        <dd>{formatNumber(summary.remoteDays)}</dd>
        <dt>{i18n._('reports.activity.travelDays')}</dt>
        <dd>{formatNumber(summary.travelDays)}</dd>
        <dt>{i18n._('reports.activity.daysLogged')}</dt>
        <dd>{formatNumber(summary.daysLogged)}</dd>
      </dl>
      {/* The day-counting rule is shared with the server (src/shared) and stays English for now. */}
      <p className="hint day-rule">{dayCountingRule()}</p>
    </section>
  );
}
