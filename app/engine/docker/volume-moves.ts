// Moving a volume's data as a whole: export it as a .tar.gz, import a tar(.gz) into a new or empty
// volume, clone it under a new name, empty it, and upload files (a tar) into one of its folders.
// Everything goes through helper containers (volume-files.ts) and the engine's archive API, as
// streams at the engine's pace: no volume is ever held in memory. Only `emptyVolume` deletes data,
// and only what the caller confirmed; a failed import or clone removes only the volume it created.
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { containerArchive, listContainerDir, putContainerArchive, statContainerPath } from './container-files';
import { ensureDebugImage } from './debug-image';
import type { EngineTask } from './engine-task';
import { attempt, toBerthError } from './errors';
import { listContainerUse, nameList } from './system-usage';
import type { ByteSource } from './transfers';
import { withSpooledUpload } from './upload-spool';
import { checkInnerPath, checkObjectRef, checkVolumeName } from './validate-reference';
import { inner, MOUNT, withHelper } from './volume-files';
import { createVolume, inspectVolume, removeVolume } from './volumes';

/**
 * gzip's fastest level: on a small machine the deflate, not the disk, sets an export's pace, and
 * level 1 is several times faster than the default for a few per cent more bytes.
 */
export const EXPORT_GZIP_LEVEL = constants.Z_BEST_SPEED;

/** Labels a copy does not take: they would make compose or swarm take the copy for their own volume. */
const OWNED_LABEL = /^com\.docker\.(compose|stack)\./;

const helperWhat = (verb: string, volume: string) => `${verb} volume "${volume}"`;

async function volumeExists(client: EngineClient, name: string): Promise<boolean> {
  return dialJson(client, { path: `/volumes/${encodeURIComponent(name)}` }).then(
    () => true,
    (err: unknown) => {
      const e = toBerthError(err, `look for volume "${name}"`);
      if (e.kind === 'not-found') return false;
      throw e;
    },
  );
}

/** A volume's files as one .tar.gz, produced as it is read; the helper lives until the reader is done. */
export async function openVolumeExport(client: EngineClient, volume: string, signal: AbortSignal): Promise<ByteSource> {
  checkObjectRef(volume, 'name', 'volume');
  const what = helperWhat('export', volume);
  await attempt(what, () => dialJson(client, { path: `/volumes/${encodeURIComponent(volume)}` }));
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  withHelper(client, [{ volume, at: MOUNT, readOnly: true }], { what }, async (id) => {
    const tar = await containerArchive(client, id, `${MOUNT}/.`, signal);
    await pipeline(tar, createGzip({ level: EXPORT_GZIP_LEVEL }), out, { signal });
  }).catch((err: unknown) => out.destroy(err instanceof BerthError ? err : toBerthError(err, what)));
  return { name: `${volume}.tar.gz`, bytes: out };
}

