// Edit a container's settings. Restart policy and new resource limits change in place (the engine's
// update); anything else recreates it under the same name: the old container is stopped and renamed
// and kept until the new one has started, and put back as it was when the new one cannot be created
// or started. Volumes (named and anonymous) and bind mounts carry over; the writable layer does not.
import { randomBytes } from 'node:crypto';
import { containerEditSpec, type ContainerEditSpec } from '../../shared/contract/areas/container-edit';
import { editChanges, needsRecreate, type EditChange } from '../../shared/container-edit';
import { BerthError } from '../../shared/errors';
import { firstIssue } from '../../shared/rules';
import { dialJson, type EngineClient } from './client';
import { inspectContainer } from './containers';
import { attempt } from './errors';
import { invalidInput, validateContainerRef } from './validate';

type Inspect = Awaited<ReturnType<typeof inspectContainer>>;
interface EndpointSettings {
  Aliases?: string[] | null;
  IPAMConfig?: unknown;
  Links?: string[] | null;
  DriverOpts?: Record<string, string> | null;
}

const MOUNTABLE = new Set(['bind', 'volume']);

/** The container's editable settings, as the edit form shows them. */
export function editSpecOf(info: Inspect): ContainerEditSpec {
  const hc = info.HostConfig as Inspect['HostConfig'] & { NanoCpus?: number; Memory?: number };
  const ports: ContainerEditSpec['ports'] = [];
  for (const [key, bindings] of Object.entries(hc.PortBindings ?? {}) as [
    string,
    { HostIp?: string; HostPort?: string }[] | null,
  ][]) {
    const [num, proto = 'tcp'] = key.split('/');
    for (const b of bindings ?? [{}])
      ports.push({
        containerPort: Number(num),
        ...(b.HostPort ? { hostPort: Number(b.HostPort) } : {}),
        ...(b.HostIp ? { hostIp: b.HostIp } : {}),
        protocol: proto as 'tcp' | 'udp' | 'sctp',
      });
  }
  const mode = hc.NetworkMode ?? 'default';
  return {
    command: info.Config.Cmd ?? [],
    env: info.Config.Env ?? [],
    ports,
    volumes: (info.Mounts ?? [])
      .filter((m) => MOUNTABLE.has(m.Type))
      .map((m) => ({
        source: m.Type === 'volume' ? (m.Name ?? '') : m.Source,
        target: m.Destination,
        readOnly: !m.RW,
      })),
    network: mode === 'default' ? 'bridge' : mode,
    restart: ((hc.RestartPolicy?.Name || 'no') as ContainerEditSpec['restart']) ?? 'no',
    labels: info.Config.Labels ?? {},
    memory: hc.Memory ?? 0,
    cpus: (hc.NanoCpus ?? 0) / 1e9,
  };
}

export async function containerEditSpecOf(client: EngineClient, id: string): Promise<ContainerEditSpec> {
  return editSpecOf(await inspectContainer(client, id));
}

function parseSpec(raw: unknown): ContainerEditSpec {
  const r = containerEditSpec.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw invalidInput(issue?.path.join('.') || 'spec', firstIssue(r) ?? 'The settings are not valid.');
}

/** The create body of the new container: the old one's configuration with the edited settings. */
function createBody(info: Inspect, spec: ContainerEditSpec): Record<string, unknown> {
  const exposed: Record<string, object> = { ...(info.Config.ExposedPorts ?? {}) };
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort ? String(p.hostPort) : '' });
  }
  const { Hostname, ...config } = info.Config;
  const oldHc = info.HostConfig as Record<string, unknown>;
  const network = spec.network;
  const endpoints = (info.NetworkSettings?.Networks ?? {}) as Record<string, EndpointSettings>;
  const keep = (e: EndpointSettings | undefined) => ({
    ...(e?.Aliases ? { Aliases: e.Aliases } : {}),
    ...(e?.IPAMConfig ? { IPAMConfig: e.IPAMConfig } : {}),
    ...(e?.Links ? { Links: e.Links } : {}),
    ...(e?.DriverOpts ? { DriverOpts: e.DriverOpts } : {}),
  });
  const sameNetwork = network === editSpecOf(info).network;
  return {
    ...config,
    // The old hostname was its id's start; the new container gets its own unless one was chosen.
    ...(Hostname && !info.Id.startsWith(Hostname) ? { Hostname } : {}),
    Cmd: spec.command.length ? spec.command : null,
    Env: spec.env,
    Labels: spec.labels,
    ExposedPorts: exposed,
    HostConfig: {
      ...oldHc,
      PortBindings: bindings,
      Binds: spec.volumes.map((v) => `${v.source}:${v.target}${v.readOnly ? ':ro' : ''}`),
      // The mounts are all in Binds now (named, anonymous and bind alike).
      Mounts: ((oldHc.Mounts as { Type?: string }[] | null) ?? []).filter((m) => !MOUNTABLE.has(m.Type ?? '')),
      NetworkMode: network,
      RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart, MaximumRetryCount: 0 },
      Memory: spec.memory,
      MemorySwap: spec.memory ? -1 : 0,
      NanoCpus: Math.round(spec.cpus * 1e9),
    },
    NetworkingConfig: {
      EndpointsConfig:
        ['host', 'none'].includes(network) || network.startsWith('container:')
          ? {}
          : { [network]: sameNetwork ? keep(endpoints[network]) : {} },
    },
  };
}

