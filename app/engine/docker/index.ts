// The engine facade: one EngineApi, bound to a connected client, whose functions answer in the
// contract's types (RequestResult<'…'>), so a handler is one line: `(await engine.api()).listImages()`.
// A new capability is one entry here (see app/engine/README.md); long-running work (tasks the task
// centre runs, streams a view reads) is one entry in long-running.ts, spread in below.
import type { RequestResult } from '../../shared/contract';
import type { EngineClient } from './client';
import { inspectContainer, listUserContainers, topContainer, userContainerSummary } from './containers';
import {
  killContainer,
  pauseContainer,
  removeContainer,
  renameContainer,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from './containers-lifecycle';
import { engineInfo, pruneKind, usageRows } from './engine-page';
import { swarmApi, type SwarmApi } from './swarm';
import { imageLayerSteps } from './image-history';
import { imageFiles } from './image-files';
import { imagesUsage } from './image-layers';
import { describeImage, listImages, removeImage, tagImage } from './images';
import { previewImagePrune, pruneImages } from './images-prune';
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  removeNetwork,
  type CreateNetworkOptions,
} from './networks';
import { rowFields, rowOf } from './contract-row';
import { containerRunCommand } from './run-command';
import { containerComposeService } from './compose-service';
import { containerEditSpecOf, editContainer } from './container-edit';
import { diskUsage } from './system';
import { engineInfoRaw, engineObjects, engineVersionRaw } from './diagnostics-report';
import { listVolumeDir } from './volume-files';
import { longRunning } from './long-running';
import { emptyVolume } from './volume-moves';
import {
  createVolume,
  inspectVolume,
  listVolumes,
  previewVolumePrune,
  pruneVolumes,
  removeVolume,
  type CreateVolumeOptions,
} from './volumes';

type NetworkRow = RequestResult<'networks.create'>;
type VolumeRow = RequestResult<'volumes.create'>;

const networkFields = rowFields<NetworkRow>()([
  'id',
  'name',
  'driver',
  'scope',
  'subnets',
  'internal',
  'attachable',
  'builtIn',
  'containers',
]);
const volumeFields = rowFields<VolumeRow>()([
  'name',
  'driver',
  'mountpoint',
  'created',
  'labels',
  'inUse',
  'containers',
]);
/** The contract's network row: the engine's record without the fields only the engine side uses. */
const networkRow = (n: NetworkRow): NetworkRow => rowOf(n, networkFields);
/** The contract's volume row (likewise). */
const volumeRow = (v: VolumeRow): VolumeRow => rowOf(v, volumeFields);

