// services.logs: services' logs across their tasks and nodes, interleaved by time.
import type { SubscriptionHandlers } from '../types';

export const swarmStreams: Pick<SubscriptionHandlers, 'services.logs'> = {
  'services.logs': async ({ services, tail, follow }, { engine, signal }) => ({
    batches: (await engine.api()).swarm().serviceLogs({ services, tail, follow, signal }),
  }),
};
