/** The dashboard's figures: tables, and bar charts where a picture helps, each with its table. */
import { countryLabel, ktActivityLabel, sectorLabel } from '../../i18n/labels';
import { dayCountingRule } from '../../i18n/labels';
import { ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '../../shared/schemas/assignment.schema';
import { KT_ACTIVITY_TYPES } from '../../shared/schemas/daily-log.schema';
import { formatEur } from '../../ui/format';
import { BarChart } from './BarChart';
import { i18n, useI18n } from './catalog';
import type { CountryFigures, DashboardFigures, Figures, SectorFigures } from './dashboard-figures';
import { SIGN_OFF_WAIT_DAYS } from './dashboard-figures';
import { FigureTable, type Column } from './FigureTable';

const STATUS_LABELS = {
  planned: /*i18n*/ 'dashboard.status.planned',
  active: /*i18n*/ 'dashboard.status.active',
  completed: /*i18n*/ 'dashboard.status.completed',
  cancelled: /*i18n*/ 'dashboard.status.cancelled',
};
const MODE_LABELS = {
  physical: /*i18n*/ 'dashboard.mode.physical',
  virtual: /*i18n*/ 'dashboard.mode.virtual',
  hybrid: /*i18n*/ 'dashboard.mode.hybrid',
};
const REPORT_FIGURES = ['reportsDue', 'reportsEndorsed', 'reportsOverdue'] as const;
const REPORT_LABELS = {
  reportsDue: /*i18n*/ 'dashboard.reports.due',
  reportsEndorsed: /*i18n*/ 'dashboard.reports.endorsed',
  reportsOverdue: /*i18n*/ 'dashboard.reports.overdue',
};

/** Label of a row of a table of ids above, in the active language. */
const labelIn =
  <K extends string>(ids: Record<K, string>) =>
  (key: K) =>
    i18n._(ids[key]);

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

/** The first column of a per-country table; the total row's name is already in words. */
function countryColumn(): Column<CountryFigures> {
  return {
    key: 'country',
    label: i18n._('dashboard.figures.country'),
    value: (row) => countryLabel(row.country),
  };
}

function allowanceColumn(): Column<CountryFigures> {
  return {
    key: 'allowance',
    label: i18n._('dashboard.figures.allowancesApproved'),
    value: (row) => row.allowanceApprovedEur,
    show: (row) => formatEur(row.allowanceApprovedEur),
  };
}

function countryFigureColumns(): Column<CountryFigures>[] {
  return [
    countryColumn(),
    { key: 'experts', label: i18n._('dashboard.figures.expertsMatched'), value: (row) => row.expertsMatched },
    { key: 'target', label: i18n._('dashboard.figures.target'), value: (row) => row.target },
    {
      key: 'percent',
      label: i18n._('dashboard.figures.percentOfTarget'),
      value: percentOfTarget,
      show: (row) => i18n._('dashboard.figures.percent', { percent: percentOfTarget(row) }),
    },
    { key: 'assignments', label: i18n._('dashboard.figures.assignmentsNotCancelled'), value: notCancelled },
    { key: 'onSite', label: i18n._('dashboard.figures.daysOnSite'), value: (row) => row.daysOnSite },
    { key: 'reached', label: i18n._('dashboard.figures.peopleReached'), value: (row) => row.peopleReached },
    { key: 'overdue', label: i18n._('dashboard.figures.reportsOverdue'), value: (row) => row.reportsOverdue },
    {
      key: 'waiting',
      label: i18n._('dashboard.figures.timesheetsWaitingLong', { days: SIGN_OFF_WAIT_DAYS }),
      value: (row) => row.timesheetsWaitingLong,
    },
    allowanceColumn(),
  ];
}

function sectorFigureColumns(): Column<SectorFigures>[] {
  return [
    {
      key: 'sector',
      label: i18n._('dashboard.figures.sector'),
      value: (row) =>
        i18n._('dashboard.figures.sectorInCountry', {
          sector: sectorLabel(row.sector),
          country: countryLabel(row.country),
        }),
    },
    { key: 'experts', label: i18n._('dashboard.figures.expertsMatched'), value: (row) => row.expertsMatched },
    { key: 'assignments', label: i18n._('dashboard.figures.assignmentsNotCancelled'), value: notCancelled },
    { key: 'onSite', label: i18n._('dashboard.figures.daysOnSite'), value: (row) => row.daysOnSite },
    { key: 'reached', label: i18n._('dashboard.figures.peopleReached'), value: (row) => row.peopleReached },
    { key: 'due', label: i18n._('dashboard.figures.reportsDue'), value: (row) => row.reportsDue },
    {
      key: 'endorsed',
      label: i18n._('dashboard.figures.reportsEndorsed'),
      value: (row) => row.reportsEndorsed,
    },
    { key: 'overdue', label: i18n._('dashboard.figures.reportsOverdue'), value: (row) => row.reportsOverdue },
  ];
}

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
  label: (key: K) => string,
  count: (figures: Figures, key: K) => number,
): { rows: BreakdownRow[]; columns: Column<BreakdownRow>[] } {
  const rows = keys.map((key) => ({
    key,
    label: label(key),
    byCountry: figures.countries.map((country) => count(country, key)),
    total: count(figures.total, key),
  }));
  const columns: Column<BreakdownRow>[] = [
    { key: 'label', label: '', value: (row) => row.label },
    ...figures.countries.map((country, index) => ({
      key: country.country,
      label: countryLabel(country.country),
      value: (row: BreakdownRow) => row.byCountry[index] ?? 0,
    })),
    { key: 'total', label: i18n._('dashboard.figures.total'), value: (row) => row.total },
  ];
  return { rows, columns };
}

