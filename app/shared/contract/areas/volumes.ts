// volumes.* requests: list, create, inspect, remove, prune with preview, sizes, browse files (downloads: transfers.ts).
import { z } from 'zod';
import { absolutePath, objectName, volumeName } from '../../rules';
import { request } from '../define';
import type { FileEntry, VolumeSummary } from '../dto';

const none = z.strictObject({});
const byName = z.strictObject({ name: objectName });

export const volumeDriver = z
  .string()
  .min(1, 'Give a driver, e.g. local.')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, 'A driver name uses letters, digits, "_", ".", "/", ":" and "-".');

export const volumeCreateSpec = z.strictObject({
  name: volumeName,
  driver: volumeDriver.default('local'),
});
export type VolumeCreateSpec = z.input<typeof volumeCreateSpec>;

export const volumeRequests = {
  'volumes.list': request<VolumeSummary[]>()(none),
  'volumes.create': request<VolumeSummary>()(volumeCreateSpec),
  'volumes.inspect': request<Record<string, unknown>>()(byName),
  /** Refused while a container uses the volume, naming the containers. */
  'volumes.remove': request<void>()(byName),
  /** Bytes used by each volume (the engine computes this, so only on demand). */
  'volumes.sizes': request<Record<string, number>>()(none),
  'volumes.prunePreview': request<{ volumes: string[] }>()(z.strictObject({ all: z.boolean().default(true) })),
  'volumes.prune': request<{ deleted: string[]; spaceReclaimed: number }>()(
    z.strictObject({ all: z.boolean().default(true) }),
  ),
  /** A folder inside the volume ("/" is its root). */
  'volumes.files': request<FileEntry[]>()(z.strictObject({ name: objectName, path: absolutePath })),
};
