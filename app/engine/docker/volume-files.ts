// Files inside a volume, read through a short-lived helper container that mounts the volume read-only.
// The helper is only created, never started: the archive API reads a stopped container's mounts, so
// any image that exists locally works (the busybox fixture in tests), nothing is pulled, and the
// helper is removed afterwards (with its anonymous volumes), even when reading fails.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { removeContainer } from './containers-lifecycle';
import { attempt } from './errors';
import {
  checkDestFile,
  containerArchive,
  writeArchive,
  listContainerDir,
  readContainerFile,
  statContainerPath,
  type DirectoryListing,
  type FileContent,
  type PathStat,
} from './container-files';
import { rawImages, realTags } from './images';
import { checkImageTarget, checkInnerPath, checkObjectRef } from './validate-reference';

/** Where the helper mounts the volume. */
export const MOUNT = '/berth-volume';
export const HELPER_LABEL = 'berth.helper';
/** Which Berth process made a helper: `<host name>:<pid>`, so a sweep leaves a live one's helpers alone. */
export const HELPER_OWNER_LABEL = 'berth.helper.owner';
export const owner = () => `${hostname()}:${process.pid}`;

/** True when the helper's owner is a Berth process that still runs on this machine (this one included). */
export function ownerAlive(label: string | undefined): boolean {
  const m = label ? /^(.*):(\d+)$/.exec(label) : null;
  if (!m || m[1] !== hostname()) return false;
  try {
    process.kill(Number(m[2]), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface VolumeFilesOptions {
  /** Image for the helper container; must exist locally. Default: a small local image. */
  helperImage?: string;
}

/** Picks a local image for the helper: the smallest tagged one (any image works, it never runs). */
async function pickHelperImage(client: EngineClient, wanted?: string): Promise<string> {
  if (wanted !== undefined) {
    checkImageTarget(wanted, 'helperImage');
    return wanted;
  }
  const images = (await rawImages(client))
    .filter((i) => realTags(i.RepoTags).length > 0)
    .sort((a, b) => (a.Size ?? 0) - (b.Size ?? 0));
  const first = images[0];
  if (!first)
    throw new BerthError({
      kind: 'invalid',
      field: 'helperImage',
      message:
        'Could not open the volume: reading its files needs any image on this engine, and there is none. Pull or load an image first.',
    });
  return realTags(first.RepoTags)[0]!;
}

/**
 * Removes helper containers left behind by a Berth that died while reading a volume: older than
 * `olderThanSeconds`, and not made by a Berth process still running on this machine (so helpers in use
 * are left alone). Returns how many; `onRemoved` hears of each.
 */
export async function removeStaleVolumeHelpers(
  client: EngineClient,
  olderThanSeconds = 600,
  onRemoved?: (helper: { name: string; ageSeconds: number }) => void,
): Promise<number> {
  const list = await attempt('list helper containers', () =>
    dialJson<{ Id: string; Created: number; Names?: string[]; Labels?: Record<string, string> }[]>(client, {
      path: '/containers/json',
      query: { all: true, filters: JSON.stringify({ label: [`${HELPER_LABEL}=volume-files`] }) },
    }),
  );
  const now = Date.now() / 1000;
  const stale = list.filter((c) => c.Created < now - olderThanSeconds && !ownerAlive(c.Labels?.[HELPER_OWNER_LABEL]));
  const removed = await Promise.all(
    stale.map((c) =>
      removeContainer(client, c.Id, { force: true, volumes: true })
        .then(() => {
          onRemoved?.({ name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), ageSeconds: Math.round(now - c.Created) });
          return true;
        })
        .catch(() => false),
    ),
  );
  return removed.filter(Boolean).length;
}

/** A volume a helper mounts: where, and whether it may write. */
export interface HelperMount {
  volume: string;
  at: string;
  readOnly: boolean;
}

/**
 * Runs `fn` with a helper container that mounts `mounts` (each volume checked to exist first);
 * removes the helper afterwards. `run` gives the helper a command (its image must have it): it is
 * created with it but still not started here.
 */
export async function withHelper<T>(
  client: EngineClient,
  mounts: HelperMount[],
  opts: VolumeFilesOptions & { what: string; run?: { image: string; cmd: string[] } },
  fn: (containerId: string) => Promise<T>,
): Promise<T> {
  for (const m of mounts) {
    checkObjectRef(m.volume, 'volume', 'volume');
    await attempt(opts.what, () => dialJson(client, { path: `/volumes/${encodeURIComponent(m.volume)}` }));
  }
  const image = opts.run ? opts.run.image : await pickHelperImage(client, opts.helperImage);
  const helper = await attempt(opts.what, () =>
    dialJson<{ Id: string }>(client, {
      method: 'POST',
      path: '/containers/create',
      query: { name: `berth-volume-helper-${randomBytes(4).toString('hex')}` },
      body: {
        Image: image,
        Entrypoint: opts.run ? [opts.run.cmd[0]] : ['/berth-never-started'],
        Cmd: opts.run ? opts.run.cmd.slice(1) : [],
        Labels: { [HELPER_LABEL]: 'volume-files', [HELPER_OWNER_LABEL]: owner() },
        NetworkDisabled: true,
        HostConfig: {
          Binds: mounts.map((m) => `${m.volume}:${m.at}${m.readOnly ? ':ro' : ''}`),
          NetworkMode: 'none',
        },
      },
    }),
  );
  try {
    return await fn(helper.Id);
  } finally {
    await removeContainer(client, helper.Id, { force: true, volumes: true }).catch(() => undefined);
    void removeStaleVolumeHelpers(client).catch(() => undefined);
  }
}

/** Runs `fn` with a helper container that mounts `volume` read-only at /berth-volume; removes it afterwards. */
export function withVolumeHelper<T>(
  client: EngineClient,
  volume: string,
  opts: VolumeFilesOptions,
  fn: (containerId: string) => Promise<T>,
): Promise<T> {
  return withHelper(client, [{ volume, at: MOUNT, readOnly: true }], { ...opts, what: `open volume "${volume}"` }, fn);
}

/** Where `path` of the volume ("/" its root; ".." cannot climb out) is inside a helper. */
export function inner(path: string): string {
  checkInnerPath(path, 'path');
  const normal = posix.normalize(path);
  return normal === '/' ? MOUNT : `${MOUNT}${normal.replace(/\/$/, '')}`;
}

function outer(path: string): string {
  const rest = path.slice(MOUNT.length);
  return rest === '' ? '/' : rest;
}

/** Reads `path` of the volume through a helper container, the result's path given as the volume's. */
function inVolume<T>(
  client: EngineClient,
  volume: string,
  path: string,
  opts: VolumeFilesOptions,
  read: (helper: string, innerPath: string) => Promise<T>,
): Promise<T & { path: string }> {
  const p = inner(path);
  return withVolumeHelper(client, volume, opts, async (id) => ({ ...(await read(id, p)), path: outer(p) }));
}

const sizeCap = (opts: { maxBytes?: number }) => (opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {});

/** Lists folder `path` ("/" is the volume's root) inside the volume. */
export async function listVolumeDir(
  client: EngineClient,
  volume: string,
  path: string,
  opts: VolumeFilesOptions & { maxBytes?: number } = {},
): Promise<DirectoryListing> {
  return inVolume(client, volume, path, opts, (id, p) => listContainerDir(client, id, p, sizeCap(opts)));
}

export async function statVolumePath(
  client: EngineClient,
  volume: string,
  path: string,
  opts: VolumeFilesOptions = {},
): Promise<PathStat> {
  return inVolume(client, volume, path, opts, (id, p) => statContainerPath(client, id, p));
}

/** One file's bytes (base64) from the volume. */
export async function readVolumeFile(
  client: EngineClient,
  volume: string,
  path: string,
  opts: VolumeFilesOptions & { maxBytes?: number } = {},
): Promise<FileContent> {
  return inVolume(client, volume, path, opts, (id, p) => readContainerFile(client, id, p, sizeCap(opts)));
}

/**
 * Streams a file or folder of the volume as a tar into `sink` (e.g. a file write stream).
 * Returns the number of bytes written; the helper is removed when the copy ends or fails.
 */
export async function downloadVolumePath(
  client: EngineClient,
  volume: string,
  path: string,
  sink: NodeJS.WritableStream,
  opts: VolumeFilesOptions & { signal?: AbortSignal } = {},
): Promise<{ bytes: number }> {
  const p = inner(path);
  return withVolumeHelper(client, volume, opts, async (id) => {
    const stream: Readable = await containerArchive(client, id, p, opts.signal);
    let bytes = 0;
    stream.on('data', (c: Buffer) => (bytes += c.length));
    await attempt(`download "${path}" from volume "${volume}"`, () => pipeline(stream, sink));
    return { bytes };
  });
}

/** Downloads a file or folder of the volume as a tar archive into `destFile` (absolute). */
export async function saveVolumePath(
  client: EngineClient,
  volume: string,
  path: string,
  destFile: string,
  opts: VolumeFilesOptions & { signal?: AbortSignal } = {},
): Promise<{ file: string; bytes: number }> {
  const p = inner(path);
  checkDestFile(destFile);
  return withVolumeHelper(client, volume, opts, async (id) =>
    writeArchive(
      await containerArchive(client, id, p, opts.signal),
      destFile,
      `download "${path}" from volume "${volume}"`,
      opts.signal,
    ),
  );
}
