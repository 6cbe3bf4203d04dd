// A sortable table of engine objects whose rows are named by the object, virtualized: only the rows
// in view (plus a few) are in the DOM, so thousands of images, volumes or networks stay smooth.
// (The containers list has its own table: compose groups, selection and live stats.)
import { useMemo, useState, type ReactNode } from 'react';
import { ActionsHeading, SortableHeading, VirtualBody } from './table-parts';
import { useVirtualRows } from './use-virtual-rows';

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
  /** The row's React key; its name where names are unique (volumes, stacks, compose projects). */
  rowKey?(row: T): string;
  actions?(row: T): ReactNode;
  /** The column sorted first (its index) and its direction; the first column, ascending, otherwise. */
  initialSort?: { column: number; descending?: boolean };
}) {
  const [sort, setSort] = useState(initialSort?.column ?? 0);
  const [descending, setDescending] = useState(initialSort?.descending ?? false);
  const sorted = useMemo(() => sortRows(rows, columns[sort], descending), [rows, columns, sort, descending]);
  const sortBy = (i: number) => {
    if (i === sort) setDescending(!descending);
    else {
      setSort(i);
      setDescending(false);
    }
  };
  const keyOf = rowKey ?? rowName;
  const { scroller, view } = useVirtualRows(sorted, ROW_HEIGHT, 10);
  return (
    <div className="table-scroll" ref={scroller}>
      <table className="data-table" aria-label={label} aria-rowcount={sorted.length + 1}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <SortableHeading
                key={c.label}
                label={c.label}
                className={columnClass(c)}
                sort={i === sort ? (descending ? 'descending' : 'ascending') : undefined}
                onSort={c.value && (() => sortBy(i))}
              />
            ))}
            {actions && <ActionsHeading className="col-row-buttons" />}
          </tr>
        </thead>
        <VirtualBody
          view={view}
          row={(r, index) => (
            <tr key={keyOf(r)} aria-label={rowName(r)} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
              {columns.map((c) => (
                <td key={c.label} className={columnClass(c)}>
                  {c.render(r)}
                </td>
              ))}
              {actions && <td className="col-row-buttons">{actions(r)}</td>}
            </tr>
          )}
        />
      </table>
    </div>
  );
}
