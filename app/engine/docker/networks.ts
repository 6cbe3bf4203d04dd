// Networks: list, create, inspect, remove (built-ins refused), connect and disconnect a container, prune.
import type { NetworkSummary } from '../../shared/contract';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { attempt, classifyEngineError, toBerthError } from './errors';
import { listContainerUse, nameList } from './system-usage';
import { checkSubnetIsFree } from './subnet-overlap';
import {
  checkDriverName,
  checkGateway,
  checkLabels,
  checkNetworkName,
  checkObjectRef,
  checkPruneLabels,
  checkSubnet,
} from './validate-reference';

export const BUILT_IN_NETWORKS = ['bridge', 'host', 'none'] as const;

/**
 * A network as the engine side reads it: the contract's row (NetworkSummary, what the UI gets; the
 * facade sends only its fields) plus what only the engine side uses: gateways (subnet checks),
 * labels and the creation time (compose and swarm clean-up, inspect); `attachable` is always known here.
 */
export interface NetworkRecord extends NetworkSummary {
  gateways: string[];
  attachable: boolean;
  labels: Record<string, string>;
  /** ISO 8601. */
  created: string;
}

export interface NetworkDetails extends NetworkRecord {
  ipv6: boolean;
  options: Record<string, string>;
  /** Running containers' endpoints on this network. */
  endpoints: { container: string; ipv4: string; ipv6: string; mac: string }[];
}

interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Created?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Containers?: Record<
    string,
    { Name?: string; IPv4Address?: string; IPv6Address?: string; MacAddress?: string }
  > | null;
}

const networkPath = (ref: string) => `/networks/${encodeURIComponent(ref)}`;
const isBuiltIn = (name: string) => (BUILT_IN_NETWORKS as readonly string[]).includes(name);

function summary(n: RawNetwork, containers: string[]): NetworkRecord {
  const ipam = n.IPAM?.Config ?? [];
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver ?? '',
    scope: n.Scope ?? 'local',
    subnets: ipam.map((c) => c.Subnet ?? '').filter(Boolean),
    gateways: ipam.map((c) => c.Gateway ?? '').filter(Boolean),
    internal: !!n.Internal,
    attachable: !!n.Attachable,
    builtIn: isBuiltIn(n.Name),
    labels: n.Labels ?? {},
    created: n.Created ?? '',
    containers,
  };
}

export async function listNetworks(client: EngineClient): Promise<NetworkRecord[]> {
  const [raw, containers] = await Promise.all([
    attempt('list networks', () => dialJson<RawNetwork[]>(client, { path: '/networks' })),
    listContainerUse(client),
  ]);
  return raw.map((n) =>
    summary(
      n,
      containers
        .filter((c) => c.networks.some((x) => x.id === n.Id || (!x.id && x.name === n.Name)))
        .map((c) => c.name),
    ),
  );
}

export async function inspectNetwork(client: EngineClient, ref: string): Promise<NetworkDetails> {
  checkObjectRef(ref, 'network', 'network');
  const [n, containers] = await Promise.all([
    attempt(`inspect network "${ref}"`, () => dialJson<RawNetwork>(client, { path: networkPath(ref) })),
    listContainerUse(client),
  ]);
  const users = containers.filter((c) => c.networks.some((x) => x.id === n.Id)).map((c) => c.name);
  return {
    ...summary(n, users),
    ipv6: !!n.EnableIPv6,
    options: n.Options ?? {},
    endpoints: Object.values(n.Containers ?? {}).map((e) => ({
      container: e.Name ?? '',
      ipv4: e.IPv4Address ?? '',
      ipv6: e.IPv6Address ?? '',
      mac: e.MacAddress ?? '',
    })),
  };
}

