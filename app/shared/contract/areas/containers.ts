// containers.* requests.
import { z } from 'zod';
import {
  absolutePath,
  commandWords,
  containerName,
  containerRef,
  envList,
  imageRef,
  labelMap,
  objectName,
  port,
} from '../../rules';
import { request } from '../define';
import type { ContainerSummary, FileEntry, ProcessList, TaskInfo } from '../dto';

const byId = z.strictObject({ id: containerRef });

export const runSpec = z.strictObject({
  image: imageRef,
  name: containerName.optional(),
  command: commandWords.optional(),
  env: envList,
  ports: z
    .array(
      z.strictObject({
        containerPort: port,
        hostPort: port.optional(),
        hostIp: z.string().max(64).optional(),
        protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
      }),
    )
    .max(256)
    .default([]),
  volumes: z
    .array(
      z.strictObject({
        /** A volume name, or an absolute host path for a bind mount. */
        source: z.string().min(1, 'Give a volume name or an absolute host path.').max(4096),
        target: absolutePath,
        readOnly: z.boolean().default(false),
      }),
    )
    .max(256)
    .default([]),
  network: objectName.optional(),
  restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('no'),
  autoRemove: z.boolean().default(false),
  tty: z.boolean().default(false),
  interactive: z.boolean().default(false),
  labels: labelMap,
  start: z.boolean().default(true),
});
export type RunSpec = z.input<typeof runSpec>;

export const containerRequests = {
  'containers.list': request<ContainerSummary[]>()(z.strictObject({ all: z.boolean().default(true) })),
  'containers.inspect': request<unknown>()(byId),
  /** One container's list row, read by inspect (exact times, restart count, OOM); null when it is gone. */
  'containers.summary': request<ContainerSummary | null>()(byId),
  'containers.start': request<void>()(byId),
  'containers.stop': request<void>()(
    z.strictObject({ id: containerRef, timeout: z.number().int().min(0).max(3600).optional() }),
  ),
  'containers.restart': request<void>()(
    z.strictObject({ id: containerRef, timeout: z.number().int().min(0).max(3600).optional() }),
  ),
  'containers.kill': request<void>()(
    z.strictObject({
      id: containerRef,
      signal: z
        .string()
        .regex(/^[A-Z0-9]{1,12}$/)
        .default('SIGKILL'),
    }),
  ),
  'containers.pause': request<void>()(byId),
  'containers.unpause': request<void>()(byId),
  'containers.remove': request<void>()(
    z.strictObject({ id: containerRef, force: z.boolean().default(false), volumes: z.boolean().default(false) }),
  ),
  'containers.rename': request<void>()(z.strictObject({ id: containerRef, name: containerName })),
  /**
   * Creates and starts a container (`docker run -d`). With `autoRemove` its output is kept: the run
   * is also a task whose log is the output and whose result (RunTaskResult) the exit code, because
   * the container and its logs are gone once it exits (`docker run --rm`).
   */
  'containers.run': request<{ id: string; warnings: string[]; task?: TaskInfo }>()(runSpec),
  'containers.runCommand': request<string>()(byId),
  'containers.top': request<ProcessList>()(byId),
  'containers.files': request<FileEntry[]>()(z.strictObject({ id: containerRef, path: absolutePath })),
};
