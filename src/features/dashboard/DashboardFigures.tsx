/** The dashboard's figures: tables, and bar charts where a picture helps, each with its table. */
import { DAY_COUNTING_RULE } from '../../shared/rules/day-rules';
import { ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '../../shared/schemas/assignment.schema';
import { KT_ACTIVITY_LABELS, KT_ACTIVITY_TYPES } from '../../shared/schemas/daily-log.schema';
import { formatEur } from '../../ui/format';
import { BarChart } from './BarChart';
import type { CountryFigures, DashboardFigures, Figures, SectorFigures } from './dashboard-figures';
import { SIGN_OFF_WAIT_DAYS } from './dashboard-figures';
import { FigureTable, type Column } from './FigureTable';

const STATUS_LABELS = {
  planned: 'Planned',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
const MODE_LABELS = { physical: 'Physical', virtual: 'Virtual', hybrid: 'Hybrid' };
const REPORT_FIGURES = ['reportsDue', 'reportsEndorsed', 'reportsOverdue'] as const;
const REPORT_LABELS = { reportsDue: 'Due', reportsEndorsed: 'Endorsed', reportsOverdue: 'Overdue' };

function notCancelled(figures: Figures): number {
  return (
    figures.assignmentsByStatus.planned +
    figures.assignmentsByStatus.active +
    figures.assignmentsByStatus.completed
  );
}

function percentOfTarget(row: CountryFigures): number {
  return row.target > 0 ? Math.round((row.expertsMatched / row.target) * 100) : 0;
}

const COUNTRY_COLUMNS: Column<CountryFigures>[] = [
  { key: 'country', label: 'Country', value: (row) => row.country },
  { key: 'experts', label: 'Experts matched', value: (row) => row.expertsMatched },
  { key: 'target', label: 'Target', value: (row) => row.target },
  { key: 'percent', label: '% of target', value: percentOfTarget, show: (row) => `${percentOfTarget(row)}%` },
  { key: 'assignments', label: 'Assignments (not cancelled)', value: notCancelled },
  { key: 'onSite', label: 'Days on site', value: (row) => row.daysOnSite },
  { key: 'reached', label: 'People reached', value: (row) => row.peopleReached },
  { key: 'overdue', label: 'Reports overdue', value: (row) => row.reportsOverdue },
  {
    key: 'waiting',
    label: `Timesheets waiting over ${SIGN_OFF_WAIT_DAYS} days`,
    value: (row) => row.timesheetsWaitingLong,
  },
  {
    key: 'allowance',
    label: 'Allowances approved',
    value: (row) => row.allowanceApprovedEur,
    show: (row) => formatEur(row.allowanceApprovedEur),
  },
];

const SECTOR_COLUMNS: Column<SectorFigures>[] = [
  { key: 'sector', label: 'Sector', value: (row) => `${row.sector} (${row.country})` },
  { key: 'experts', label: 'Experts matched', value: (row) => row.expertsMatched },
  { key: 'assignments', label: 'Assignments (not cancelled)', value: notCancelled },
  { key: 'onSite', label: 'Days on site', value: (row) => row.daysOnSite },
  { key: 'reached', label: 'People reached', value: (row) => row.peopleReached },
  { key: 'due', label: 'Reports due', value: (row) => row.reportsDue },
  { key: 'endorsed', label: 'Reports endorsed', value: (row) => row.reportsEndorsed },
  { key: 'overdue', label: 'Reports overdue', value: (row) => row.reportsOverdue },
];

interface BreakdownRow {
  key: string;
  label: string;
  byCountry: number[];
  total: number;
}

/** One row per category (a status, a mode…), one column per country, and the total. */
function breakdown<K extends string>(
  figures: DashboardFigures,
  keys: readonly K[],
  labels: Record<K, string>,
  count: (figures: Figures, key: K) => number,
): { rows: BreakdownRow[]; columns: Column<BreakdownRow>[] } {
  const rows = keys.map((key) => ({
    key,
    label: labels[key],
    byCountry: figures.countries.map((country) => count(country, key)),
    total: count(figures.total, key),
  }));
  const columns: Column<BreakdownRow>[] = [
    { key: 'label', label: '', value: (row) => row.label },
    ...figures.countries.map((country, index) => ({
      key: country.country,
      label: country.country,
      value: (row: BreakdownRow) => row.byCountry[index] ?? 0,
    })),
    { key: 'total', label: 'Total', value: (row) => row.total },
  ];
  return { rows, columns };
}

/** One row per country, one column per category (a status, a mode…): narrow enough for half a page. */
function countryColumns<K extends string>(
  keys: readonly K[],
  labels: Record<K, string>,
  count: (figures: Figures, key: K) => number,
): Column<CountryFigures>[] {
  return [
    { key: 'country', label: 'Country', value: (row) => row.country },
    ...keys.map((key) => ({ key, label: labels[key], value: (row: CountryFigures) => count(row, key) })),
  ];
}

export function DashboardFiguresView({
  figures,
  paidKnown,
}: {
  figures: DashboardFigures;
  paidKnown: boolean;
}) {
  const totalRow: CountryFigures = {
    ...figures.total,
    country: 'All',
    target: figures.countries.reduce((sum, country) => sum + country.target, 0),
    sectors: [],
  };
  const reach = breakdown(figures, KT_ACTIVITY_TYPES, KT_ACTIVITY_LABELS, (f, t) => f.peopleReachedByType[t]);
  const countryTable = (caption: string, columns: Column<CountryFigures>[]) => (
    <FigureTable
      caption={caption}
      columns={columns}
      rows={figures.countries}
      rowKey={(row) => row.country}
      footer={totalRow}
    />
  );
  const firstColumn = (label: string, columns: Column<BreakdownRow>[]) => [
    { ...columns[0]!, label },
    ...columns.slice(1),
  ];

  return (
    <div className="dashboard-figures">
      <section className="dashboard-panel dashboard-wide" aria-labelledby="by-country">
        <h2 id="by-country">By country</h2>
        <BarChart
          title="Experts matched against the target, per country"
          unit="experts"
          bars={figures.countries.map((c) => ({
            label: c.country,
            value: c.expertsMatched,
            target: c.target,
          }))}
        />
        <FigureTable
          caption="Figures per country"
          columns={COUNTRY_COLUMNS}
          rows={figures.countries}
          rowKey={(row) => row.country}
          footer={totalRow}
          sortable
        />
        <p className="hint">{DAY_COUNTING_RULE}</p>
      </section>
      <section className="dashboard-panel" aria-labelledby="by-status">
        <h2 id="by-status">Assignments</h2>
        <BarChart
          title="Assignments by status"
          unit="assignments"
          bars={ASSIGNMENT_STATUSES.map((status) => ({
            label: STATUS_LABELS[status],
            value: figures.total.assignmentsByStatus[status],
          }))}
        />
        {countryTable(
          'Assignments by status',
          countryColumns(ASSIGNMENT_STATUSES, STATUS_LABELS, (f, status) => f.assignmentsByStatus[status]),
        )}
        {countryTable(
          'Assignments by mode (not cancelled)',
          countryColumns(ASSIGNMENT_MODES, MODE_LABELS, (f, mode) => f.assignmentsByMode[mode]),
        )}
      </section>
      <section className="dashboard-panel" aria-labelledby="reports">
        <h2 id="reports">Reports and timesheets</h2>
        {countryTable(
          'Reports',
          countryColumns(REPORT_FIGURES, REPORT_LABELS, (f, key) => f[key]),
        )}
        {countryTable('Timesheets and allowances', [
          { key: 'country', label: 'Country', value: (row) => row.country },
          {
            key: 'waiting',
            label: `Waiting for sign-off over ${SIGN_OFF_WAIT_DAYS} days`,
            value: (row) => row.timesheetsWaitingLong,
          },
          {
            key: 'allowance',
            label: 'Allowances approved',
            value: (row) => row.allowanceApprovedEur,
            show: (row) => formatEur(row.allowanceApprovedEur),
          },
          {
            key: 'paid',
            label: 'Of which paid',
            value: (row) => row.allowancePaidEur,
            show: (row) => (paidKnown ? formatEur(row.allowancePaidEur) : '—'),
          },
        ])}
        <p className="hint">
          Approved allowances are what approved timesheets come to; paid are those months in a payment batch
          marked paid.{' '}
          {paidKnown ? '' : 'Which months are paid is kept on the server: it shows here when online.'}
        </p>
      </section>
      <section className="dashboard-panel dashboard-wide" aria-labelledby="reach">
        <h2 id="reach">Knowledge transfer</h2>
        <FigureTable
          caption="People reached by activity type"
          columns={firstColumn('Activity', reach.columns)}
          rows={reach.rows}
          rowKey={(row) => row.key}
        />
      </section>
      <section className="dashboard-panel dashboard-wide" aria-labelledby="by-sector">
        <h2 id="by-sector">By sector</h2>
        <FigureTable
          caption="Figures per sector"
          columns={SECTOR_COLUMNS}
          rows={figures.countries.flatMap((country) => country.sectors)}
          rowKey={(row) => `${row.country}:${row.sector}`}
        />
      </section>
    </div>
  );
}
