// The swarm's server state for the swarm views. Engine events keep it current (live-updates.ts). A
// manager hears no event when a task changes on another node, so while the swarm has more than one
// node, the lists that show tasks (and their counts) are read again every few seconds — only while
// the page is visible, and never on a single node.
import type { RequestArgs } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';

/** How often task views re-read while other nodes run tasks Berth hears no events of. */
export const REMOTE_TASKS_MS = 5000;

export function useSwarmStatus() {
  const ready = engineReady(useEngineStatus());
  return useRequest('swarm.status', undefined, { enabled: ready });
}

/** Whether this engine manages a swarm (so services, nodes, stacks, secrets and configs can be read). */
export function useIsManager(): boolean {
  return useSwarmStatus().data?.role === 'manager';
}

/** The re-read interval for views of tasks: only when other nodes exist. */
export function useRemoteTasksInterval(): number | false {
  const nodes = useSwarmStatus().data?.nodes ?? 1;
  return nodes > 1 ? REMOTE_TASKS_MS : false;
}

export function useServices() {
  const manager = useIsManager();
  const refetchInterval = useRemoteTasksInterval();
  return useRequest('services.list', undefined, { enabled: manager, refetchInterval });
}

export function useTasks(filter: RequestArgs<'swarm.tasks'>) {
  const manager = useIsManager();
  const refetchInterval = useRemoteTasksInterval();
  return useRequest('swarm.tasks', filter, { enabled: manager, refetchInterval });
}
