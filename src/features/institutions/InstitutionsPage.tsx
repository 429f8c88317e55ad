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

export function InstitutionsPage() {
  const { session } = useFieldbook();
  useDocumentTitle('Host institutions');
  if (session?.user.role !== 'officer') {
    return (
      <>
        <h1>Host institutions</h1>
        <p className="notice" role="alert">
          {session ? writeRefusal(session.user, 'institutions', undefined) : null}
        </p>
      </>
    );
  }
  return <OfficerInstitutions />;
}

function OfficerInstitutions() {
  const { device } = useFieldbook();
  const source = useMemo(() => (device ? institutions$(device) : null), [device]);
  const all = useObservable(source);
  const [filters, setFilters] = useState<InstitutionFilters>(NO_INSTITUTION_FILTERS);
  const shown = useMemo(() => (all ? filterInstitutions(all, filters) : []), [all, filters]);
  const set = (patch: Partial<InstitutionFilters>) => setFilters((previous) => ({ ...previous, ...patch }));
  const sectors = filters.country ? COUNTRY_SECTORS[filters.country as Country] : ALL_SECTORS;

  return (
    <>
      <h1>Host institutions</h1>
      {device && <InstitutionRefusals device={device} />}
      <p>
        <Link to={NEW_INSTITUTION_PATH} className="button primary">
          New institution
        </Link>
      </p>
      <div className="filters" role="search" aria-label="Filter institutions">
        <div className="field">
          <label htmlFor="institutions-search">Search name, city or focal point</label>
          <input
            id="institutions-search"
            type="search"
            value={filters.text}
            onChange={(event) => set({ text: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="institutions-country">Show country</label>
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
            <option value="">All countries</option>
            {COUNTRIES.map((country) => (
              <option key={country} value={country}>
                {country}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="institutions-sector">Show sector</label>
          <select
            id="institutions-sector"
            value={filters.sector}
            onChange={(event) => set({ sector: event.target.value })}
          >
            <option value="">All sectors</option>
            {sectors.map((sector) => (
              <option key={sector} value={sector}>
                {sector}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="institutions-sort">Sort by</label>
          <select
            id="institutions-sort"
            value={filters.sort}
            onChange={(event) => set({ sort: event.target.value as InstitutionSort })}
          >
            <option value="name">Name</option>
            <option value="country">Country, then name</option>
          </select>
        </div>
        {all && (
          <p role="status" className="hint">
            {shown.length === all.length
              ? `${all.length} institutions`
              : `${shown.length} of ${all.length} institutions`}
          </p>
        )}
      </div>
      {!all ? (
        <Loading />
      ) : all.length === 0 ? (
        <p>No host institutions yet. Add the first with “New institution”.</p>
      ) : (
        <table className="day-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Country</th>
              <th scope="col">Sector</th>
              <th scope="col">City</th>
              <th scope="col">Focal point</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((institution) => (
              <tr key={institution.id}>
                <th scope="row" data-label="Name">
                  <Link to={institutionPath(institution.id)}>{institution.name}</Link>
                </th>
                <td data-label="Country">{institution.country}</td>
                <td data-label="Sector">{institution.sector}</td>
                <td data-label="City">{institution.city ?? '—'}</td>
                <td data-label="Focal point">
                  {[
                    institution.focalPoint?.name,
                    institution.focalPoint?.email,
                    institution.focalPoint?.phone,
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
