// Create and run a container from a RunSpec, validated before the engine sees anything. A refusal
// from the engine names the field it concerns (errors.ts classifies it).
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';
import { removeContainer, startContainer } from './containers-lifecycle';
import {
  invalidInput,
  validateAbsolutePath,
  validateContainerName,
  validateEnv,
  validateImageRef,
  validateObjectName,
  validatePort,
  validateRestartPolicy,
  validateRunSizes,
  type RestartPolicy,
} from './validate';

export interface RunPort {
  containerPort: number;
  /** Omitted: the engine picks a free host port. */
  hostPort?: number;
  /** e.g. 127.0.0.1 to publish on loopback only; omitted: every address. */
  hostIp?: string;
  protocol?: 'tcp' | 'udp' | 'sctp';
}

export interface RunVolume {
  /** A volume name, or an absolute host path for a bind mount. */
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface RunSpec {
  image: string;
  name?: string;
  /** Replaces the image's CMD. */
  command?: string[];
  /** Replaces the image's ENTRYPOINT. */
  entrypoint?: string[];
  env?: string[];
  ports?: RunPort[];
  volumes?: RunVolume[];
  network?: string;
  restart?: RestartPolicy;
  /** For restart 'on-failure': how many times. */
  restartMaxRetries?: number;
  labels?: Record<string, string>;
  autoRemove?: boolean;
  tty?: boolean;
  interactive?: boolean;
  workingDir?: string;
  user?: string;
  /** Start after creating (default true). */
  start?: boolean;
}

export interface RunResult {
  id: string;
  warnings: string[];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

/** Refuses a spec the engine would refuse (or misread), naming the field. */
export function validateRunSpec(spec: RunSpec): void {
  if (!spec || typeof spec !== 'object') throw invalidInput('spec', 'Describe the container to run.');
  validateRunSizes(spec);
  validateImageRef(spec.image, 'image');
  if (spec.name !== undefined) validateContainerName(spec.name, 'name');
  for (const [field, list] of [
    ['command', spec.command],
    ['entrypoint', spec.entrypoint],
  ] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || a.includes('\0')))
      throw invalidInput(field, `The ${field} is a list of words (strings).`);
  }
  if (spec.env !== undefined) validateEnv(spec.env, 'env', true);
  const published = new Set<string>();
  (spec.ports ?? []).forEach((p, i) => {
    validatePort(p.containerPort, `ports.${i}.containerPort`);
    if (p.hostPort !== undefined) validatePort(p.hostPort, `ports.${i}.hostPort`);
    if (
      p.hostIp !== undefined &&
      p.hostIp !== '' &&
      !IPV4.test(p.hostIp) &&
      !(p.hostIp.includes(':') && IPV6.test(p.hostIp))
    )
      throw invalidInput(`ports.${i}.hostIp`, 'A host IP is an address such as 127.0.0.1 or 0.0.0.0.');
    const protocol = p.protocol ?? 'tcp';
    if (!['tcp', 'udp', 'sctp'].includes(protocol))
      throw invalidInput(`ports.${i}.protocol`, 'A protocol is tcp, udp or sctp.');
    if (p.hostPort !== undefined) {
      const key = `${p.hostIp || '0.0.0.0'}:${p.hostPort}/${protocol}`;
      if (published.has(key))
        throw invalidInput(`ports.${i}.hostPort`, `Host port ${p.hostPort}/${protocol} is published twice.`);
      published.add(key);
    }
  });
  const targets = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    if (typeof v.source !== 'string' || v.source === '')
      throw invalidInput(`volumes.${i}.source`, 'Give a volume name or an absolute host path.');
    if (v.source.startsWith('/')) validateAbsolutePath(v.source, `volumes.${i}.source`);
    else if (/^[.~]/.test(v.source) || v.source.includes('/'))
      throw invalidInput(
        `volumes.${i}.source`,
        'A bind mount needs an absolute host path (starting with "/"); otherwise give a volume name.',
      );
    else validateObjectName(v.source, `volumes.${i}.source`);
    validateAbsolutePath(v.target, `volumes.${i}.target`);
    if (v.target === '/') throw invalidInput(`volumes.${i}.target`, 'A volume cannot be mounted over "/".');
    if (targets.has(v.target)) throw invalidInput(`volumes.${i}.target`, `Two mounts use ${v.target}.`);
    targets.add(v.target);
  });
  if (spec.network !== undefined) validateObjectName(spec.network, 'network');
  if (spec.restart !== undefined) validateRestartPolicy(spec.restart, 'restart');
  if (spec.restartMaxRetries !== undefined && (!Number.isInteger(spec.restartMaxRetries) || spec.restartMaxRetries < 0))
    throw invalidInput('restartMaxRetries', 'The number of retries is a whole number, 0 or more.');
  if (spec.autoRemove && spec.restart && spec.restart !== 'no')
    throw invalidInput('restart', 'A container removed when it stops cannot also be restarted; choose one.');
  for (const [k, v] of Object.entries(spec.labels ?? {}))
    if (!k || typeof v !== 'string' || k.includes('\0') || v.includes('\0'))
      throw invalidInput(`labels.${k}`, 'A label is a key with a text value.');
  if (spec.workingDir !== undefined) validateAbsolutePath(spec.workingDir, 'workingDir');
  if (spec.user !== undefined && !/^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/.test(spec.user))
    throw invalidInput('user', 'A user is a name or uid, optionally with :group.');
}

