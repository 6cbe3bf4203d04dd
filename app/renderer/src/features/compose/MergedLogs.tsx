// Several sources' logs in one stream, interleaved by time, each line marked and coloured by its
// service: the container logs view's search, follow and list, plus a filter by service. A compose
// project's logs and a swarm service's or stack's logs are this view with their own stream.
import { useMemo, useState } from 'react';
import type { LogStream } from '../containers/detail/logs/use-log-stream';
import { LogFooter, LogFrame } from '../containers/detail/logs/LogFrame';
import { ShowHistoryToolbar } from '../containers/detail/logs/LogToolbarActions';
import { useLogView } from '../containers/detail/logs/use-log-view';
import { TimeRangePicker } from '../containers/detail/logs/TimeRangePicker';
import {
  closedRangeText,
  emptyRangeText,
  LIVE,
  type LogRange,
  type RangeWindow,
} from '../containers/detail/logs/time-range';
import { prefixContext, serviceColourClass, type PrefixContext } from './service-colours';
import '../containers/detail/common/common.css';
import '../containers/detail/logs/logs.css';
import './compose.css';

const historyOf = (each: string, all: string) =>
  [
    { value: '1000', label: `Last 1 000 lines per ${each}` },
    { value: '10000', label: `Last 10 000 lines per ${each}` },
    { value: 'all', label: all },
  ] as const;
type History = ReturnType<typeof historyOf>[number]['value'];

/** What the marked sources are called: a compose or swarm view's services, a workload's pods. */
const WORDS = {
  services: { shown: 'Services shown', all: 'all services', each: 'container', allLines: 'All lines' },
  pods: { shown: 'Pods shown', all: 'all pods', each: 'pod', allLines: 'All lines (up to 200 000 in all)' },
} as const;

/**
 * A hook (the same function on every render) that streams the lines of `services` (all when
 * undefined), `tail` lines of history each, marked by `prefix`, within `range` when the view offers
 * one (`timeRange`); it returns the window it opened with.
 */
export type UseMergedLines = (
  services: readonly string[] | undefined,
  tail: number | 'all',
  prefix: PrefixContext,
  range: LogRange,
) => LogStream & { window?: RangeWindow };

export function MergedLogs({
  name,
  label,
  services,
  emptyText,
  errorFallback,
  useLines,
  timeRange = false,
  sources = 'services',
}: {
  /** What the logs are of, for ids and the search's saved state. */
  name: string;
  /** The log list's accessible name, e.g. "Logs of project shop". */
  label: string;
  /** Its services, with their containers (or tasks): a service with several gets numbered markers. */
  services: readonly { name: string; containers: readonly unknown[] }[];
  emptyText: string;
  errorFallback: string;
  useLines: UseMergedLines;
  /** Offers the time range picker (the stream honours `range`). */
  timeRange?: boolean;
  /** What the marked sources are: services (compose, swarm) or pods (a Kubernetes workload). */
  sources?: keyof typeof WORDS;
}) {
  const words = WORDS[sources];
  const choices = useMemo(() => historyOf(words.each, words.allLines), [words]);
  const prefix = useMemo(() => prefixContext(services), [services]);
  const allServices = prefix.services;
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = allServices.filter((s) => !hidden.has(s));
  const filterArg = hidden.size ? shown : undefined;
  const [history, setHistory] = useState<History>('1000');
  const [range, setRange] = useState<LogRange>(LIVE);
  const source = useLines(filterArg, history === 'all' ? 'all' : Number(history), prefix, range);
  const view = useLogView(source, name);
  const closed = source.window && closedRangeText(source.window);

  const toggle = (service: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(service)) next.delete(service);
      else if (allServices.length - next.size > 1) next.add(service);
      return next;
    });

  return (
    <div className="bd-tab logs-tab project-logs" ref={view.root}>
      <div className="svc-filter" role="group" aria-labelledby={`svc-filter-${name}`}>
        <span id={`svc-filter-${name}`} className="svc-filter-title">
          {words.shown}
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
      <ShowHistoryToolbar
        view={view}
        choices={choices}
        history={history}
        onHistory={setHistory}
        range={timeRange && <TimeRangePicker range={range} onChange={setRange} />}
        hideHistory={range.kind !== 'live'}
      />
      <LogFrame
        view={view}
        label={label}
        errorFallback={errorFallback}
        emptyText={(source.window && emptyRangeText(range, source.window)) ?? emptyText}
        closed={!!closed}
      />
      <LogFooter
        view={view}
        from={shown.length === allServices.length ? words.all : shown.join(', ')}
        closed={closed}
      />
    </div>
  );
}
