// What Berth can learn about an engine that runs on this machine by looking at its dockerd process:
// the addresses of the network namespace it runs in (which may not be Berth's), the interface of its
// default route, and whether its kernel has IPVS (the routing mesh needs it). Nothing here asks the
// engine; an engine elsewhere (TCP, SSH, a VM) is simply not found.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { release } from 'node:os';
import type { EngineClient } from '../client';

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const list = (path: string): string[] => {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
};

/** Inodes of the sockets `pid` holds open. */
function socketInodes(pid: string): Set<string> {
  const out = new Set<string>();
  for (const fd of list(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(m[1]!);
    } catch {
      /* closed meanwhile */
    }
  }
  return out;
}

/**
 * The pid of the dockerd listening on `socketPath`: a dockerd whose open sockets include the one bound
 * to that path, as its own namespace's /proc/<pid>/net/unix lists it.
 */
export function dockerdPidFor(socketPath: string): number | undefined {
  for (const pid of list('/proc').filter((p) => /^\d+$/.test(p))) {
    if (read(`/proc/${pid}/comm`)?.trim() !== 'dockerd') continue;
    const table = read(`/proc/${pid}/net/unix`);
    if (!table) continue;
    const inodes = table
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[7] === socketPath)
      .map((f) => f[6]!);
    if (!inodes.length) continue;
    const open = socketInodes(pid);
    if (inodes.some((i) => open.has(i))) return Number(pid);
  }
  return undefined;
}

/** The local engine's dockerd, when the client talks to one through a unix socket on this machine. */
export function localDockerd(client: EngineClient): number | undefined {
  return client.address.kind === 'unix' ? dockerdPidFor(client.address.socketPath) : undefined;
}

const hexIp = (hex: string): string => [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
const ipNum = (ip: string): number => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);

interface Route {
  iface: string;
  dest: string;
  mask: string;
}

function routes(pid: number): Route[] {
  return (read(`/proc/${pid}/net/route`) ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 8)
    .map((f) => ({ iface: f[0]!, dest: hexIp(f[1]!), mask: hexIp(f[7]!) }));
}

/** The IPv4 addresses of the namespace `pid` runs in, with their interfaces, loopback left out. */
export function namespaceAddresses(pid: number): { addr: string; iface: string }[] {
  const trie = read(`/proc/${pid}/net/fib_trie`) ?? '';
  const local = new Set<string>();
  const lines = trie.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const m = /\|--\s+(\d+\.\d+\.\d+\.\d+)/.exec(lines[i - 1]!);
    if (m && /\/32 host LOCAL/.test(lines[i]!)) local.add(m[1]!);
  }
  const table = routes(pid).filter((r) => r.dest !== '0.0.0.0');
  return [...local]
    .filter((a) => !a.startsWith('127.'))
    .map((addr) => {
      const r = table.find((x) => (ipNum(addr) & ipNum(x.mask)) >>> 0 === ipNum(x.dest));
      return { addr, iface: r?.iface ?? '' };
    });
}

/** The interface the namespace's default route leaves through. */
export function defaultRouteInterface(pid: number): string | undefined {
  return routes(pid).find((r) => r.dest === '0.0.0.0' && r.mask === '0.0.0.0')?.iface;
}

/**
 * Whether the kernel under `pid` (this machine's) has IPVS: loaded (its namespace has /proc/net/ip_vs),
 * built in, or a module dockerd can load.
 */
export function hasIpvs(pid: number): boolean {
  if (read(`/proc/${pid}/net/ip_vs`) !== undefined) return true;
  const dir = `/lib/modules/${release()}`;
  return /(^|\/)ip_vs\.ko/m.test(`${read(`${dir}/modules.builtin`) ?? ''}\n${read(`${dir}/modules.dep`) ?? ''}`);
}
