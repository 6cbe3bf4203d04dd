// containers.editSpec / containers.edit: change a container's settings (and containers.composeService,
// the settings as a compose service). Restart policy and resources
// change in place (the engine's update); anything else recreates it under the same name.
import { z } from 'zod';
import { containerRef } from '../../rules';
import type { EditChange } from '../../container-edit';
import { request } from '../define';
import { runSpec } from './containers';

const GIB = 1024 ** 3;

export const containerEditSpec = z.strictObject({
  /** The command's words; empty = the image's default. */
  command: runSpec.shape.command.unwrap().default([]),
  env: runSpec.shape.env,
  ports: runSpec.shape.ports,
  volumes: runSpec.shape.volumes,
  /** The network it joins (bridge, host, none or a network's name). */
  network: z.string().min(1, 'Choose a network.').max(255),
  restart: runSpec.shape.restart,
  labels: runSpec.shape.labels,
  /** Memory limit in bytes; 0 = no limit. */
  memory: z
    .number()
    .int()
    .min(0)
    .max(1024 * GIB, 'A memory limit is at most 1 TiB.')
    .refine((n) => n === 0 || n >= 6 * 1024 * 1024, 'A memory limit is at least 6 MiB (or none).')
    .default(0),
  /** CPUs (fractions allowed); 0 = no limit. */
  cpus: z.number().min(0).max(1024, 'At most 1024 CPUs.').default(0),
});
export type ContainerEditSpec = z.output<typeof containerEditSpec>;
export type ContainerEditInput = z.input<typeof containerEditSpec>;

export interface ContainerEditResult {
  /** The container's id afterwards (a new one when it was recreated). */
  id: string;
  recreated: boolean;
  changes: EditChange[];
}

export const containerEditRequests = {
  /** A container's settings as the edit form shows them. */
  'containers.editSpec': request<ContainerEditSpec>()(z.strictObject({ id: containerRef })),
  /**
   * Applies edited settings: in place when only the restart policy and resources change, else the
   * container is recreated under its name (the old one kept, renamed, until the new one has started;
   * put back if it fails). Its writable layer is lost on a recreate; volumes and bind mounts are kept.
   */
  /** The compose file (YAML, one service) that recreates the container: the reverse of containers.runCommand. */
  'containers.composeService': request<string>()(z.strictObject({ id: containerRef })),
  'containers.edit': request<ContainerEditResult>()(z.strictObject({ id: containerRef, spec: containerEditSpec })),
};
