// A small read-only table: its name, its column heads (a last, unnamed-on-screen Actions column
// when its rows have buttons) and the rows the caller renders, each a <tr> named by its object.
import type { ReactNode } from 'react';
import { ActionsHeading } from './table-parts';

/** A column head: its text, or its text and class (`num` right-aligns a number column). */
export type Column = string | { label: string; className: string };

/** A right-aligned number column. */
export const num = (label: string): Column => ({ label, className: 'num' });

export function DataTable({
  label,
  columns,
  actions,
  className,
  children,
}: {
  /** The table's accessible name. */
  label: string;
  columns: Column[];
  /** Adds the Actions column (its head is read by screen readers only). */
  actions?: boolean;
  /** Classes besides `data-table`. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className ? `data-table ${className}` : 'data-table'} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <th key={c}>{c}</th>
            ) : (
              <th key={c.label} className={c.className}>
                {c.label}
              </th>
            ),
          )}
          {actions && <ActionsHeading />}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
