// Services' logs across all their tasks and nodes (the engine gathers a service's tasks, also from other
// nodes), each line tagged with its service, task ("web.2") and node; several services (a stack) in one
// stream. The engine hands a service's history task by task, so history is sorted by time; live lines
// pass a short reorder window. Tasks that start later (self-healing, updates) are in the engine's stream.
import type { ServiceLogLine } from '../../../shared/contract/areas/swarm';
import { mergeByTimestamp, ReorderWindow, tsKey } from '../../compose/log-merge';
import { dialStream, type EngineClient } from '../client';
import { linesFromResponse } from '../logs';
import { swarmCall, swarmError } from './call';
import { rawNodes } from './nodes';
import type { RawService, RawTask } from './raw';
import { rawService } from './services';

export interface ServiceLogsOptions {
  services: readonly string[];
  /** Lines of history per task. */
  tail: number | 'all';
  follow: boolean;
  signal?: AbortSignal;
  /** How long live lines wait to be ordered against other tasks' lines (ms). */
  windowMs?: number;
}

const HISTORY_BATCH = 2000;
const DETAILS = /^((?:com\.docker\.swarm\.[a-z.]+=[^,\s]*,?)+) /;

/** Task ids → "web.2" and the node's hostname, read again (at most once a second) when an unknown task speaks. */
class TaskNames {
  private names = new Map<string, { name: string; node?: string }>();
  private lastRead = 0;
  private reading: Promise<void> | undefined;
  constructor(
    private readonly client: EngineClient,
    private readonly services: RawService[],
  ) {}

  async refresh(): Promise<void> {
    this.lastRead = Date.now();
    const filters = JSON.stringify({ service: this.services.map((s) => s.ID) });
    const [tasks, nodes] = await Promise.all([
      swarmCall<RawTask[]>(this.client, 'list the swarm tasks', { path: '/tasks', query: { filters } }),
      rawNodes(this.client).catch(() => []),
    ]);
    const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
    for (const t of tasks) {
      const service = this.services.find((s) => s.ID === t.ServiceID)?.Spec.Name ?? '';
      const node = t.NodeID ? hostnames.get(t.NodeID) : undefined;
      this.names.set(t.ID, {
        name: t.Slot ? `${service}.${t.Slot}` : `${service}.${node ?? t.NodeID?.slice(0, 12) ?? ''}`,
        ...(node ? { node } : {}),
      });
    }
  }

  lookup(taskId: string): { name: string; node?: string } | undefined {
    const known = this.names.get(taskId);
    if (!known && !this.reading && Date.now() - this.lastRead > 1000)
      this.reading = this.refresh()
        .catch(() => undefined)
        .finally(() => (this.reading = undefined));
    return known;
  }
}

function tagger(service: RawService, names: TaskNames) {
  const serviceName = service.Spec.Name ?? service.ID;
  return (lines: { stream: 'stdout' | 'stderr'; text: string; ts?: string }[]): ServiceLogLine[] =>
    lines.map((l) => {
      const m = DETAILS.exec(l.text);
      const attrs = new Map(
        (m?.[1] ?? '')
          .split(',')
          .filter(Boolean)
          .map((kv) => kv.split('=') as [string, string]),
      );
      const taskId = attrs.get('com.docker.swarm.task.id') ?? '';
      const task = taskId ? names.lookup(taskId) : undefined;
      return {
        stream: l.stream,
        text: m ? l.text.slice(m[0].length) : l.text,
        ...(l.ts ? { ts: l.ts } : {}),
        service: serviceName,
        container: task?.name ?? (taskId ? `${serviceName}.${taskId.slice(0, 12)}` : serviceName),
        ...(task?.node ? { node: task.node } : {}),
      };
    });
}

async function* read(
  client: EngineClient,
  service: RawService,
  query: Record<string, string | number | boolean>,
  signal?: AbortSignal,
) {
  const name = service.Spec.Name ?? service.ID;
  let res;
  try {
    res = await dialStream(client, {
      path: `/services/${encodeURIComponent(service.ID)}/logs`,
      query: { stdout: true, stderr: true, timestamps: true, details: true, ...query },
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    throw swarmError(err, `read the logs of service "${name}"`);
  }
  const tty = !!service.Spec.TaskTemplate?.ContainerSpec?.TTY;
  yield* linesFromResponse(res, { tty, timestamps: true }, signal);
}

export async function* serviceLogs(
  client: EngineClient,
  opts: ServiceLogsOptions,
): AsyncGenerator<ServiceLogLine[], void, undefined> {
  const services = await Promise.all(
    opts.services.map((s) => rawService(client, s, `read the logs of service "${s}"`)),
  );
  const names = new TaskNames(client, services);
  await names.refresh().catch(() => undefined);
  const cutoffMs = Date.now();
  const cutoffKey = tsKey(new Date(cutoffMs).toISOString());

  const past = await Promise.all(
    services.map(async (s) => {
      const tag = tagger(s, names);
      const out: ServiceLogLine[] = [];
      for await (const batch of read(client, s, { follow: false, tail: String(opts.tail) }, opts.signal))
        out.push(...tag(batch).filter((l) => tsKey(l.ts) <= cutoffKey));
      return out;
    }),
  );
  const merged = mergeByTimestamp(past);
  for (let i = 0; i < merged.length; i += HISTORY_BATCH) {
    if (opts.signal?.aborted) return;
    yield merged.slice(i, i + HISTORY_BATCH);
  }
  if (!opts.follow || opts.signal?.aborted) return;

  const window = new ReorderWindow<ServiceLogLine>(opts.windowMs ?? 150);
  let open = services.length;
  for (const s of services) {
    const tag = tagger(s, names);
    void (async () => {
      try {
        for await (const batch of read(
          client,
          s,
          { follow: true, since: (cutoffMs / 1000).toFixed(3), tail: 'all' },
          opts.signal,
        )) {
          const fresh = tag(batch).filter((l) => tsKey(l.ts) > cutoffKey);
          if (fresh.length) await window.push(fresh);
        }
      } catch {
        // The service was removed or the engine dropped the stream: its lines so far stand.
      } finally {
        if (--open === 0) window.close();
      }
    })();
  }
  yield* window.drain(opts.signal);
}
