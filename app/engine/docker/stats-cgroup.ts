// Reads a container's counters straight from its cgroup files (v1 and v2) and its network
// namespace's /proc/<pid>/net/dev: microseconds per container, no work for the engine at all.
// Only possible when the engine runs on this machine; the sampler falls back to the engine otherwise.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { RawCounters } from './stats';
import { memoryWithoutCache } from './stats';

interface CgroupMount {
  mount: string;
  /** The cgroup path the mount shows at its root (not "/" inside a cgroup namespace). */
  root: string;
}

export interface CgroupMounts {
  v1: Map<string, CgroupMount>;
  v2?: CgroupMount;
}

export type CgroupLocation =
  | { version: 1; pid: number; cpuacct: string; memory: string; blkio?: string; pids?: string }
  | { version: 2; pid: number; dir: string };

/** Where each cgroup controller is mounted, from a mountinfo text (default: this process's). */
export function parseMountinfo(text: string): CgroupMounts {
  const v1 = new Map<string, CgroupMount>();
  let v2: CgroupMount | undefined;
  for (const line of text.split('\n')) {
    const [pre, post] = line.split(' - ');
    if (!pre || !post) continue;
    const f = pre.split(' ');
    const [fstype, , superOpts = ''] = post.split(' ');
    const root = f[3] ?? '/';
    const mount = (f[4] ?? '').replace(/\\040/g, ' ');
    if (fstype === 'cgroup2') v2 ??= { mount, root };
    else if (fstype === 'cgroup')
      for (const opt of superOpts.split(',')) if (!v1.has(opt)) v1.set(opt, { mount, root });
  }
  return { ...(v2 ? { v2 } : {}), v1 };
}

let mountsCache: CgroupMounts | undefined;
export function cgroupMounts(): CgroupMounts {
  return (mountsCache ??= parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8')));
}

function under(m: CgroupMount | undefined, path: string): string | undefined {
  if (!m) return undefined;
  const rel = m.root !== '/' && path.startsWith(m.root) ? path.slice(m.root.length) : path;
  return join(m.mount, rel);
}

/**
 * Finds the cgroup directories of the process `pid` (a container's init) from /proc/<pid>/cgroup.
 * Returns undefined unless the path names `containerId` — proof that this pid is that container here.
 */
export function locateCgroup(
  pid: number,
  containerId: string,
  procCgroup?: string,
  mounts = cgroupMounts(),
): CgroupLocation | undefined {
  let text = procCgroup;
  if (text === undefined) {
    try {
      text = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
    } catch {
      return undefined;
    }
  }
  const byController = new Map<string, string>();
  let unified: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    if (m[2] === '') unified = m[3];
    else for (const c of m[2]!.split(',')) byController.set(c, m[3]!);
  }
  const short = containerId.slice(0, 12);
  const mem = byController.get('memory');
  if (mem !== undefined && mounts.v1.has('memory')) {
    if (!mem.includes(short)) return undefined;
    const cpuacct = under(mounts.v1.get('cpuacct'), byController.get('cpuacct') ?? mem);
    const memory = under(mounts.v1.get('memory'), mem);
    if (!cpuacct || !memory) return undefined;
    const blkio = under(mounts.v1.get('blkio'), byController.get('blkio') ?? mem);
    const pids = under(mounts.v1.get('pids'), byController.get('pids') ?? mem);
    return { version: 1, pid, cpuacct, memory, ...(blkio ? { blkio } : {}), ...(pids ? { pids } : {}) };
  }
  if (unified !== undefined && mounts.v2 && unified.includes(short)) {
    const dir = under(mounts.v2, unified);
    return dir ? { version: 2, pid, dir } : undefined;
  }
  return undefined;
}

/** "key value" lines (memory.stat, cpu.stat). */
export function parseFlatKeyed(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) out[line.slice(0, sp)] = Number(line.slice(sp + 1));
  }
  return out;
}