/** One row per country, one column per category (a status, a mode…): narrow enough for half a page. */
function countryColumns<K extends string>(
  keys: readonly K[],
  label: (key: K) => string,
  count: (figures: Figures, key: K) => number,
): Column<CountryFigures>[] {
  return [
    countryColumn(),
    ...keys.map((key) => ({ key, label: label(key), value: (row: CountryFigures) => count(row, key) })),
  ];
}

export function DashboardFiguresView({
  figures,
  paidKnown,
}: {
  figures: DashboardFigures;
  paidKnown: boolean;
}) {
  const i18n = useI18n();
  const totalRow: CountryFigures = {
    ...figures.total,
    country: i18n._('dashboard.figures.all'),
    target: figures.countries.reduce((sum, country) => sum + country.target, 0),
    sectors: [],
  };
  const statusLabel = labelIn(STATUS_LABELS);
  const reach = breakdown(figures, KT_ACTIVITY_TYPES, ktActivityLabel, (f, t) => f.peopleReachedByType[t]);
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
        <h2 id="by-country">{i18n._('dashboard.byCountry.heading')}</h2>
        <BarChart
          title={i18n._('dashboard.byCountry.chartTitle')}
          describe={(bar) =>
            i18n._('dashboard.byCountry.chartBar', {
              country: bar.label,
              value: bar.value,
              target: bar.target ?? 0,
            })
          }
          bars={figures.countries.map((c) => ({
            label: countryLabel(c.country),
            value: c.expertsMatched,
            target: c.target,
          }))}
        />
        <FigureTable
          caption={i18n._('dashboard.byCountry.tableCaption')}
          columns={countryFigureColumns()}
          rows={figures.countries}
          rowKey={(row) => row.country}
          footer={totalRow}
          sortable
        />
        <p className="hint">{dayCountingRule()}</p>
      </section>
      <section className="dashboard-panel" aria-labelledby="by-status">
        <h2 id="by-status">{i18n._('dashboard.assignments.heading')}</h2>
        <BarChart
          title={i18n._('dashboard.assignments.byStatus')}
          describe={(bar) =>
            i18n._('dashboard.assignments.chartBar', { status: bar.label, count: bar.value })
          }
          bars={ASSIGNMENT_STATUSES.map((status) => ({
            label: statusLabel(status),
            value: figures.total.assignmentsByStatus[status],
          }))}
        />
        {countryTable(
          i18n._('dashboard.assignments.byStatus'),
          countryColumns(ASSIGNMENT_STATUSES, statusLabel, (f, status) => f.assignmentsByStatus[status]),
        )}
        {countryTable(
          i18n._('dashboard.assignments.byMode'),
          countryColumns(ASSIGNMENT_MODES, labelIn(MODE_LABELS), (f, mode) => f.assignmentsByMode[mode]),
        )}
      </section>
      <section className="dashboard-panel" aria-labelledby="reports">
        <h2 id="reports">{i18n._('dashboard.reports.heading')}</h2>
        {countryTable(
          i18n._('dashboard.reports.tableCaption'),
          countryColumns(REPORT_FIGURES, labelIn(REPORT_LABELS), (f, key) => f[key]),
        )}
        {countryTable(i18n._('dashboard.timesheets.tableCaption'), [
          countryColumn(),
          {
            key: 'waiting',
            label: i18n._('dashboard.timesheets.waitingLong', { days: SIGN_OFF_WAIT_DAYS }),
            value: (row) => row.timesheetsWaitingLong,
          },
          allowanceColumn(),
          {
            key: 'paid',
            label: i18n._('dashboard.timesheets.paid'),
            value: (row) => row.allowancePaidEur,
            show: (row) => (paidKnown ? formatEur(row.allowancePaidEur) : '—'),
          },
        ])}
        <p className="hint">
          {i18n._('dashboard.timesheets.allowancesHint')}
          {paidKnown ? '' : ` ${i18n._('dashboard.timesheets.paidOffline')}`}
        </p>
      </section>
      <section className="dashboard-panel dashboard-wide" aria-labelledby="reach">
        <h2 id="reach">{i18n._('dashboard.reach.heading')}</h2>
        <FigureTable
          caption={i18n._('dashboard.reach.tableCaption')}
          columns={firstColumn(i18n._('dashboard.reach.activity'), reach.columns)}
          rows={reach.rows}
          rowKey={(row) => row.key}
        />
      </section>
      <section className="dashboard-panel dashboard-wide" aria-labelledby="by-sector">
        <h2 id="by-sector">{i18n._('dashboard.bySector.heading')}</h2>
        <FigureTable
          caption={i18n._('dashboard.bySector.tableCaption')}
          columns={sectorFigureColumns()}
          rows={figures.countries.flatMap((country) => country.sectors)}
          rowKey={(row) => `${row.country}:${row.sector}`}
        />
      </section>
    </div>
  );
}