/** The engine's create body for a (validated) spec. */
export function createBody(spec: RunSpec): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports ?? []) {
    const key = `${p.containerPort}/${p.protocol ?? 'tcp'}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort ? String(p.hostPort) : '' });
  }
  const mounts = (spec.volumes ?? []).map((v) => ({
    Type: v.source.startsWith('/') ? 'bind' : 'volume',
    Source: v.source,
    Target: v.target,
    ReadOnly: !!v.readOnly,
  }));
  const restart = spec.restart ?? 'no';
  const interactive = !!spec.interactive;
  return {
    Image: spec.image,
    ...(spec.command ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
    Env: spec.env ?? [],
    Labels: spec.labels ?? {},
    ExposedPorts: exposed,
    Tty: !!spec.tty,
    OpenStdin: interactive,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
    ...(spec.user ? { User: spec.user } : {}),
    HostConfig: {
      PortBindings: bindings,
      Mounts: mounts,
      RestartPolicy: {
        Name: restart === 'no' ? '' : restart,
        MaximumRetryCount: restart === 'on-failure' ? (spec.restartMaxRetries ?? 0) : 0,
      },
      AutoRemove: !!spec.autoRemove,
      ...(spec.network ? { NetworkMode: spec.network } : {}),
    },
  };
}

export interface RunOptions {
  /**
   * The environment a bare `KEY` in `env` is looked up in (Berth's own, as `docker run -e KEY` uses
   * the CLI's): set there, it becomes KEY=value; not set, it stays bare, which unsets KEY in the container.
   */
  hostEnv?: Record<string, string | undefined>;
}

/** `docker run -e KEY`: a bare key takes its value from `hostEnv` when it is set there. */
export function passThroughEnv(env: string[], hostEnv: Record<string, string | undefined> = {}): string[] {
  return env.map((e) => {
    if (e.includes('=')) return e;
    const value = Object.hasOwn(hostEnv, e) ? hostEnv[e] : undefined;
    return value === undefined ? e : `${e}=${value}`;
  });
}

/** Creates a container (not started). */
export async function createContainer(client: EngineClient, spec: RunSpec, opts: RunOptions = {}): Promise<RunResult> {
  validateRunSpec(spec);
  const label = spec.name ? `"${spec.name}"` : `from ${spec.image}`;
  const body = createBody({ ...spec, env: passThroughEnv(spec.env ?? [], opts.hostEnv) });
  const r = await attempt(`create container ${label}`, () =>
    dialJson<{ Id: string; Warnings?: string[] | null }>(client, {
      method: 'POST',
      path: '/containers/create',
      query: spec.name ? { name: spec.name } : {},
      body,
    }),
  );
  return { id: r.Id, warnings: r.Warnings ?? [] };
}

/** Starts a just-created container; if it cannot start, removes it again and throws (with its field). */
export async function startCreated(client: EngineClient, spec: RunSpec, id: string): Promise<void> {
  try {
    await startContainer(client, spec.name ?? id.slice(0, 12));
  } catch (err) {
    await removeContainer(client, id, { force: true, volumes: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Creates and starts a container, like `docker run -d`. If it cannot start (a port already
 * allocated, a missing command), the just-created container is removed again and the error thrown.
 */
export async function runContainer(client: EngineClient, spec: RunSpec, opts: RunOptions = {}): Promise<RunResult> {
  const created = await createContainer(client, spec, opts);
  if (spec.start === false) return created;
  await startCreated(client, spec, created.id);
  return created;
}
