// Berth's service settings ↔ the engine's ServiceSpec. An update starts from the service's current
// spec, so what Berth's form does not show (healthchecks, hosts, logging, a stack's labels) stays.
import type {
  RolloutConfig,
  ServiceMode,
  ServiceSpecInput,
  ServiceSpecValue,
} from '../../../shared/contract/areas/swarm';
import type { RawFileRef, RawRollout, RawServiceSpec, RawTaskSpec } from './raw';

const NS = 1e9;
const ns = (seconds: number) => Math.round(seconds * NS);
const secs = (nanos: number | undefined) => (nanos ?? 0) / NS;

/** Names → engine ids of the networks, secrets and configs a spec names. */
export interface SpecRefs {
  networks: Map<string, string>;
  secrets: Map<string, string>;
  configs: Map<string, string>;
}

/** "busybox:1@sha256:…" → "busybox:1": the digest the engine pinned is not something the user typed. */
export const withoutDigest = (image: string): string =>
  /:[^/@]+@sha256:/.test(image) ? image.replace(/@sha256:[0-9a-f]+$/, '') : image;

function rollout(r: ServiceSpecValue['update']): RawRollout {
  return {
    Parallelism: r.parallelism,
    Delay: ns(r.delaySeconds),
    FailureAction: r.failureAction,
    Monitor: ns(r.monitorSeconds),
    MaxFailureRatio: r.maxFailureRatio,
    Order: r.order,
  };
}

function modeSpec(s: ServiceSpecValue): RawServiceSpec['Mode'] {
  switch (s.mode) {
    case 'global':
      return { Global: {} };
    case 'global-job':
      return { GlobalJob: {} };
    case 'replicated-job':
      return { ReplicatedJob: { MaxConcurrent: s.maxConcurrent ?? 1, TotalCompletions: s.replicas ?? 1 } };
    default:
      return { Replicated: { Replicas: s.replicas ?? 1 } };
  }
}

/** CPUs and memory on top of what else the engine keeps there (pids, generic resources); cleared ones go. */
function limits(old: Record<string, unknown> | undefined, cpus: number | undefined, memory: number | undefined) {
  const { NanoCPUs: _cpus, MemoryBytes: _memory, ...rest } = old ?? {};
  return {
    ...rest,
    ...(cpus !== undefined ? { NanoCPUs: Math.round(cpus * NS) } : {}),
    ...(memory !== undefined ? { MemoryBytes: memory } : {}),
  };
}

/**
 * The engine's ServiceSpec for `s`, on top of `base` (the current spec when updating). `refs` holds
 * the ids of what `s` names; `force` replaces the tasks even when nothing else changed.
 */
export function toEngineSpec(
  s: ServiceSpecValue,
  refs: SpecRefs,
  base: RawServiceSpec = {},
  force = false,
): RawServiceSpec {
  const t: RawTaskSpec = base.TaskTemplate ?? {};
  const c = t.ContainerSpec ?? {};
  const currentImage = c.Image ?? '';
  const oldRef = (list: RawFileRef[] | undefined, name: string, key: 'SecretName' | 'ConfigName') =>
    list?.find((r) => r[key] === name)?.File;
  const containerSpec = {
    ...c,
    // The pinned digest stays when the user left the image as it was.
    Image: withoutDigest(currentImage) === s.image ? currentImage : s.image,
    Env: s.env,
    Mounts: s.mounts.map((m) => ({
      Type: m.type,
      ...(m.source ? { Source: m.source } : {}),
      Target: m.target,
      ReadOnly: m.readOnly,
    })),
    Secrets: s.secrets.map((x) => ({
      File: { UID: '0', GID: '0', Mode: 0o444, ...oldRef(c.Secrets, x.name, 'SecretName'), Name: x.target ?? x.name },
      SecretID: refs.secrets.get(x.name) ?? x.name,
      SecretName: x.name,
    })),
    Configs: s.configs.map((x) => ({
      File: {
        UID: '0',
        GID: '0',
        Mode: 0o444,
        ...oldRef(c.Configs, x.name, 'ConfigName'),
        Name: x.target ?? `/${x.name}`,
      },
      ConfigID: refs.configs.get(x.name) ?? x.name,
      ConfigName: x.name,
    })),
  };
  if (s.command?.length) containerSpec.Args = s.command;
  else delete containerSpec.Args;
  // Networks once sat on the spec itself (older API); they belong to the task template.
  const oldNetworks = t.Networks ?? base.Networks ?? [];
  const { Networks: _legacy, UpdateConfig: _update, RollbackConfig: _rollback, ...rest } = base;
  return {
    ...rest,
    Name: s.name,
    Labels: s.labels,
    TaskTemplate: {
      ...t,
      ContainerSpec: containerSpec,
      Resources: {
        Limits: limits(t.Resources?.Limits, s.resources.cpuLimit, s.resources.memoryLimit),
        Reservations: limits(t.Resources?.Reservations, s.resources.cpuReservation, s.resources.memoryReservation),
      },
      RestartPolicy: {
        Condition: s.restart.condition,
        Delay: ns(s.restart.delaySeconds),
        MaxAttempts: s.restart.maxAttempts,
        Window: ns(s.restart.windowSeconds),
      },
      Placement: { ...t.Placement, Constraints: s.constraints },
      Networks: s.networks.map((n) => {
        const id = refs.networks.get(n) ?? n;
        return { ...oldNetworks.find((o) => o.Target === id || o.Target === n), Target: id };
      }),
      ForceUpdate: (t.ForceUpdate ?? 0) + (force ? 1 : 0),
    },
    Mode: modeSpec(s),
    // A job runs to completion: swarm refuses update and rollback settings for it.
    ...(s.mode.endsWith('-job') ? {} : { UpdateConfig: rollout(s.update), RollbackConfig: rollout(s.rollback) }),
    EndpointSpec: {
      Mode: s.endpointMode,
      Ports: s.ports.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.target,
        ...(p.published !== undefined ? { PublishedPort: p.published } : {}),
        PublishMode: p.mode,
      })),
    },
  };
}