/** v1 blkio.throttle.io_service_bytes(_recursive): "8:0 Read 4096" lines. */
export function parseBlkioV1(text: string): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const line of text.split('\n')) {
    const [, op, v] = line.split(' ');
    if (op === 'Read') read += Number(v);
    else if (op === 'Write') write += Number(v);
  }
  return { read, write };
}

/** v2 io.stat: "8:0 rbytes=4096 wbytes=0 rios=1 …" lines. */
export function parseIoStatV2(text: string): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const m of text.matchAll(/\b(rbytes|wbytes)=(\d+)/g)) {
    if (m[1] === 'rbytes') read += Number(m[2]);
    else write += Number(m[2]);
  }
  return { read, write };
}

/** /proc/<pid>/net/dev: total rx and tx bytes of every interface but lo. */
export function parseNetDev(text: string): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    if (line.slice(0, colon).trim() === 'lo') continue;
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    rx += Number(f[0] ?? 0);
    tx += Number(f[8] ?? 0);
  }
  return { rx, tx };
}

const read = (p: string) => readFile(p, 'utf8');
const readOr = (p: string, fallback: string) => readFile(p, 'utf8').catch(() => fallback);
const CPUS = cpus().length || 1;

/** Reads the counters of a located container. Rejects (ENOENT) once the container stopped. */
export async function readCgroupCounters(id: string, loc: CgroupLocation): Promise<RawCounters> {
  const netP = readOr(`/proc/${loc.pid}/net/dev`, '');
  if (loc.version === 1) {
    const [cpu, usage, limit, stat, blk, pids, net] = await Promise.all([
      read(join(loc.cpuacct, 'cpuacct.usage')),
      read(join(loc.memory, 'memory.usage_in_bytes')),
      read(join(loc.memory, 'memory.limit_in_bytes')),
      read(join(loc.memory, 'memory.stat')),
      loc.blkio ? readOr(join(loc.blkio, 'blkio.throttle.io_service_bytes_recursive'), '') : '',
      loc.pids ? readOr(join(loc.pids, 'pids.current'), '0') : '0',
      netP,
    ]);
    return counters(id, { cpuNs: Number(cpu), usage, limit: Number(limit), stat, io: parseBlkioV1(blk), pids, net });
  }
  const d = loc.dir;
  const [cpuStat, usage, max, stat, ioStat, pids, net] = await Promise.all([
    read(join(d, 'cpu.stat')),
    read(join(d, 'memory.current')),
    readOr(join(d, 'memory.max'), 'max'),
    read(join(d, 'memory.stat')),
    readOr(join(d, 'io.stat'), ''),
    readOr(join(d, 'pids.current'), '0'),
    netP,
  ]);
  return counters(id, {
    cpuNs: (parseFlatKeyed(cpuStat).usage_usec ?? 0) * 1000,
    usage,
    limit: max.trim() === 'max' ? Infinity : Number(max),
    stat,
    io: parseIoStatV2(ioStat),
    pids,
    net,
  });
}

/** A sample from the files read, the same for cgroup v1 and v2; no memory limit (or a larger one) is the host's memory. */
function counters(
  id: string,
  f: {
    cpuNs: number;
    usage: string;
    limit: number;
    stat: string;
    io: { read: number; write: number };
    pids: string;
    net: string;
  },
): RawCounters {
  const hostMem = totalmem();
  const n = parseNetDev(f.net);
  return {
    id,
    ts: Date.now(),
    cpuNs: f.cpuNs,
    onlineCpus: CPUS,
    memUsage: memoryWithoutCache(Number(f.usage), parseFlatKeyed(f.stat)),
    memLimit: f.limit > 0 && f.limit < hostMem ? f.limit : hostMem,
    netRx: n.rx,
    netTx: n.tx,
    blkRead: f.io.read,
    blkWrite: f.io.write,
    pids: Number(f.pids) || 0,
  };
}
