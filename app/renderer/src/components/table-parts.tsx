// Pieces of a data table's markup shared by the object lists, the containers list and the smaller
// tables: a sortable column heading, the hidden "Actions" heading, and a virtual list's body.
import type { VirtualItem } from '@tanstack/react-virtual';
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

/** The rows of a virtual list now in view, and the room of those above and below (useVirtualRows). */
export interface VirtualView<R> {
  rows: readonly R[];
  items: VirtualItem[];
  top: number;
  bottom: number;
}

/** Holds the height of the rows a virtual list leaves out (above or below those in view). */
function SpacerRow({ height }: { height: number }) {
  return height > 0 ? <tr style={{ height }} aria-hidden="true" /> : null;
}

/** A virtual list's body: the table row of each row in view (`row(r, index in the whole list)`) between the spacers. */
export function VirtualBody<R>({ view, row }: { view: VirtualView<R>; row(r: R, index: number): ReactNode }) {
  return (
    <tbody>
      <SpacerRow height={view.top} />
      {view.items.map((v) => row(view.rows[v.index]!, v.index))}
      <SpacerRow height={view.bottom} />
    </tbody>
  );
}
