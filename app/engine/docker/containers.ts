// Containers: list (never with size), inspect, size on demand, top, changes, prune.
// Lifecycle actions live in containers-lifecycle.ts, create/run in container-run.ts.
import type { ContainerInfo, ContainerInspectInfo } from 'dockerode';
import { dialJson, type EngineClient } from './client';
import type {
  ComposeLabels,
  ContainerState,
  ContainerSummary,
  PortMapping,
  ProcessList,
} from '../../shared/contract/dto';
import { parseStatus, statusLine, type Health } from '../../shared/container-status';
import { BerthError } from '../../shared/errors';
import { attempt } from './errors';
import { mapLimit } from './map-limit';
import { HELPER_LABEL } from './volume-files';
import { validateContainerRef } from './validate';

export type { ComposeLabels, ContainerState, ContainerSummary, PortMapping };

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

export function toContainerSummary(c: ContainerInfo, now = Date.now()): ContainerSummary {
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
    ...parseStatus(c.Status ?? '', now),
  };
}

/** An engine time as ms since the epoch; undefined for Go's zero time ("0001-01-01T00:00:00Z"). */
function engineTime(t: string | undefined): number | undefined {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** The command line as `docker ps` shows it: an argument with a space is quoted. */
function commandOf(path: string | undefined, args: string[] | undefined): string {
  const quoted = (args ?? []).map((a) => (a.includes(' ') ? `'${a}'` : a));
  return [path ?? '', ...quoted].join(' ').trim();
}

function stateOf(s: ContainerInspectInfo['State']): ContainerState {
  const status = s.Status as ContainerState | undefined;
  if (status) return status;
  return s.Restarting ? 'restarting' : s.Paused ? 'paused' : s.Running ? 'running' : s.Dead ? 'dead' : 'exited';
}

/**
 * The same row a list gives, from one inspect: exact start and finish times, restart count, OOM kill,
 * health and the engine's error. Inspect reads the container itself, not the list's view of it, so it
 * already says Paused right after the pause event (the list's view catches up later).
 */
export function summaryFromInspect(info: ContainerInspectInfo, now = Date.now()): ContainerSummary {
  const st = info.State;
  const state = stateOf(st);
  const labels = info.Config?.Labels ?? {};
  const compose = composeLabels(labels);
  const ports: PortMapping[] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const [port, proto] = key.split('/');
    const containerPort = Number(port);
    if (!Number.isFinite(containerPort)) continue;
    for (const b of bindings ?? []) {
      const hostPort = Number(b.HostPort);
      ports.push({
        containerPort,
        protocol: protocolOf(proto),
        ...(hostPort ? { hostPort } : {}),
        ...(b.HostIp ? { hostIp: b.HostIp } : {}),
      });
    }
    if (!bindings?.length) ports.push({ containerPort, protocol: protocolOf(proto) });
  }
  ports.sort((a, b) => a.containerPort - b.containerPort || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''));
  const startedAt = engineTime(st.StartedAt);
  const finishedAt = engineTime(st.FinishedAt);
  const health = (st as { Health?: { Status?: string } }).Health?.Status;
  const facts = {
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(state === 'exited' || state === 'restarting' || state === 'dead' ? { exitCode: st.ExitCode } : {}),
    ...(health === 'starting' || health === 'healthy' || health === 'unhealthy' ? { health: health as Health } : {}),
  };
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config?.Image ?? info.Image,
    imageId: info.Image,
    command: commandOf(info.Path, info.Args),
    created: Math.floor((engineTime(info.Created) ?? 0) / 1000),
    state,
    status:
      state === 'created'
        ? 'Created'
        : state === 'dead'
          ? 'Dead'
          : state === 'removing'
            ? 'Removal In Progress'
            : statusLine({ state, status: '', ...facts }, now),
    ports,
    labels,
    ...(compose ? { compose } : {}),
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}),
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type,
      destination: m.Destination,
      ...(m.Source ? { source: m.Source } : {}),
      ...(m.Name ? { name: m.Name } : {}),
      readOnly: !m.RW,
    })),
    ...facts,
    restartCount: info.RestartCount ?? 0,
    oomKilled: !!st.OOMKilled,
    ...(st.Error ? { error: st.Error } : {}),
  };
}

/** One container's row, read by inspect; undefined when the engine has no such container. */
export async function containerSummary(client: EngineClient, id: string): Promise<ContainerSummary | undefined> {
  try {
    return summaryFromInspect(await inspectContainer(client, id));
  } catch (e) {
    if (e instanceof BerthError && e.kind === 'not-found') return undefined;
    throw e;
  }
}

/**
 * Whether a listed row hides what only an inspect says: a restart loop's count (restarting, or up
 * for under a minute) or an OOM kill behind "Exited (137)".
 */
export function wantsInspect(c: ContainerSummary, now = Date.now()): boolean {
  if (c.state === 'restarting' || c.exitCode === 137) return true;
  return c.state === 'running' && c.startedAt !== undefined && now - c.startedAt < 60_000;
}

/** Fills in restart counts and OOM kills for the few listed rows that need an inspect (at most `max`). */
export async function enrichContainers(
  client: EngineClient,
  list: ContainerSummary[],
  max = 32,
  concurrency = 4,
): Promise<ContainerSummary[]> {
  const now = Date.now();
  const todo = list.filter((c) => wantsInspect(c, now)).slice(0, max);
  if (todo.length === 0) return list;
  const found = new Map<string, ContainerSummary>();
  await mapLimit(todo, concurrency, async (c) => {
    const s = await containerSummary(client, c.id).catch(() => undefined);
    if (s) found.set(c.id, { ...c, ...s, image: c.image });
  });
  return list.map((c) => found.get(c.id) ?? c);
}

/** Berth's own short-lived helpers (volume browsing) are not the user's containers. */
const isUsers = (c: ContainerSummary) => !(HELPER_LABEL in c.labels);

/** The user's containers (Berth's helpers left out), with what only an inspect says filled in where it matters. */
export async function listUserContainers(
  client: EngineClient,
  opts: { all?: boolean } = {},
): Promise<ContainerSummary[]> {
  return enrichContainers(client, (await listContainers(client, { all: opts.all ?? true })).filter(isUsers));
}

/** One of the user's containers, read by inspect; null when it is gone (or is one of Berth's helpers). */
export async function userContainerSummary(client: EngineClient, id: string): Promise<ContainerSummary | null> {
  const c = await containerSummary(client, id);
  return c && isUsers(c) ? c : null;
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
  const now = Date.now();
  return raw.map((c) => toContainerSummary(c, now));
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
