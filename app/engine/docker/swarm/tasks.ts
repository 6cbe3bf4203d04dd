// Swarm tasks of a service, a stack or a node: slot, node, desired and current state, error, container,
// and whether each runs the service's current settings (how far a rolling update has come).
import type { SwarmTask } from '../../../shared/contract/areas/swarm';
import type { EngineClient } from '../client';
import { swarmCall } from './call';
import { rawNodes } from './nodes';
import { STACK_LABEL, type RawInfoSwarm, type RawService, type RawTask } from './raw';
import { withoutDigest } from './service-spec';

export interface TaskFilter {
  service?: string;
  stack?: string;
  node?: string;
}

/** JSON with keys in order, so two specs compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** What a task takes from its service's template (the engine adds or leaves out others, e.g. Runtime). */
const TEMPLATE_KEYS = [
  'ContainerSpec',
  'Resources',
  'RestartPolicy',
  'Placement',
  'Networks',
  'ForceUpdate',
  'LogDriver',
];
const templateOf = (spec: Record<string, unknown> | undefined) =>
  canonical(Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, spec?.[k]])));

/** Whether a task was made from the service's current task template. */
export const runsCurrentSpec = (t: RawTask, s: RawService | undefined): boolean =>
  !!s && templateOf(t.Spec) === templateOf(s.Spec.TaskTemplate);

const STATE_ORDER = ['running', 'starting', 'ready', 'preparing', 'assigned', 'accepted', 'pending', 'new'];

export async function listTasks(client: EngineClient, filter: TaskFilter = {}): Promise<SwarmTask[]> {
  const f: Record<string, string[]> = {};
  if (filter.stack) f.label = [`${STACK_LABEL}=${filter.stack}`];
  if (filter.node) f.node = [filter.node];
  const servicesQuery = filter.service
    ? swarmCall<RawService>(client, `inspect service "${filter.service}"`, {
        path: `/services/${encodeURIComponent(filter.service)}`,
      }).then((s) => [s])
    : swarmCall<RawService[]>(client, 'list services', { path: '/services' });
  const services = await servicesQuery;
  if (filter.service) f.service = [services[0]!.ID];
  const [tasks, nodes, info] = await Promise.all([
    swarmCall<RawTask[]>(client, 'list the swarm tasks', {
      path: '/tasks',
      query: { filters: JSON.stringify(f) },
    }),
    rawNodes(client),
    swarmCall<{ Swarm?: RawInfoSwarm }>(client, 'read the swarm state', { path: '/info' }),
  ]);
  const byId = new Map(services.map((s) => [s.ID, s]));
  const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
  const self = info.Swarm?.NodeID;
  return tasks
    .map((t): SwarmTask => {
      const s = byId.get(t.ServiceID ?? '');
      const service = s?.Spec.Name ?? t.ServiceID ?? '';
      const node = t.NodeID ? hostnames.get(t.NodeID) : undefined;
      const status = t.Status ?? {};
      const containerId = status.ContainerStatus?.ContainerID;
      return {
        id: t.ID,
        serviceId: t.ServiceID ?? '',
        service,
        name: t.Slot ? `${service}.${t.Slot}` : `${service}.${node ?? t.NodeID?.slice(0, 12) ?? t.ID.slice(0, 12)}`,
        ...(t.Slot ? { slot: t.Slot } : {}),
        ...(t.NodeID ? { nodeId: t.NodeID } : {}),
        ...(node ? { node } : {}),
        desiredState: t.DesiredState ?? '',
        state: status.State ?? '',
        message: status.Message ?? '',
        ...(status.Err ? { error: status.Err } : {}),
        ...(containerId ? { containerId } : {}),
        ...(status.ContainerStatus?.ExitCode !== undefined && status.State !== 'running'
          ? { exitCode: status.ContainerStatus.ExitCode }
          : {}),
        since: status.Timestamp ?? t.UpdatedAt ?? '',
        image: withoutDigest(t.Spec?.ContainerSpec?.Image ?? ''),
        current: runsCurrentSpec(t, s),
        local: !!self && t.NodeID === self,
      };
    })
    .sort(
      (a, b) =>
        a.service.localeCompare(b.service) ||
        (a.slot ?? 0) - (b.slot ?? 0) ||
        (a.node ?? '').localeCompare(b.node ?? '') ||
        // the task meant to run first, then the newest
        Number(b.desiredState === 'running') - Number(a.desiredState === 'running') ||
        STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
        b.since.localeCompare(a.since),
    );
}
