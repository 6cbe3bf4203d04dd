// A project's logs: every service's containers in one stream, interleaved by timestamp, each line
// tagged with its service. History first (merged), then live lines; containers that start later
// (restart, up from any terminal) join the stream when the engine reports their start.
import type { ComposeLogLine } from '../../shared/contract/areas/compose';
import type { EngineClient } from '../docker/client';
import type { ContainerSummary } from '../docker/containers';
import { readLogs } from '../docker/logs';
import { mergeByTimestamp, ReorderWindow, tsKey } from './log-merge';
import { projectContainers } from './projects';
import { validateProjectName } from './project-name';

/** A project container the engine reported as started. */
export interface StartedContainer {
  id: string;
  name: string;
  service: string;
  /** Milliseconds since the epoch (informational: a process prints before its start is reported). */
  timeMs: number;
}

export interface ProjectLogsOptions {
  project: string;
  /** Only these services (all when absent or empty). */
  services?: readonly string[];
  /** Lines of history per container. */
  tail: number | 'all';
  /** Follows live lines; ignored with `until` (a window that ends is read to its end). */
  follow: boolean;
  /** Only lines at or after this time (seconds since 1970, fractional allowed). */
  since?: number;
  /** Only lines before this time. */
  until?: number;
  signal?: AbortSignal;
  /** Subscribes to starts of this project's containers (from engine events); returns an unsubscribe. */
  watchStarts?(listener: (c: StartedContainer) => void): () => void;
  /** How long live lines wait to be ordered against other containers' lines (ms). */
  windowMs?: number;
}

const HISTORY_BATCH = 2000;

interface Source {
  id: string;
  name: string;
  service: string;
}

function tag(
  src: Source,
  lines: readonly { stream: 'stdout' | 'stderr'; text: string; ts?: string }[],
): ComposeLogLine[] {
  return lines.map((l) => ({ ...l, service: src.service, container: src.name }));
}

async function history(
  client: EngineClient,
  src: Source,
  span: { tail: number | 'all'; since: number | undefined; until: number },
  signal?: AbortSignal,
): Promise<ComposeLogLine[]> {
  const out: ComposeLogLine[] = [];
  const { tail, since, until } = span;
  const opts = {
    tail,
    until,
    timestamps: true,
    ...(since !== undefined ? { since } : {}),
    ...(signal ? { signal } : {}),
  };
  for await (const batch of readLogs(client, src.id, opts)) out.push(...tag(src, batch));
  return out;
}

function sourceOf(c: ContainerSummary): Source {
  return { id: c.id, name: c.name, service: c.compose!.service };
}

/** Whole seconds since the epoch of a tsKey, for the engine's `since` (the exact cut is made by key). */
function keySeconds(key: string): number {
  return Math.floor(Date.parse(`${key.slice(0, 19)}Z`) / 1000);
}

export async function* projectLogs(
  client: EngineClient,
  opts: ProjectLogsOptions,
): AsyncGenerator<ComposeLogLine[], void, undefined> {
  const project = validateProjectName(opts.project);
  const wanted = (service: string) => !opts.services?.length || opts.services.includes(service);
  const containers = (await projectContainers(client, project)).filter((c) => wanted(c.compose!.service));
  const cutoffMs = Date.now();
  const cutoffKey = tsKey(new Date(cutoffMs).toISOString());

  // History: each container's last lines, read together, merged by time.
  // A window that ends (`until`) is history only; one that starts (`since`) limits the history.
  const span = {
    tail: opts.tail,
    since: opts.since,
    until: opts.until !== undefined ? Math.min(opts.until, cutoffMs / 1000) : cutoffMs / 1000,
  };
  const past = await Promise.all(
    containers.map((c) => history(client, sourceOf(c), span, opts.signal).catch(() => [])),
  );
  const merged = mergeByTimestamp(past);
  for (let i = 0; i < merged.length; i += HISTORY_BATCH) {
    if (opts.signal?.aborted) return;
    yield merged.slice(i, i + HISTORY_BATCH);
  }
  if (!opts.follow || opts.until !== undefined || opts.signal?.aborted) return;

  // Live: one follow stream per running container, through a short reorder window. `seen` holds,
  // per container, the time of the last line already delivered: a stream (re)opened after a start
  // reads from there, because a process prints before the engine reports its start.
  const seen = new Map<string, string>();
  for (const c of containers) seen.set(c.id, cutoffKey);
  const window = new ReorderWindow<ComposeLogLine>(opts.windowMs ?? 150);
  const streaming = new Set<string>();
  /** Starts reported while the previous run's stream had not yet ended: reopened when it ends. */
  const reopen = new Map<string, Source>();
  const follow = (src: Source) => {
    if (opts.signal?.aborted) return;
    if (streaming.has(src.id)) {
      reopen.set(src.id, src);
      return;
    }
    streaming.add(src.id);
    void (async () => {
      try {
        const floor = seen.get(src.id);
        for await (const batch of readLogs(client, src.id, {
          follow: true,
          since: floor ? keySeconds(floor) : 0,
          timestamps: true,
          ...(opts.signal ? { signal: opts.signal } : {}),
        })) {
          const last = seen.get(src.id);
          const fresh = last ? batch.filter((l) => tsKey(l.ts) > last) : batch;
          if (!fresh.length) continue;
          seen.set(src.id, tsKey(fresh[fresh.length - 1]!.ts));
          await window.push(tag(src, fresh));
        }
      } catch {
        // The container went away or the engine dropped the stream: its lines so far stand.
      } finally {
        streaming.delete(src.id);
        const again = reopen.get(src.id);
        reopen.delete(src.id);
        if (again) follow(again);
      }
    })();
  };
  const unwatch = opts.watchStarts?.((c) => {
    if (wanted(c.service)) follow({ id: c.id, name: c.name, service: c.service });
  });
  for (const c of containers) if (c.state === 'running' || c.state === 'restarting') follow(sourceOf(c));
  try {
    yield* window.drain(opts.signal);
  } finally {
    unwatch?.();
  }
}
