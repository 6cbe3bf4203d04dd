// System: engine info, version, disk usage (df) and system prune.
import type { EngineInfo } from '../../shared/contract/dto';
import { dialJson, type EngineClient } from './client';
import { pruneContainers } from './containers';
import { attempt } from './errors';
import { realTags } from './images';
import { previewImagePrune, pruneImages } from './images-prune';
import { pruneNetworks } from './networks';
import { pruneVolumes } from './volumes';

/** `docker info`: the Engine page's fields (EngineInfo; `os` here is the engine's OSType) and more. */
export interface SystemInfo extends Pick<
  EngineInfo,
  | 'version'
  | 'apiVersion'
  | 'os'
  | 'kernel'
  | 'architecture'
  | 'cpus'
  | 'memory'
  | 'dataRoot'
  | 'storageDriver'
  | 'cgroupVersion'
  | 'containers'
  | 'images'
> {
  name: string;
  id: string;
  /** API version the engine speaks. */
  engineApiVersion: string;
  operatingSystem: string;
  cgroupDriver: string;
  rootless: boolean;
  warnings: string[];
}

interface RawInfo {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  OSType?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  DockerRootDir?: string;
  Driver?: string;
  CgroupVersion?: string;
  CgroupDriver?: string;
  SecurityOptions?: string[] | null;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  Warnings?: string[] | null;
}

export async function getSystemInfo(client: EngineClient): Promise<SystemInfo> {
  const i = await attempt('read the engine information', () => dialJson<RawInfo>(client, { path: '/info' }));
  return {
    name: i.Name ?? '',
    id: i.ID ?? '',
    version: i.ServerVersion ?? '',
    apiVersion: client.apiVersion,
    engineApiVersion: client.engineApiVersion,
    os: i.OSType ?? '',
    operatingSystem: i.OperatingSystem ?? '',
    kernel: i.KernelVersion ?? '',
    architecture: i.Architecture ?? '',
    cpus: i.NCPU ?? 0,
    memory: i.MemTotal ?? 0,
    dataRoot: i.DockerRootDir ?? '',
    storageDriver: i.Driver ?? '',
    cgroupVersion: i.CgroupVersion ?? '',
    cgroupDriver: i.CgroupDriver ?? '',
    rootless: (i.SecurityOptions ?? []).some((o) => o.includes('name=rootless')),
    containers: {
      total: i.Containers ?? 0,
      running: i.ContainersRunning ?? 0,
      paused: i.ContainersPaused ?? 0,
      stopped: i.ContainersStopped ?? 0,
    },
    images: i.Images ?? 0,
    warnings: i.Warnings ?? [],
  };
}

export interface SystemVersion {
  version: string;
  apiVersion: string;
  minApiVersion: string;
  gitCommit: string;
  goVersion: string;
  os: string;
  arch: string;
  kernel: string;
  buildTime: string;
  components: { name: string; version: string }[];
}

export async function getSystemVersion(client: EngineClient): Promise<SystemVersion> {
  const v = await attempt('read the engine version', () => dialJson<RawVersion>(client, { path: '/version' }));
  return {
    version: v.Version ?? '',
    apiVersion: v.ApiVersion ?? '',
    minApiVersion: v.MinAPIVersion ?? '',
    gitCommit: v.GitCommit ?? '',
    goVersion: v.GoVersion ?? '',
    os: v.Os ?? '',
    arch: v.Arch ?? '',
    kernel: v.KernelVersion ?? '',
    buildTime: v.BuildTime ?? '',
    components: (v.Components ?? []).map((c) => ({ name: c.Name ?? '', version: c.Version ?? '' })),
  };
}

interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  GitCommit?: string;
  GoVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  BuildTime?: string;
  Components?: { Name?: string; Version?: string }[] | null;
}

export interface UsageTotals {
  count: number;
  /** Items in use (images with containers, running containers, referenced volumes, cache in use). */
  active: number;
  /** Bytes. */
  size: number;
  /** Bytes a prune could free (images: what removing every unused image frees, layer by layer). */
  reclaimable: number;
}

export interface DiskUsage {
  images: UsageTotals & {
    items: { id: string; tags: string[]; size: number; sharedSize: number; containers: number }[];
  };
  containers: UsageTotals & {
    items: { id: string; name: string; image: string; state: string; sizeRw: number; sizeRootFs: number }[];
  };
  volumes: UsageTotals & { items: { name: string; size: number; refCount: number }[] };
  buildCache: UsageTotals & {
    items: { id: string; type: string; description: string; size: number; inUse: boolean; shared: boolean }[];
  };
}

