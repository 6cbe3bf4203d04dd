// Keeps server state current without polling: engine events invalidate exactly the queries they
// touch, and a reconnect refetches everything once.
import { useEffect } from 'react';
import type { EngineEvent } from '../../../shared/contract';
import { useClient, useQueryClient, useStream } from './hooks';

/** Query keys (by method name prefix) that an event of this type makes stale. */
export function staleKeys(e: EngineEvent): string[][] {
  switch (e.type) {
    case 'container':
      // exec_* events are frequent and change nothing a list shows
      if (e.action.startsWith('exec_')) return [];
      return [
        ['containers.list'],
        ['containers.inspect'],
        ['compose.list'],
        ['images.list'],
        ['volumes.list'],
        ['networks.list'],
      ].filter(
        (k) =>
          k[0] === 'containers.list' ||
          k[0] === 'containers.inspect' ||
          (k[0] === 'compose.list' && 'com.docker.compose.project' in e.attributes) ||
          ['create', 'destroy'].includes(e.action),
      );
    case 'image':
      return [['images.list']];
    case 'volume':
      return [['volumes.list']];
    case 'network':
      return [['networks.list'], ['containers.list']];
    default:
      return [];
  }
}

export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  const client = useClient();
  useStream('engine.events', {}, 'events', {
    onData(events) {
      const keys = new Map<string, string[]>();
      for (const e of events) for (const k of staleKeys(e)) keys.set(k.join('|'), k);
      for (const k of keys.values()) void queryClient.invalidateQueries({ queryKey: k });
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
