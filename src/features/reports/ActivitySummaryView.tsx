/** What the daily logs say was done, shown beside the expert's own account of it. */
import { DAY_COUNTING_RULE } from '../../shared/rules/day-rules';
import type { ActivitySummary } from '../../shared/rules/report-rules';
import { KT_ACTIVITY_LABELS, KT_ACTIVITY_TYPES } from '../../shared/schemas/daily-log.schema';
import { formatDay } from '../../ui/format';

export function ActivitySummaryView({ summary }: { summary: ActivitySummary }) {
  return (
    <section className="activity-summary" aria-labelledby="activity-summary-heading">
      <h3 id="activity-summary-heading">Activity summary from the daily logs</h3>
      <p className="hint">Counted from the days logged on this device; it updates as logs change.</p>
      {/* Printed too: the paper report says which days its figures cover (RP-7). */}
      <dl className="details summary-period">
        <dt>Period covered</dt>
        <dd>
          {formatDay(summary.period.start)} to {formatDay(summary.period.end)}
        </dd>
      </dl>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Times</th>
            <th scope="col">People reached</th>
          </tr>
        </thead>
        <tbody>
          {KT_ACTIVITY_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">{KT_ACTIVITY_LABELS[type]}</th>
              <td>{summary.byType[type].activities}</td>
              <td>{summary.byType[type].peopleReached}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="details">
        <dt>People reached in total</dt>
        <dd>{summary.peopleReached}</dd>
        <dt>On-site days</dt>
        <dd>{summary.onSiteDays}</dd>
        <dt>Remote days</dt>
        <dd>{summary.remoteDays}</dd>
        <dt>Travel days</dt>
        <dd>{summary.travelDays}</dd>
        <dt>Days logged</dt>
        <dd>{summary.daysLogged}</dd>
      </dl>
      <p className="hint day-rule">{DAY_COUNTING_RULE}</p>
    </section>
  );
}
