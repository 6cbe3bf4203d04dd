// Image archives: save images to a tar file, load images from one, import a root filesystem tar.
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import { BerthError } from '../../shared/errors';
import { dialStream, type EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { cancelled, inBandError, ndjson } from './progress';
import { commitSideFile, sideFileFor } from './side-file';
import { checkImageTarget, parseImageReference } from './validate-reference';

function checkFilePath(path: unknown, field: string, mustExist: boolean): string {
  if (typeof path !== 'string' || !isAbsolute(path))
    throw new BerthError({ kind: 'invalid', field, message: 'Give an absolute file path.' });
  if (mustExist) {
    let ok = false;
    try {
      ok = statSync(path).isFile();
    } catch {
      /* below */
    }
    if (!ok) throw new BerthError({ kind: 'invalid', field, message: `There is no file at "${path}".` });
  } else {
    let dirOk = false;
    try {
      dirOk = statSync(dirname(path)).isDirectory();
    } catch {
      /* below */
    }
    if (!dirOk)
      throw new BerthError({ kind: 'invalid', field, message: `The folder "${dirname(path)}" does not exist.` });
  }
  return path;
}

export interface ArchiveBytes {
  kind: 'bytes';
  /** Bytes written or read so far. */
  current: number;
  total?: number;
}

export interface SaveDone {
  kind: 'done';
  path: string;
  size: number;
}

/** A file already at `path` is refused unless `overwrite` (and a folder always). */
function checkTarget(path: string, overwrite: boolean): void {
  let existing;
  try {
    existing = statSync(path);
  } catch {
    return;
  }
  if (existing.isDirectory())
    throw new BerthError({ kind: 'invalid', field: 'path', message: `${path} is a folder. Give a file name in it.` });
  if (!overwrite) throw alreadyThere(path);
}

const alreadyThere = (path: string) =>
  new BerthError({
    kind: 'conflict',
    field: 'path',
    message: `${path} already exists. Choose another file name, or confirm replacing it.`,
  });

/** Images (checked ids or references) as one `docker save` tar stream. */
export function exportImages(
  client: EngineClient,
  refs: string[],
  what: string,
  signal?: AbortSignal,
): Promise<Readable> {
  return attempt(what, () =>
    dialStream(client, { path: '/images/get', query: { names: refs }, ...(signal ? { signal } : {}) }),
  );
}

/**
 * Saves `refs` (ids or references) as one `docker save` tar at `path`. An existing file there is
 * replaced only with `overwrite`. The archive is written to a side file in the same folder and put in
 * place when complete, so a failure or cancel never leaves a partial archive behind.
 */
export async function* saveImages(
  client: EngineClient,
  refs: string[],
  path: string,
  opts: { signal?: AbortSignal; overwrite?: boolean } = {},
): AsyncGenerator<ArchiveBytes | SaveDone> {
  if (!Array.isArray(refs) || refs.length === 0)
    throw new BerthError({ kind: 'invalid', field: 'images', message: 'Choose at least one image to save.' });
  refs.forEach((r, i) => checkImageTarget(r, `images.${i}`));
  checkFilePath(path, 'path', false);
  const overwrite = opts.overwrite === true;
  checkTarget(path, overwrite);
  const what = `save ${refs.length === 1 ? `image "${refs[0]}"` : `${refs.length} images`} to "${path}"`;
  const side = sideFileFor(path);
  const stream = await exportImages(client, refs, what, opts.signal);
  let written = 0;
  let last = 0;
  const out = createWriteStream(side);
  out.on('error', (err) => stream.destroy(err)); // e.g. EACCES on the folder: ends the loop below with it
  const onAbort = () => stream.destroy();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream) {
      const c = chunk as Buffer;
      if (!out.write(c)) await once(out, 'drain');
      written += c.length;
      if (written - last >= 4 << 20) {
        last = written;
        yield { kind: 'bytes', current: written };
      }
    }
    out.end();
    await finished(out);
    commitSideFile(side, path, overwrite);
  } catch (err) {
    out.destroy();
    rmSync(side, { force: true });
    if (opts.signal?.aborted) throw cancelled();
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyThere(path);
    throw toBerthError(err, what, { pathField: 'path' });
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    stream.destroy();
    if (!out.closed && !out.writableFinished) {
      out.destroy();
      rmSync(side, { force: true });
    }
  }
  yield { kind: 'done', path, size: statSync(path).size };
}