export function modeOf(spec: RawServiceSpec): ServiceMode {
  const m = spec.Mode ?? {};
  if (m.Global) return 'global';
  if (m.ReplicatedJob) return 'replicated-job';
  if (m.GlobalJob) return 'global-job';
  return 'replicated';
}

function rolloutOf(r: RawRollout | undefined): RolloutConfig {
  return {
    parallelism: r?.Parallelism ?? 1,
    delaySeconds: secs(r?.Delay),
    failureAction: r?.FailureAction ?? 'pause',
    monitorSeconds: r?.Monitor !== undefined ? secs(r.Monitor) : 5,
    maxFailureRatio: r?.MaxFailureRatio ?? 0,
    order: r?.Order ?? 'stop-first',
  };
}

const optional = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;

/** A service's current settings as Berth's form edits them; `networkNames` maps network ids to names. */
export function fromEngineSpec(spec: RawServiceSpec, networkNames: Map<string, string>): ServiceSpecInput {
  const t = spec.TaskTemplate ?? {};
  const c = t.ContainerSpec ?? {};
  const mode = modeOf(spec);
  const lim = t.Resources?.Limits;
  const res = t.Resources?.Reservations;
  return {
    name: spec.Name ?? '',
    image: withoutDigest(c.Image ?? ''),
    mode,
    ...optional(
      'replicas',
      mode === 'replicated'
        ? (spec.Mode?.Replicated?.Replicas ?? 1)
        : mode === 'replicated-job'
          ? (spec.Mode?.ReplicatedJob?.TotalCompletions ?? 1)
          : undefined,
    ),
    ...optional(
      'maxConcurrent',
      mode === 'replicated-job' ? (spec.Mode?.ReplicatedJob?.MaxConcurrent ?? 1) : undefined,
    ),
    ...optional('command', c.Args?.length ? c.Args : undefined),
    env: c.Env ?? [],
    ports: (spec.EndpointSpec?.Ports ?? []).map((p) => ({
      target: p.TargetPort ?? 0,
      ...optional('published', p.PublishedPort || undefined),
      protocol: p.Protocol ?? 'tcp',
      mode: p.PublishMode ?? 'ingress',
    })),
    mounts: (c.Mounts ?? [])
      .filter((m) => m.Type === 'volume' || m.Type === 'bind' || m.Type === 'tmpfs' || m.Type === undefined)
      .map((m) => ({
        type: (m.Type ?? 'volume') as 'volume' | 'bind' | 'tmpfs',
        source: m.Source ?? '',
        target: m.Target,
        readOnly: !!m.ReadOnly,
      })),
    networks: (t.Networks ?? spec.Networks ?? []).map((n) => networkNames.get(n.Target) ?? n.Target),
    endpointMode: spec.EndpointSpec?.Mode ?? 'vip',
    restart: {
      condition: t.RestartPolicy?.Condition ?? 'any',
      delaySeconds: t.RestartPolicy?.Delay !== undefined ? secs(t.RestartPolicy.Delay) : 5,
      maxAttempts: t.RestartPolicy?.MaxAttempts ?? 0,
      windowSeconds: secs(t.RestartPolicy?.Window),
    },
    update: rolloutOf(spec.UpdateConfig),
    rollback: rolloutOf(spec.RollbackConfig),
    resources: {
      ...optional('cpuLimit', lim?.NanoCPUs ? lim.NanoCPUs / NS : undefined),
      ...optional('memoryLimit', lim?.MemoryBytes || undefined),
      ...optional('cpuReservation', res?.NanoCPUs ? res.NanoCPUs / NS : undefined),
      ...optional('memoryReservation', res?.MemoryBytes || undefined),
    },
    constraints: t.Placement?.Constraints ?? [],
    secrets: (c.Secrets ?? []).map((x) => ({
      name: x.SecretName ?? '',
      ...optional('target', x.File?.Name && x.File.Name !== x.SecretName ? x.File.Name : undefined),
    })),
    configs: (c.Configs ?? []).map((x) => ({
      name: x.ConfigName ?? '',
      ...optional('target', x.File?.Name && x.File.Name !== `/${x.ConfigName}` ? x.File.Name : undefined),
    })),
    labels: spec.Labels ?? {},
  };
}
