// Which services and nodes use each swarm-scoped network (overlay, ingress): services by their
// settings (and every service publishing through the routing mesh uses ingress), nodes by the tasks
// attached there now.
import type { SwarmNetworkUse } from '../../../shared/contract/areas/swarm';
import type { EngineClient } from '../client';
import { swarmCall } from './call';
import { rawNodes } from './nodes';
import type { RawNetwork, RawTask } from './raw';
import { rawServices } from './services';

export async function swarmNetworkUse(client: EngineClient): Promise<SwarmNetworkUse[]> {
  const [networks, services, tasks, nodes] = await Promise.all([
    swarmCall<RawNetwork[]>(client, 'list networks', { path: '/networks' }),
    rawServices(client),
    swarmCall<RawTask[]>(client, 'list the swarm tasks', {
      path: '/tasks',
      query: { filters: JSON.stringify({ 'desired-state': ['running'] }) },
    }),
    rawNodes(client),
  ]);
  const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
  return networks
    .filter((n) => n.Scope === 'swarm')
    .map((n) => {
      const users = services.filter(
        (s) =>
          (s.Spec.TaskTemplate?.Networks ?? s.Spec.Networks ?? []).some(
            (x) => x.Target === n.Id || x.Target === n.Name,
          ) ||
          (n.Name === 'ingress' && (s.Endpoint?.Ports ?? []).some((p) => p.PublishMode === 'ingress')),
      );
      const on = new Set<string>();
      for (const t of tasks)
        if (t.NodeID && (t.NetworksAttachments ?? []).some((a) => a.Network?.ID === n.Id))
          on.add(hostnames.get(t.NodeID) ?? t.NodeID.slice(0, 12));
      return {
        id: n.Id,
        name: n.Name,
        services: users.map((s) => s.Spec.Name ?? s.ID).sort(),
        nodes: [...on].sort(),
      };
    });
}
