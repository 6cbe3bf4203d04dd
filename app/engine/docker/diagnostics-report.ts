// What the diagnostics bundle takes from the engine: its /version and /info as the engine says them
// (the bundle redacts them), and its containers, images, volumes and build cache by name, state and
// size only, from /system/df: never an environment, a label, a command or a mount.
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';
import { diskUsage } from './system';

export interface EngineObjects {
  containers: { name: string; image: string; state: string; writableBytes: number; rootFsBytes: number }[];
  images: { id: string; tags: string[]; bytes: number; containers: number }[];
  volumes: { name: string; bytes: number; containers: number }[];
  buildCache: { entries: number; bytes: number; inUse: number };
}

export const engineVersionRaw = (client: EngineClient): Promise<unknown> =>
  attempt('read the engine version', () => dialJson<unknown>(client, { path: '/version' }));

export const engineInfoRaw = (client: EngineClient): Promise<unknown> =>
  attempt('read the engine information', () => dialJson<unknown>(client, { path: '/info' }));

export async function engineObjects(client: EngineClient): Promise<EngineObjects> {
  const df = await diskUsage(client);
  return {
    containers: df.containers.items.map((c) => ({
      name: c.name,
      image: c.image,
      state: c.state,
      writableBytes: c.sizeRw,
      rootFsBytes: c.sizeRootFs,
    })),
    images: df.images.items.map((i) => ({
      id: i.id.replace(/^sha256:/, '').slice(0, 12),
      tags: i.tags,
      bytes: i.size,
      containers: i.containers,
    })),
    volumes: df.volumes.items.map((v) => ({ name: v.name, bytes: v.size, containers: v.refCount })),
    buildCache: {
      entries: df.buildCache.items.length,
      bytes: df.buildCache.size,
      inUse: df.buildCache.items.filter((b) => b.inUse).length,
    },
  };
}
