// Streams a project's merged logs (compose.logs, through useLogStream), each line marked with its
// service. A change of services or history starts over.
import { useMemo } from 'react';
import { linesFeed } from '../containers/detail/logs/log-feed';
import { useLogStream, type LogStream } from '../containers/detail/logs/use-log-stream';
import type { PrefixContext } from './service-colours';
import { toMarkedLine } from './service-colours';

export function useProjectLogs(
  project: string,
  services: readonly string[] | undefined,
  tail: number | 'all',
  prefix: PrefixContext,
): LogStream {
  const key = `${project}|${services?.join(',') ?? '*'}|${tail}`;
  const args = useMemo(
    () => ({ project, tail, follow: true, ...(services ? { services: [...services] } : {}) }),
    [key],
  );
  // useStream calls the latest callbacks, so lines are marked with the current prefix.
  return useLogStream(
    'compose.logs',
    args,
    key,
    linesFeed((items) => items.map((l) => toMarkedLine(l, prefix))),
  );
}
