/** Search and filters above the people list; they apply to the pages loaded so far. */
import { ROLES } from '../../shared/users';
import { PERSON_STATUSES, roleLabel, statusLabel } from './people-labels';
import type { PeopleFilters } from './people-filters';
import { useI18n } from './catalog';

interface Props {
  filters: PeopleFilters;
  onChange(filters: PeopleFilters): void;
  shown: number;
  loaded: number;
  more: boolean;
}

export function PeopleFilterBar({ filters, onChange, shown, loaded, more }: Props) {
  const i18n = useI18n();
  const set = (patch: Partial<PeopleFilters>) => onChange({ ...filters, ...patch });
  const count = { shown, count: loaded };
  return (
    <div className="filters" role="search" aria-label={i18n._('people.filter.label')}>
      <div className="field">
        <label htmlFor="people-search">{i18n._('people.filter.search')}</label>
        <input
          id="people-search"
          type="search"
          dir="auto"
          value={filters.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="people-role">{i18n._('people.filter.role')}</label>
        <select id="people-role" value={filters.role} onChange={(event) => set({ role: event.target.value })}>
          <option value="">{i18n._('people.filter.allRoles')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="people-status">{i18n._('people.filter.status')}</label>
        <select
          id="people-status"
          value={filters.status}
          onChange={(event) => set({ status: event.target.value })}
        >
          <option value="">{i18n._('people.filter.allStatuses')}</option>
          {PERSON_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="hint">
        {shown === loaded
          ? more
            ? i18n._('people.filter.countSoFar', count)
            : i18n._('people.filter.count', count)
          : more
            ? i18n._('people.filter.shownSoFar', count)
            : i18n._('people.filter.shown', count)}
      </p>
    </div>
  );
}