interface RawDf {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Size?: number; SharedSize?: number; Containers?: number }[] | null;
  Containers?:
    { Id: string; Names?: string[]; Image?: string; State?: string; SizeRw?: number; SizeRootFs?: number }[] | null;
  Volumes?: { Name: string; UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?:
    { ID: string; Type?: string; Description?: string; Size?: number; InUse?: boolean; Shared?: boolean }[] | null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const known = (n: number | undefined) => (typeof n === 'number' && n >= 0 ? n : 0);

/** Disk usage like `docker system df` (the engine computes container sizes, so this takes a moment). */
export async function diskUsage(client: EngineClient): Promise<DiskUsage> {
  const df = await attempt('read disk usage', () => dialJson<RawDf>(client, { path: '/system/df' }));
  const images = (df.Images ?? []).map((i) => ({
    id: i.Id,
    tags: realTags(i.RepoTags),
    size: known(i.Size),
    sharedSize: known(i.SharedSize),
    containers: Math.max(0, i.Containers ?? 0),
  }));
  const imagesSize = df.LayersSize ?? sum(images.map((i) => i.size));
  // What `image prune --all` would really free (the layers no used image keeps), not the CLI's estimate,
  // which calls a used image's shared layers reclaimable.
  const imagesReclaimable = (await previewImagePrune(client, { all: true })).spaceReclaimed;
  const containers = (df.Containers ?? []).map((c) => ({
    id: c.Id,
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    image: c.Image ?? '',
    state: c.State ?? '',
    sizeRw: known(c.SizeRw),
    sizeRootFs: known(c.SizeRootFs),
  }));
  const volumes = (df.Volumes ?? []).map((v) => ({
    name: v.Name,
    size: known(v.UsageData?.Size),
    refCount: Math.max(0, v.UsageData?.RefCount ?? 0),
  }));
  const cache = (df.BuildCache ?? []).map((b) => ({
    id: b.ID,
    type: b.Type ?? '',
    description: b.Description ?? '',
    size: known(b.Size),
    inUse: !!b.InUse,
    shared: !!b.Shared,
  }));
  const running = (s: string) => s === 'running' || s === 'paused' || s === 'restarting';
  return {
    images: {
      count: images.length,
      active: images.filter((i) => i.containers > 0).length,
      size: imagesSize,
      reclaimable: imagesReclaimable,
      items: images,
    },
    containers: {
      count: containers.length,
      active: containers.filter((c) => running(c.state)).length,
      size: sum(containers.map((c) => c.sizeRw)),
      reclaimable: sum(containers.filter((c) => !running(c.state)).map((c) => c.sizeRw)),
      items: containers,
    },
    volumes: {
      count: volumes.length,
      active: volumes.filter((v) => v.refCount > 0).length,
      size: sum(volumes.map((v) => v.size)),
      reclaimable: sum(volumes.filter((v) => v.refCount === 0).map((v) => v.size)),
      items: volumes,
    },
    buildCache: {
      count: cache.length,
      active: cache.filter((b) => b.inUse).length,
      size: sum(cache.filter((b) => !b.shared).map((b) => b.size)),
      reclaimable: sum(cache.filter((b) => !b.inUse && !b.shared).map((b) => b.size)),
      items: cache,
    },
  };
}

export interface SystemPruneOptions {
  /** Remove every unused image, not only dangling ones. */
  all?: boolean;
  /** Also remove unused volumes. */
  volumes?: boolean;
}

export interface SystemPruneResult {
  containers: string[];
  networks: string[];
  volumes: string[];
  images: string[];
  buildCache: string[];
  spaceReclaimed: number;
}

/** Removes the build cache no build uses (`docker builder prune`). */
export async function pruneBuildCache(client: EngineClient): Promise<{ deleted: string[]; spaceReclaimed: number }> {
  const b = await attempt('remove the build cache', () =>
    dialJson<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>(client, {
      method: 'POST',
      path: '/build/prune',
    }),
  );
  return { deleted: b.CachesDeleted ?? [], spaceReclaimed: b.SpaceReclaimed ?? 0 };
}

/** Like `docker system prune`: stopped containers, unused networks, (unused volumes,) dangling or unused images, build cache. */
export async function pruneSystem(client: EngineClient, opts: SystemPruneOptions = {}): Promise<SystemPruneResult> {
  const c = await pruneContainers(client);
  const n = await pruneNetworks(client);
  const v = opts.volumes ? await pruneVolumes(client) : { deleted: [], spaceReclaimed: 0 };
  const i = await pruneImages(client, { all: !!opts.all });
  const b = await pruneBuildCache(client);
  return {
    containers: c.deleted,
    networks: n.deleted,
    volumes: v.deleted,
    images: i.deleted,
    buildCache: b.deleted,
    spaceReclaimed: c.spaceReclaimed + v.spaceReclaimed + i.spaceReclaimed + b.spaceReclaimed,
  };
}
