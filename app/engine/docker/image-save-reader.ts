// Reads an image's saved archive (`docker save`, a tar of tars) as it streams, keeping of each layer
// only its entries' names, kinds, sizes and modes (never a file's bytes). Two layouts:
// - the engine's own (docker-archive, up to Engine 24): `<id>/layer.tar` per layer, a layer that
//   appears twice saved once and linked;
// - OCI (Engine 25+): `blobs/sha256/<hex>` holds layers and JSON (config, manifests) alike; a blob
//   is read as a layer when its first header is a tar header (uncompressed, as the engine saves).
// manifest.json, which names the layers' order, may come after the layers (it does in this engine's
// archives), so each layer's entries are kept by archive path and ordered once the archive has ended.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import type { LayerRecord } from './layer-files-model';
import { layerPath } from './layer-files-model';
import { readTar, type TarEntry } from './container-files-tar';
import { cancelled } from './progress';

const MAX_MANIFEST_BYTES = 16 << 20;
const TAR_BLOCK = 512;

export interface SaveReadOptions {
  /** Paths kept across all layers; entries past it are counted in `skipped`, not kept. */
  maxPaths: number;
  signal?: AbortSignal;
  /** Called after each layer is read. */
  onLayer?(read: { layers: number }): void;
}

export interface SavedLayers {
  /** Each layer's entries, base first, in the manifest's order. */
  layers: LayerRecord[][];
  /** Entries left out past `maxPaths`. */
  skipped: number;
  layout: 'docker' | 'oci';
}

/** Why an archive could not be read as an image: said as what is wrong with it. */
export class SaveFormatError extends Error {}

interface ManifestEntry {
  Layers?: unknown;
}

const isLegacyLayer = (name: string) => name === 'layer.tar' || name.endsWith('/layer.tar');
const isBlob = (name: string) => name.startsWith('blobs/');

/** True when `head` (at least one block) starts with a ustar header (the magic at 257). */
function looksLikeTar(head: Buffer): boolean {
  if (head.length < TAR_BLOCK) return false;
  return head.subarray(257, 262).toString('latin1') === 'ustar';
}

/**
 * The first block of `body` and the whole of it again as a stream: only the chunks needed to see one
 * tar header are held.
 */
async function peek(body: AsyncIterable<Buffer>): Promise<{ head: Buffer; all: Readable }> {
  const it = body[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < TAR_BLOCK) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    held.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(held);
  const all = Readable.from(
    (async function* () {
      yield head;
      if (ended) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    })(),
    { objectMode: false },
  );
  return { head, all };
}

/** Reads `archive` (the engine's save of one image) into each layer's entries, in the image's order. */
export async function readSavedLayers(archive: Readable, opts: SaveReadOptions): Promise<SavedLayers> {
  const { signal } = opts;
  const layers = new Map<string, LayerRecord[]>();
  const links = new Map<string, string>();
  let manifest: ManifestEntry[] | undefined;
  let oci = false;
  let held = 0;
  let skipped = 0;
  const want = (e: TarEntry) =>
    e.name === 'manifest.json'
      ? e.size <= MAX_MANIFEST_BYTES
      : isLegacyLayer(e.name) || isBlob(e.name)
        ? ('stream' as const)
        : false;

  const readLayer = async (name: string, source: Readable) => {
    const records: LayerRecord[] = [];
    layers.set(name, records);
    for await (const f of readTar(source)) {
      if (signal?.aborted) throw cancelled();
      if (held >= opts.maxPaths) {
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
    opts.onLayer?.({ layers: layers.size });
  };

  for await (const entry of readTar(archive, want)) {
    if (signal?.aborted) throw cancelled();
    if (entry.name === 'manifest.json') {
      if (!entry.data) throw new SaveFormatError('has a manifest.json larger than 16 MB');
      try {
        manifest = JSON.parse(entry.data.toString('utf8')) as ManifestEntry[];
      } catch {
        throw new SaveFormatError('has a manifest.json that is not JSON');
      }
    } else if (entry.type === 'symlink' || entry.type === 'hardlink') {
      // the same layer twice in one image is saved once; the second is a link to the first
      if (isLegacyLayer(entry.name) || isBlob(entry.name))
        links.set(
          entry.name,
          entry.type === 'symlink'
            ? posix.join(posix.dirname(entry.name), entry.linkTarget ?? '')
            : (entry.linkTarget ?? ''),
        );
    } else if (isLegacyLayer(entry.name)) {
      await readLayer(entry.name, Readable.from(entry.body ?? [], { objectMode: false }));
    } else if (isBlob(entry.name) && entry.body) {
      oci = true;
      const { head, all } = await peek(entry.body);
      if (looksLikeTar(head)) await readLayer(entry.name, all);
      else {
        all.destroy();
        // a layer with no files is a tar of only its end blocks (zeros); anything else is not a layer
        if (head.length >= TAR_BLOCK && head.subarray(0, TAR_BLOCK).every((b) => b === 0)) layers.set(entry.name, []);
      }
    } else if (isBlob(entry.name)) {
      oci = true;
      layers.set(entry.name, []); // an empty blob: a layer with no entries, if the manifest names it
    }
  }
  const order = manifest?.[0]?.Layers;
  if (!Array.isArray(order) || !order.every((n) => typeof n === 'string'))
    throw new SaveFormatError('has no manifest.json naming its layers');
  return {
    layers: (order as string[]).map((name) => {
      const records = layers.get(links.get(name) ?? name);
      if (!records) throw new SaveFormatError(`names a layer (${name}) that is not in it`);
      return records;
    }),
    skipped,
    layout: oci ? 'oci' : 'docker',
  };
}
