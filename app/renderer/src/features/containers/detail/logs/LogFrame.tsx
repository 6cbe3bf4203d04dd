// The body and footer both log views share: the error note, the list with its loading and empty
// overlays and "Jump to latest", and the footer counting lines and saying whether it follows.
import type { ReactNode } from 'react';
import { ErrorNote, Loading } from '../common/States';
import { JsonLineDetail } from './JsonLineDetail';
import { LogList } from './LogList';
import type { LogView } from './use-log-view';
import './log-json.css';

export interface LogFrameProps {
  view: LogView;
  /** The list's accessible name. */
  label: string;
  /** Said when the stream failed without a message. */
  errorFallback: string;
  /** Said when the stream holds no lines. */
  emptyText: string;
  /** The stream has an end (a time range that ends): nothing newer will come. */
  closed?: boolean;
}

export function LogFrame({ view, label, errorFallback, emptyText, closed }: LogFrameProps) {
  const { buffer, status, error } = view.source;
  const empty = buffer.length === 0;
  return (
    <>
      {status === 'error' && <ErrorNote error={{ message: error ?? errorFallback }} />}
      <div className="log-frame">
        <LogList label={label} {...view.list} />
        {empty && status === 'loading' && (
          <div className="log-overlay">
            <Loading label="Loading logs…" />
          </div>
        )}
        {empty && status !== 'loading' && status !== 'error' && (
          <div className="log-overlay">
            <span className="log-empty">{emptyText}</span>
          </div>
        )}
        {!view.follow && (
          <button type="button" className="bd-btn bd-btn-primary log-jump" onClick={() => view.setFollow(true)}>
            {closed ? 'Jump to the end' : 'Jump to latest'}
          </button>
        )}
      </div>
      {view.openJson !== null && view.openJson >= buffer.first && view.openJson < buffer.end && (
        <JsonLineDetail
          line={view.openJson}
          text={buffer.plain(view.openJson)}
          onClose={() => {
            view.setOpenJson(null);
            view.focusList();
          }}
          onFilter={(clause) => view.searchBar.field?.onChange(clause)}
        />
      )}
    </>
  );
}

/**
 * "N lines[ from …][ (dropped …)][ note] · following|paused"; with `closed` (a time range that ends)
 * that sentence instead of following or paused: such a stream never follows.
 */
export function LogFooter({
  view,
  from,
  note,
  closed,
}: {
  view: LogView;
  from?: string;
  note?: ReactNode;
  closed?: string | undefined;
}) {
  const { buffer } = view.source;
  return (
    <div className="log-footer" aria-live="off">
      {buffer.length.toLocaleString()} lines
      {from !== undefined && ` from ${from}`}
      {view.rows && ` · ${view.rows.lineCount.toLocaleString()} shown`}
      {buffer.dropped > 0 && ` (the oldest ${buffer.dropped.toLocaleString()} were dropped to keep Berth fast)`}
      {note}
      {closed ? ` · ${closed}` : view.follow ? ' · following' : ' · paused'}
    </div>
  );
}