export interface LoadDone {
  kind: 'done';
  /** References and ids the engine reports as loaded ("Loaded image: x:y", "Loaded image ID: sha256:…"). */
  images: string[];
}

export type LoadProgress = ArchiveBytes | { kind: 'log'; text: string } | LoadDone;

/** Loads images from a `docker save` tar at `path`. */
export async function* loadImages(
  client: EngineClient,
  path: string,
  opts: { signal?: AbortSignal } = {},
): AsyncGenerator<LoadProgress> {
  checkFilePath(path, 'path', true);
  const total = statSync(path).size;
  const file = createReadStream(path);
  let sent = 0;
  file.on('data', (c) => (sent += c.length));
  yield* loadImageStream(client, file, `load images from "${path}"`, opts, () => ({
    kind: 'bytes',
    current: sent,
    total,
  }));
}

/**
 * Loads images from a `docker save` tar arriving as `file` (a local file, or an upload from a
 * browser); `accepted` says what to report once the engine has taken the request.
 */
export async function* loadImageStream(
  client: EngineClient,
  file: Readable,
  what: string,
  opts: { signal?: AbortSignal } = {},
  accepted?: () => ArchiveBytes,
): AsyncGenerator<LoadProgress> {
  let stream: Readable;
  try {
    stream = await dialStream(client, {
      method: 'POST',
      path: '/images/load',
      query: { quiet: false },
      upload: file,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    file.destroy();
    if (opts.signal?.aborted) throw cancelled();
    throw toBerthError(err, what);
  }
  if (accepted) yield accepted();
  const images: string[] = [];
  try {
    for await (const line of ndjson(stream, opts.signal)) {
      const failure = inBandError(line);
      if (failure) throw new BerthError({ kind: 'invalid', message: `Could not ${what}: ${failure}`, detail: failure });
      const text = (line.stream ?? line.status ?? '').trim();
      const m = /^Loaded image(?: ID)?: (\S+)$/.exec(text);
      if (m) images.push(m[1]!);
      if (text) yield { kind: 'log', text };
    }
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    throw err instanceof BerthError ? err : toBerthError(err, what);
  } finally {
    file.destroy();
  }
  yield { kind: 'done', images };
}

export interface ImportOptions {
  /** Reference for the new image (repo[:tag]). */
  ref?: string;
  /** Dockerfile instructions applied on import, e.g. `CMD ["sh"]`, `ENV PATH=/bin`. */
  changes?: string[];
  message?: string;
  platform?: string;
}

/** Creates an image from a root filesystem tar at `path` (like `docker import`). */
export async function importImage(
  client: EngineClient,
  path: string,
  opts: ImportOptions = {},
): Promise<{ imageId: string; ref?: string }> {
  checkFilePath(path, 'path', true);
  const r = opts.ref === undefined ? undefined : parseImageReference(opts.ref, 'ref');
  if (r?.digest)
    throw new BerthError({ kind: 'invalid', field: 'ref', message: 'An imported image takes a tag, not a digest.' });
  for (const [i, c] of (opts.changes ?? []).entries())
    if (!/^(CMD|ENTRYPOINT|ENV|EXPOSE|LABEL|ONBUILD|USER|VOLUME|WORKDIR|STOPSIGNAL)\s+\S/i.test(c))
      throw new BerthError({
        kind: 'invalid',
        field: `changes.${i}`,
        message: `"${c}" is not an instruction import can apply (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL).`,
      });
  const what = `import "${path}" as an image`;
  const stream = await attempt(what, () =>
    dialStream(client, {
      method: 'POST',
      path: '/images/create',
      query: {
        fromSrc: '-',
        ...(r ? { repo: r.repository, tag: r.tag ?? 'latest' } : {}),
        ...(opts.changes?.length ? { changes: opts.changes } : {}),
        ...(opts.message ? { message: opts.message } : {}),
        ...(opts.platform ? { platform: opts.platform } : {}),
      },
      upload: createReadStream(path),
    }),
  );
  let imageId = '';
  for await (const line of ndjson(stream)) {
    const failure = inBandError(line);
    if (failure) throw new BerthError({ kind: 'invalid', message: `Could not ${what}: ${failure}`, detail: failure });
    if (typeof line.status === 'string' && /^sha256:[0-9a-f]{64}$/.test(line.status.trim()))
      imageId = line.status.trim();
  }
  return { imageId, ...(r ? { ref: `${r.repository}:${r.tag ?? 'latest'}` } : {}) };
}
