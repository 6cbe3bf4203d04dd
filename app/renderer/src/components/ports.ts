// Published ports as people read them: one entry per binding (the engine reports a port published on
// every interface twice, for 0.0.0.0 and ::), "18101:81" or "127.0.0.1:18106:86", and a link only for
// TCP (a UDP or SCTP port is not a web address).
import type { PortMapping } from '../../../shared/contract';

export interface PortEntry {
  key: string;
  hostPort: number;
  containerPort: number;
  protocol: PortMapping['protocol'];
  /** The host address it is bound to; undefined when bound on every interface. */
  hostIp?: string;
  /** http://… for TCP; undefined for UDP and SCTP. */
  url?: string;
  /** "18101:81", "127.0.0.1:18106:86", "18103:83/udp". */
  text: string;
  /** Says it in words, for a tooltip and screen readers. */
  description: string;
}

const ANY = new Set(['', '0.0.0.0', '::']);

/** The address a published TCP port opens in the browser (localhost for every interface). */
export function portUrl(p: { hostPort?: number; hostIp?: string; protocol: string }): string | undefined {
  if (!p.hostPort || p.protocol !== 'tcp') return undefined;
  const ip = p.hostIp ?? '';
  const host = ANY.has(ip) ? 'localhost' : ip.includes(':') ? `[${ip}]` : ip;
  return `http://${host}:${p.hostPort}`;
}

/** Every interface first, then IPv4, then IPv6 addresses. */
const ipOrder = (ip: string | undefined) => (!ip ? '0' : ip.includes(':') ? `2${ip}` : `1${ip}`);

/** Every published binding once (IPv4/IPv6 twins merged), by container port, then host port. */
export function portEntries(ports: readonly PortMapping[]): PortEntry[] {
  const byKey = new Map<string, PortEntry>();
  for (const p of ports) {
    if (!p.hostPort) continue;
    const hostIp = ANY.has(p.hostIp ?? '') ? undefined : p.hostIp;
    const key = `${hostIp ?? '*'}|${p.hostPort}|${p.containerPort}|${p.protocol}`;
    if (byKey.has(key)) continue;
    const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
    const where = hostIp ? (hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`) : '';
    const url = portUrl({ ...p, ...(hostIp ? { hostIp } : { hostIp: '' }) });
    byKey.set(key, {
      key,
      hostPort: p.hostPort,
      containerPort: p.containerPort,
      protocol: p.protocol,
      ...(hostIp ? { hostIp } : {}),
      ...(url ? { url } : {}),
      text: `${where}${p.hostPort}:${p.containerPort}${proto}`,
      description: `${p.protocol.toUpperCase()} port ${p.containerPort} published on ${hostIp ?? 'every interface'} port ${p.hostPort}${url ? '' : ' (not a web address)'}`,
    });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.containerPort - b.containerPort ||
      a.hostPort - b.hostPort ||
      a.protocol.localeCompare(b.protocol) ||
      ipOrder(a.hostIp).localeCompare(ipOrder(b.hostIp)),
  );
}
