// Swarm nodes: list with their resources, status and manager reachability; availability, role
// (promote / demote) and labels changed; a node that is down removed.
import type { SwarmNode } from '../../../shared/contract/areas/swarm';
import { BerthError } from '../../../shared/errors';
import type { NodeFacts } from '../../../shared/swarm-constraints';
import type { EngineClient } from '../client';
import { swarmCall, withVersionRetry } from './call';
import type { RawInfoSwarm, RawNode, RawTask } from './raw';

const filters = (f: Record<string, string[]>) => JSON.stringify(f);

function nodeOf(n: RawNode, selfId: string | undefined, tasks: number): SwarmNode {
  const role = n.Spec?.Role === 'manager' ? 'manager' : 'worker';
  const availability = (['active', 'pause', 'drain'] as const).find((a) => a === n.Spec?.Availability) ?? 'active';
  const status =
    (['unknown', 'down', 'ready', 'disconnected'] as const).find((s) => s === n.Status?.State) ?? 'unknown';
  const m = n.ManagerStatus;
  const reachability =
    (['unknown', 'unreachable', 'reachable'] as const).find((r) => r === m?.Reachability) ?? 'unknown';
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.Spec?.Name ?? n.ID.slice(0, 12),
    role,
    availability,
    status,
    ...(n.Status?.Message ? { statusMessage: n.Status.Message } : {}),
    addr: n.Status?.Addr ?? '',
    engineVersion: n.Description?.Engine?.EngineVersion ?? '',
    os: n.Description?.Platform?.OS ?? '',
    arch: n.Description?.Platform?.Architecture ?? '',
    cpus: (n.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
    memory: n.Description?.Resources?.MemoryBytes ?? 0,
    labels: n.Spec?.Labels ?? {},
    ...(m ? { manager: { leader: !!m.Leader, reachability, addr: m.Addr ?? '' } } : {}),
    self: n.ID === selfId,
    tasks,
  };
}

export async function rawNodes(client: EngineClient): Promise<RawNode[]> {
  return swarmCall<RawNode[]>(client, 'list the swarm nodes', { path: '/nodes' });
}

/** What a placement constraint can read of a node. */
export function nodeFacts(n: RawNode): NodeFacts {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? '',
    role: n.Spec?.Role ?? 'worker',
    os: n.Description?.Platform?.OS ?? '',
    arch: n.Description?.Platform?.Architecture ?? '',
    labels: n.Spec?.Labels ?? {},
    engineLabels: n.Description?.Engine?.Labels ?? {},
  };
}

async function selfId(client: EngineClient): Promise<string | undefined> {
  const info = await swarmCall<{ Swarm?: RawInfoSwarm }>(client, 'read the swarm state', { path: '/info' });
  return info.Swarm?.NodeID;
}

export async function listNodes(client: EngineClient): Promise<SwarmNode[]> {
  const [nodes, tasks, self] = await Promise.all([
    rawNodes(client),
    swarmCall<RawTask[]>(client, 'list the swarm tasks', {
      path: '/tasks',
      query: { filters: filters({ 'desired-state': ['running'] }) },
    }),
    selfId(client),
  ]);
  const perNode = new Map<string, number>();
  for (const t of tasks) if (t.NodeID) perNode.set(t.NodeID, (perNode.get(t.NodeID) ?? 0) + 1);
  return nodes.map((n) => nodeOf(n, self, perNode.get(n.ID) ?? 0));
}

export interface NodeChange {
  availability?: 'active' | 'pause' | 'drain';
  role?: 'manager' | 'worker';
  labels?: Record<string, string>;
}

async function inspectNode(client: EngineClient, id: string, what: string): Promise<RawNode> {
  return swarmCall<RawNode>(client, what, { path: `/nodes/${encodeURIComponent(id)}` });
}

export async function updateNode(client: EngineClient, id: string, change: NodeChange): Promise<SwarmNode> {
  const what = `change node "${id}"`;
  await withVersionRetry(async () => {
    const n = await inspectNode(client, id, what);
    await swarmCall(client, what, {
      method: 'POST',
      path: `/nodes/${encodeURIComponent(n.ID)}/update`,
      query: { version: n.Version?.Index ?? 0 },
      body: {
        ...n.Spec,
        ...(change.availability ? { Availability: change.availability } : {}),
        ...(change.role ? { Role: change.role } : {}),
        ...(change.labels ? { Labels: change.labels } : {}),
      },
    });
  });
  const updated = (await listNodes(client)).find((n) => n.id === id || n.id.startsWith(id) || n.hostname === id);
  if (!updated) throw new BerthError({ kind: 'not-found', message: `Node "${id}" is gone from the swarm.` });
  return updated;
}

/** Removes a node that is down; one still up is refused with what to do first. */
export async function removeNode(client: EngineClient, id: string): Promise<void> {
  const what = `remove node "${id}"`;
  const n = await inspectNode(client, id, what);
  const name = n.Description?.Hostname ?? id;
  if (n.Status?.State !== 'down')
    throw new BerthError({
      kind: 'conflict',
      message: `Could not remove node ${name}: it is ${n.Status?.State ?? 'not down'}. Drain it and run "docker swarm leave" on it; once the swarm sees it down, it can be removed.`,
    });
  if (n.Spec?.Role === 'manager')
    throw new BerthError({
      kind: 'conflict',
      message: `Could not remove node ${name}: it is a manager. Demote it first, so the swarm keeps its quorum.`,
    });
  await swarmCall(client, what, { method: 'DELETE', path: `/nodes/${encodeURIComponent(n.ID)}` });
}
