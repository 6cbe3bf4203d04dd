// The toolbar controls both log views share after the search bar: Timestamps, the view's own
// history choice (HistorySelect), Copy all, Download and their status line.
import type { ReactNode } from 'react';
import { StatusText } from '../common/States';
import type { LogView } from './use-log-view';

export function LogToolbarActions({ view, history }: { view: LogView; history: ReactNode }) {
  const empty = view.source.buffer.length === 0;
  return (
    <>
      <label className="bd-check">
        <input type="checkbox" checked={view.showTs} onChange={(e) => view.setShowTs(e.target.checked)} />
        Timestamps
      </label>
      {history}
      <button type="button" className="bd-btn" onClick={() => void view.copyAll()} disabled={empty}>
        Copy all
      </button>
      <button type="button" className="bd-btn" onClick={view.download} disabled={empty}>
        Download
      </button>
      <StatusText text={view.flash} />
    </>
  );
}

export interface HistorySelectProps<V extends string> {
  /** The text before the select (its accessible name unless `ariaLabel` is given). */
  label: string;
  ariaLabel?: string;
  title?: string;
  choices: readonly { value: V; label: string }[];
  value: NoInfer<V>;
  onChange(value: NoInfer<V>): void;
}

/** How much history to load: a labelled select over the view's own choices. */
export function HistorySelect<V extends string>(p: HistorySelectProps<V>) {
  return (
    <label className="bd-check" title={p.title}>
      {p.label}
      <select
        className="bd-select"
        aria-label={p.ariaLabel}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value as V)}
      >
        {p.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
