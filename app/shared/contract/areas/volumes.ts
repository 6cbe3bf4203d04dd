// volumes.* requests: list, create, inspect, remove, prune with preview, sizes, browse files, clone and
// empty (export, import, downloads and uploads: transfers.ts).
import { z } from 'zod';
import { absolutePath, objectName, volumeName } from '../../rules';
import { request } from '../define';
import type { FileEntry, TaskInfo, VolumeSummary } from '../dto';

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

  /** Copies every file into a new volume `target`, as a task (bytes copied as progress). */
  'volumes.clone': request<TaskInfo>()(z.strictObject({ name: objectName, target: volumeName })),
  /**
   * Deletes every file in the volume (the volume stays). `confirm` repeats the volume's name, which
   * the UI sends only after the user confirmed; refused while a running container uses the volume.
   */
  'volumes.empty': request<{ name: string }>()(
    z.strictObject({ name: objectName, confirm: z.string().max(255) }).refine((a) => a.confirm === a.name, {
      message: "Type the volume's name to confirm that its files are deleted.",
      path: ['confirm'],
    }),
  ),
};
