// The engine's swarm: whether it is in one and as what, creating one (with an advertise address Berth
// suggests from the engine's own network namespace), joining one, leaving, and the join tokens.
import type { AdvertiseChoices, JoinTokens, SwarmStatus } from '../../../shared/contract/areas/swarm';
import type { EngineClient } from '../client';
import { swarmCall } from './call';
import { defaultRouteInterface, hasIpvs, localDockerd, namespaceAddresses } from './local-engine';
import type { RawInfoSwarm, RawNetwork } from './raw';

const STATES: SwarmStatus['state'][] = ['inactive', 'pending', 'active', 'error', 'locked'];

export async function swarmStatus(client: EngineClient): Promise<SwarmStatus> {
  const info = await swarmCall<{ Swarm?: RawInfoSwarm }>(client, 'read the swarm state', { path: '/info' });
  const s = info.Swarm ?? {};
  const state = STATES.find((x) => x === s.LocalNodeState) ?? 'inactive';
  const pid = localDockerd(client);
  const inSwarm = state === 'active' || state === 'locked' || state === 'pending';
  return {
    state,
    ...(inSwarm ? { role: s.ControlAvailable ? 'manager' : 'worker' } : {}),
    ...(s.NodeID ? { nodeId: s.NodeID } : {}),
    ...(s.NodeAddr ? { nodeAddr: s.NodeAddr } : {}),
    ...(s.Cluster?.ID ? { clusterId: s.Cluster.ID } : {}),
    ...(s.Cluster?.CreatedAt ? { createdAt: s.Cluster.CreatedAt } : {}),
    ...(s.Nodes ? { nodes: s.Nodes } : {}),
    ...(s.Managers ? { managers: s.Managers } : {}),
    managerAddrs: (s.RemoteManagers ?? []).map((m) => m.Addr),
    ...(s.Error ? { error: s.Error } : {}),
    routingMesh: pid === undefined ? 'unknown' : hasIpvs(pid) ? 'available' : 'missing',
  };
}

const inSubnet = (addr: string, cidr: string): boolean => {
  const [base = '', bits = '32'] = cidr.split('/');
  const num = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(base)) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (num(addr) & mask) >>> 0 === (num(base) & mask) >>> 0;
};

/**
 * Addresses the engine could advertise. For an engine on this machine: those of the network namespace
 * its dockerd runs in, except its own networks' (bridges, docker_gwbridge), the one its default route
 * leaves through suggested. For an engine reached over TCP: the address Berth reaches it at.
 */
export async function advertiseChoices(client: EngineClient): Promise<AdvertiseChoices> {
  const pid = localDockerd(client);
  if (pid === undefined) {
    const host = client.address.kind === 'tcp' ? client.address.host : undefined;
    if (host && /^\d+\.\d+\.\d+\.\d+$/.test(host) && !host.startsWith('127.'))
      return { addresses: [{ addr: host, iface: '' }], suggested: host };
    return { addresses: [] };
  }
  const networks = await swarmCall<(RawNetwork & { IPAM?: { Config?: { Subnet?: string }[] | null } })[]>(
    client,
    'list networks',
    { path: '/networks' },
  );
  const subnets = networks.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '')).filter(Boolean);
  const addresses = namespaceAddresses(pid).filter((a) => !subnets.some((s) => inSubnet(a.addr, s)));
  const via = defaultRouteInterface(pid);
  const suggested =
    addresses.find((a) => a.iface === via)?.addr ?? (addresses.length === 1 ? addresses[0]!.addr : undefined);
  return { addresses, ...(suggested ? { suggested } : {}) };
}

export interface InitOptions {
  advertiseAddr?: string;
  listenAddr?: string;
  defaultAddrPool?: string[];
}

/** Creates or joins a swarm, this node listening and advertising as asked (default: every interface, port 2377). */
async function enterSwarm(
  client: EngineClient,
  what: string,
  path: '/swarm/init' | '/swarm/join',
  opts: { listenAddr?: string; advertiseAddr?: string },
  body: Record<string, unknown>,
): Promise<SwarmStatus> {
  await swarmCall(client, what, {
    method: 'POST',
    path,
    body: { ListenAddr: opts.listenAddr || '0.0.0.0:2377', AdvertiseAddr: opts.advertiseAddr ?? '', ...body },
  });
  return swarmStatus(client);
}

export async function initSwarm(client: EngineClient, opts: InitOptions): Promise<SwarmStatus> {
  return enterSwarm(client, 'create a swarm', '/swarm/init', opts, {
    ...(opts.defaultAddrPool?.length ? { DefaultAddrPool: opts.defaultAddrPool, SubnetSize: 24 } : {}),
    Spec: {},
  });
}

export interface JoinOptions {
  remoteAddr: string;
  token: string;
  advertiseAddr?: string;
  listenAddr?: string;
}

const withPort = (addr: string) => (/:\d+$/.test(addr) && !/^[0-9a-fA-F:]+$/.test(addr) ? addr : `${addr}:2377`);

export async function joinSwarm(client: EngineClient, opts: JoinOptions): Promise<SwarmStatus> {
  return enterSwarm(client, 'join the swarm', '/swarm/join', opts, {
    RemoteAddrs: [withPort(opts.remoteAddr)],
    JoinToken: opts.token,
  });
}

export async function leaveSwarm(client: EngineClient, force: boolean): Promise<void> {
  await swarmCall(client, 'leave the swarm', { method: 'POST', path: '/swarm/leave', query: { force } });
}

interface RawSwarm {
  Version?: { Index: number };
  Spec?: Record<string, unknown>;
  JoinTokens?: { Worker?: string; Manager?: string };
}

export async function joinTokens(client: EngineClient): Promise<JoinTokens> {
  const [swarm, status] = await Promise.all([
    swarmCall<RawSwarm>(client, 'read the join tokens', { path: '/swarm' }),
    swarmStatus(client),
  ]);
  const self = status.managerAddrs.find((a) => status.nodeAddr && a.startsWith(`${status.nodeAddr}:`));
  return {
    worker: swarm.JoinTokens?.Worker ?? '',
    manager: swarm.JoinTokens?.Manager ?? '',
    managerAddr: self ?? (status.nodeAddr ? `${status.nodeAddr}:2377` : (status.managerAddrs[0] ?? '')),
  };
}

export async function rotateJoinToken(client: EngineClient, role: 'worker' | 'manager'): Promise<JoinTokens> {
  const swarm = await swarmCall<RawSwarm>(client, `rotate the ${role} join token`, { path: '/swarm' });
  await swarmCall(client, `rotate the ${role} join token`, {
    method: 'POST',
    path: '/swarm/update',
    query: {
      version: swarm.Version?.Index ?? 0,
      ...(role === 'worker' ? { rotateWorkerToken: true } : { rotateManagerToken: true }),
    },
    body: swarm.Spec ?? {},
  });
  return joinTokens(client);
}
