// Secrets and configs: list with the services that use them, create from a value (base64), remove.
// A secret's value goes to the engine once and is never read back, returned or logged: the engine
// itself never returns it, and nothing here keeps it.
import type { SwarmData } from '../../../shared/contract/areas/swarm';
import { BerthError } from '../../../shared/errors';
import type { EngineClient } from '../client';
import { swarmCall } from './call';
import { STACK_LABEL, type RawService, type RawSwarmData } from './raw';

export type DataKind = 'secret' | 'config';

function usersOf(kind: DataKind, d: RawSwarmData, services: RawService[]): string[] {
  return services
    .filter((s) =>
      (
        (kind === 'secret'
          ? s.Spec.TaskTemplate?.ContainerSpec?.Secrets
          : s.Spec.TaskTemplate?.ContainerSpec?.Configs) ?? []
      ).some((r) => (kind === 'secret' ? r.SecretID : r.ConfigID) === d.ID),
    )
    .map((s) => s.Spec.Name ?? s.ID)
    .sort();
}

export async function listData(client: EngineClient, kind: DataKind): Promise<SwarmData[]> {
  const [items, services] = await Promise.all([
    swarmCall<RawSwarmData[]>(client, `list ${kind}s`, { path: `/${kind}s` }),
    swarmCall<RawService[]>(client, 'list services', { path: '/services' }),
  ]);
  return items.map((d) => {
    const labels = d.Spec?.Labels ?? {};
    return {
      id: d.ID,
      name: d.Spec?.Name ?? d.ID,
      createdAt: d.CreatedAt ?? '',
      updatedAt: d.UpdatedAt ?? '',
      labels,
      services: usersOf(kind, d, services),
      ...(labels[STACK_LABEL] ? { stack: labels[STACK_LABEL] } : {}),
    };
  });
}

export interface DataSpec {
  name: string;
  /** The value, base64. */
  data: string;
  labels?: Record<string, string>;
}

export async function createData(
  client: EngineClient,
  kind: DataKind,
  spec: DataSpec,
): Promise<{ id: string; name: string }> {
  const res = await swarmCall<{ ID: string }>(client, `create ${kind} "${spec.name}"`, {
    method: 'POST',
    path: `/${kind}s/create`,
    body: { Name: spec.name, Labels: spec.labels ?? {}, Data: spec.data },
  });
  return { id: res.ID, name: spec.name };
}

/** Removes a secret or config; one a service uses is refused, naming the services. */
export async function removeData(client: EngineClient, kind: DataKind, id: string): Promise<void> {
  const what = `remove ${kind} "${id}"`;
  const item = await swarmCall<RawSwarmData>(client, what, { path: `/${kind}s/${encodeURIComponent(id)}` });
  const services = await swarmCall<RawService[]>(client, 'list services', { path: '/services' });
  const users = usersOf(kind, item, services);
  if (users.length)
    throw new BerthError({
      kind: 'conflict',
      message: `Could not remove ${kind} ${item.Spec?.Name ?? id}: ${users.length === 1 ? 'service' : 'services'} ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it. Remove it from ${users.length === 1 ? 'that service' : 'them'} (or remove ${users.length === 1 ? 'the service' : 'them'}) first.`,
    });
  await swarmCall(client, what, { method: 'DELETE', path: `/${kind}s/${encodeURIComponent(item.ID)}` });
}