const facade = {
  // containers
  listContainers: (c: EngineClient, all?: boolean): Promise<RequestResult<'containers.list'>> =>
    listUserContainers(c, { all }),
  containerSummary: (c: EngineClient, id: string): Promise<RequestResult<'containers.summary'>> =>
    userContainerSummary(c, id),
  inspectContainer,
  topContainer: (c: EngineClient, id: string): Promise<RequestResult<'containers.top'>> => topContainer(c, id),
  containerRunCommand: (c: EngineClient, id: string): Promise<RequestResult<'containers.runCommand'>> =>
    containerRunCommand(c, id),
  containerComposeService: (c: EngineClient, id: string): Promise<RequestResult<'containers.composeService'>> =>
    containerComposeService(c, id),
  containerEditSpec: (c: EngineClient, id: string): Promise<RequestResult<'containers.editSpec'>> =>
    containerEditSpecOf(c, id),
  editContainer: (c: EngineClient, id: string, spec: unknown): Promise<RequestResult<'containers.edit'>> =>
    editContainer(c, id, spec),
  startContainer,
  stopContainer,
  restartContainer,
  killContainer,
  pauseContainer,
  unpauseContainer,
  removeContainer,
  renameContainer,
  // images
  listImages: (c: EngineClient): Promise<RequestResult<'images.list'>> => listImages(c),
  describeImage: (c: EngineClient, ref: string): Promise<RequestResult<'images.inspect'>> => describeImage(c, ref),
  imagesUsage: (c: EngineClient): Promise<RequestResult<'images.usage'>> => imagesUsage(c),
  imageLayers: (c: EngineClient, ref: string): Promise<RequestResult<'images.layers'>> => imageLayerSteps(c, ref),
  imageLayerFiles: (c: EngineClient, ref: string): Promise<RequestResult<'images.layerFiles'>> => imageFiles(c, ref),
  tagImage,
  removeImage,
  previewImagePrune: async (c: EngineClient, all: boolean): Promise<RequestResult<'images.prunePreview'>> => {
    const p = await previewImagePrune(c, { all });
    return { images: p.images, spaceReclaimed: p.spaceReclaimed };
  },
  pruneImages: (c: EngineClient, all: boolean): Promise<RequestResult<'images.prune'>> => pruneImages(c, { all }),
  // networks
  listNetworks: async (c: EngineClient): Promise<NetworkRow[]> => (await listNetworks(c)).map(networkRow),
  createNetwork: async (c: EngineClient, opts: CreateNetworkOptions): Promise<NetworkRow> =>
    networkRow(await createNetwork(c, opts)),
  inspectNetwork: async (c: EngineClient, name: string): Promise<Record<string, unknown>> => ({
    ...(await inspectNetwork(c, name)),
  }),
  removeNetwork,
  connectNetwork,
  disconnectNetwork,
  // volumes
  listVolumes: async (c: EngineClient): Promise<VolumeRow[]> => (await listVolumes(c)).map(volumeRow),
  createVolume: async (c: EngineClient, opts: CreateVolumeOptions): Promise<VolumeRow> =>
    volumeRow(await createVolume(c, opts)),
  inspectVolume: async (c: EngineClient, name: string): Promise<Record<string, unknown>> => ({
    ...(await inspectVolume(c, name)),
  }),
  removeVolume,
  volumeSizes: async (c: EngineClient): Promise<RequestResult<'volumes.sizes'>> =>
    Object.fromEntries((await diskUsage(c)).volumes.items.map((v) => [v.name, v.size])),
  previewVolumePrune: async (c: EngineClient, all: boolean): Promise<RequestResult<'volumes.prunePreview'>> => ({
    volumes: (await previewVolumePrune(c, { all })).volumes.map((v) => v.name),
  }),
  pruneVolumes: (c: EngineClient, all: boolean): Promise<RequestResult<'volumes.prune'>> => pruneVolumes(c, { all }),
  volumeFiles: async (c: EngineClient, name: string, path: string): Promise<RequestResult<'volumes.files'>> =>
    (await listVolumeDir(c, name, path)).entries,
  emptyVolume: (
    c: EngineClient,
    name: string,
    confirm: string,
    signal?: AbortSignal,
  ): Promise<RequestResult<'volumes.empty'>> => emptyVolume(c, name, { confirm, ...(signal ? { signal } : {}) }),
  // swarm: its own facade (app/engine/docker/swarm), bound to the same client
  swarm: (c: EngineClient): SwarmApi => swarmApi(c),
  // the engine page
  engineInfo: (c: EngineClient): Promise<RequestResult<'engine.info'>> => engineInfo(c),
  diskUsage: (c: EngineClient): Promise<RequestResult<'engine.diskUsage'>> => usageRows(c),
  prune: (c: EngineClient, kind: Parameters<typeof pruneKind>[1]): Promise<RequestResult<'engine.prune'>> =>
    pruneKind(c, kind),
  // the diagnostics bundle: the engine's own words (redacted by the bundle) and its objects by name and size
  engineVersionRaw,
  engineInfoRaw,
  engineObjects,
  // tasks and streams
  ...longRunning,
};

export type { EngineTask } from './engine-task';
/** Which compose CLI there is: asked of this machine, not of an engine (none need run). */
export { composeCliInfo } from '../compose/cli-detect';
/** A project's compose files read for the editor, and one saved: file work on this machine, no engine. */
export { openComposeProject, saveComposeFile } from '../compose/compose-files-api';
export type { Terminal } from './terminal';
export type { ByteSource } from './transfers';
/** The connected client the facade is bound to, and the per-request signal main's API attaches to it. */
export { withAbortSignal, type EngineClient } from './client';

type Facade = typeof facade;
/** A facade function with its client already given. */
type Bound<F> = F extends (client: EngineClient, ...args: infer A) => infer R ? (...args: A) => R : never;

/** The engine, as handlers call it: every function of the facade, bound to one client. */
export type EngineApi = { readonly [K in keyof Facade]: Bound<Facade[K]> };

/** Binds the facade to a client (the call's own client, which carries its abort signal). */
export function engineApi(client: EngineClient): EngineApi {
  const api: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(facade) as [string, (c: EngineClient, ...a: unknown[]) => unknown][])
    api[name] = (...args: unknown[]) => fn(client, ...args);
  return api as EngineApi;
}
