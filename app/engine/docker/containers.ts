// Containers: list (never with size), inspect, size on demand, top, changes, prune.
// Lifecycle actions live in containers-lifecycle.ts, create/run in container-run.ts.
import type { ContainerInfo, ContainerInspectInfo } from 'dockerode';
import { dialJson, type EngineClient } from './client';
import type {
  ComposeLabels,
  ContainerState,
  ContainerSummary as ContractContainerSummary,
  PortMapping,
} from '../../shared/contract/dto';
import { attempt } from './errors';
import { validateContainerRef } from './validate';

export type { ComposeLabels, ContainerState, PortMapping };

export interface MountSummary {
  type: string;
  source?: string;
  destination: string;
  name?: string;
  readOnly?: boolean;
}

/** The contract's container row, plus every name and whether each mount is read-only. */
export interface ContainerSummary extends Omit<ContractContainerSummary, 'mounts'> {
  /** Every name the engine reports, without the leading "/". */
  names: string[];
  mounts: MountSummary[];
}

/** The engine's inspect answer, as plain JSON. */
export type ContainerDetails = ContainerInspectInfo;

export interface ListContainersOptions {
  /** Include stopped containers (default true, like the UI's list). */
  all?: boolean;
  /** Engine filters, e.g. `{ label: ['com.docker.compose.project=web'] }`. */
  filters?: Record<string, string[]>;
  limit?: number;
}

export function composeLabels(labels: Record<string, string>): ComposeLabels | undefined {
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  if (!project || !service) return undefined;
  const number = Number(labels['com.docker.compose.container-number']);
  const oneoff = labels['com.docker.compose.oneoff'];
  const wd = labels['com.docker.compose.project.working_dir'];
  const files = labels['com.docker.compose.project.config_files'];
  return {
    project,
    service,
    ...(Number.isFinite(number) && labels['com.docker.compose.container-number'] ? { number } : {}),
    ...(oneoff ? { oneoff: oneoff.toLowerCase() === 'true' } : {}),
    ...(wd ? { workingDir: wd } : {}),
    ...(files ? { configFiles: files.split(',').filter(Boolean) } : {}),
  };
}

function protocolOf(p: string | undefined): PortMapping['protocol'] {
  return p === 'udp' || p === 'sctp' ? p : 'tcp';
}

export function toContainerSummary(c: ContainerInfo): ContainerSummary {
  const names = (c.Names ?? []).map((n) => n.replace(/^\//, ''));
  const labels = c.Labels ?? {};
  const compose = composeLabels(labels);
  const seen = new Set<string>();
  const ports: PortMapping[] = [];
  for (const p of c.Ports ?? []) {
    const m: PortMapping = {
      containerPort: p.PrivatePort,
      protocol: protocolOf(p.Type),
      ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
      ...(p.IP ? { hostIp: p.IP } : {}),
    };
    const key = `${m.hostIp}|${m.hostPort}|${m.containerPort}|${m.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push(m);
  }
  ports.sort((a, b) => a.containerPort - b.containerPort || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''));
  const mounts = (c.Mounts ?? []).map((m) => {
    const raw = m as typeof m & { Name?: string };
    return {
      type: m.Type,
      destination: m.Destination,
      ...(m.Source ? { source: m.Source } : {}),
      ...(raw.Name ? { name: raw.Name } : {}),
      readOnly: !m.RW,
    };
  });
  return {
    id: c.Id,
    // The primary name: the one without a "/" inside (links add "other/alias" names).
    name: names.find((n) => !n.includes('/')) ?? names[0] ?? c.Id.slice(0, 12),
    names,
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    created: c.Created,
    state: c.State as ContainerState,
    status: c.Status,
    ports,
    labels,
    ...(compose ? { compose } : {}),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts,
  };
}

/** Lists containers. Never asks for sizes (that takes seconds to minutes); see containerSize. */
export async function listContainers(
  client: EngineClient,
  opts: ListContainersOptions = {},
): Promise<ContainerSummary[]> {
  const raw = await attempt('list containers', () =>
    dialJson<ContainerInfo[]>(client, {
      path: '/containers/json',
      query: {
        all: opts.all ?? true,
        size: false,
        ...(opts.limit ? { limit: opts.limit } : {}),
        ...(opts.filters ? { filters: JSON.stringify(opts.filters) } : {}),
      },
    }),
  );
  return raw.map(toContainerSummary);
}

/** The engine's full description of one container, as plain JSON. */
export async function inspectContainer(client: EngineClient, id: string): Promise<ContainerDetails> {
  const ref = validateContainerRef(id);
  return attempt(`inspect container "${ref}"`, () =>
    dialJson<ContainerDetails>(client, { path: `/containers/${encodeURIComponent(ref)}/json` }),
  );
}

export interface ContainerSize {
  /** Bytes written in the container's own layer. */
  sizeRw: number;
  /** Total bytes of the container's filesystem (image + own layer). */
  sizeRootFs: number;
}

/** The size of one container, asked for on demand (inspect with size). */
export async function containerSize(client: EngineClient, id: string): Promise<ContainerSize> {
  const ref = validateContainerRef(id);
  const info = await attempt(`measure container "${ref}"`, () =>
    dialJson<{ SizeRw?: number; SizeRootFs?: number }>(client, {
      path: `/containers/${encodeURIComponent(ref)}/json`,
      query: { size: true },
    }),
  );
  return { sizeRw: info.SizeRw ?? 0, sizeRootFs: info.SizeRootFs ?? 0 };
}

export interface ProcessList {
  titles: string[];
  processes: string[][];
}

/** The processes running in a container (`docker top`). */
export async function topContainer(client: EngineClient, id: string, psArgs?: string): Promise<ProcessList> {
  const ref = validateContainerRef(id);
  const r = await attempt(`list the processes of container "${ref}"`, () =>
    dialJson<{ Titles?: string[]; Processes?: string[][] }>(client, {
      path: `/containers/${encodeURIComponent(ref)}/top`,
      query: psArgs ? { ps_args: psArgs } : {},
    }),
  );
  return { titles: r.Titles ?? [], processes: r.Processes ?? [] };
}

export interface FileChange {
  path: string;
  kind: 'modified' | 'added' | 'deleted';
}

/** Files changed in the container's own layer (`docker diff`). */
export async function containerChanges(client: EngineClient, id: string): Promise<FileChange[]> {
  const ref = validateContainerRef(id);
  const r = await attempt(`list the changed files of container "${ref}"`, () =>
    dialJson<{ Path: string; Kind: number }[] | null>(client, {
      path: `/containers/${encodeURIComponent(ref)}/changes`,
    }),
  );
  const kinds = ['modified', 'added', 'deleted'] as const;
  return (r ?? []).map((c) => ({ path: c.Path, kind: kinds[c.Kind] ?? 'modified' }));
}

export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

/** Removes every stopped container (optionally only those matching engine filters such as `until` or `label`). */
export async function pruneContainers(client: EngineClient, filters?: Record<string, string[]>): Promise<PruneResult> {
  const r = await attempt('remove stopped containers', () =>
    dialJson<{ ContainersDeleted?: string[] | null; SpaceReclaimed?: number }>(client, {
      method: 'POST',
      path: '/containers/prune',
      query: filters ? { filters: JSON.stringify(filters) } : {},
    }),
  );
  return { deleted: r.ContainersDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
}