const path = (ref: string, action = '') => `/containers/${encodeURIComponent(ref)}${action ? `/${action}` : ''}`;

async function recreate(client: EngineClient, info: Inspect, spec: ContainerEditSpec): Promise<string> {
  const name = info.Name.replace(/^\//, '');
  const wasRunning = !!info.State?.Running;
  const kept = `${name.slice(0, 200)}-berth-old-${randomBytes(3).toString('hex')}`;
  if (wasRunning)
    await attempt(`stop container "${name}"`, () =>
      dialJson(client, { method: 'POST', path: path(info.Id, 'stop'), ok: [204, 304] }),
    );
  await attempt(`rename container "${name}"`, () =>
    dialJson(client, { method: 'POST', path: path(info.Id, 'rename'), query: { name: kept } }),
  );
  let newId: string | undefined;
  try {
    const created = await attempt(`create the new container "${name}"`, () =>
      dialJson<{ Id: string }>(client, {
        method: 'POST',
        path: '/containers/create',
        query: { name },
        body: createBody(info, spec),
      }),
    );
    newId = created.Id;
    if (spec.network === editSpecOf(info).network) {
      // Other networks it was on (a create joins one).
      const others = Object.entries((info.NetworkSettings?.Networks ?? {}) as Record<string, EndpointSettings>).filter(
        ([n]) => n !== spec.network,
      );
      for (const [n, e] of others)
        await attempt(`connect the new container "${name}" to network "${n}"`, () =>
          dialJson(client, {
            method: 'POST',
            path: `/networks/${encodeURIComponent(n)}/connect`,
            body: { Container: created.Id, EndpointConfig: { ...(e.Aliases ? { Aliases: e.Aliases } : {}) } },
          }),
        );
    }
    if (wasRunning)
      await attempt(`start the new container "${name}"`, () =>
        dialJson(client, { method: 'POST', path: path(created.Id, 'start'), ok: [204, 304] }),
      );
  } catch (err) {
    // Put the old container back as it was.
    if (newId)
      await dialJson(client, { method: 'DELETE', path: path(newId), query: { force: true, v: false } }).catch(
        () => undefined,
      );
    const back = await dialJson(client, { method: 'POST', path: path(info.Id, 'rename'), query: { name } })
      .then(() =>
        wasRunning ? dialJson(client, { method: 'POST', path: path(info.Id, 'start'), ok: [204, 304] }) : undefined,
      )
      .then(
        () => true,
        () => false,
      );
    const e = err instanceof BerthError ? err : new BerthError({ kind: 'internal', message: String(err) });
    throw new BerthError({
      ...e.toJSON(),
      message: back
        ? `${e.message} Nothing changed: "${name}" is back as it was.`
        : `${e.message} The old container is kept as "${kept}"; rename it to "${name}" to use it again.`,
    });
  }
  // The new one runs (or was created, for a stopped container): the old one goes, its volumes stay.
  await dialJson(client, { method: 'DELETE', path: path(info.Id), query: { force: true, v: false } }).catch(
    () => undefined,
  );
  return newId;
}

/** Applies edited settings to container `id`: in place when the engine can, else by recreating it. */
export async function editContainer(
  client: EngineClient,
  id: string,
  rawSpec: unknown,
): Promise<{ id: string; recreated: boolean; changes: EditChange[] }> {
  const ref = validateContainerRef(id);
  const spec = parseSpec(rawSpec);
  const info = await inspectContainer(client, ref);
  const changes = editChanges(editSpecOf(info), spec);
  if (!changes.length) return { id: info.Id, recreated: false, changes };
  if (!needsRecreate(changes)) {
    const name = info.Name.replace(/^\//, '');
    await attempt(`change the settings of container "${name}"`, () =>
      dialJson(client, {
        method: 'POST',
        path: path(info.Id, 'update'),
        body: {
          RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart, MaximumRetryCount: 0 },
          ...(spec.memory ? { Memory: spec.memory, MemorySwap: -1 } : {}),
          ...(spec.cpus ? { NanoCpus: Math.round(spec.cpus * 1e9) } : {}),
        },
      }),
    );
    return { id: info.Id, recreated: false, changes };
  }
  return { id: await recreate(client, info, spec), recreated: true, changes };
}
