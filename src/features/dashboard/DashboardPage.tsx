/**
 * The programme officer's dashboard (issue 10 §4): figures per country and sector and the work
 * queues, computed from the device database, so it works offline. Loaded on demand: nobody's first
 * screen carries it.
 */
import { useMemo, useState } from 'react';
import { useFieldbook } from '../../session/FieldbookProvider';
import type { DeviceDatabase } from '../../db/database';
import { localIsoDate } from '../../shared/dates';
import { countryLabel, sectorLabel } from '../../i18n/labels';
import { ALL_SECTORS, COUNTRIES, COUNTRY_SECTORS, type Country } from '../../shared/reference-data';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useI18n } from './catalog';
import { dashboardData$ } from './dashboard-data';
import { dashboardFigures, type DashboardFilters } from './dashboard-figures';
import { DashboardFiguresView } from './DashboardFigures';
import { EarlierTargetsOffer } from './EarlierTargetsOffer';
import { TargetsForm } from './TargetsForm';
import { usePaidMonths } from './usePaidMonths';
import { useProgrammeTargets } from './useProgrammeTargets';
import { workQueues } from './work-queues';
import { WorkQueueList } from './WorkQueueList';

export function DashboardPage() {
  const { session, device } = useFieldbook();
  const i18n = useI18n();
  useDocumentTitle(i18n._('dashboard.title'));
  if (session?.user.role !== 'officer') {
    return (
      <>
        <h1>{i18n._('dashboard.title')}</h1>
        <p className="notice" role="alert">
          {i18n._('dashboard.officersOnly')}
        </p>
      </>
    );
  }
  if (!device) return <Loading />;
  return <OfficerDashboard device={device} userId={session.user.id} token={session.token} />;
}

function OfficerDashboard({
  device,
  userId,
  token,
}: {
  device: DeviceDatabase;
  userId: string;
  token: string;
}) {
  const i18n = useI18n();
  const source = useMemo(() => dashboardData$(device), [device]);
  const documents = useObservable(source);
  const paidTimesheetIds = usePaidMonths(token);
  const data = useMemo(() => documents && { ...documents, paidTimesheetIds }, [documents, paidTimesheetIds]);
  const [filters, setFilters] = useState<DashboardFilters>({});
  const { targets, notices, setTarget, dismissNotice } = useProgrammeTargets(device);
  const today = localIsoDate();
  const periodBackwards = Boolean(filters.from && filters.to && filters.from > filters.to);
  const figures = useMemo(
    // Not before the targets are read: a country's bar would first stand against the default.
    () => (data && targets ? dashboardFigures(data, today, filters, targets) : null),
    [data, today, filters, targets],
  );
  const queues = useMemo(() => (data ? workQueues(data, today, filters) : null), [data, today, filters]);
  const sectors: readonly string[] = filters.country ? COUNTRY_SECTORS[filters.country] : ALL_SECTORS;

  function chooseCountry(value: string) {
    const country = (COUNTRIES as string[]).includes(value) ? (value as Country) : undefined;
    setFilters((current) => ({
      ...current,
      country,
      // A sector of another country would leave every figure at nought.
      sector:
        country && current.sector && !(COUNTRY_SECTORS[country] as readonly string[]).includes(current.sector)
          ? undefined
          : current.sector,
    }));
  }

  return (
    <div className="dashboard">
      <h1>{i18n._('dashboard.title')}</h1>
      <p className="hint">{i18n._('dashboard.intro')}</p>
      {targets && <EarlierTargetsOffer userId={userId} programme={targets} onSave={setTarget} />}
      <form
        className="dashboard-filters"
        aria-label={i18n._('dashboard.filters.label')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor="filter-country">{i18n._('dashboard.filters.country')}</label>
          <select
            id="filter-country"
            value={filters.country ?? ''}
            onChange={(e) => chooseCountry(e.target.value)}
          >
            <option value="">{i18n._('dashboard.filters.allCountries')}</option>
            {COUNTRIES.map((country) => (
              <option key={country} value={country}>
                {countryLabel(country)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sector">{i18n._('dashboard.filters.sector')}</label>
          <select
            id="filter-sector"
            value={filters.sector ?? ''}
            onChange={(e) => setFilters((current) => ({ ...current, sector: e.target.value || undefined }))}
          >
            <option value="">{i18n._('dashboard.filters.allSectors')}</option>
            {sectors.map((sector) => (
              <option key={sector} value={sector}>
                {sectorLabel(sector)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">{i18n._('dashboard.filters.from')}</label>
          <input
            id="filter-from"
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => setFilters((current) => ({ ...current, from: e.target.value || undefined }))}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{i18n._('dashboard.filters.to')}</label>
          <input
            id="filter-to"
            type="date"
            value={filters.to ?? ''}
            aria-invalid={periodBackwards || undefined}
            aria-describedby={periodBackwards ? 'period-error' : undefined}
            onChange={(e) => setFilters((current) => ({ ...current, to: e.target.value || undefined }))}
          />
        </div>
      </form>
      {periodBackwards && (
        <p id="period-error" className="form-error" role="alert">
          {i18n._('dashboard.filters.periodBackwards')}
        </p>
      )}
      {!figures || !queues || !targets ? (
        <Loading label={i18n._('dashboard.loading')} />
      ) : (
        <div className="dashboard-grid">
          <div className="dashboard-main">
            <DashboardFiguresView figures={figures} paidKnown={paidTimesheetIds !== null} />
            <TargetsForm
              countries={figures.countries.map((c) => c.country)}
              targets={targets}
              notices={notices}
              onSave={setTarget}
              onDismissNotice={dismissNotice}
            />
          </div>
          <aside className="dashboard-queues" aria-labelledby="queues-title">
            <h2 id="queues-title">{i18n._('dashboard.queues.heading')}</h2>
            <p className="hint">{i18n._('dashboard.queues.hint')}</p>
            <WorkQueueList queues={queues} />
          </aside>
        </div>
      )}
    </div>
  );
}
