// A card of the Engine page: a region named by its heading, with a button in the head that asks its
// query again (saying it is busy while the answer comes), and the query's failure under it (not while
// the button is held: there is nothing to ask then).
import type { ReactNode } from 'react';

export function RefreshCard({
  title,
  wide,
  query,
  again,
  busy,
  disabled,
  children,
}: {
  /** The heading, and the region's name. */
  title: string;
  wide?: boolean;
  query: { isFetching: boolean; error: { message: string } | null; refetch(): unknown };
  /** The button's label ("Look again"), and what it says while the query runs ("Looking…"). */
  again: string;
  busy: string;
  /** Holds the button (e.g. while there is no engine to ask). */
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'card wide-card' : 'card'} role="region" aria-label={title}>
      <div className="card-head">
        <h2>{title}</h2>
        <button
          type="button"
          className="small"
          disabled={disabled || query.isFetching}
          onClick={() => void query.refetch()}
        >
          {query.isFetching ? busy : again}
        </button>
      </div>
      {!disabled && query.error && <p className="error-text">{query.error.message}</p>}
      {children}
    </div>
  );
}
