// The `docker run` command line that recreates a container, from its inspect (and, when given,
// its image's config, so settings the image already provides are left out).
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';
import { inspectContainer } from './containers';
import { validateContainerRef } from './validate';

/** The parts of a container's inspect the command line is made from. */
export interface RunCommandInspect {
  Name?: string;
  Config?: {
    Image?: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | string | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Tty?: boolean;
    OpenStdin?: boolean;
    WorkingDir?: string;
    User?: string;
    Hostname?: string;
    ExposedPorts?: Record<string, unknown> | null;
  };
  HostConfig?: {
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    Binds?: string[] | null;
    Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[] | null;
    NetworkMode?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    AutoRemove?: boolean;
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    Memory?: number;
    NanoCpus?: number;
    ExtraHosts?: string[] | null;
    Dns?: string[] | null;
  };
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[];
  Id?: string;
}

export interface ImageConfigLike {
  Config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
  };
}

/**
 * Labels a tool adds for its own bookkeeping (compose's project, service and config hash, swarm's
 * stack and task, Docker Desktop's, Berth's own): copied into `docker run`, they would make the new
 * container pass for one of that tool's (compose would adopt or recreate it).
 */
const TOOL_LABELS =
  /^(com\.docker\.(compose|stack|swarm)\.|com\.docker\.desktop\.|desktop\.docker\.io\/|io\.podman\.compose\.|berth\.)/;

export function toolLabel(key: string): boolean {
  return TOOL_LABELS.test(key);
}

/** Quotes one word for a POSIX shell; plain words stay bare. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_\-.,:/@%+=]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function sameList(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Published ports as `docker run -p` and compose's short form write them ("127.0.0.1:8080:80", "53:53/udp"). */
export function publishedPorts(
  bindings: NonNullable<NonNullable<RunCommandInspect['HostConfig']>['PortBindings']>,
): string[] {
  const out: string[] = [];
  for (const key of Object.keys(bindings).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))) {
    const [port, proto = 'tcp'] = key.split('/');
    for (const b of bindings[key] ?? []) {
      const ip = b.HostIp ? (b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp) : '';
      const host = ip ? `${ip}:${b.HostPort ?? ''}:` : b.HostPort ? `${b.HostPort}:` : '';
      out.push(`${host}${port}${proto === 'tcp' ? '' : '/' + proto}`);
    }
  }
  return out;
}

/** The `docker run` command line (one line, shell-quoted) that recreates the container. */
export function dockerRunCommand(inspect: RunCommandInspect, image?: ImageConfigLike): string {
  const c = inspect.Config ?? {};
  const h = inspect.HostConfig ?? {};
  const ic = image?.Config;
  const args: string[] = ['docker', 'run', '-d'];
  const add = (...words: string[]) => args.push(...words);
  const name = (inspect.Name ?? '').replace(/^\//, '');
  if (name) add('--name', name);
  if (c.Tty) add('-t');
  if (c.OpenStdin) add('-i');
  if (h.AutoRemove) add('--rm');

  const imageEnv = new Set(ic?.Env ?? []);
  for (const e of c.Env ?? []) if (!imageEnv.has(e)) add('-e', e);

  const bindings = h.PortBindings ?? {};
  for (const p of publishedPorts(bindings)) add('-p', p);
  const published = new Set(Object.keys(bindings));
  for (const key of Object.keys(c.ExposedPorts ?? {})) if (!published.has(key) && !image) add('--expose', key);

  // Binds (from -v) and Mounts (from --mount) as they were asked for; anonymous volumes from the image are left out.
  for (const b of h.Binds ?? []) add('-v', b);
  for (const m of h.Mounts ?? []) {
    const parts = [
      `type=${m.Type ?? 'volume'}`,
      ...(m.Source ? [`source=${m.Source}`] : []),
      `target=${m.Target ?? ''}`,
    ];
    if (m.ReadOnly) parts.push('readonly');
    add('--mount', parts.join(','));
  }

  const net = h.NetworkMode;
  if (net && net !== 'default' && net !== 'bridge') add('--network', net);
  const restart = h.RestartPolicy?.Name;
  if (restart && restart !== 'no')
    add(
      '--restart',
      restart === 'on-failure' && h.RestartPolicy?.MaximumRetryCount
        ? `on-failure:${h.RestartPolicy.MaximumRetryCount}`
        : restart,
    );
  if (h.Privileged) add('--privileged');
  for (const cap of h.CapAdd ?? []) add('--cap-add', cap);
  for (const cap of h.CapDrop ?? []) add('--cap-drop', cap);
  if (h.Memory) add('--memory', String(h.Memory));
  if (h.NanoCpus) add('--cpus', String(h.NanoCpus / 1e9));
  for (const x of h.ExtraHosts ?? []) add('--add-host', x);
  for (const d of h.Dns ?? []) add('--dns', d);
  if (c.WorkingDir && c.WorkingDir !== (ic?.WorkingDir ?? '')) add('-w', c.WorkingDir);
  if (c.User && c.User !== (ic?.User ?? '')) add('-u', c.User);

  const imageLabels = ic?.Labels ?? {};
  for (const [k, v] of Object.entries(c.Labels ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    if (imageLabels[k] !== v && !toolLabel(k)) add('-l', `${k}=${v}`);

  const entry = typeof c.Entrypoint === 'string' ? [c.Entrypoint] : (c.Entrypoint ?? []);
  const entryChanged = image ? !sameList(entry, ic?.Entrypoint) : entry.length > 0;
  let cmd = c.Cmd ?? [];
  if (entryChanged) {
    add('--entrypoint', entry[0] ?? '');
    cmd = [...entry.slice(1), ...cmd];
  }
  add(c.Image ?? '');
  const cmdChanged = entryChanged || !image || !sameList(c.Cmd, ic?.Cmd);
  if (cmdChanged) add(...cmd);
  return args.map(shellQuote).join(' ');
}

/** A container's inspect and its image's config (undefined when the image cannot be read). */
export async function inspectWithImage(
  client: EngineClient,
  id: string,
): Promise<{ inspect: RunCommandInspect; image: ImageConfigLike | undefined }> {
  const ref = validateContainerRef(id);
  const inspect = await inspectContainer(client, ref);
  const imageId = (inspect as { Image?: string }).Image;
  let image: ImageConfigLike | undefined;
  if (imageId) {
    image = await attempt(`inspect the image of container "${ref}"`, () =>
      dialJson<ImageConfigLike>(client, { path: `/images/${encodeURIComponent(imageId)}/json` }),
    ).catch(() => undefined);
  }
  return { inspect: inspect as unknown as RunCommandInspect, image };
}

/** Inspects the container and its image, then builds its `docker run` command line. */
export async function containerRunCommand(client: EngineClient, id: string): Promise<string> {
  const { inspect, image } = await inspectWithImage(client, id);
  return dockerRunCommand(inspect, image);
}
