// A project's logs: every service in one stream, interleaved by time, each line marked and coloured
// by its service; the container logs view's search, follow and list, plus a filter by service.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { ErrorNote, Loading, StatusText } from '../containers/detail/common/States';
import { useFlash } from '../containers/detail/common/use-flash';
import { LogList, type LogListHandle } from '../containers/detail/logs/LogList';
import { LogSearchBar } from '../containers/detail/logs/LogSearchBar';
import { logExport, useFindShortcut } from '../containers/detail/logs/log-view-tools';
import type { SearchIndex } from '../containers/detail/logs/search';
import { useLogSearch } from '../containers/detail/logs/use-log-search';
import { prefixContext, serviceColourClass } from './service-colours';
import { useProjectLogs } from './use-project-logs';
import '../containers/detail/common/common.css';
import '../containers/detail/logs/logs.css';
import './compose.css';

const HISTORY = [
  { value: '1000', label: 'Last 1 000 lines per container' },
  { value: '10000', label: 'Last 10 000 lines per container' },
  { value: 'all', label: 'All lines' },
] as const;

export function ProjectLogs({ project }: { project: ComposeProject }) {
  const prefix = useMemo(() => prefixContext(project.services), [project.services]);
  const allServices = prefix.services;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = allServices.filter((s) => !hidden.has(s));
  const filterArg = hidden.size ? shown : undefined;
  const [history, setHistory] = useState<(typeof HISTORY)[number]['value']>('1000');
  const { buffer, version, status, error } = useProjectLogs(
    project.name,
    filterArg,
    history === 'all' ? 'all' : Number(history),
    prefix,
  );
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

  const topLine = useCallback(() => buffer.first + (list.current?.topRow() ?? 0), [buffer]);
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

  useFindShortcut(root, input);

  const toggle = (service: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(service)) next.delete(service);
      else if (allServices.length - next.size > 1) next.add(service);
      return next;
    });

  const { copyAll, download } = logExport({
    buffer,
    index: search.index,
    filterOn,
    showTs,
    fileName: project.name,
    flash: setFlash,
  });
  const empty = buffer.length === 0;

  return (
    <div className="bd-tab logs-tab project-logs" ref={root}>
      <div className="svc-filter" role="group" aria-labelledby={`svc-filter-${project.name}`}>
        <span id={`svc-filter-${project.name}`} className="svc-filter-title">
          Services shown
        </span>
        {allServices.map((s) => (
          <label key={s} className={`svc-chip ${serviceColourClass(allServices, s)}`}>
            <input
              type="checkbox"
              checked={!hidden.has(s)}
              disabled={!hidden.has(s) && shown.length === 1}
              onChange={() => toggle(s)}
            />
            <span className="svc-swatch" aria-hidden="true" />
            {s}
          </label>
        ))}
      </div>
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
        <span className="bd-spacer" />
        <label className="bd-check">
          <input type="checkbox" checked={showTs} onChange={(e) => setShowTs(e.target.checked)} />
          Timestamps
        </label>
        <label className="bd-check">
          Show
          <select className="bd-select" value={history} onChange={(e) => setHistory(e.target.value as typeof history)}>
            {HISTORY.map((c) => (
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
      {status === 'error' && <ErrorNote error={{ message: error ?? 'The project logs could not be read.' }} />}
      <div className="log-frame">
        <LogList
          label={`Logs of project ${project.name}`}
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
              {project.running
                ? 'No log output yet.'
                : 'No logs: the project\u2019s containers wrote none, or none exist.'}
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
        {buffer.length.toLocaleString()} lines from{' '}
        {shown.length === allServices.length ? 'all services' : shown.join(', ')}
        {buffer.dropped > 0 && ` (the oldest ${buffer.dropped.toLocaleString()} were dropped to keep Berth fast)`}
        {follow ? ' · following' : ' · paused'}
      </div>
    </div>
  );
}
