// A service's (or a stack's) logs across all its tasks and nodes, in the compose project logs view:
// one stream interleaved by time, each line marked with its task ("web.2") and coloured by service.
import { useMemo } from 'react';
import type { SwarmTask } from '../../../../shared/contract/areas/swarm';
import { MergedLogs, type UseMergedLines } from '../compose/MergedLogs';
import { toMarkedLine } from '../compose/service-colours';
import { linesFeed } from '../containers/detail/logs/log-feed';
import { useLogStream } from '../containers/detail/logs/use-log-stream';

export function ServiceLogs({
  name,
  label,
  services,
  tasks,
}: {
  /** The service's or stack's name. */
  name: string;
  label: string;
  /** Names of the services whose logs are shown. */
  services: readonly string[];
  tasks: readonly SwarmTask[];
}) {
  const groups = useMemo(
    () =>
      services.map((s) => ({
        name: s,
        containers: tasks.filter((t) => t.service === s && t.desiredState === 'running'),
      })),
    [services, tasks],
  );
  // Called by MergedLogs on every render, in the same place: a hook of its own.
  const useLines: UseMergedLines = (shown, tail, prefix) => {
    const list = [...(shown ?? services)];
    const key = `${list.join(',')}|${tail}`;
    const args = useMemo(() => ({ services: list, tail, follow: true }), [key]);
    return useLogStream(
      'services.logs',
      args,
      key,
      linesFeed((items) => items.map((l) => toMarkedLine(l, prefix))),
    );
  };
  if (!services.length) return <p className="muted empty">No services, so no logs.</p>;
  return (
    <MergedLogs
      name={name}
      label={label}
      services={groups}
      errorFallback="The service logs could not be read."
      emptyText="No log output yet."
      useLines={useLines}
    />
  );
}
