// Refuses a network subnet that overlaps one the engine already has, or (for an engine in this
// machine's own network namespace) a route of this machine: the engine would accept the latter and
// take the route over, cutting this machine off from that network.
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { BerthError } from '../../shared/errors';
import { dialJson, isLocalEngine, type EngineClient } from './client';
import { checkSubnet, type Subnet } from './validate-reference';

export interface HostRoute {
  /** "10.1.2.0/24", or a single address. */
  dst: string;
  dev: string;
}

function range(s: Subnet): [bigint, bigint] {
  const width = s.family === 4 ? 32 : 128;
  const size = 1n << BigInt(width - s.bits);
  return [s.base, s.base + size - 1n];
}

/** Whether two subnets share any address. */
export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
  if (a.family !== b.family) return false;
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}

/** A subnet from a route or an engine's IPAM ("10.1.2.3" is a /32; host bits are cleared). */
export function looseSubnet(text: string): Subnet | undefined {
  const [addr, bitsText] = text.split('/');
  const family = addr?.includes(':') ? 6 : 4;
  const width = family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  try {
    const exact = checkSubnet(`${addr}/${width}`, 'subnet');
    const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - bits)) - 1n);
    return { cidr: text, family: exact.family, base: exact.base & mask, bits };
  } catch {
    return undefined;
  }
}

/** This machine's IPv4 routes (main table) other than the default route. */
export function hostRoutes(): HostRoute[] {
  try {
    const routes = JSON.parse(
      execFileSync('ip', ['-j', '-4', 'route', 'show', 'table', 'main'], { encoding: 'utf8', timeout: 5000 }),
    ) as { dst?: string; dev?: string }[];
    return routes.flatMap((r) => (r.dst && r.dst !== 'default' && r.dev ? [{ dst: r.dst, dev: r.dev }] : []));
  } catch {
    return [];
  }
}

/**
 * Whether the engine's networks live in this machine's network namespace: a local socket, the same
 * host name, and not rootless (whose bridges live in rootlesskit's namespace). A VM's forwarded
 * socket answers with the VM's host name.
 */
export async function sharesHostNetwork(client: EngineClient): Promise<boolean> {
  if (!isLocalEngine(client)) return false;
  try {
    const info = await dialJson<{ Name?: string; SecurityOptions?: string[] }>(client, { path: '/info' });
    return info.Name === hostname() && !(info.SecurityOptions ?? []).some((o) => o.includes('name=rootless'));
  } catch {
    return false;
  }
}

const pick = 'Choose another subnet, or leave it empty so the engine picks a free one.';

/** Throws a `conflict` on the `subnet` field when `subnet` overlaps an engine network or a route of this machine. */
export async function checkSubnetIsFree(
  client: EngineClient,
  subnet: Subnet,
  networks: { name: string; subnets: string[] }[],
  routes: () => HostRoute[] = hostRoutes,
): Promise<void> {
  for (const n of networks)
    for (const s of n.subnets) {
      const theirs = looseSubnet(s);
      if (theirs && subnetsOverlap(subnet, theirs))
        throw new BerthError({
          kind: 'conflict',
          field: 'subnet',
          message: `The subnet ${subnet.cidr} overlaps the subnet ${s} of the network "${n.name}". ${pick}`,
        });
    }
  if (subnet.family !== 4 || !(await sharesHostNetwork(client))) return;
  for (const r of routes()) {
    const theirs = looseSubnet(r.dst);
    if (theirs && subnetsOverlap(subnet, theirs))
      throw new BerthError({
        kind: 'conflict',
        field: 'subnet',
        message: `The subnet ${subnet.cidr} overlaps ${r.dst}, which this machine reaches through ${r.dev}: the engine would take that route over, so this machine could no longer reach those addresses. ${pick}`,
      });
  }
}
