// The JSON field filter in the logs search bar: `level=error`, `status>=500 msg~timeout`, a field
// alone for "has it". Shows how many lines it keeps, and refuses a filter it cannot read with a
// sentence saying how to write one.
import { useId } from 'react';

export interface FieldFilterInputProps {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  /** Lines kept so far, or undefined while no filter is set. */
  kept: number | undefined;
  /** Lines hidden because they are not JSON. */
  notJson: number;
  scanning: boolean;
  /** Top-level fields seen in JSON lines (suggestions). */
  fields: readonly string[];
}

export function fieldCountText(kept: number | undefined, notJson: number, scanning: boolean): string {
  if (kept === undefined) return '';
  const more = scanning ? '+' : '';
  const lines = `${kept.toLocaleString()}${more} ${kept === 1 && !more ? 'line' : 'lines'}`;
  return notJson ? `${lines} (${notJson.toLocaleString()} not JSON hidden)` : lines;
}

export function FieldFilterInput(p: FieldFilterInputProps) {
  const id = useId();
  const count = fieldCountText(p.kept, p.notJson, p.scanning);
  return (
    <span className="log-field-filter">
      <input
        className="bd-input log-field-input"
        type="search"
        aria-label="Filter by field"
        placeholder="Fields: level=error"
        title="Only JSON lines whose fields match: level=error, status>=500, msg~timeout, a field alone; spaces join clauses"
        list={`${id}-fields`}
        value={p.value}
        spellCheck={false}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && p.value) {
            e.preventDefault();
            p.onChange('');
          }
        }}
      />
      <datalist id={`${id}-fields`}>
        {p.fields.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <span className="log-count" role="status" aria-live="polite">
        {count}
      </span>
      {p.error && (
        <span id={`${id}-error`} className="log-search-error" role="alert">
          {p.error}
        </span>
      )}
    </span>
  );
}
