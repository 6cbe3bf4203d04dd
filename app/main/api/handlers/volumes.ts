// volumes.* requests: one call each onto the engine facade; files are read through a helper container.
import { diskUsage } from '../../../engine/docker/system';
import { listVolumeDir } from '../../../engine/docker/volume-files';
import {
  createVolume,
  inspectVolume,
  listVolumes,
  previewVolumePrune,
  pruneVolumes,
  removeVolume,
} from '../../../engine/docker/volumes';
import type { RequestHandlers } from '../types';

type VolumeHandlers = Pick<
  RequestHandlers,
  | 'volumes.list'
  | 'volumes.create'
  | 'volumes.inspect'
  | 'volumes.remove'
  | 'volumes.sizes'
  | 'volumes.prunePreview'
  | 'volumes.prune'
  | 'volumes.files'
>;

const summary = <
  T extends {
    name: string;
    driver: string;
    mountpoint: string;
    created?: string;
    labels: Record<string, string>;
    inUse: boolean;
    containers: string[];
  },
>(
  v: T,
) => ({
  name: v.name,
  driver: v.driver,
  mountpoint: v.mountpoint,
  ...(v.created ? { created: v.created } : {}),
  labels: v.labels,
  inUse: v.inUse,
  containers: v.containers,
});

export const volumeHandlers: VolumeHandlers = {
  'volumes.list': async (_a, { engine }) => (await listVolumes(await engine.client())).map(summary),
  'volumes.create': async ({ name, driver }, { engine }) =>
    summary(await createVolume(await engine.client(), { name, driver })),
  'volumes.inspect': async ({ name }, { engine }) => {
    const v = await inspectVolume(await engine.client(), name);
    return { ...v } as Record<string, unknown>;
  },
  'volumes.remove': async ({ name }, { engine }) => removeVolume(await engine.client(), name),
  'volumes.sizes': async (_a, { engine }) =>
    Object.fromEntries((await diskUsage(await engine.client())).volumes.items.map((v) => [v.name, v.size])),
  'volumes.prunePreview': async ({ all }, { engine }) => ({
    volumes: (await previewVolumePrune(await engine.client(), { all })).volumes.map((v) => v.name),
  }),
  'volumes.prune': async ({ all }, { engine }) => pruneVolumes(await engine.client(), { all }),
  'volumes.files': async ({ name, path }, { engine }) =>
    (await listVolumeDir(await engine.client(), name, path)).entries,
};
