// A sortable table of engine objects whose rows are named by the object, virtualized: only the rows
// in view (plus a few) are in the DOM, so thousands of images, volumes or networks stay smooth.
// (The containers list has its own table: compose groups, selection and live stats.)
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';

export interface Column<T> {
  label: string;
  value?(row: T): string | number;
  render(row: T): ReactNode;
  className?: string;
  /** Gives way when the table's box narrows: 3 first (below 900 px), then 2 (below 700 px). */
  priority?: 2 | 3;
  /** Takes the room the others leave; its text is cut with an ellipsis instead of widening the table. */
  grow?: boolean;
}

const columnClass = <T,>(c: Column<T>): string | undefined =>
  [c.className, c.priority ? `col-p${c.priority}` : '', c.grow ? 'col-grow' : ''].filter(Boolean).join(' ') ||
  undefined;

const ROW_HEIGHT = 44;

export function sortRows<T>(rows: T[], column: Column<T> | undefined, descending: boolean): T[] {
  if (!column?.value) return rows;
  const v = column.value;
  return [...rows].sort((a, b) => {
    const x = v(a);
    const y = v(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -c : c;
  });
}

export function ObjectTable<T>({
  label,
  rows,
  columns,
  rowName,
  rowKey,
  actions,
  initialSort,
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowName(row: T): string;
  rowKey(row: T): string;
  actions?(row: T): ReactNode;
  /** The column sorted first (its index) and its direction; the first column, ascending, otherwise. */
  initialSort?: { column: number; descending?: boolean };
}) {
  const [sort, setSort] = useState(initialSort?.column ?? 0);
  const [descending, setDescending] = useState(initialSort?.descending ?? false);
  const sorted = useMemo(() => sortRows(rows, columns[sort], descending), [rows, columns, sort, descending]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div className="table-scroll" ref={scroller}>
      <table className="data-table" aria-label={label} aria-rowcount={sorted.length + 1}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.label}
                className={columnClass(c)}
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
              <th className="col-row-buttons">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {top > 0 && <tr style={{ height: top }} aria-hidden="true" />}
          {items.map((v) => {
            const r = sorted[v.index]!;
            return (
              <tr key={rowKey(r)} aria-label={rowName(r)} aria-rowindex={v.index + 2} style={{ height: ROW_HEIGHT }}>
                {columns.map((c) => (
                  <td key={c.label} className={columnClass(c)}>
                    {c.render(r)}
                  </td>
                ))}
                {actions && <td className="col-row-buttons">{actions(r)}</td>}
              </tr>
            );
          })}
          {bottom > 0 && <tr style={{ height: bottom }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}
