// The files of an image's layers, read from the image's saved archive (GET /images/{id}/get) as it
// streams (image-save-reader.ts: each layer's tar read entry by entry, never a file's bytes), so
// memory follows the number of paths, not the image's size; then folded (layer-files-model.ts) into
// what each layer adds, changes and removes, the wasted space and the final tree. At most
// LAYER_FILES_MAX_PATHS paths are kept; past that the answer says what it leaves out. The request's
// signal aborts the engine's read.
import { BerthError } from '../../shared/errors';
import { LAYER_FILES_MAX_PATHS, type ImageFilesResult } from '../../shared/contract/areas/image-files';
import { dialStream, type EngineClient } from './client';
import { toBerthError } from './errors';
import { imagePath, inspectImage } from './images';
import { foldLayers } from './layer-files-model';
import { cancelled } from './progress';
import { readSavedLayers, SaveFormatError } from './image-save-reader';

export interface ImageFilesOptions {
  signal?: AbortSignal;
  /** Called after each layer is read (a progress display, a test). */
  onLayer?(read: { layers: number }): void;
  /** Paths kept (tests lower it); LAYER_FILES_MAX_PATHS otherwise. */
  maxPaths?: number;
}

const broken = (ref: string, why: string) =>
  new BerthError({
    kind: 'internal',
    message: `Could not read the files of image "${ref}": the engine's archive of it ${why}. Try again; if it persists, save the image and inspect the archive.`,
  });

const count = (n: number) => n.toLocaleString('en-US');

/** The files each layer of `ref` adds, changes and removes, the wasted space and the final file tree. */
export async function imageFiles(
  client: EngineClient,
  ref: string,
  opts: ImageFilesOptions = {},
): Promise<ImageFilesResult> {
  const image = await inspectImage(client, ref);
  const signal = opts.signal ?? client.signal;
  const maxPaths = opts.maxPaths ?? LAYER_FILES_MAX_PATHS;
  let read;
  try {
    const archive = await dialStream(client, {
      path: `${imagePath(image.id)}/get`,
      ...(signal ? { signal } : {}),
    });
    read = await readSavedLayers(archive, {
      maxPaths,
      ...(signal ? { signal } : {}),
      ...(opts.onLayer ? { onLayer: opts.onLayer } : {}),
    });
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    if (err instanceof BerthError) throw err;
    if (err instanceof SaveFormatError) throw broken(ref, err.message);
    throw toBerthError(err, `read the files of image "${ref}"`);
  }
  const diffIds = image.layers.length === read.layers.length ? image.layers : [];
  return {
    id: image.id,
    ...foldLayers(read.layers, diffIds),
    ...(read.skipped
      ? {
          truncated: `This image has more than ${count(maxPaths)} paths in its layers; Berth kept the first ${count(maxPaths)} in the archive's order and left out ${count(read.skipped)}, so the changes, wasted space and file tree shown here miss those.`,
        }
      : {}),
  };
}
