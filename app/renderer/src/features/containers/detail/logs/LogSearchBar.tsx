// The search controls of the logs tab: query, match count, previous/next, Regex, Match case, Filter.
import type { RefObject } from 'react';
import { FieldFilterInput, type FieldFilterInputProps } from './FieldFilterInput';

export interface LogSearchBarProps {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery(q: string): void;
  regex: boolean;
  onRegex(v: boolean): void;
  caseSensitive: boolean;
  onCaseSensitive(v: boolean): void;
  filter: boolean;
  onFilter(v: boolean): void;
  error?: string;
  total: number;
  current: number;
  scanning: boolean;
  onNext(): void;
  onPrev(): void;
  /** The JSON field filter beside the search. */
  field?: FieldFilterInputProps;
}

export function countText(query: string, total: number, current: number, scanning: boolean, error?: string): string {
  if (!query || error) return '';
  if (total === 0) return scanning ? 'Searching…' : 'No matches';
  const more = scanning ? '+' : '';
  return current >= 0 ? `${current + 1} of ${total}${more}` : `${total}${more} matches`;
}

export function LogSearchBar(p: LogSearchBarProps) {
  const count = countText(p.query, p.total, p.current, p.scanning, p.error);
  return (
    <div className="log-search" role="search">
      <input
        ref={p.inputRef}
        className="bd-input log-search-input"
        type="search"
        aria-label="Search logs"
        placeholder="Search logs (Ctrl+F)"
        value={p.query}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? 'log-search-error' : undefined}
        onChange={(e) => p.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) p.onPrev();
            else p.onNext();
          } else if (e.key === 'Escape' && p.query) {
            e.preventDefault();
            p.onQuery('');
          }
        }}
      />
      <span className="log-count" role="status" aria-live="polite">
        {count}
      </span>
      {(
        [
          ['Previous match', 'Shift+Enter', '↑', p.onPrev],
          ['Next match', 'Enter', '↓', p.onNext],
        ] as const
      ).map(([label, keys, arrow, onClick]) => (
        <button
          key={label}
          type="button"
          className="bd-btn"
          aria-label={label}
          title={`${label} (${keys})`}
          disabled={!p.total}
          onClick={onClick}
        >
          {arrow}
        </button>
      ))}
      <label className="bd-check">
        <input type="checkbox" checked={p.regex} onChange={(e) => p.onRegex(e.target.checked)} />
        Regex
      </label>
      <label className="bd-check">
        <input type="checkbox" checked={p.caseSensitive} onChange={(e) => p.onCaseSensitive(e.target.checked)} />
        Match case
      </label>
      <label className="bd-check">
        <input type="checkbox" checked={p.filter} onChange={(e) => p.onFilter(e.target.checked)} />
        Filter
      </label>
      {p.field && <FieldFilterInput {...p.field} />}
      {p.error && (
        <span id="log-search-error" className="log-search-error" role="alert">
          {p.error}
        </span>
      )}
    </div>
  );
}
