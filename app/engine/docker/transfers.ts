// Bytes to and from the engine as streams, for transfers through a browser: a container's or a
// volume's file (its bytes) or folder (a tar), images as a `docker save` tar, and a file uploaded
// into a container. Nothing is held whole in memory: the reader's pace is the engine's pace, and
// stopping the reader (or the signal) closes the engine's stream.
import { posix } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from './client';
import { containerArchive, putContainerArchive, statContainerPath } from './container-files';
import { exportImages } from './image-archive';
import { readTar, writeTar } from './container-files-tar';
import { checkImageTarget, checkInnerPath, checkObjectRef } from './validate-reference';
import { withSpooledUpload } from './upload-spool';
import { downloadVolumePath, statVolumePath } from './volume-files';

export interface ByteSource {
  /** A file name for the download (a folder's is `<name>.tar`). */
  name: string;
  /** Bytes to expect, when known (a file's size; a tar's is not). */
  size?: number;
  bytes: AsyncIterable<Buffer>;
}

/** The bytes of the first regular file in an archive; refused when the archive holds none. */
async function* firstFile(archive: Readable, what: string): AsyncGenerator<Buffer> {
  try {
    for await (const e of readTar(archive, (x) => (x.type === 'file' ? 'stream' : false))) {
      if (e.type !== 'file') continue;
      if (e.body) yield* e.body;
      return;
    }
    throw new BerthError({ kind: 'invalid', field: 'path', message: `Could not ${what}: it is not a regular file.` });
  } finally {
    archive.destroy();
  }
}

/** A file's bytes, or a folder as a tar, from a container. */
export async function openContainerDownload(
  client: EngineClient,
  container: string,
  path: string,
  signal: AbortSignal,
): Promise<ByteSource> {
  const st = await statContainerPath(client, container, path);
  const base = posix.basename(path) || 'root';
  const archive = await containerArchive(client, container, path, signal);
  if (st.type === 'dir') return { name: `${base}.tar`, bytes: archive };
  return {
    name: base,
    size: st.size,
    bytes: firstFile(archive, `download "${path}" from container "${container}"`),
  };
}

/** A file's bytes, or a folder as a tar, from a volume (read through a helper container, removed after). */
export async function openVolumeDownload(
  client: EngineClient,
  volume: string,
  path: string,
  signal: AbortSignal,
): Promise<ByteSource> {
  const st = await statVolumePath(client, volume, path);
  const base = posix.basename(path) || volume;
  // The helper lives while the copy runs: it ends when the reader is done, stops or the signal fires.
  const pipe = new PassThrough({ highWaterMark: 64 * 1024 });
  downloadVolumePath(client, volume, path, pipe, { signal }).catch((err: unknown) => pipe.destroy(err as Error));
  if (st.type === 'dir') return { name: `${base}.tar`, bytes: pipe };
  return { name: base, size: st.size, bytes: firstFile(pipe, `download "${path}" from volume "${volume}"`) };
}

/** Images as one `docker save` tar. */
export async function openImageExport(client: EngineClient, refs: string[], signal: AbortSignal): Promise<ByteSource> {
  refs.forEach((r, i) => checkImageTarget(r, `refs.${i}`));
  const what = `save ${refs.length === 1 ? `image "${refs[0]}"` : `${refs.length} images`}`;
  const stream = await exportImages(client, refs, what, signal);
  const first = refs[0]!.replace(/^sha256:/, '').replace(/[^\w.-]+/g, '_');
  return { name: `${first}${refs.length > 1 ? `-and-${refs.length - 1}-more` : ''}.tar`, bytes: stream };
}

/**
 * Puts `body` (exactly `size` bytes) into folder `dir` of the container as file `name`; only a
 * complete upload reaches the engine (upload-spool.ts).
 */
export async function uploadStreamToContainer(
  client: EngineClient,
  container: string,
  dir: string,
  file: { name: string; size: number },
  body: AsyncIterable<Buffer>,
  signal: AbortSignal,
): Promise<{ path: string; size: number }> {
  checkObjectRef(container, 'container', 'container');
  checkInnerPath(dir, 'dir');
  const { name, size } = file;
  if (!name || name.includes('/') || name === '.' || name === '..' || name.includes('\0'))
    throw new BerthError({
      kind: 'invalid',
      field: 'name',
      message: 'A file name may not be empty, ".", ".." or contain "/".',
    });
  return withSpooledUpload(body, size, signal, async (open) => {
    const tar = writeTar([
      { entry: { name, type: 'file', size, mode: 0o644, mtime: Date.now() / 1000 }, body: open() },
    ]);
    const what = `upload "${name}" to "${dir}" in container "${container}"`;
    await putContainerArchive(client, container, dir, tar, what, signal);
    return { path: posix.join(dir, name), size };
  });
}
