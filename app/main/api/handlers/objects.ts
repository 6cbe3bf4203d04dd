// volumes.* and networks.* requests.
import { listNetworks } from '../../../engine/docker/networks';
import { listVolumes } from '../../../engine/docker/volumes';
import type { RequestHandlers } from '../types';

export const objectHandlers: Pick<RequestHandlers, 'volumes.list' | 'networks.list'> = {
  'volumes.list': async (_a, { engine }) => listVolumes(await engine.client()),
  'networks.list': async (_a, { engine }) => listNetworks(await engine.client()),
};
