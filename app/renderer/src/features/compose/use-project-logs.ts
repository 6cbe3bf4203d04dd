// Streams a project's merged logs (compose.logs, through useLogStream), each line marked with its
// service. A change of services, history or time range starts over.
import { useMemo } from 'react';
import { linesFeed } from '../containers/detail/logs/log-feed';
import { rangeKey, rangeWindow, type LogRange, type RangeWindow } from '../containers/detail/logs/time-range';
import { useLogStream, type LogStream } from '../containers/detail/logs/use-log-stream';
import type { PrefixContext } from './service-colours';
import { toMarkedLine } from './service-colours';

export function useProjectLogs(
  project: string,
  services: readonly string[] | undefined,
  tail: number | 'all',
  prefix: PrefixContext,
  range: LogRange,
): LogStream & { window: RangeWindow } {
  const key = `${project}|${services?.join(',') ?? '*'}|${tail}|${rangeKey(range)}`;
  // Recomputed exactly when the key changes (a relative range is relative to that moment).
  const window = useMemo(() => rangeWindow(range, Date.now()), [key]);
  const args = useMemo(
    () => ({
      project,
      // A range loads every line of its window; live loads the chosen tail.
      tail: window.allLines ? ('all' as const) : tail,
      follow: window.until === undefined,
      ...(services ? { services: [...services] } : {}),
      ...(window.since !== undefined ? { since: window.since } : {}),
      ...(window.until !== undefined ? { until: window.until } : {}),
    }),
    [key, window],
  );
  // useStream calls the latest callbacks, so lines are marked with the current prefix.
  const source = useLogStream(
    'compose.logs',
    args,
    key,
    linesFeed((items) => items.map((l) => toMarkedLine(l, prefix))),
  );
  return { ...source, window };
}
