// volumes.* requests: one call each onto the engine facade; files are read through a helper container.
import { Writable } from 'node:stream';
import { posix } from 'node:path';
import { diskUsage } from '../../../engine/docker/system';
import { downloadVolumePath, listVolumeDir, readVolumeFile, statVolumePath } from '../../../engine/docker/volume-files';
import {
  createVolume,
  inspectVolume,
  listVolumes,
  previewVolumePrune,
  pruneVolumes,
  removeVolume,
} from '../../../engine/docker/volumes';
import { BerthError } from '../../../shared/errors';
import type { RequestHandlers } from '../types';

/** Largest download carried in one reply. */
const MAX_DOWNLOAD = 64 * 1024 * 1024;

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
  | 'volumes.download'
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

function tooBig(path: string): BerthError {
  return new BerthError({
    kind: 'invalid',
    field: 'path',
    message: `"${path}" is larger than ${MAX_DOWNLOAD / 1024 / 1024} MB; download a smaller folder or single files.`,
  });
}

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
  'volumes.download': async ({ name, path }, { engine, signal }) => {
    const client = await engine.client();
    const st = await statVolumePath(client, name, path);
    const base = posix.basename(path) || name;
    if (st.type !== 'dir') {
      const file = await readVolumeFile(client, name, path, { maxBytes: MAX_DOWNLOAD });
      return { name: base, base64: file.base64, size: file.size };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const ctl = new AbortController();
    signal.addEventListener('abort', () => ctl.abort(), { once: true });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > MAX_DOWNLOAD) {
          ctl.abort();
          return done(tooBig(path));
        }
        chunks.push(chunk);
        done();
      },
    });
    try {
      await downloadVolumePath(client, name, path, sink, { signal: ctl.signal });
    } catch (err) {
      if (size > MAX_DOWNLOAD) throw tooBig(path);
      throw err;
    }
    const tar = Buffer.concat(chunks);
    return { name: `${base}.tar`, base64: tar.toString('base64'), size: tar.length };
  },
};
