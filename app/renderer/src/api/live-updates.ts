// Keeps server state current without polling: a container event patches the one row it concerns
// (container-sync.ts) and makes only that container's inspect stale; other events invalidate exactly
// the lists they touch and the detail of the one object they name (by type, and by id or name); a
// reconnect lists everything again once.
import { useEffect, useRef } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { ContainerSummary, EngineEvent } from '../../../shared/contract';
import type { BerthClient } from './client';
import { ContainerSync } from './container-sync';
import { useClient, useQueryClient, useStream } from './hooks';

/** What a swarm task's change makes stale (a manager hears of it through its containers and services). */
const SWARM_TASK_KEYS = [['swarm.tasks'], ['services.list'], ['services.inspect'], ['stacks.list'], ['nodes.list']];

/**
 * A swarm task's container event comes before the manager has heard the task's new state from its
 * node (a few hundred ms later, seconds on a busy machine), and no event says when it has: the swarm
 * views read again this long after the last burst of such events, a few times, so a count that was
 * read too early does not stay wrong.
 */
export const SWARM_SETTLE_MS = [1000, 3000, 8000];

/** Whether this event is of a swarm task's container (its views read again as it settles). */
export const isSwarmTaskEvent = (e: EngineEvent): boolean =>
  e.type === 'container' && 'com.docker.swarm.service.id' in e.attributes;

/** Query keys (by method name prefix) that an event of this type makes stale. Container rows are patched, not here. */
export function staleKeys(e: EngineEvent): string[][] {
  switch (e.type) {
    case 'container': {
      // exec_* events are frequent and change nothing a list shows
      if (e.action.startsWith('exec_')) return [];
      const keys: string[][] = [];
      if ('com.docker.compose.project' in e.attributes) keys.push(['compose.list']);
      // A swarm task's container: its task list and the counts of its service, stack and node.
      if (isSwarmTaskEvent(e)) keys.push(...SWARM_TASK_KEYS);
      if (e.action === 'create' || e.action === 'destroy')
        keys.push(['images.list'], ['volumes.list'], ['networks.list']);
      return keys;
    }
    case 'image':
      return [['images.list']];
    case 'volume':
      return [['volumes.list']];
    case 'network':
      return [
        ['networks.list'],
        ['swarm.networkUse'],
        ['stacks.list'],
        ...(e.attributes.type === 'overlay' ? [['swarm.status']] : []),
      ];
    case 'service':
      return [...SWARM_TASK_KEYS, ['secrets.list'], ['configs.list'], ['swarm.networkUse']];
    case 'node':
      return [['nodes.list'], ['swarm.status'], ['swarm.tasks'], ['swarm.networkUse']];
    case 'secret':
      return [['secrets.list'], ['stacks.list']];
    case 'config':
      return [['configs.list'], ['stacks.list']];
    default:
      return [];
  }
}

/** `busybox` and `busybox:latest` name the same image (the engine's pull event says the latter). */
function withTag(ref: string): string {
  if (ref.includes('@') || ref.startsWith('sha256:')) return ref;
  return ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : `${ref}:latest`;
}

/**
 * Whether an event makes the detail query with this key (and cached answer) stale: the inspect of
 * the one image, volume or network it names, asked for by id or by name. Containers' inspect is
 * ContainerSync's (by id).
 */
export function touchesDetail(e: EngineEvent, key: readonly unknown[], data: unknown): boolean {
  const [method, args] = key as [string, Record<string, unknown> | undefined];
  const asked = args?.ref ?? args?.name;
  if (typeof asked !== 'string') return false;
  const d = (data ?? {}) as { id?: unknown; Id?: unknown };
  switch (e.type) {
    case 'image':
      return (
        method === 'images.inspect' &&
        (d.id === e.id || withTag(asked) === withTag(e.id) || (!!e.name && withTag(asked) === withTag(e.name)))
      );
    case 'volume':
      return method === 'volumes.inspect' && asked === e.id;
    case 'network':
      return method === 'networks.inspect' && (d.Id === e.id || asked === e.id || asked === e.name);
    default:
      return false;
  }
}

/** Marks stale the detail queries these events touch (touchesDetail); nothing else. */
export function invalidateDetails(queryClient: QueryClient, events: readonly EngineEvent[]): void {
  const named = events.filter((e) => e.type === 'image' || e.type === 'volume' || e.type === 'network');
  if (!named.length) return;
  void queryClient.invalidateQueries({
    predicate: (q) => named.some((e) => touchesDetail(e, q.queryKey, q.state.data)),
  });
}

const syncs = new WeakMap<QueryClient, ContainerSync>();

/** The one ContainerSync of this query cache (the live updates and every action share it). */
export function containerSync(queryClient: QueryClient, client: BerthClient): ContainerSync {
  let sync = syncs.get(queryClient);
  if (!sync) {
    sync = new ContainerSync({
      read: (id) => client.request('containers.summary', { id }),
      hasList: () => queryClient.getQueriesData({ queryKey: ['containers.list'] }).some(([, d]) => d !== undefined),
      update: (fn) =>
        queryClient.setQueriesData<ContainerSummary[]>({ queryKey: ['containers.list'] }, (rows) =>
          rows ? fn(rows) : rows,
        ),
      invalidateInspect: (id) => void queryClient.invalidateQueries({ queryKey: ['containers.inspect', { id }] }),
      now: () => Date.now(),
      later: (fn, ms) => void setTimeout(fn, ms),
      settleMs: 60,
    });
    syncs.set(queryClient, sync);
  }
  return sync;
}

export function useContainerSync(): ContainerSync {
  return containerSync(useQueryClient(), useClient());
}

export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  const client = useClient();
  const sync = useContainerSync();
  const settle = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => settle.current.forEach(clearTimeout), []);
  useStream('engine.events', {}, 'events', {
    onData(events) {
      sync.onEvents(events);
      const keys = new Map<string, string[]>();
      for (const e of events) for (const k of staleKeys(e)) keys.set(k.join('|'), k);
      for (const k of keys.values()) void queryClient.invalidateQueries({ queryKey: k });
      invalidateDetails(queryClient, events);
      if (events.some(isSwarmTaskEvent)) {
        settle.current.forEach(clearTimeout);
        settle.current = SWARM_SETTLE_MS.map((ms) =>
          setTimeout(() => {
            for (const k of SWARM_TASK_KEYS) void queryClient.invalidateQueries({ queryKey: k });
          }, ms),
        );
      }
    },
  });
  useEffect(
    () =>
      client.onConnection((s) => {
        if (s === 'open') void queryClient.invalidateQueries();
      }),
    [client, queryClient],
  );
}
