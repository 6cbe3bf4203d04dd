// Stats of every container of a VM in one request: the output of berth_cgroup_dump
// (resources/vm/linux/berth-cgroup-dump), which reads the containers' cgroup and network counter
// files inside the VM in one pass — Berth's own VM answers it on its control port, Lima and WSL run it
// through one shell command — parsed into the same RawCounters the local cgroup reader gives.
// A host that can do this offers a BulkStatsSource; the sampler then makes one request per round
// instead of one engine stats call per container.
import type { RawCounters } from './stats';
import { memoryWithoutCache } from './stats';
import { parseBlkioV1, parseFlatKeyed, parseIoStatV2, parseNetDev } from './stats-cgroup';

export interface BulkStatsSource {
  /** Where the samples come from, for logs: "Berth's VM (control port)". */
  readonly label: string;
  /**
   * The counters of the running containers among `ids`, in one request. A container missing from
   * the map is not running. Rejects when the source cannot answer (the sampler then asks the engine).
   */
  read(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, RawCounters>>;
}

/** The machine the counters were read on (a VM's, not Berth's). */
export interface DumpMachine {
  cpus: number;
  /** Bytes. */
  memTotal: number;
  /** The VM's uptime when the files were read (ms), from /proc/uptime. */
  uptimeMs?: number;
}

export interface CgroupDump {
  machine: DumpMachine;
  /** Counters by full container id; `ts` is the time given to parseCgroupDump. */
  counters: Map<string, RawCounters>;
}

/** `head`-style output ("==> PATH <==" then the file's text) as [path, text] pairs. */
export function splitDump(text: string): [string, string][] {
  const out: [string, string][] = [];
  let path: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (path !== undefined) out.push([path, lines.join('\n').replace(/\n+$/, '')]);
  };
  for (const line of text.split('\n')) {
    const m = /^==> (.*) <==$/.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    flush();
    path = m[1]!;
    lines = [];
  }
  flush();
  return out;
}

/** "0-3,6" (/sys/devices/system/cpu/online) → 5. */
export function countCpus(list: string): number {
  let n = 0;
  for (const part of list.trim().split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || !Number.isFinite(a)) continue;
    n += b !== undefined && Number.isFinite(b) && b >= a ? b - a + 1 : 1;
  }
  return n;
}

export type CgroupFiles = Record<string, string>;

/** A container's counters from its cgroup files (v2: cpu.stat …; v1: cpuacct.usage …); undefined when incomplete. */
export function countersFromCgroupFiles(
  id: string,
  files: CgroupFiles,
  machine: { cpus: number; memTotal: number },
  ts: number,
  netDev = '',
): RawCounters | undefined {
  const v2 = files['cpu.stat'] !== undefined;
  const cpuText = v2 ? files['cpu.stat'] : files['cpuacct.usage'];
  const usage = v2 ? files['memory.current'] : files['memory.usage_in_bytes'];
  if (!cpuText || !usage) return undefined;
  const limText = (v2 ? files['memory.max'] : files['memory.limit_in_bytes'])?.trim() ?? 'max';
  const lim = limText === 'max' ? machine.memTotal : Number(limText);
  const io = v2
    ? parseIoStatV2(files['io.stat'] ?? '')
    : parseBlkioV1(files['blkio.throttle.io_service_bytes_recursive'] ?? '');
  const net = parseNetDev(netDev);
  return {
    id,
    ts,
    cpuNs: v2 ? (parseFlatKeyed(cpuText).usage_usec ?? 0) * 1000 : Number(cpuText),
    onlineCpus: machine.cpus,
    memUsage: memoryWithoutCache(Number(usage), parseFlatKeyed(files['memory.stat'] ?? '')),
    memLimit: lim > 0 && lim < machine.memTotal ? lim : machine.memTotal,
    netRx: net.rx,
    netTx: net.tx,
    blkRead: io.read,
    blkWrite: io.write,
    pids: Number(files['pids.current']) || 0,
  };
}

const CONTAINER_ID = /[0-9a-f]{64}/;

/** Parses berth_cgroup_dump's output; every counter gets the time `ts`. */
export function parseCgroupDump(text: string, ts = Date.now()): CgroupDump {
  const machine: DumpMachine = { cpus: 1, memTotal: 0 };
  const byId = new Map<string, CgroupFiles>();
  const netByPid = new Map<string, string>();
  for (const [path, body] of splitDump(text)) {
    if (path.endsWith('/proc/uptime')) {
      const s = Number(body.split(' ')[0]);
      if (Number.isFinite(s)) machine.uptimeMs = Math.round(s * 1000);
    } else if (path.endsWith('/sys/devices/system/cpu/online')) machine.cpus = Math.max(1, countCpus(body));
    else if (path.endsWith('/proc/meminfo')) {
      const kb = /^MemTotal:\s+(\d+) kB/m.exec(body)?.[1];
      if (kb) machine.memTotal = Number(kb) * 1024;
    } else {
      const net = /\/proc\/(\d+)\/net\/dev$/.exec(path);
      if (net) {
        netByPid.set(net[1]!, body);
        continue;
      }
      const id = CONTAINER_ID.exec(path)?.[0];
      if (!id) continue;
      const files = byId.get(id) ?? {};
      files[path.slice(path.lastIndexOf('/') + 1)] = body;
      byId.set(id, files);
    }
  }
  const counters = new Map<string, RawCounters>();
  for (const [id, files] of byId) {
    const pid = (files['cgroup.procs'] ?? '').split('\n')[0]!.trim();
    const c = countersFromCgroupFiles(id, files, machine, ts, netByPid.get(pid));
    if (c) counters.set(id, c);
  }
  return { machine, counters };
}

/**
 * Keeps samples on the VM's clock: ts = (Berth's clock at the first answer − the VM's uptime then) +
 * the VM's uptime now, so CPU % is not skewed by how long an answer took to arrive. Starts over when
 * the VM's uptime goes back (a new boot) or an answer has no uptime.
 */
export class GuestClock {
  private offset: number | undefined;
  private lastUptime = -1;

  at(uptimeMs: number | undefined, receivedAt = Date.now()): number {
    if (uptimeMs === undefined) {
      this.offset = undefined;
      return receivedAt;
    }
    if (this.offset === undefined || uptimeMs < this.lastUptime) this.offset = receivedAt - uptimeMs;
    this.lastUptime = uptimeMs;
    return this.offset + uptimeMs;
  }
}

/** Parses an answer, stamping its counters with the VM's clock. */
export function readDumpAnswer(text: string, clock: GuestClock, receivedAt = Date.now()): Map<string, RawCounters> {
  const dump = parseCgroupDump(text, receivedAt);
  const ts = clock.at(dump.machine.uptimeMs, receivedAt);
  for (const c of dump.counters.values()) c.ts = ts;
  return dump.counters;
}
