// What the Engine page reads and does, in the contract's shapes: the engine's information, disk
// usage per kind, and a prune per kind.
import type { EngineInfo } from '../../shared/contract';
import { usageKinds, type UsageKind, type DiskUsageRow } from '../../shared/contract/areas/system';
import { dialJson, type EngineClient } from './client';
import { pruneContainers } from './containers';
import { attempt } from './errors';
import { rawImages } from './images';
import { pruneImages } from './images-prune';
import { diskUsage, pruneBuildCache } from './system';
import { pruneVolumes } from './volumes';

type Raw = Record<string, unknown>;

const mirrorsOf = (registry: unknown): string[] => {
  const m = (registry as { Mirrors?: unknown } | undefined)?.Mirrors;
  return Array.isArray(m) ? m.map(String) : [];
};

/** The engine's version, host and counts, as the Engine page shows them. */
export async function engineInfo(client: EngineClient): Promise<EngineInfo> {
  const [info, version, listed] = await attempt('read the engine information', () =>
    Promise.all([
      dialJson<Raw>(client, { path: '/info' }),
      dialJson<Raw>(client, { path: '/version' }),
      rawImages(client),
    ]),
  );
  const n = (k: string) => Number(info[k] ?? 0);
  return {
    version: String(version.Version ?? ''),
    apiVersion: client.apiVersion,
    os: String(info.OperatingSystem ?? ''),
    kernel: String(info.KernelVersion ?? ''),
    architecture: String(info.Architecture ?? ''),
    cpus: n('NCPU'),
    memory: n('MemTotal'),
    dataRoot: String(info.DockerRootDir ?? ''),
    storageDriver: String(info.Driver ?? ''),
    cgroupVersion: String(info.CgroupVersion ?? '1'),
    containers: {
      total: n('Containers'),
      running: n('ContainersRunning'),
      paused: n('ContainersPaused'),
      stopped: n('ContainersStopped'),
    },
    // the engine counts intermediate images of classic builds too; the Images page lists the others
    images: listed.length,
    intermediateImages: Math.max(0, n('Images') - listed.length),
    registryMirrors: mirrorsOf(info.RegistryConfig),
    loggingDriver: String(info.LoggingDriver ?? ''),
    liveRestore: info.LiveRestoreEnabled === true,
  };
}

/** Disk usage, one row per kind (`docker system df`). */
export async function usageRows(client: EngineClient): Promise<DiskUsageRow[]> {
  const df = await diskUsage(client);
  return usageKinds.map((kind) => {
    const { count, active, size, reclaimable } = df[kind];
    return { kind, count, active, size, reclaimable };
  });
}

/** Prunes one kind as the Engine page's buttons do: dangling images, every unused volume, stopped containers, unused build cache. */
export async function pruneKind(
  client: EngineClient,
  kind: UsageKind,
): Promise<{ removed: number; spaceReclaimed: number }> {
  const r =
    kind === 'images'
      ? await pruneImages(client, { all: false })
      : kind === 'volumes'
        ? await pruneVolumes(client, { all: true })
        : kind === 'containers'
          ? await pruneContainers(client)
          : await pruneBuildCache(client);
  return { removed: r.deleted.length, spaceReclaimed: r.spaceReclaimed };
}
