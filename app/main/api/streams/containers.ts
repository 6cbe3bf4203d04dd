// Container streams: logs, live stats, list samples and exec terminals, one call each onto the
// engine facade, handed to the pump.
import type { StatsSample } from '../../../shared/contract';
import type { SubscriptionHandlers } from '../types';
import { fromListener } from './from-listener';

export const containerStreams: Pick<
  SubscriptionHandlers,
  'containers.logs' | 'containers.stats' | 'stats.sample' | 'containers.exec'
> = {
  'containers.logs': async ({ id, follow, tail, since, until, timestamps }, { engine, signal }) => ({
    batches: (await engine.api()).containerLogs(id, {
      follow,
      tail,
      timestamps,
      signal,
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
    }),
  }),
  'containers.stats': async ({ id }, { engine, signal }) => ({
    items: (await engine.api()).containerStats(id, signal),
  }),
  // One sampler per engine connection; on Berth's VMs each round's counters come in one request.
  'stats.sample': async ({ ids }, { engine, signal }) => {
    const sampler = (await engine.api()).statsSampler(() => engine.vmHost()?.containerStats?.());
    return { batches: fromListener<StatsSample[]>(signal, (push) => sampler.subscribe(ids, push)) };
  },
  // Closed when the view goes, also when it went while the exec was opening.
  'containers.exec': async ({ id, shell, user, cols, rows }, { engine, signal }) =>
    (await engine.api()).openExec(id, { cols, rows, ...(shell ? { shell } : {}), ...(user ? { user } : {}) }, signal),
};
