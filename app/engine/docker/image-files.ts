// The files of an image's layers, read from the image's saved archive (GET /images/{id}/get, a
// docker-archive tar) as it streams: each `<dir>/layer.tar` is itself read as a tar while it passes,
// keeping only its entries' names, kinds, sizes and modes (never a file's bytes), so memory follows
// the number of paths, not the image's size. manifest.json, which names the layers' order, comes
// after the layers in the engine's archives, so each layer's entries are kept by its archive path
// and folded (layer-files-model.ts) once the archive has ended. At most LAYER_FILES_MAX_PATHS paths
// are kept; past that the answer says what it leaves out. The request's signal aborts the engine's read.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors';
import { LAYER_FILES_MAX_PATHS, type ImageFilesResult } from '../../shared/contract/areas/image-files';
import { dialStream, type EngineClient } from './client';
import { readTar, type TarEntry } from './container-files-tar';
import { toBerthError } from './errors';
import { imagePath, inspectImage } from './images';
import { foldLayers, layerPath, type LayerRecord } from './layer-files-model';
import { cancelled } from './progress';

const MAX_MANIFEST_BYTES = 16 << 20;

export interface ImageFilesOptions {
  signal?: AbortSignal;
  /** Called after each layer is read, with the archive's bytes read so far (a progress display, a test). */
  onLayer?(read: { layers: number; bytes: number }): void;
}

interface ManifestEntry {
  Layers?: string[];
}

const isLayerTar = (name: string) => name === 'layer.tar' || name.endsWith('/layer.tar');

/** Counts the bytes that pass; destroying the result stops (and destroys) `source`. */
function counted(source: Readable, count: (n: number) => void): Readable {
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of source) {
          count((chunk as Buffer).length);
          yield chunk as Buffer;
        }
      } finally {
        source.destroy();
      }
    })(),
    { objectMode: false },
  );
}

const broken = (ref: string, why: string) =>
  new BerthError({
    kind: 'internal',
    message: `Could not read the files of image "${ref}": the engine's archive of it ${why}. Try again; if it persists, save the image and inspect the archive.`,
  });

/** The files each layer of `ref` adds, changes and removes, the wasted space and the final file tree. */
export async function imageFiles(
  client: EngineClient,
  ref: string,
  opts: ImageFilesOptions = {},
): Promise<ImageFilesResult> {
  const image = await inspectImage(client, ref);
  const signal = opts.signal ?? client.signal;
  const what = `read the files of image "${ref}"`;
  let bytes = 0;
  let held = 0;
  let skipped = 0;
  const layers = new Map<string, LayerRecord[]>();
  const links = new Map<string, string>();
  let manifest: ManifestEntry[] | undefined;
  try {
    const response = await dialStream(client, {
      path: `${imagePath(image.id)}/get`,
      ...(signal ? { signal } : {}),
    });
    const archive = counted(response, (n) => (bytes += n));
    const want = (e: TarEntry) =>
      e.name === 'manifest.json' ? e.size <= MAX_MANIFEST_BYTES : isLayerTar(e.name) ? ('stream' as const) : false;
    for await (const entry of readTar(archive, want)) {
      if (signal?.aborted) throw cancelled();
      if (entry.name === 'manifest.json') {
        if (!entry.data) throw broken(ref, 'has a manifest.json larger than 16 MB');
        manifest = JSON.parse(entry.data.toString('utf8')) as ManifestEntry[];
      } else if (isLayerTar(entry.name)) {
        // the same layer twice in one image is saved once; the second is a link to the first
        if (entry.type === 'symlink' || entry.type === 'hardlink') {
          const target =
            entry.type === 'symlink'
              ? posix.join(posix.dirname(entry.name), entry.linkTarget ?? '')
              : (entry.linkTarget ?? '');
          links.set(entry.name, target);
          continue;
        }
        const records: LayerRecord[] = [];
        layers.set(entry.name, records);
        if (entry.body) {
          for await (const f of readTar(Readable.from(entry.body, { objectMode: false }))) {
            if (signal?.aborted) throw cancelled();
            if (held >= LAYER_FILES_MAX_PATHS) {
              skipped++;
              continue;
            }
            held++;
            records.push({
              path: layerPath(f.name),
              kind: f.type,
              size: f.size,
              mode: f.mode,
              ...(f.linkTarget !== undefined ? { target: f.linkTarget } : {}),
            });
          }
        }
        opts.onLayer?.({ layers: layers.size, bytes });
      }
    }
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    if (err instanceof BerthError) throw err;
    if (err instanceof SyntaxError) throw broken(ref, 'has a manifest.json that is not JSON');
    throw toBerthError(err, what);
  }
  const order = manifest?.[0]?.Layers;
  if (!Array.isArray(order)) throw broken(ref, 'has no manifest.json naming its layers');
  const ordered = order.map((name) => {
    const records = layers.get(links.get(name) ?? name);
    if (!records) throw broken(ref, `names a layer (${name}) that is not in it`);
    return records;
  });
  const diffIds = image.layers.length === ordered.length ? image.layers : [];
  return {
    id: image.id,
    ...foldLayers(ordered, diffIds),
    ...(skipped
      ? {
          truncated: `This image has more than ${LAYER_FILES_MAX_PATHS.toLocaleString('en-US')} paths in its layers; Berth kept the first ${LAYER_FILES_MAX_PATHS.toLocaleString('en-US')} in the archive's order and left out ${skipped.toLocaleString('en-US')}, so the changes, wasted space and file tree shown here miss those.`,
        }
      : {}),
  };
}
