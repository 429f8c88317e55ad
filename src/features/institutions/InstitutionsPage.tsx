/**
 * The officers' Institutions screen (issue 10 §2, §4; docs/sync-protocol.md IN-*): the host
 * institutions on this device, searched, filtered by country and sector, sorted by name or
 * country. They are replicated data, so the screen works offline; loaded on demand.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useFieldbook } from '../../session/FieldbookProvider';
import { institutions$ } from '../../db/institutions';
import { ALL_SECTORS, COUNTRIES, COUNTRY_SECTORS, type Country } from '../../shared/reference-data';
import { writeRefusal } from '../../shared/rules/access';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import {
  filterInstitutions,
  NO_INSTITUTION_FILTERS,
  type InstitutionFilters,
  type InstitutionSort,
} from './institution-list';
import { institutionPath, NEW_INSTITUTION_PATH } from '../../shared/paths';
import { InstitutionRefusals } from '../refusals';
import { countryLabel, sectorLabel } from '../../i18n/labels';
import { useI18n } from './catalog';
import { lockText } from '../../ui/reasons';

export function InstitutionsPage() {
  const { session } = useFieldbook();
  const i18n = useI18n();
  useDocumentTitle(i18n._('institutions.page.title'));
  if (session?.user.role !== 'officer') {
    // The shared access rule's message: English for now (issue 13).
    return (
      <>
        <h1>{i18n._('institutions.page.title')}</h1>
        <p className="notice" role="alert">
          {session ? lockText(writeRefusal(session.user, 'institutions', undefined)) : null}
        </p>
      </>
    );
  }
  return <OfficerInstitutions />;
}

function OfficerInstitutions() {
  const { device } = useFieldbook();
  const i18n = useI18n();
  const source = useMemo(() => (device ? institutions$(device) : null), [device]);
  const all = useObservable(source);
  const [filters, setFilters] = useState<InstitutionFilters>(NO_INSTITUTION_FILTERS);
  const shown = useMemo(() => (all ? filterInstitutions(all, filters) : []), [all, filters]);
  const set = (patch: Partial<InstitutionFilters>) => setFilters((previous) => ({ ...previous, ...patch }));
  const sectors = filters.country ? COUNTRY_SECTORS[filters.country as Country] : ALL_SECTORS;

  return (
    <>
      <h1>{i18n._('institutions.page.title')}</h1>
      {device && <InstitutionRefusals device={device} />}
      <p>
        <Link to={NEW_INSTITUTION_PATH} className="button primary">
          {i18n._('institutions.page.new')}
        </Link>
      </p>
      <div className="filters" role="search" aria-label={i18n._('institutions.filter.label')}>
        <div className="field">
          <label htmlFor="institutions-search">{i18n._('institutions.filter.search')}</label>
          <input
            id="institutions-search"
            type="search"
            dir="auto"
            value={filters.text}
            onChange={(event) => set({ text: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="institutions-country">{i18n._('institutions.filter.country')}</label>
          <select
            id="institutions-country"
            value={filters.country}
            onChange={(event) => {
              const country = event.target.value;
              const keepSector =
                !country ||
                (COUNTRY_SECTORS[country as Country] as readonly string[]).includes(filters.sector);
              set({ country, sector: keepSector ? filters.sector : '' });
            }}
          >
            <option value="">{i18n._('institutions.filter.allCountries')}</option>
            {COUNTRIES.map((country) => (
              <option key={country} value={country}>
                {countryLabel(country)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="institutions-sector">{i18n._('institutions.filter.sector')}</label>
          <select
            id="institutions-sector"
            value={filters.sector}
            onChange={(event) => set({ sector: event.target.value })}
          >
            <option value="">{i18n._('institutions.filter.allSectors')}</option>
            {sectors.map((sector) => (
              <option key={sector} value={sector}>
                {sectorLabel(sector)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="institutions-sort">{i18n._('institutions.filter.sort')}</label>
          <select
            id="institutions-sort"
            value={filters.sort}
            onChange={(event) => set({ sort: event.target.value as InstitutionSort })}
          >
            <option value="name">{i18n._('institutions.filter.sortName')}</option>
            <option value="country">{i18n._('institutions.filter.sortCountry')}</option>
          </select>
        </div>
        {all && (
          <p role="status" className="hint">
            {shown.length === all.length
              ? i18n._('institutions.filter.count', { count: all.length })
              : i18n._('institutions.filter.shown', { shown: shown.length, count: all.length })}
          </p>
        )}
      </div>
      {!all ? (
        <Loading />
      ) : all.length === 0 ? (
        <p>{i18n._('institutions.page.empty')}</p>
      ) : (
        <table className="day-table">
          <thead>
            <tr>
              <th scope="col">{i18n._('institutions.table.name')}</th>
              <th scope="col">{i18n._('institutions.table.country')}</th>
              <th scope="col">{i18n._('institutions.table.sector')}</th>
              <th scope="col">{i18n._('institutions.table.city')}</th>
              <th scope="col">{i18n._('institutions.table.focalPoint')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((institution) => (
              <tr key={institution.id}>
                <th scope="row" data-label={i18n._('institutions.table.name')}>
                  <Link to={institutionPath(institution.id)} dir="auto">
                    {institution.name}
                  </Link>
                </th>
                <td data-label={i18n._('institutions.table.country')}>{countryLabel(institution.country)}</td>
                <td data-label={i18n._('institutions.table.sector')}>{sectorLabel(institution.sector)}</td>
                {/* Typed text in a span of its own: the cell's label (data-label) keeps the screen's direction. */}
                <td data-label={i18n._('institutions.table.city')}>
                  <span dir="auto">{institution.city ?? '—'}</span>
                </td>
                <td data-label={i18n._('institutions.table.focalPoint')}>
                  <span dir="auto">
                    {[
                      institution.focalPoint?.name,
                      institution.focalPoint?.email,
                      institution.focalPoint?.phone,
                    ]
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
