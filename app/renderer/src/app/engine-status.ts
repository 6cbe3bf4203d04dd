// The engine's status, kept current by one subscription and read by any component.
import type { EngineStatus } from '../../../shared/contract';
import { useQueryClient, useRequest, useStream } from '../api/hooks';

/** Mount once (in the shell): streams status changes into the query cache. */
export function useEngineStatusFeed(): void {
  const queryClient = useQueryClient();
  useStream('engine.status', {}, 'engine-status', {
    onData(items) {
      const last = items[items.length - 1];
      if (!last) return;
      const prev = queryClient.getQueryData<EngineStatus>(['engine.status']);
      queryClient.setQueryData(['engine.status'], last);
      // The engine came (back) up: everything shown may be stale.
      if (last.state === 'running' && prev && prev.state !== 'running') void queryClient.invalidateQueries();
    },
  });
}

export function useEngineStatus(): EngineStatus | undefined {
  return useRequest('engine.status').data;
}

export function engineReady(s: EngineStatus | undefined): boolean {
  return s?.state === 'running';
}

/** Berth's VM was stopped by the idle saver: asleep, not stopped; the next request wakes it. */
export function engineSleeping(s: EngineStatus | undefined): boolean {
  return !!s?.sleeping && s.state === 'stopped';
}
