// "Copy as compose service": the compose file (one service) that recreates a container, from its
// inspect and its image's config (settings the image already provides are left out) — the reverse
// of `docker run`, like run-command.ts gives the `docker run` line. Volumes and networks that exist
// already are declared external, so `up` uses them rather than making new ones.
import { yaml } from '../util/yaml';
import type { EngineClient } from './client';
import {
  inspectWithImage,
  publishedPorts,
  toolLabel,
  type ImageConfigLike,
  type RunCommandInspect,
} from './run-command';

/** Compose interpolates `$`: a literal one is written `$$`. */
const lit = (s: string) => s.replace(/\$/g, '$$$$');

function sameList(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** A service name compose accepts, from a container name. */
export function serviceName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return s || 'app';
}

/** The compose file (YAML) with one service that recreates the container. */
export function composeServiceYaml(inspect: RunCommandInspect, image?: ImageConfigLike): string {
  const c = inspect.Config ?? {};
  const h = inspect.HostConfig ?? {};
  const ic = image?.Config;
  const name = (inspect.Name ?? '').replace(/^\//, '');
  const svc: Record<string, unknown> = { image: c.Image ?? '' };
  const volumes: Record<string, { external: true }> = {};
  const networks: Record<string, { external: true }> = {};
  if (name) svc.container_name = name;

  const entry = typeof c.Entrypoint === 'string' ? [c.Entrypoint] : (c.Entrypoint ?? []);
  const entryChanged = image ? !sameList(entry, ic?.Entrypoint) : entry.length > 0;
  if (entryChanged) svc.entrypoint = entry.map(lit);
  if (entryChanged || !image || !sameList(c.Cmd, ic?.Cmd)) {
    if (c.Cmd?.length) svc.command = c.Cmd.map(lit);
  }
  if (c.WorkingDir && c.WorkingDir !== (ic?.WorkingDir ?? '')) svc.working_dir = lit(c.WorkingDir);
  if (c.User && c.User !== (ic?.User ?? '')) svc.user = lit(c.User);
  if (c.Tty) svc.tty = true;
  if (c.OpenStdin) svc.stdin_open = true;

  const imageEnv = new Set(ic?.Env ?? []);
  const env: Record<string, string | null> = {};
  for (const e of c.Env ?? []) {
    if (imageEnv.has(e)) continue;
    const i = e.indexOf('=');
    if (i < 0) env[e] = null;
    else env[e.slice(0, i)] = lit(e.slice(i + 1));
  }
  if (Object.keys(env).length) svc.environment = env;

  const ports = publishedPorts(h.PortBindings ?? {});
  if (ports.length) svc.ports = ports;

  const mounts: unknown[] = [];
  for (const b of h.Binds ?? []) {
    const source = b.split(':')[0] ?? '';
    if (source && !source.startsWith('/')) volumes[source] = { external: true };
    mounts.push(lit(b));
  }
  for (const m of h.Mounts ?? []) {
    const type = m.Type ?? 'volume';
    if (type === 'volume' && m.Source) volumes[m.Source] = { external: true };
    mounts.push({
      type,
      ...(m.Source ? { source: lit(m.Source) } : {}),
      target: lit(m.Target ?? ''),
      ...(m.ReadOnly ? { read_only: true } : {}),
    });
  }
  if (mounts.length) svc.volumes = mounts;

  const net = h.NetworkMode;
  if (net === 'host' || net === 'none' || net?.startsWith('container:')) svc.network_mode = net;
  else if (net && net !== 'default' && net !== 'bridge') {
    svc.networks = [net];
    networks[net] = { external: true };
  }
  const restart = h.RestartPolicy?.Name;
  if (restart && restart !== 'no')
    svc.restart =
      restart === 'on-failure' && h.RestartPolicy?.MaximumRetryCount
        ? `on-failure:${h.RestartPolicy.MaximumRetryCount}`
        : restart;
  if (h.Privileged) svc.privileged = true;
  if (h.CapAdd?.length) svc.cap_add = h.CapAdd;
  if (h.CapDrop?.length) svc.cap_drop = h.CapDrop;
  if (h.Memory) svc.mem_limit = h.Memory;
  if (h.NanoCpus) svc.cpus = h.NanoCpus / 1e9;
  if (h.ExtraHosts?.length) svc.extra_hosts = h.ExtraHosts;
  if (h.Dns?.length) svc.dns = h.Dns;

  const imageLabels = ic?.Labels ?? {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.Labels ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    if (imageLabels[k] !== v && !toolLabel(k)) labels[k] = lit(v);
  if (Object.keys(labels).length) svc.labels = labels;

  const file: Record<string, unknown> = { services: { [serviceName(name)]: svc } };
  if (Object.keys(volumes).length) file.volumes = volumes;
  if (Object.keys(networks).length) file.networks = networks;
  return yaml().stringify(file, { lineWidth: 0 });
}

/** Inspects the container and its image, then writes its compose service. */
export async function containerComposeService(client: EngineClient, id: string): Promise<string> {
  const { inspect, image } = await inspectWithImage(client, id);
  return composeServiceYaml(inspect, image);
}
