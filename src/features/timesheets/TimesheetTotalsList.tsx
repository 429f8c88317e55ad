import { dayCountingRule } from '../../i18n/labels';
import type { TimesheetTotals } from '../../shared/rules/timesheet-rules';
import { formatEur, formatNumber } from '../../ui/format';
import { useI18n } from './screens-catalog';

/** Hours, days and the daily allowance they earn, with the rule they are counted by. */
export function TimesheetTotalsList({ totals }: { totals: TimesheetTotals }) {
  const i18n = useI18n();
  return (
    <>
      <dl className="totals-grid">
        <div className="totals-pair">
          <dt>{i18n._('timesheets.totals.hours')}</dt>
          <dd>{formatNumber(totals.hours)}</dd>
        </div>
        <div className="totals-pair">
          <dt>{i18n._('timesheets.totals.daysWorked')}</dt>
          <dd>{formatNumber(totals.daysWorked)}</dd>
        </div>
        <div className="totals-pair">
          <dt>{i18n._('timesheets.totals.allowanceDays')}</dt>
          <dd>{formatNumber(totals.allowanceDays)}</dd>
        </div>
        <div className="totals-pair">
          <dt>{i18n._('timesheets.totals.dailyRate')}</dt>
          <dd>{formatEur(totals.dailyRateEur)}</dd>
        </div>
        <div className="totals-pair">
          <dt>{i18n._('timesheets.totals.allowance')}</dt>
          <dd>
            {formatNumber(totals.allowanceDays)} × {formatEur(totals.dailyRateEur)} ={' '}
            <strong>{formatEur(totals.allowanceEur)}</strong>
          </dd>
        </div>
      </dl>
      <p className="hint day-rule">{dayCountingRule()}</p>
    </>
  );
}
