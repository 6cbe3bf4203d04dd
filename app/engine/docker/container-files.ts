// Files in a container through the archive API (HEAD/GET/PUT /containers/{id}/archive), so it also
// works for stopped and distroless containers that have no shell or ls.
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { isAbsolute, posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileEntry } from '../../shared/contract/dto';
import { BerthError } from '../../shared/errors';
import { dialJson, dialStream, type EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { readTar, tarOneFile, writeTar } from './container-files-tar';
import { sideFileFor } from './side-file';
import { checkInnerPath, checkObjectRef } from './validate-reference';

export type { FileEntry };

export interface DirectoryListing {
  path: string;
  entries: FileEntry[];
  /** True when the listing stopped early because the folder holds more than `maxBytes` of data below it. */
  truncated: boolean;
}

export interface PathStat extends FileEntry {
  path: string;
}

// Go's os.FileMode type bits as the engine reports them in X-Docker-Container-Path-Stat.
const MODE_DIR = 0x80000000;
const MODE_SYMLINK = 1 << 27;
/** device, named pipe, socket, char device, irregular */
const MODE_OTHER = (1 << 26) | (1 << 25) | (1 << 24) | (1 << 21) | (1 << 19);

function fromGoMode(mode: number): { type: FileEntry['type']; mode: number } {
  const type =
    (mode & MODE_DIR) !== 0
      ? 'dir'
      : (mode & MODE_SYMLINK) !== 0
        ? 'symlink'
        : (mode & MODE_OTHER) !== 0
          ? 'other'
          : 'file';
  const special = (mode & (1 << 23) ? 0o4000 : 0) | (mode & (1 << 22) ? 0o2000 : 0) | (mode & (1 << 20) ? 0o1000 : 0);
  return { type, mode: (mode & 0o777) | special };
}

/** The archive path of a checked container (a leading "/" of its name dropped). */
function archivePath(container: string, path: string): string {
  checkInnerPath(path, 'path');
  return `/containers/${encodeURIComponent(checkObjectRef(container, 'container', 'container'))}/archive`;
}

/** What is at `path` in the container (HEAD /archive), following no links. */
export async function statContainerPath(client: EngineClient, container: string, path: string): Promise<PathStat> {
  const at = archivePath(container, path);
  const res = await attempt(`look at "${path}" in container "${container}"`, () =>
    dialStream(client, { method: 'HEAD', path: at, query: { path } }),
  );
  res.resume();
  const header = res.headers['x-docker-container-path-stat'];
  if (typeof header !== 'string')
    throw new BerthError({
      kind: 'internal',
      message: `Could not look at "${path}" in container "${container}": the engine sent no file information.`,
    });
  const s = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as {
    name: string;
    size: number;
    mode: number;
    mtime: string;
    linkTarget: string;
  };
  const { type, mode } = fromGoMode(s.mode);
  return {
    path,
    name: s.name,
    type,
    size: type === 'dir' ? 0 : s.size,
    mode,
    mtime: Math.floor(Date.parse(s.mtime) / 1000) || 0,
    ...(s.linkTarget ? { linkTarget: s.linkTarget } : {}),
  };
}

/** The archive of `path` (a file or a folder, recursively) as a tar byte stream. Destroy it to stop. */
export async function containerArchive(
  client: EngineClient,
  container: string,
  path: string,
  signal?: AbortSignal,
): Promise<Readable> {
  const at = archivePath(container, path);
  return attempt(`read "${path}" in container "${container}"`, () =>
    dialStream(client, { path: at, query: { path }, ...(signal ? { signal } : {}) }),
  );
}

/**
 * Lists a folder: the archive of `path/.` is read header by header, keeping only direct children.
 * Data below subfolders still crosses the socket, so reading stops after `maxBytes` (default 256 MiB)
 * and the listing says it is truncated.
 */
export async function listContainerDir(
  client: EngineClient,
  container: string,
  path: string,
  opts: { maxBytes?: number } = {},
): Promise<DirectoryListing> {
  const st = await statContainerPath(client, container, path);
  if (st.type !== 'dir' && !(st.type === 'symlink' && st.linkTarget)) {
    throw new BerthError({
      kind: 'invalid',
      field: 'path',
      message: `"${path}" in container "${container}" is not a folder.`,
    });
  }
  const dir = path.endsWith('/') ? path : `${path}/`;
  const stream = await containerArchive(client, container, `${dir}.`);
  const maxBytes = opts.maxBytes ?? 256 << 20;
  let seen = 0;
  let truncated = false;
  const entries: FileEntry[] = [];
  try {
    for await (const e of readTar(stream)) {
      seen += 512 + e.size;
      // entries are "./name" (or "name" on some engines); the folder itself is "."
      const rel = e.name.replace(/^\.\//, '').replace(/^\.$/, '');
      if (rel && !rel.includes('/')) {
        const type = e.type === 'hardlink' ? 'file' : e.type;
        entries.push({
          name: rel,
          type,
          size: e.size,
          mode: e.mode,
          mtime: e.mtime,
          ...(e.linkTarget && e.type === 'symlink' ? { linkTarget: e.linkTarget } : {}),
        });
      }
      if (seen > maxBytes) {
        truncated = true;
        break;
      }
    }
  } catch (err) {
    throw err instanceof BerthError ? err : toBerthError(err, `list "${path}" in container "${container}"`);
  } finally {
    stream.destroy();
  }
  entries.sort((a, b) =>
    (a.type === 'dir') === (b.type === 'dir') ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1,
  );
  return { path, entries, truncated };
}

/** The bytes of one regular file (refused above `maxBytes`, default 64 MiB). */
export async function readContainerFileBytes(
  client: EngineClient,
  container: string,
  path: string,
  opts: { maxBytes?: number } = {},
): Promise<Buffer> {
  const st = await statContainerPath(client, container, path);
  const maxBytes = opts.maxBytes ?? 64 << 20;
  if (st.type === 'dir')
    throw new BerthError({
      kind: 'invalid',
      field: 'path',
      message: `"${path}" is a folder; download it as an archive instead.`,
    });
  if (st.size > maxBytes)
    throw new BerthError({
      kind: 'invalid',
      field: 'path',
      message: `"${path}" is ${st.size} bytes, more than the ${maxBytes} bytes that can be read at once; download it instead.`,
    });
  const stream = await containerArchive(client, container, path);
  try {
    for await (const e of readTar(stream, (entry) => entry.type === 'file' && entry.size <= maxBytes)) {
      if (e.type === 'file') return e.data ?? Buffer.alloc(0);
    }
  } catch (err) {
    throw err instanceof BerthError ? err : toBerthError(err, `read "${path}" in container "${container}"`);
  } finally {
    stream.destroy();
  }
  throw new BerthError({
    kind: 'invalid',
    field: 'path',
    message: `"${path}" in container "${container}" is not a regular file.`,
  });
}

export interface FileContent {
  path: string;
  size: number;
  /** The bytes, base64-encoded (plain JSON). */
  base64: string;
}

export async function readContainerFile(
  client: EngineClient,
  container: string,
  path: string,
  opts: { maxBytes?: number } = {},
): Promise<FileContent> {
  const data = await readContainerFileBytes(client, container, path, opts);
  return { path, size: data.length, base64: data.toString('base64') };
}

export interface UploadOptions {
  /** File name in the target folder. */
  name: string;
  /** The bytes: base64 text, or a Buffer from Node callers. */
  content?: string | Buffer;
  /** Or a local file to upload (absolute path). */
  localPath?: string;
  mode?: number;
}

/** Extracts a tar into folder `dir` of the container (PUT /archive); a folder is never replaced by a file. */
export async function putContainerArchive(
  client: EngineClient,
  container: string,
  dir: string,
  tar: Readable | Buffer,
  what: string,
  signal?: AbortSignal,
): Promise<void> {
  const at = archivePath(container, dir);
  await attempt(what, () =>
    dialJson(client, {
      method: 'PUT',
      path: at,
      query: { path: dir, noOverwriteDirNonDir: true },
      upload: tar,
      ...(signal ? { signal } : {}),
    }),
  );
}

/** Puts one file into folder `dir` of the container (PUT /archive). */
export async function uploadToContainer(
  client: EngineClient,
  container: string,
  dir: string,
  file: UploadOptions,
): Promise<{ path: string; size: number }> {
  archivePath(container, dir);
  const name = file.name;
  if (typeof name !== 'string' || !name || name.includes('/') || name === '.' || name === '..' || name.includes('\0'))
    throw new BerthError({
      kind: 'invalid',
      field: 'name',
      message: 'A file name may not be empty, ".", ".." or contain "/".',
    });
  const what = `upload "${name}" to "${dir}" in container "${container}"`;
  const mode = file.mode ?? 0o644;
  if (file.localPath !== undefined) {
    if (!isAbsolute(file.localPath))
      throw new BerthError({
        kind: 'invalid',
        field: 'localPath',
        message: 'Give the local file as an absolute path.',
      });
    let size = -1;
    try {
      const st = statSync(file.localPath);
      if (st.isFile()) size = st.size;
    } catch {
      /* below */
    }
    if (size < 0)
      throw new BerthError({
        kind: 'invalid',
        field: 'localPath',
        message: `There is no file at "${file.localPath}".`,
      });
    // streamed from the disk at the engine's pace: a file of any size never sits whole in memory
    const tar = writeTar([
      { entry: { name, type: 'file', size, mode, mtime: Date.now() / 1000 }, body: createReadStream(file.localPath) },
    ]);
    await putContainerArchive(client, container, dir, tar, what);
    return { path: posix.join(dir, name), size };
  }
  let data: Buffer;
  if (Buffer.isBuffer(file.content)) data = file.content;
  else if (typeof file.content === 'string') data = Buffer.from(file.content, 'base64');
  else throw new BerthError({ kind: 'invalid', field: 'content', message: 'Give the file content or a local file.' });
  await putContainerArchive(client, container, dir, await tarOneFile(name, data, mode), what);
  return { path: posix.join(dir, name), size: data.length };
}

/**
 * Downloads `path` (a file or a folder) of the container as a tar archive into `destFile` (absolute),
 * written to a side file and renamed when complete, so a failure or cancel leaves nothing behind.
 */
export async function downloadContainerPath(
  client: EngineClient,
  container: string,
  path: string,
  destFile: string,
  opts: { signal?: AbortSignal } = {},
): Promise<{ file: string; bytes: number }> {
  archivePath(container, path);
  checkDestFile(destFile);
  const stream = await containerArchive(client, container, path, opts.signal);
  return writeArchive(stream, destFile, `download "${path}" from container "${container}"`, opts.signal);
}

export function checkDestFile(destFile: unknown): string {
  let dirOk = false;
  if (typeof destFile === 'string' && isAbsolute(destFile)) {
    try {
      dirOk = statSync(posix.dirname(destFile)).isDirectory();
    } catch {
      /* below */
    }
  }
  if (!dirOk)
    throw new BerthError({
      kind: 'invalid',
      field: 'destFile',
      message: 'Save to an absolute file path in a folder that exists.',
    });
  return destFile as string;
}

/** Copies an archive stream to `destFile` through a side file; returns the bytes written. */
export async function writeArchive(
  stream: Readable,
  destFile: string,
  what: string,
  signal?: AbortSignal,
): Promise<{ file: string; bytes: number }> {
  const side = sideFileFor(destFile);
  let bytes = 0;
  stream.on('data', (c: Buffer) => (bytes += c.length));
  try {
    await pipeline(stream, createWriteStream(side), ...(signal ? [{ signal }] : []));
    renameSync(side, destFile);
  } catch (err) {
    rmSync(side, { force: true });
    if (signal?.aborted)
      throw new BerthError({ kind: 'internal', message: 'The operation was cancelled.', detail: 'cancelled' });
    throw err instanceof BerthError ? err : toBerthError(err, what);
  }
  return { file: destFile, bytes };
}
