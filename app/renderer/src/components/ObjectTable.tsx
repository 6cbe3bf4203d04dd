// A plain sortable table of engine objects, rows named by the object. For lists of modest size
// (images, volumes, networks); the containers list has its own virtualized table.
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  label: string;
  value?(row: T): string | number;
  render(row: T): ReactNode;
  className?: string;
}

export function ObjectTable<T>({
  label,
  rows,
  columns,
  rowName,
  rowKey,
  actions,
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowName(row: T): string;
  rowKey(row: T): string;
  actions?(row: T): ReactNode;
}) {
  const [sort, setSort] = useState(0);
  const [descending, setDescending] = useState(false);
  const sorted = useMemo(() => {
    const col = columns[sort];
    if (!col?.value) return rows;
    const v = col.value;
    return [...rows].sort((a, b) => {
      const x = v(a);
      const y = v(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return descending ? -c : c;
    });
  }, [rows, columns, sort, descending]);
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.label}
                className={c.className}
                aria-sort={i === sort ? (descending ? 'descending' : 'ascending') : undefined}
              >
                {c.value ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() => {
                      if (i === sort) setDescending(!descending);
                      else {
                        setSort(i);
                        setDescending(false);
                      }
                    }}
                  >
                    {c.label}
                    <span aria-hidden="true">{i === sort ? (descending ? ' ▾' : ' ▴') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
            {actions && (
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={rowKey(r)} aria-label={rowName(r)}>
              {columns.map((c) => (
                <td key={c.label} className={c.className}>
                  {c.render(r)}
                </td>
              ))}
              {actions && <td>{actions(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
