// compose.logs: a project's logs interleaved by timestamp; containers that start later join through
// the engine's start events.
import type { SubscriptionHandlers } from '../types';

export const composeStreams: Pick<SubscriptionHandlers, 'compose.logs'> = {
  'compose.logs': async ({ project, services, tail, follow, since, until }, { engine, signal }) => ({
    batches: (await engine.api()).composeLogs(
      {
        project,
        tail,
        follow,
        signal,
        ...(services ? { services } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
      },
      (listener) => engine.onEvent(listener),
    ),
  }),
};
