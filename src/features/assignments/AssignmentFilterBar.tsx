/** The officer's search, filters and sort order above the list of all assignments. */
import { COUNTRIES } from '../../shared/reference-data';
import { ASSIGNMENT_STATUSES } from '../../shared/schemas/assignment.schema';
import { ASSIGNMENT_SORTS, type AssignmentFilters, type AssignmentSort } from './assignment-filters';

interface Props {
  filters: AssignmentFilters;
  onChange(filters: AssignmentFilters): void;
  shown: number;
  total: number;
}

export function AssignmentFilterBar({ filters, onChange, shown, total }: Props) {
  const set = (patch: Partial<AssignmentFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="filters" role="search" aria-label="Filter assignments">
      <div className="field">
        <label htmlFor="assignments-search">Search institution or expert</label>
        <input
          id="assignments-search"
          type="search"
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="assignments-country">Country</label>
        <select
          id="assignments-country"
          value={filters.country}
          onChange={(event) => set({ country: event.target.value })}
        >
          <option value="">All countries</option>
          {COUNTRIES.map((country) => (
            <option key={country}>{country}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assignments-status">Status</label>
        <select
          id="assignments-status"
          value={filters.status}
          onChange={(event) => set({ status: event.target.value })}
        >
          <option value="">All statuses</option>
          {ASSIGNMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status[0]!.toUpperCase() + status.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assignments-sort">Sort by</label>
        <select
          id="assignments-sort"
          value={filters.sort}
          onChange={(event) => set({ sort: event.target.value as AssignmentSort })}
        >
          {Object.entries(ASSIGNMENT_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="hint">
        {shown === total ? `${total} assignments` : `${shown} of ${total} assignments`}
      </p>
    </div>
  );
}
