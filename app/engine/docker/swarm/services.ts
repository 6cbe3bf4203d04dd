// Swarm services: the list (one engine call, with running and desired counts), inspect with the
// settings as Berth's form edits them, create, update (a rolling update), scale, rollback and remove.
import type {
  ServiceDetails,
  ServiceSpecValue,
  ServiceUpdateStatus,
  SwarmService,
} from '../../../shared/contract/areas/swarm';
import { BerthError } from '../../../shared/errors';
import type { EngineClient } from '../client';
import { invalid, swarmCall, withVersionRetry } from './call';
import { STACK_LABEL, type RawNetwork, type RawService } from './raw';
import { checkServiceSpec } from './service-checks';
import { fromEngineSpec, modeOf, toEngineSpec, withoutDigest } from './service-spec';

const UPDATE_STATES: ServiceUpdateStatus['state'][] = [
  'updating',
  'paused',
  'completed',
  'rollback_started',
  'rollback_paused',
  'rollback_completed',
];

export function serviceOf(s: RawService): SwarmService {
  const spec = s.Spec;
  const mode = modeOf(spec);
  const st = s.ServiceStatus ?? {};
  const u = s.UpdateStatus;
  const state = UPDATE_STATES.find((x) => x === u?.State);
  const c = spec.TaskTemplate?.ContainerSpec;
  const stack = spec.Labels?.[STACK_LABEL];
  return {
    id: s.ID,
    name: spec.Name ?? s.ID,
    image: withoutDigest(c?.Image ?? ''),
    mode,
    running: st.RunningTasks ?? 0,
    desired: st.DesiredTasks ?? (mode === 'replicated' ? (spec.Mode?.Replicated?.Replicas ?? 0) : 0),
    ...(mode.endsWith('-job') ? { completed: st.CompletedTasks ?? 0 } : {}),
    ...(mode === 'replicated-job' ? { completions: spec.Mode?.ReplicatedJob?.TotalCompletions ?? 1 } : {}),
    ports: (s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []).map((p) => ({
      target: p.TargetPort ?? 0,
      ...(p.PublishedPort ? { published: p.PublishedPort } : {}),
      protocol: p.Protocol ?? 'tcp',
      mode: p.PublishMode ?? 'ingress',
    })),
    ...(state
      ? {
          updateStatus: {
            state,
            message: u?.Message ?? '',
            ...(u?.StartedAt ? { startedAt: u.StartedAt } : {}),
            ...(u?.CompletedAt ? { completedAt: u.CompletedAt } : {}),
          },
        }
      : {}),
    canRollback: !!s.PreviousSpec,
    ...(stack ? { stack } : {}),
    createdAt: s.CreatedAt ?? '',
    updatedAt: s.UpdatedAt ?? '',
    secrets: (c?.Secrets ?? []).map((x) => x.SecretName ?? ''),
    configs: (c?.Configs ?? []).map((x) => x.ConfigName ?? ''),
  };
}

export async function rawServices(client: EngineClient, status = false): Promise<RawService[]> {
  return swarmCall<RawService[]>(client, 'list services', { path: '/services', query: status ? { status } : {} });
}

export async function listServices(client: EngineClient): Promise<SwarmService[]> {
  return (await rawServices(client, true)).map(serviceOf);
}

export async function rawService(
  client: EngineClient,
  id: string,
  what = `inspect service "${id}"`,
): Promise<RawService> {
  return swarmCall<RawService>(client, what, { path: `/services/${encodeURIComponent(id)}` });
}

export async function inspectService(client: EngineClient, id: string): Promise<ServiceDetails> {
  const [raw, withStatus, networks] = await Promise.all([
    rawService(client, id),
    // The status counts come only with the list.
    rawServices(client, true),
    swarmCall<RawNetwork[]>(client, 'list networks', { path: '/networks' }),
  ]);
  const listed = withStatus.find((s) => s.ID === raw.ID);
  const names = new Map(networks.map((n) => [n.Id, n.Name]));
  const previous = raw.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image;
  return {
    service: serviceOf({ ...raw, ...(listed?.ServiceStatus ? { ServiceStatus: listed.ServiceStatus } : {}) }),
    spec: fromEngineSpec(raw.Spec, names),
    ...(previous ? { previousImage: withoutDigest(previous) } : {}),
    canRollback: !!raw.PreviousSpec,
    raw: raw as unknown as Record<string, unknown>,
  };
}

export async function createService(
  client: EngineClient,
  spec: ServiceSpecValue,
): Promise<{ id: string; name: string; warnings: string[] }> {
  const refs = await checkServiceSpec(client, spec);
  const res = await swarmCall<{ ID: string; Warnings?: string[] | null }>(client, `create service "${spec.name}"`, {
    method: 'POST',
    path: '/services/create',
    body: toEngineSpec(spec, refs),
  });
  return { id: res.ID, name: spec.name, warnings: res.Warnings ?? [] };
}

export async function updateService(
  client: EngineClient,
  id: string,
  spec: ServiceSpecValue,
  force = false,
): Promise<{ warnings: string[] }> {
  const what = `update service "${spec.name}"`;
  return withVersionRetry(async () => {
    const current = await rawService(client, id, what);
    if (modeOf(current.Spec) !== spec.mode)
      throw invalid(
        'mode',
        `A service's mode cannot change (${modeOf(current.Spec)} to ${spec.mode}): remove it and create it again.`,
      );
    const refs = await checkServiceSpec(client, spec, current);
    const res = await swarmCall<{ Warnings?: string[] | null }>(client, what, {
      method: 'POST',
      path: `/services/${encodeURIComponent(current.ID)}/update`,
      query: { version: current.Version?.Index ?? 0 },
      body: toEngineSpec(spec, refs, current.Spec, force),
    });
    return { warnings: res?.Warnings ?? [] };
  });
}

export async function scaleService(client: EngineClient, id: string, replicas: number): Promise<void> {
  const what = `scale service "${id}"`;
  if (!Number.isInteger(replicas) || replicas < 0) throw invalid('replicas', 'Replicas is a whole number, 0 or more.');
  await withVersionRetry(async () => {
    const s = await rawService(client, id, what);
    const mode = modeOf(s.Spec);
    if (mode !== 'replicated')
      throw invalid(
        'replicas',
        `Service ${s.Spec.Name} is ${mode === 'global' ? 'global: it runs one task on each node' : `a ${mode.replace('-', ' ')}`}, so it has no replicas to scale.`,
      );
    await swarmCall(client, what, {
      method: 'POST',
      path: `/services/${encodeURIComponent(s.ID)}/update`,
      query: { version: s.Version?.Index ?? 0 },
      body: { ...s.Spec, Mode: { Replicated: { Replicas: replicas } } },
    });
  });
}

/** Back to the settings before the last update, as `docker service rollback` does. */
export async function rollbackService(client: EngineClient, id: string): Promise<void> {
  const what = `roll back service "${id}"`;
  await withVersionRetry(async () => {
    const s = await rawService(client, id, what);
    if (!s.PreviousSpec)
      throw new BerthError({
        kind: 'conflict',
        message: `Could not ${what}: it has not been updated since it was created, so there is nothing to go back to.`,
      });
    await swarmCall(client, what, {
      method: 'POST',
      path: `/services/${encodeURIComponent(s.ID)}/update`,
      query: { version: s.Version?.Index ?? 0, rollback: 'previous' },
      body: s.Spec,
    });
  });
}

export async function removeService(client: EngineClient, id: string): Promise<void> {
  await swarmCall(client, `remove service "${id}"`, { method: 'DELETE', path: `/services/${encodeURIComponent(id)}` });
}
