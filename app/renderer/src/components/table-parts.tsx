// Pieces of a data table's markup shared by the object lists, the containers list and the smaller
// tables: a sortable column heading, the hidden "Actions" heading, and a virtual list's spacer row.
import type { ReactNode } from 'react';

export type SortState = 'ascending' | 'descending' | undefined;

/**
 * A column heading; with `onSort` its label is a button that sorts by it, an arrow showing the
 * direction while it is the sorted column (`sort`).
 */
export function SortableHeading({
  label,
  className,
  sort,
  onSort,
}: {
  label: string;
  className?: string;
  sort: SortState;
  onSort?(): void;
}) {
  return (
    <th className={className} aria-sort={sort}>
      {onSort ? (
        <button type="button" className="sort" onClick={onSort}>
          {label}
          <span aria-hidden="true">{sort === 'descending' ? ' ▾' : sort ? ' ▴' : ''}</span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

/** The heading over a table's row buttons: named "Actions" for screen readers, blank on screen. */
export function ActionsHeading({ className }: { className?: string }) {
  return (
    <th scope="col" className={className}>
      <span className="visually-hidden">Actions</span>
    </th>
  );
}

/** Holds the height of the rows a virtual list leaves out (above or below those in view). */
export function SpacerRow({ height }: { height: number }): ReactNode {
  return height > 0 ? <tr style={{ height }} aria-hidden="true" /> : null;
}