export interface CreateNetworkOptions {
  name: string;
  /** bridge (default), macvlan, ipvlan, overlay… */
  driver?: string;
  subnet?: string;
  /** Must lie inside `subnet`. */
  gateway?: string;
  internal?: boolean;
  attachable?: boolean;
  ipv6?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

export async function createNetwork(client: EngineClient, opts: CreateNetworkOptions): Promise<NetworkDetails> {
  checkNetworkName(opts?.name, 'name');
  if (isBuiltIn(opts.name))
    throw new BerthError({
      kind: 'invalid',
      field: 'name',
      message: `"${opts.name}" is the name of a network the engine provides. Choose another name.`,
    });
  const labels = checkLabels(opts.labels, 'labels');
  const options = checkLabels(opts.options, 'options');
  checkDriverName(opts.driver, 'network');
  const subnet = opts.subnet !== undefined ? checkSubnet(opts.subnet, 'subnet') : undefined;
  if (opts.gateway !== undefined && !subnet)
    throw new BerthError({
      kind: 'invalid',
      field: 'gateway',
      message: 'A gateway needs a subnet to lie in; give the subnet too.',
    });
  if (opts.gateway !== undefined && subnet) checkGateway(opts.gateway, subnet, 'gateway');
  const what = `create network "${opts.name}"`;
  const existing = await dialJson<RawNetwork[]>(client, {
    path: '/networks',
    query: { filters: JSON.stringify({ name: [opts.name] }) },
  })
    .then((l) => l.some((n) => n.Name === opts.name))
    .catch(() => false);
  if (existing)
    throw new BerthError({
      kind: 'conflict',
      field: 'name',
      message: `Could not ${what}: a network with that name already exists. Choose another name.`,
    });
  if (subnet) await checkSubnetIsFree(client, subnet, await listNetworks(client).catch(() => []));
  const created = await attempt(what, () =>
    dialJson<{ Id: string }>(client, {
      method: 'POST',
      path: '/networks/create',
      body: {
        Name: opts.name,
        CheckDuplicate: true,
        Driver: opts.driver ?? 'bridge',
        Internal: !!opts.internal,
        Attachable: !!opts.attachable,
        EnableIPv6: !!opts.ipv6 || subnet?.family === 6,
        Labels: labels,
        Options: options,
        ...(subnet
          ? {
              IPAM: {
                Driver: 'default',
                Config: [{ Subnet: subnet.cidr, ...(opts.gateway ? { Gateway: opts.gateway } : {}) }],
              },
            }
          : {}),
      },
    }),
  );
  return inspectNetwork(client, created.Id);
}

/** Removes a network. The built-in bridge, host and none are refused; one with containers attached is refused naming them. */
export async function removeNetwork(client: EngineClient, ref: string): Promise<void> {
  checkObjectRef(ref, 'network', 'network');
  if (isBuiltIn(ref))
    throw new BerthError({
      kind: 'invalid',
      field: 'network',
      message: `The "${ref}" network is built into the engine and cannot be removed.`,
    });
  const what = `remove network "${ref}"`;
  const n = await attempt(what, () => dialJson<RawNetwork>(client, { path: networkPath(ref) }));
  if (isBuiltIn(n.Name))
    throw new BerthError({
      kind: 'invalid',
      field: 'network',
      message: `The "${n.Name}" network is built into the engine and cannot be removed.`,
    });
  try {
    await dialJson(client, { method: 'DELETE', path: networkPath(n.Id) });
  } catch (err) {
    const f = classifyEngineError(err);
    if (f.cause !== 'active-endpoints' && f.kind !== 'conflict') throw toBerthError(err, what);
    const users = (await listContainerUse(client).catch(() => []))
      .filter((c) => c.networks.some((x) => x.id === n.Id))
      .map((c) => c.name);
    throw new BerthError({
      kind: 'conflict',
      message: users.length
        ? `Could not ${what}: ${users.length === 1 ? 'the container' : 'the containers'} ${nameList(users)} ${users.length === 1 ? 'is' : 'are'} attached. Disconnect or stop ${users.length === 1 ? 'it' : 'them'} first.`
        : `Could not ${what}: containers are still attached (${f.text}).`,
      detail: f.text,
    });
  }
}

export interface ConnectOptions {
  /** Extra names for the container on this network. */
  aliases?: string[];
  ipv4?: string;
}

export async function connectNetwork(
  client: EngineClient,
  network: string,
  container: string,
  opts: ConnectOptions = {},
): Promise<void> {
  checkObjectRef(network, 'network', 'network');
  checkObjectRef(container, 'container', 'container');
  for (const [i, a] of (opts.aliases ?? []).entries()) checkNetworkName(a, `aliases.${i}`);
  if (opts.ipv4 !== undefined && !/^(\d{1,3}\.){3}\d{1,3}$/.test(opts.ipv4))
    throw new BerthError({ kind: 'invalid', field: 'ipv4', message: `"${opts.ipv4}" is not an IPv4 address.` });
  await attempt(`connect container "${container}" to network "${network}"`, () =>
    dialJson(client, {
      method: 'POST',
      path: `${networkPath(network)}/connect`,
      body: {
        Container: container,
        EndpointConfig: {
          ...(opts.aliases?.length ? { Aliases: opts.aliases } : {}),
          ...(opts.ipv4 ? { IPAMConfig: { IPv4Address: opts.ipv4 } } : {}),
        },
      },
    }),
  );
}

export async function disconnectNetwork(
  client: EngineClient,
  network: string,
  container: string,
  opts: { force?: boolean } = {},
): Promise<void> {
  checkObjectRef(network, 'network', 'network');
  checkObjectRef(container, 'container', 'container');
  await attempt(`disconnect container "${container}" from network "${network}"`, () =>
    dialJson(client, {
      method: 'POST',
      path: `${networkPath(network)}/disconnect`,
      body: { Container: container, Force: !!opts.force },
    }),
  );
}

export interface NetworkPrunePreview {
  networks: { id: string; name: string }[];
}

/**
 * Networks a prune would remove: user networks without endpoints, i.e. with no running (or paused)
 * container attached. Like the engine, this counts containers that are merely created or stopped
 * as not using the network.
 */
export async function previewNetworkPrune(
  client: EngineClient,
  opts: { labels?: string[] } = {},
): Promise<NetworkPrunePreview> {
  checkPruneLabels(opts.labels);
  const [list, containers] = await Promise.all([listNetworks(client), listContainerUse(client)]);
  const active = new Set(
    containers
      .filter((c) => ['running', 'paused', 'restarting'].includes(c.state))
      .flatMap((c) => c.networks.map((n) => n.id)),
  );
  const wanted = (n: NetworkRecord) =>
    (opts.labels ?? []).every((w) => {
      const eq = w.indexOf('=');
      return eq < 0 ? w in n.labels : n.labels[w.slice(0, eq)] === w.slice(eq + 1);
    });
  return {
    networks: list
      .filter((n) => !n.builtIn && !active.has(n.id) && n.scope !== 'swarm' && wanted(n))
      .map((n) => ({ id: n.id, name: n.name })),
  };
}

export async function pruneNetworks(
  client: EngineClient,
  opts: { labels?: string[] } = {},
): Promise<{ deleted: string[] }> {
  checkPruneLabels(opts.labels);
  const res = await attempt('remove unused networks', () =>
    dialJson<{ NetworksDeleted?: string[] | null }>(client, {
      method: 'POST',
      path: '/networks/prune',
      query: { filters: JSON.stringify(opts.labels?.length ? { label: opts.labels } : {}) },
    }),
  );
  return { deleted: res.NetworksDeleted ?? [] };
}
