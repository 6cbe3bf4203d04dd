// Checks of a service's settings against the swarm as it is, before the engine sees them: the networks,
// secrets and configs it names exist (and the networks are swarm-scoped), its published ports are free
// across the swarm, and some node matches its placement constraints. Each refusal names its field.
import type { ServiceSpecValue } from '../../../shared/contract/areas/swarm';
import { nodeMatches, parseConstraint, type Constraint } from '../../../shared/swarm-constraints';
import type { EngineClient } from '../client';
import { invalid, swarmCall } from './call';
import { nodeFacts, rawNodes } from './nodes';
import type { RawNetwork, RawService, RawSwarmData } from './raw';
import type { SpecRefs } from './service-spec';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function networkRefs(client: EngineClient, names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!names.length) return out;
  const all = await swarmCall<RawNetwork[]>(client, 'list networks', { path: '/networks' });
  names.forEach((name, i) => {
    const n = all.find((x) => x.Name === name) ?? all.find((x) => x.Id === name);
    if (!n)
      throw invalid(
        `networks.${i}`,
        `There is no network "${name}". Create an overlay network first, or pick another.`,
      );
    if (n.Scope !== 'swarm')
      throw invalid(
        `networks.${i}`,
        `"${name}" is a ${n.Scope ?? 'local'} ${n.Driver ?? ''} network: a service attaches only to swarm networks (overlay). Pick or create an overlay network.`,
      );
    out.set(name, n.Id);
  });
  return out;
}

async function dataRefs(
  client: EngineClient,
  kind: 'secret' | 'config',
  wanted: { name: string }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  const all = await swarmCall<RawSwarmData[]>(client, `list ${kind}s`, { path: `/${kind}s` });
  wanted.forEach((w, i) => {
    const found = all.find((x) => x.Spec?.Name === w.name);
    if (!found) throw invalid(`${kind}s.${i}.name`, `There is no ${kind} "${w.name}". Create it first.`);
    out.set(w.name, found.ID);
  });
  return out;
}

/** Ingress ports hold the port on every node; host ports only where a task runs. */
function checkPorts(spec: ServiceSpecValue, services: RawService[], selfId: string | undefined): void {
  spec.ports.forEach((p, i) => {
    if (p.published === undefined) return;
    for (const other of services) {
      if (other.ID === selfId) continue;
      const clash = (other.Endpoint?.Ports ?? other.Spec.EndpointSpec?.Ports ?? []).find(
        (o) =>
          o.PublishedPort === p.published &&
          (o.Protocol ?? 'tcp') === p.protocol &&
          (o.PublishMode === 'ingress' || p.mode === 'ingress'),
      );
      if (clash)
        throw invalid(
          `ports.${i}.published`,
          `Port ${p.published}/${p.protocol} is already published by service ${other.Spec.Name ?? other.ID}${clash.PublishMode === 'ingress' ? ' on every node (routing mesh)' : ''}. Publish another port.`,
        );
    }
  });
}

async function checkPlacement(client: EngineClient, spec: ServiceSpecValue): Promise<void> {
  if (!spec.constraints.length) return;
  const constraints = spec.constraints.map(parseConstraint).filter((c): c is Constraint => typeof c !== 'string');
  const nodes = await rawNodes(client);
  if (nodes.some((n) => nodeMatches(nodeFacts(n), constraints))) return;
  const described = nodes
    .slice(0, 5)
    .map((n) => `${n.Description?.Hostname ?? n.ID.slice(0, 12)} (${n.Spec?.Role ?? 'worker'})`)
    .join(', ');
  throw invalid(
    'constraints',
    `No node of this swarm matches these constraints, so no task could ever start. The swarm has ${plural(nodes.length, 'node')}: ${described}${nodes.length > 5 ? ', …' : ''}. Change the constraints, or label a node to match (Nodes).`,
  );
}

/** Checks `spec` against the swarm and resolves what it names; `current` is the service being updated. */
export async function checkServiceSpec(
  client: EngineClient,
  spec: ServiceSpecValue,
  current?: RawService,
): Promise<SpecRefs> {
  if (current) {
    if (current.Spec.Name !== spec.name)
      throw invalid('name', `A service keeps its name (${current.Spec.Name}): create a new one to use another.`);
  }
  const services = await swarmCall<RawService[]>(client, 'list services', { path: '/services' });
  checkPorts(spec, services, current?.ID);
  const [networks, secrets, configs] = await Promise.all([
    networkRefs(client, spec.networks),
    dataRefs(client, 'secret', spec.secrets),
    dataRefs(client, 'config', spec.configs),
    checkPlacement(client, spec),
  ]);
  return { networks, secrets, configs };
}