/** True for the first bytes of a gzip, bzip2 or xz stream, or of a tar (its header's checksum holds). */
export function looksLikeArchive(head: Buffer): boolean {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
  if (head.length >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') return true;
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return true;
  if (head.length < 512) return false;
  const block = head.subarray(0, 512);
  if (block.every((b) => b === 0)) return true; // an empty tar: its end blocks
  const stored = parseInt(block.subarray(148, 156).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return stored === sum;
}

/** Reads the first bytes of `body`, refuses anything but a tar(.gz), and gives back the whole stream. */
export async function checkedArchive(body: AsyncIterable<Buffer>, what: string): Promise<Readable> {
  const it = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let got = 0;
  while (got < 512) {
    const n = await it.next();
    if (n.done) break;
    head.push(n.value);
    got += n.value.length;
  }
  const first = Buffer.concat(head);
  if (!looksLikeArchive(first))
    throw new BerthError({
      kind: 'invalid',
      field: 'file',
      message: `Could not ${what}: the file is not a tar archive (plain, or compressed with gzip, bzip2 or xz). Choose a .tar or .tar.gz file, such as one Export made.`,
    });
  async function* all(): AsyncGenerator<Buffer> {
    yield first;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  pipeline(all(), out).catch(() => undefined);
  return out;
}

/** The names in the volume's top folder (through a read-only helper). */
async function topEntries(client: EngineClient, volume: string, what: string): Promise<string[]> {
  return withHelper(client, [{ volume, at: MOUNT, readOnly: true }], { what }, async (id) =>
    (await listContainerDir(client, id, MOUNT, { maxBytes: 1 << 20 })).entries.map((e) => e.name),
  );
}

/**
 * Imports a tar(.gz) into volume `volume`: created when it does not exist; refused when it exists
 * and holds files. A failure removes the volume if this import created it, and empties it again if
 * it was empty before.
 */
export async function importVolumeArchive(
  client: EngineClient,
  volume: string,
  body: AsyncIterable<Buffer>,
  signal: AbortSignal,
): Promise<{ name: string; created: boolean }> {
  checkVolumeName(volume, 'name');
  const what = `import the archive into volume "${volume}"`;
  const exists = await volumeExists(client, volume);
  if (exists) {
    const entries = await topEntries(client, volume, what);
    if (entries.length)
      throw new BerthError({
        kind: 'conflict',
        field: 'name',
        message: `Could not ${what}: it already holds files (${nameList(entries)}). Import into a new volume, or empty this one first.`,
      });
  }
  const archive = await checkedArchive(body, what);
  if (!exists) await createVolume(client, { name: volume });
  try {
    await withHelper(client, [{ volume, at: MOUNT, readOnly: false }], { what }, (id) =>
      putContainerArchive(client, id, MOUNT, archive, what, signal),
    );
  } catch (err) {
    archive.destroy();
    if (!exists) await removeVolume(client, volume).catch(() => undefined);
    else await emptyVolume(client, volume, { confirm: volume }).catch(() => undefined);
    if (signal.aborted)
      throw new BerthError({
        kind: 'internal',
        message: `The import was cancelled; ${exists ? `volume "${volume}" was emptied again` : `volume "${volume}" was removed`}.`,
        detail: 'cancelled',
      });
    throw err instanceof BerthError ? err : toBerthError(err, what);
  }
  return { name: volume, created: !exists };
}

/**
 * Copies every file of `source` into a new volume `target` (refused when that name is taken), with
 * the source's labels (but not compose's or swarm's). Returns the bytes copied (as a tar); a failure
 * removes the new volume.
 */
export async function cloneVolume(
  client: EngineClient,
  source: string,
  target: string,
  opts: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
): Promise<{ name: string; bytes: number }> {
  checkObjectRef(source, 'name', 'volume');
  checkVolumeName(target, 'target');
  const what = `clone volume "${source}" as "${target}"`;
  const from = await inspectVolume(client, source);
  if (from.driver !== 'local' || Object.keys(from.options).length)
    throw new BerthError({
      kind: 'invalid',
      field: 'name',
      message: `Could not ${what}: it is a ${from.driver} volume${Object.keys(from.options).length ? ' with driver options' : ''} (its files may live outside the engine), and Berth clones only plain local volumes.`,
    });
  if (await volumeExists(client, target))
    throw new BerthError({
      kind: 'conflict',
      field: 'target',
      message: `Could not ${what}: a volume named "${target}" already exists. Choose another name.`,
    });
  const labels = Object.fromEntries(Object.entries(from.labels).filter(([k]) => !OWNED_LABEL.test(k)));
  await createVolume(client, { name: target, labels });
  let bytes = 0;
  try {
    // two helpers: the engine locks a container while an archive is read from it, so one helper could
    // not be written to while it is read
    const src = [{ volume: source, at: MOUNT, readOnly: true }];
    const dst = [{ volume: target, at: MOUNT, readOnly: false }];
    await withHelper(client, src, { what }, (from) =>
      withHelper(client, dst, { what }, async (to) => {
        const tar = await containerArchive(client, from, `${MOUNT}/.`, opts.signal);
        tar.on('data', (c: Buffer) => {
          bytes += c.length;
          opts.onBytes?.(bytes);
        });
        await putContainerArchive(client, to, MOUNT, tar, what, opts.signal);
      }),
    );
  } catch (err) {
    await removeVolume(client, target).catch(() => undefined);
    if (opts.signal?.aborted)
      throw new BerthError({
        kind: 'internal',
        message: `The clone was cancelled; the new volume "${target}" was removed.`,
        detail: 'cancelled',
      });
    throw err instanceof BerthError ? err : toBerthError(err, what);
  }
  return { name: target, bytes };
}

/**
 * Deletes every file in the volume (the volume itself stays), through a helper that runs busybox's
 * rm (the debug shell's image, made from this machine's busybox-static). `confirm` must repeat the volume's name: nothing is deleted on a call that did not confirm.
 * Refused while a running container uses the volume.
 */
export async function emptyVolume(
  client: EngineClient,
  volume: string,
  opts: { confirm: string; signal?: AbortSignal },
): Promise<{ name: string }> {
  checkObjectRef(volume, 'name', 'volume');
  const what = `empty volume "${volume}"`;
  if (opts.confirm !== volume)
    throw new BerthError({
      kind: 'invalid',
      field: 'confirm',
      message: `Could not ${what}: type the volume's name to confirm that its files are deleted.`,
    });
  await inspectVolume(client, volume);
  const running = (await listContainerUse(client))
    .filter((c) => c.state === 'running' && c.volumes.includes(volume))
    .map((c) => c.name);
  if (running.length)
    throw new BerthError({
      kind: 'conflict',
      message: `Could not ${what}: the running container${running.length === 1 ? '' : 's'} ${nameList(running)} use${running.length === 1 ? 's' : ''} it. Stop ${running.length === 1 ? 'it' : 'them'} first.`,
    });
  const image = await ensureDebugImage(client);
  // every name in the top folder, dot files too; a pattern that matches nothing stays as written, and rm -f passes over it
  const cmd = ['/bin/busybox', 'sh', '-c', `cd ${MOUNT} && /bin/busybox rm -rf -- ./* ./.[!.]* ./..?*`];
  await withHelper(client, [{ volume, at: MOUNT, readOnly: false }], { what, run: { image, cmd } }, async (id) => {
    const signal = opts.signal;
    await attempt(what, () =>
      dialJson(client, {
        method: 'POST',
        path: `/containers/${id}/start`,
        ok: [204, 304],
        ...(signal ? { signal } : {}),
      }),
    );
    const done = await attempt(what, () =>
      dialJson<{ StatusCode?: number }>(client, {
        method: 'POST',
        path: `/containers/${id}/wait`,
        ...(signal ? { signal } : {}),
      }),
    );
    if ((done.StatusCode ?? 0) !== 0)
      throw new BerthError({
        kind: 'internal',
        message: `Could not ${what}: some files could not be deleted (rm exited with ${done.StatusCode}). Look at the volume's files, then try again.`,
      });
  });
  return { name: volume };
}

/**
 * Extracts an uploaded tar (exactly `size` bytes) into folder `dir` of the volume. The upload is
 * spooled first, so one that breaks off writes nothing into the volume.
 */
export async function uploadToVolume(
  client: EngineClient,
  volume: string,
  dir: string,
  upload: { body: AsyncIterable<Buffer>; size: number },
  signal: AbortSignal,
): Promise<{ dir: string; bytes: number }> {
  checkObjectRef(volume, 'name', 'volume');
  const at = inner(checkInnerPath(dir, 'dir'));
  const what = `upload into "${dir}" of volume "${volume}"`;
  return withSpooledUpload(upload.body, upload.size, signal, async (open) => {
    const archive = await checkedArchive(open(), what);
    return withHelper(client, [{ volume, at: MOUNT, readOnly: false }], { what }, async (id) => {
      const st = await statContainerPath(client, id, at).catch(() => undefined);
      if (st?.type !== 'dir')
        throw new BerthError({
          kind: 'not-found',
          field: 'dir',
          message: `Could not ${what}: the volume has no folder "${dir}".`,
        });
      await putContainerArchive(client, id, at, archive, what, signal);
      return { dir, bytes: upload.size };
    });
  });
}

/** A clone as a task for main's task centre; the names are checked before the task exists. */
export function cloneVolumeTask(
  client: EngineClient,
  source: string,
  target: string,
): EngineTask<{ name: string; bytes: number }> {
  checkObjectRef(source, 'name', 'volume');
  checkVolumeName(target, 'target');
  return {
    kind: 'volume',
    title: `Clone volume ${source} as ${target}`,
    run: async (report, signal) => {
      const r = await cloneVolume(client, source, target, {
        signal,
        onBytes: (bytes) => report({ text: `Copying ${source} to ${target}`, current: bytes }),
      });
      report({ text: `Cloned ${source} as ${target}`, current: r.bytes });
      return r;
    },
  };
}
