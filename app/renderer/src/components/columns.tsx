// Column factories for ObjectTable: the few column shapes the list pages (volumes, networks, images,
// compose, swarm, Kubernetes, image layers) share, so each page names only what differs.
import type { ReactNode } from 'react';
import { href, type Page } from '../app/router';
import { formatBytes } from './format';
import type { Column } from './ObjectTable';

/** What a page may add to or override in a factory's column (priority, class, its own sort value). */
type More<T> = Partial<Omit<Column<T>, 'label'>>;

/** A plain field, shown as it is and sorted by it. */
export function fieldColumn<T>(label: string, field: (row: T) => string | number, more?: More<T>): Column<T> {
  return { label, value: field, render: field, ...more };
}

/** The row's name as a link to its own page, `#/<page>/<...under>/<name>` (compose projects, stacks, services). */
export function linkColumn<T>(label: string, name: (row: T) => string, page: Page, ...under: string[]): Column<T> {
  return {
    label,
    value: name,
    className: 'name-cell',
    render: (r) => <a href={href(page, ...under, name(r))}>{name(r)}</a>,
  };
}

/**
 * Long text that takes the room the other columns leave: cut with an ellipsis, whole in its tooltip,
 * monospace if asked, optionally followed by a note (e.g. "(built in)").
 */
export function longTextColumn<T>(
  label: string,
  text: (row: T) => string,
  { mono, after }: { mono?: boolean; after?(row: T): ReactNode } = {},
): Column<T> {
  return {
    label,
    value: text,
    grow: true,
    render: (r) => (
      <span className={mono ? 'mono small' : undefined} title={text(r)}>
        {text(r)}
        {after?.(r)}
      </span>
    ),
  };
}

/**
 * The names of what a row holds or is used by (containers, services), cut with an ellipsis and whole in
 * the tooltip; `none` (muted) when there are none. Sorted by how many.
 */
export function namesColumn<T>(label: string, names: (row: T) => string[], none: string, more?: More<T>): Column<T> {
  return {
    label,
    value: (r) => names(r).length,
    className: 'col-list',
    render: (r) => {
      const list = names(r);
      if (!list.length) return <span className="muted">{none}</span>;
      return <span title={list.join(', ')}>{list.join(', ')}</span>;
    },
    ...more,
  };
}

/** A size in bytes, right-aligned; "—" while it is not known. Unknown sizes sort first. */
export function bytesColumn<T>(label: string, bytes: (row: T) => number | undefined, more?: More<T>): Column<T> {
  return {
    label,
    value: (r) => bytes(r) ?? -1,
    className: 'num',
    render: (r) => formatBytes(bytes(r)),
    ...more,
  };
}
