// images.*, volumes.* and networks.* requests.
import { listImages } from '../../../engine/docker/images';
import { listNetworks } from '../../../engine/docker/networks';
import { listVolumes } from '../../../engine/docker/volumes';
import type { RequestHandlers } from '../types';

export const objectHandlers: Pick<RequestHandlers, 'images.list' | 'volumes.list' | 'networks.list'> = {
  'images.list': async (_a, { engine }) => listImages(await engine.client()),
  'volumes.list': async (_a, { engine }) => listVolumes(await engine.client()),
  'networks.list': async (_a, { engine }) => listNetworks(await engine.client()),
};
