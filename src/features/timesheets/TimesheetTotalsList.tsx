import { DAY_COUNTING_RULE } from '../../shared/rules/day-rules';
import type { TimesheetTotals } from '../../shared/rules/timesheet-rules';
import { formatEur } from '../../ui/format';

/** Hours, days and the daily allowance they earn, with the rule they are counted by. */
export function TimesheetTotalsList({ totals }: { totals: TimesheetTotals }) {
  return (
    <>
      <dl className="totals-grid">
        <div className="totals-pair">
          <dt>Hours</dt>
          <dd>{totals.hours}</dd>
        </div>
        <div className="totals-pair">
          <dt>Days worked</dt>
          <dd>{totals.daysWorked}</dd>
        </div>
        <div className="totals-pair">
          <dt>Allowance days</dt>
          <dd>{totals.allowanceDays}</dd>
        </div>
        <div className="totals-pair">
          <dt>Daily rate</dt>
          <dd>{formatEur(totals.dailyRateEur)}</dd>
        </div>
        <div className="totals-pair">
          <dt>Allowance</dt>
          <dd>
            {totals.allowanceDays} × {formatEur(totals.dailyRateEur)} ={' '}
            <strong>{formatEur(totals.allowanceEur)}</strong>
          </dd>
        </div>
      </dl>
      <p className="hint day-rule">{DAY_COUNTING_RULE}</p>
    </>
  );
}
