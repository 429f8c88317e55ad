/** The officer's search, filters and sort order above the list of all assignments. */
import { COUNTRIES } from '../../shared/reference-data';
import { formatNumber } from '../../ui/format';
import { ASSIGNMENT_STATUSES } from '../../shared/schemas/assignment.schema';
import { countryLabel } from '../../i18n/labels';
import { ASSIGNMENT_SORTS, type AssignmentFilters, type AssignmentSort } from './assignment-filters';
import { statusChoice } from './assignment-words';
import { useI18n } from './catalog';

interface Props {
  filters: AssignmentFilters;
  onChange(filters: AssignmentFilters): void;
  shown: number;
  total: number;
}

export function AssignmentFilterBar({ filters, onChange, shown, total }: Props) {
  const i18n = useI18n();
  const set = (patch: Partial<AssignmentFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="filters" role="search" aria-label={i18n._('assignments.filters.label')}>
      <div className="field">
        <label htmlFor="assignments-search">{i18n._('assignments.filters.search')}</label>
        <input
          id="assignments-search"
          type="search"
          dir="auto"
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="assignments-country">{i18n._('assignments.filters.country')}</label>
        <select
          id="assignments-country"
          value={filters.country}
          onChange={(event) => set({ country: event.target.value })}
        >
          <option value="">{i18n._('assignments.filters.allCountries')}</option>
          {COUNTRIES.map((country) => (
            <option key={country} value={country}>
              {countryLabel(country)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assignments-status">{i18n._('assignments.filters.status')}</label>
        <select
          id="assignments-status"
          value={filters.status}
          onChange={(event) => set({ status: event.target.value })}
        >
          <option value="">{i18n._('assignments.filters.allStatuses')}</option>
          {ASSIGNMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusChoice(status)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assignments-sort">{i18n._('assignments.filters.sort')}</label>
        <select
          id="assignments-sort"
          value={filters.sort}
          onChange={(event) => set({ sort: event.target.value as AssignmentSort })}
        >
          {Object.entries(ASSIGNMENT_SORTS).map(([value, id]) => (
            <option key={value} value={value}>
              {i18n._(id)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="hint">
        {shown === total
          ? i18n._('assignments.filters.count', { count: total })
          : i18n._('assignments.filters.shownOf', { count: total, shown: formatNumber(shown) })}
      </p>
    </div>
  );
}
