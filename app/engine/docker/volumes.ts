// Volumes: list (with in-use and the containers using each), create, inspect, remove, prune (+ preview).
import type { VolumeSummary } from '../../shared/contract';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { listContainerUse, nameList, usersBy } from './system-usage';
import { checkDriverName, checkLabels, checkObjectRef, checkPruneLabels, checkVolumeName } from './validate-reference';

/**
 * A volume as the engine side reads it: the contract's row (VolumeSummary; the facade sends only its
 * fields) plus its scope and whether it is anonymous, which only the engine side uses (prune).
 */
export interface VolumeRecord extends VolumeSummary {
  scope: string;
  /** True for volumes created without a name (a 64-hex name). */
  anonymous: boolean;
}

export interface VolumeDetails extends VolumeRecord {
  options: Record<string, string>;
  /** Driver status, when the driver reports one. */
  status?: Record<string, unknown>;
}

interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Scope?: string;
  Options?: Record<string, string> | null;
  Status?: Record<string, unknown> | null;
}

const volumePath = (name: string) => `/volumes/${encodeURIComponent(name)}`;

function summary(v: RawVolume, users: string[]): VolumeRecord {
  return {
    name: v.Name,
    driver: v.Driver ?? 'local',
    mountpoint: v.Mountpoint ?? '',
    ...(v.CreatedAt ? { created: v.CreatedAt } : {}),
    labels: v.Labels ?? {},
    scope: v.Scope ?? 'local',
    anonymous: /^[0-9a-f]{64}$/.test(v.Name),
    inUse: users.length > 0,
    containers: users,
  };
}

export async function listVolumes(client: EngineClient): Promise<VolumeRecord[]> {
  const [res, containers] = await Promise.all([
    attempt('list volumes', () => dialJson<{ Volumes?: RawVolume[] | null }>(client, { path: '/volumes' })),
    listContainerUse(client),
  ]);
  const users = usersBy(containers, (c) => c.volumes);
  return (res.Volumes ?? []).map((v) => summary(v, users.get(v.Name) ?? []));
}

export async function inspectVolume(client: EngineClient, name: string): Promise<VolumeDetails> {
  checkObjectRef(name, 'name', 'volume');
  const [v, containers] = await Promise.all([
    attempt(`inspect volume "${name}"`, () => dialJson<RawVolume>(client, { path: volumePath(name) })),
    listContainerUse(client),
  ]);
  const users = containers.filter((c) => c.volumes.includes(v.Name)).map((c) => c.name);
  return { ...summary(v, users), options: v.Options ?? {}, ...(v.Status ? { status: v.Status } : {}) };
}

export interface CreateVolumeOptions {
  /** Omit for an anonymous (generated) name. */
  name?: string;
  driver?: string;
  labels?: Record<string, string>;
  /** Driver options (e.g. for local: type, device, o). */
  driverOptions?: Record<string, string>;
}

export async function createVolume(client: EngineClient, opts: CreateVolumeOptions = {}): Promise<VolumeDetails> {
  if (opts.name !== undefined) checkVolumeName(opts.name, 'name');
  const labels = checkLabels(opts.labels, 'labels');
  const driverOptions = checkLabels(opts.driverOptions, 'driverOptions');
  checkDriverName(opts.driver, 'volume');
  if (opts.name !== undefined) {
    // The engine returns an existing volume of the same name without complaint; a desktop user expects a refusal.
    const exists = await dialJson(client, { path: volumePath(opts.name) }).then(
      () => true,
      () => false,
    );
    if (exists)
      throw new BerthError({
        kind: 'conflict',
        field: 'name',
        message: `Could not create volume "${opts.name}": a volume with that name already exists. Choose another name.`,
      });
  }
  const created = await attempt(`create volume${opts.name ? ` "${opts.name}"` : ''}`, () =>
    dialJson<{ Name: string }>(client, {
      method: 'POST',
      path: '/volumes/create',
      body: {
        ...(opts.name !== undefined ? { Name: opts.name } : {}),
        Driver: opts.driver ?? 'local',
        Labels: labels,
        DriverOpts: driverOptions,
      },
    }),
  );
  return inspectVolume(client, created.Name);
}

/** Removes a volume; one in use is refused with `conflict` naming the containers (even with force). */
export async function removeVolume(client: EngineClient, name: string, opts: { force?: boolean } = {}): Promise<void> {
  checkObjectRef(name, 'name', 'volume');
  const what = `remove volume "${name}"`;
  try {
    await dialJson(client, { method: 'DELETE', path: volumePath(name), query: { force: !!opts.force } });
  } catch (err) {
    const e = toBerthError(err, what);
    if (e.kind !== 'conflict') throw e;
    const users = (await listContainerUse(client).catch(() => []))
      .filter((c) => c.volumes.includes(name))
      .map((c) => c.name);
    throw new BerthError({
      kind: 'conflict',
      message: users.length
        ? `Could not ${what}: it is used by ${users.length === 1 ? 'the container' : 'the containers'} ${nameList(users)}. Remove ${users.length === 1 ? 'it' : 'them'} first.`
        : `Could not ${what}: it is in use (${e.detail ?? ''}).`,
      ...(e.detail !== undefined ? { detail: e.detail } : {}),
    });
  }
}

export interface PruneVolumesOptions {
  /** Also remove named volumes (engines from API 1.42 only prune anonymous volumes unless asked). */
  all?: boolean;
  /** Only volumes with these labels ("key" or "key=value"). */
  labels?: string[];
}

export interface VolumePrunePreview {
  volumes: { name: string; labels: Record<string, string> }[];
}

export interface VolumePruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

function matches(v: VolumeRecord, labels: string[] | undefined): boolean {
  return (labels ?? []).every((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? w in v.labels : v.labels[w.slice(0, eq)] === w.slice(eq + 1);
  });
}

/** Whether this engine's volume prune also removes named volumes by default (API < 1.42). */
function prunesNamedByDefault(client: EngineClient): boolean {
  const [maj, min] = client.apiVersion.split('.').map(Number);
  return (maj ?? 1) === 1 && (min ?? 0) < 42;
}

/** What `pruneVolumes` with the same options would remove: unused local volumes (space is not known before). */
export async function previewVolumePrune(
  client: EngineClient,
  opts: PruneVolumesOptions = {},
): Promise<VolumePrunePreview> {
  checkPruneLabels(opts.labels);
  const all = opts.all || prunesNamedByDefault(client);
  const list = await listVolumes(client);
  return {
    volumes: list
      .filter((v) => !v.inUse && v.driver === 'local' && (all || v.anonymous) && matches(v, opts.labels))
      .map((v) => ({ name: v.name, labels: v.labels })),
  };
}

export async function pruneVolumes(client: EngineClient, opts: PruneVolumesOptions = {}): Promise<VolumePruneResult> {
  checkPruneLabels(opts.labels);
  const filters: Record<string, string[]> = {};
  if (opts.labels?.length) filters.label = opts.labels;
  if (opts.all && !prunesNamedByDefault(client)) filters.all = ['true'];
  const res = await attempt('remove unused volumes', () =>
    dialJson<{ VolumesDeleted?: string[] | null; SpaceReclaimed?: number }>(client, {
      method: 'POST',
      path: '/volumes/prune',
      query: { filters: JSON.stringify(filters) },
    }),
  );
  return { deleted: res.VolumesDeleted ?? [], spaceReclaimed: res.SpaceReclaimed ?? 0 };
}
