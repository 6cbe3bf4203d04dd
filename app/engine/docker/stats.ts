// Container stats from the engine: the streaming endpoint for one container's detail view, and
// one-shot samples for the sampler's fallback. CPU % always comes from two samples' difference.
import { dialJson, dialStream, type EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { NdjsonSplitter } from './events-ndjson';
import { validateContainerRef } from './validate';
import type { StatsSample } from '../../shared/contract/dto';

export type { StatsSample };

/** Cumulative counters at one instant; two of them make a StatsSample. */
export interface RawCounters extends Omit<StatsSample, 'cpuPercent'> {
  /** Total CPU time used by the container, nanoseconds. */
  cpuNs: number;
  /** Host CPU time over all CPUs, nanoseconds, when known (engine stats); else wall time × CPUs is used. */
  systemNs?: number;
  onlineCpus: number;
}

/** The engine's stats JSON (the fields we read; cgroup v1 and v2 shapes). */
export interface EngineStats {
  read?: string;
  preread?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats?: EngineStats['cpu_stats'];
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

/** Memory in use minus cache: v1 total_inactive_file (else cache), v2 inactive_file — as `docker stats`. */
export function memoryWithoutCache(usage: number, stats: Record<string, number> | undefined): number {
  const s = stats ?? {};
  const inactive = s.total_inactive_file ?? s.inactive_file;
  if (inactive !== undefined && inactive < usage) return usage - inactive;
  if (s.cache !== undefined && s.cache < usage) return usage - s.cache;
  return usage;
}

function cpuCount(c: EngineStats['cpu_stats']): number {
  return c?.online_cpus || c?.cpu_usage?.percpu_usage?.length || 1;
}

export function countersFromEngine(id: string, s: EngineStats): RawCounters {
  let blkRead = 0;
  let blkWrite = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').toLowerCase();
    if (op === 'read') blkRead += e.value ?? 0;
    else if (op === 'write') blkWrite += e.value ?? 0;
  }
  let netRx = 0;
  let netTx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    netRx += n.rx_bytes ?? 0;
    netTx += n.tx_bytes ?? 0;
  }
  const usage = s.memory_stats?.usage ?? 0;
  const ts = s.read && !s.read.startsWith('0001') ? Date.parse(s.read) : Date.now();
  return {
    id,
    ts,
    cpuNs: s.cpu_stats?.cpu_usage?.total_usage ?? 0,
    ...(s.cpu_stats?.system_cpu_usage ? { systemNs: s.cpu_stats.system_cpu_usage } : {}),
    onlineCpus: cpuCount(s.cpu_stats),
    memUsage: memoryWithoutCache(usage, s.memory_stats?.stats),
    memLimit: s.memory_stats?.limit ?? 0,
    netRx,
    netTx,
    blkRead,
    blkWrite,
    pids: s.pids_stats?.current ?? 0,
  };
}

/** CPU % between two counters: container CPU time over host CPU time (or wall time), × CPUs × 100. */
export function cpuPercent(prev: RawCounters, cur: RawCounters): number {
  const cpu = cur.cpuNs - prev.cpuNs;
  if (cpu <= 0) return 0;
  if (prev.systemNs !== undefined && cur.systemNs !== undefined && cur.systemNs > prev.systemNs)
    return (cpu / (cur.systemNs - prev.systemNs)) * cur.onlineCpus * 100;
  const wallNs = (cur.ts - prev.ts) * 1e6;
  return wallNs > 0 ? (cpu / wallNs) * 100 : 0;
}

export function toSample(prev: RawCounters | undefined, cur: RawCounters): StatsSample {
  const { id, ts, memUsage, memLimit, netRx, netTx, blkRead, blkWrite, pids } = cur;
  const cpu = prev ? cpuPercent(prev, cur) : 0;
  return { id, ts, cpuPercent: Math.round(cpu * 100) / 100, memUsage, memLimit, netRx, netTx, blkRead, blkWrite, pids };
}

/** The CPU % the engine's own sample carries (its precpu is the sample before). */
export function sampleFromEngine(id: string, s: EngineStats): StatsSample {
  const cur = countersFromEngine(id, s);
  const pre = s.precpu_stats;
  const prev: RawCounters | undefined =
    pre?.system_cpu_usage && pre.cpu_usage?.total_usage !== undefined
      ? { ...cur, cpuNs: pre.cpu_usage.total_usage, systemNs: pre.system_cpu_usage, onlineCpus: cpuCount(pre) }
      : undefined;
  return toSample(prev, cur);
}

/**
 * Cumulative counters from the engine in one quick call (`one-shot`: the engine does not wait a
 * second for a second sample; we difference our own samples instead).
 */
export async function engineCounters(client: EngineClient, id: string, signal?: AbortSignal): Promise<RawCounters> {
  const ref = validateContainerRef(id);
  const s = await attempt(`read the stats of container "${ref}"`, () =>
    dialJson<EngineStats>(client, {
      path: `/containers/${encodeURIComponent(ref)}/stats`,
      query: { stream: false, 'one-shot': true },
      ...(signal ? { signal } : {}),
    }),
  );
  return countersFromEngine(ref, s);
}

/** Live stats of one container, about once a second, until the consumer stops or the signal fires. */
export async function* streamStats(
  client: EngineClient,
  id: string,
  opts: { signal?: AbortSignal } = {},
): AsyncGenerator<StatsSample, void, undefined> {
  const ref = validateContainerRef(id);
  const res = await attempt(`read the stats of container "${ref}"`, () =>
    dialStream(client, { path: `/containers/${encodeURIComponent(ref)}/stats`, query: { stream: true } }),
  );
  const onAbort = () => res.destroy();
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const splitter = new NdjsonSplitter<EngineStats>();
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      for (const s of splitter.push(chunk)) yield sampleFromEngine(ref, s);
    }
  } catch (err) {
    if (!opts.signal?.aborted) throw toBerthError(err, `keep reading the stats of container "${ref}"`);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    res.destroy();
  }
}
