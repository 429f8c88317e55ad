/** Search and filters above the people list; they apply to the pages loaded so far. */
import { ROLES } from '../../shared/users';
import type { PersonStatus } from '../../shared/people';
import { ROLE_LABELS, STATUS_LABELS } from './people-labels';
import type { PeopleFilters } from './people-filters';

interface Props {
  filters: PeopleFilters;
  onChange(filters: PeopleFilters): void;
  shown: number;
  loaded: number;
  more: boolean;
}

export function PeopleFilterBar({ filters, onChange, shown, loaded, more }: Props) {
  const set = (patch: Partial<PeopleFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="filters" role="search" aria-label="Filter people">
      <div className="field">
        <label htmlFor="people-search">Search name or email</label>
        <input
          id="people-search"
          type="search"
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="people-role">Show role</label>
        <select id="people-role" value={filters.role} onChange={(event) => set({ role: event.target.value })}>
          <option value="">All roles</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="people-status">Show status</label>
        <select
          id="people-status"
          value={filters.status}
          onChange={(event) => set({ status: event.target.value })}
        >
          <option value="">All statuses</option>
          {(Object.keys(STATUS_LABELS) as PersonStatus[]).map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="hint">
        {shown === loaded ? `${loaded} people` : `${shown} of ${loaded} people`}
        {more ? ' loaded so far' : ''}
      </p>
    </div>
  );
}
