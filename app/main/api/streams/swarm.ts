// services.logs: services' logs across their tasks and nodes, interleaved by time.
import { swarmApi } from '../../../engine/docker/swarm';
import type { SubscriptionHandlers } from '../types';

export const swarmStreams: Pick<SubscriptionHandlers, 'services.logs'> = {
  'services.logs': async ({ services, tail, follow }, { engine, signal }) => ({
    batches: swarmApi(await engine.client()).serviceLogs({ services, tail, follow, signal }),
  }),
};
