/**
 * A table of figures with its caption; with `sortable`, each column header is a button that sorts
 * by that column (again: the other way). It scrolls sideways inside its own box, so a wide table
 * never widens a phone's screen.
 */
import { useState, type ReactNode } from 'react';
import { formatNumber } from '../../ui/format';

export interface Column<Row> {
  key: string;
  label: string;
  value: (row: Row) => number | string;
  /** How the value reads; the plain value when absent. */
  show?: (row: Row) => ReactNode;
}

interface Sort {
  key: string;
  ascending: boolean;
}

export function FigureTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sortable = false,
  footer,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sortable?: boolean;
  footer?: Row;
}) {
  const [sort, setSort] = useState<Sort | null>(null);
  const column = sort ? columns.find((candidate) => candidate.key === sort.key) : undefined;
  const sorted =
    sort && column
      ? [...rows].sort((a, b) => {
          const x = column.value(a);
          const y = column.value(b);
          const order =
            typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return sort.ascending ? order : -order;
        })
      : rows;

  function sortBy(key: string) {
    // Numbers are read biggest first; a second press turns the order round.
    setSort((current) =>
      current?.key === key
        ? { key, ascending: !current.ascending }
        : { key, ascending: key === columns[0]?.key },
    );
  }

  const cell = (row: Row, col: Column<Row>) => {
    if (col.show) return col.show(row);
    const value = col.value(row);
    // In the language's own digits, as the sentences around the table.
    return typeof value === 'number' ? formatNumber(value) : value;
  };

  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="figure-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => {
              const direction =
                sort?.key === col.key ? (sort.ascending ? 'ascending' : 'descending') : undefined;
              return (
                <th key={col.key} scope="col" aria-sort={sortable ? (direction ?? 'none') : undefined}>
                  {sortable ? (
                    <button type="button" className="sort-button" onClick={() => sortBy(col.key)}>
                      {col.label}
                      <span aria-hidden="true">
                        {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    col.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((col, index) =>
                index === 0 ? (
                  <th key={col.key} scope="row">
                    {cell(row, col)}
                  </th>
                ) : (
                  <td key={col.key}>{cell(row, col)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              {columns.map((col, index) =>
                index === 0 ? (
                  <th key={col.key} scope="row">
                    {cell(footer, col)}
                  </th>
                ) : (
                  <td key={col.key}>{cell(footer, col)}</td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
