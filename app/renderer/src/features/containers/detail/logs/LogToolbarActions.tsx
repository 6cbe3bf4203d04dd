// The toolbar controls the log views share after the search bar: Timestamps, the view's own
// history choice (a ToolbarSelect), Copy all, Download and their status line; and the whole toolbar of
// the views whose history is a "Show" choice (merged logs, a pod's log).
import type { ReactNode } from 'react';
import { StatusText } from '../common/States';
import { ToolbarSelect } from '../common/ToolbarSelect';
import { LogSearchBar } from './LogSearchBar';
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

/** A toolbar: the view's own controls (`children`), the search bar, then the actions with a "Show" history choice. */
export function ShowHistoryToolbar<V extends string>(p: {
  view: LogView;
  choices: readonly { value: V; label: string }[];
  history: NoInfer<V>;
  onHistory(value: NoInfer<V>): void;
  children?: ReactNode;
  /** Shown before the history choice (the time range picker). */
  range?: ReactNode;
  /** Hides the history choice (a time range loads every line of its window). */
  hideHistory?: boolean;
}) {
  return (
    <div className="bd-toolbar">
      {p.children}
      <LogSearchBar {...p.view.searchBar} />
      <span className="bd-spacer" />
      <LogToolbarActions
        view={p.view}
        history={
          <>
            {p.range}
            {!p.hideHistory && (
              <ToolbarSelect label="Show" choices={p.choices} value={p.history} onChange={p.onHistory} />
            )}
          </>
        }
      />
    </div>
  );
}
