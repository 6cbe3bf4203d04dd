// The Logs tab: a live, virtualized, searchable view of one container's logs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { useFlash } from '../common/use-flash';
import { ErrorNote, Loading, StatusText } from '../common/States';
import { LogList, type LogListHandle } from './LogList';
import { LogSearchBar } from './LogSearchBar';
import { logExport, useFindShortcut } from './log-view-tools';
import type { SearchIndex } from './search';
import { tailChoices, type TailChoice } from './tail-choice';
import { useLogSearch } from './use-log-search';
import { useLogSource } from './use-log-source';
import '../common/common.css';
import './logs.css';

export function LogsTab({ container }: { container: ContainerSummary }) {
  const [choice, setChoice] = useState<TailChoice>('1000');
  const { buffer, version, status, error } = useLogSource(container.id, container.state, choice);
  const [follow, setFollow] = useState(true);
  const [showTs, setShowTs] = useState(false);
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [filter, setFilter] = useState(false);
  const [flash, setFlash] = useFlash();
  const list = useRef<LogListHandle>(null);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const opts = useMemo(() => ({ regex, caseSensitive }), [regex, caseSensitive]);

  const filterOn = filter && !!query;
  const topLine = useCallback(() => {
    const row = list.current?.topRow() ?? 0;
    return buffer.first + row;
  }, [buffer]);
  const onJump = useCallback(
    (k: number, index: SearchIndex) => {
      const at = index.locate(k);
      if (!at) return;
      setFollow(false);
      const row = filterOn ? at.lineIndex : at.line - buffer.first;
      requestAnimationFrame(() => list.current?.scrollToRow(row));
    },
    [buffer, filterOn],
  );
  const search = useLogSearch(buffer, version, query, opts, topLine, onJump);
  const current = search.index && search.current >= 0 ? search.index.locate(search.current) : undefined;

  // Turning the filter on or off changes every row's position: keep the current match in view.
  const lastFilter = useRef(filterOn);
  useEffect(() => {
    if (lastFilter.current === filterOn) return;
    lastFilter.current = filterOn;
    if (search.index && search.current >= 0) onJump(search.current, search.index);
  }, [filterOn, onJump, search.index, search.current]);

  // Ctrl/Cmd+F focuses the search box while this tab is shown.
  useFindShortcut(root, input);

  const { copyAll, download } = logExport({
    buffer,
    index: search.index,
    filterOn,
    showTs,
    fileName: container.name,
    flash: setFlash,
  });

  const empty = buffer.length === 0;
  return (
    <div className="bd-tab logs-tab" ref={root}>
      <div className="bd-toolbar">
        <LogSearchBar
          inputRef={input}
          query={query}
          onQuery={setQuery}
          regex={regex}
          onRegex={setRegex}
          caseSensitive={caseSensitive}
          onCaseSensitive={setCaseSensitive}
          filter={filter}
          onFilter={setFilter}
          error={search.error}
          total={search.index?.total ?? 0}
          current={search.current}
          scanning={search.scanning}
          onNext={search.next}
          onPrev={search.prev}
        />
        <div className="log-actions">
          <label className="bd-check">
            <input type="checkbox" checked={showTs} onChange={(e) => setShowTs(e.target.checked)} />
            Timestamps
          </label>
          <label className="bd-check" title="How many lines to load">
            Lines
            <select
              className="bd-select"
              aria-label="Lines"
              value={choice}
              onChange={(e) => setChoice(e.target.value as TailChoice)}
            >
              {tailChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="bd-btn" onClick={() => void copyAll()} disabled={empty}>
            Copy all
          </button>
          <button type="button" className="bd-btn" onClick={download} disabled={empty}>
            Download
          </button>
          <StatusText text={flash} />
        </div>
      </div>
      {status === 'error' && <ErrorNote error={{ message: error ?? 'The logs could not be read.' }} />}
      <div className="log-frame">
        <LogList
          label={`Logs of ${container.name}`}
          buffer={buffer}
          version={version}
          filter={filterOn ? search.index : null}
          showTs={showTs}
          re={search.index?.re ?? null}
          current={current}
          follow={follow}
          onFollowChange={setFollow}
          handle={list}
          tick={search.tick}
        />
        {empty && status === 'loading' && (
          <div className="log-overlay">
            <Loading label="Loading logs…" />
          </div>
        )}
        {empty && status !== 'loading' && status !== 'error' && (
          <div className="log-overlay">
            <span className="log-empty">
              {container.state === 'running' ? 'No log output yet.' : 'This container wrote no logs.'}
            </span>
          </div>
        )}
        {!follow && (
          <button type="button" className="bd-btn bd-btn-primary log-jump" onClick={() => setFollow(true)}>
            Jump to latest
          </button>
        )}
      </div>
      <div className="log-footer" aria-live="off">
        {buffer.length.toLocaleString()} lines
        {buffer.dropped > 0 && ` (the oldest ${buffer.dropped.toLocaleString()} were dropped to keep Berth fast)`}
        {status === 'ended' && ' · the log stream ended (the container is not running)'}
        {follow ? ' · following' : ' · paused'}
      </div>
    </div>
  );
}
