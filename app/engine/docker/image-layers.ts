// Image layers and their sizes: one accounting for every page. An image's layers are named by chain
// id (the same layer in two images is one layer on disk) and sized from the image's history (the
// engine reports each layer's diff size there). Both are fixed by the image id, so they are read
// once per image and kept.
import { createHash } from 'node:crypto';
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';
import { imagePath, rawImages } from './images';
import { mapLimit } from './map-limit';

export interface ImageLayers {
  /** Chain ids, base first. */
  chain: string[];
  /** Bytes of each layer, in the same order. */
  sizes: number[];
}

export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out.at(-1);
    out.push(prev === undefined ? d : `sha256:${createHash('sha256').update(`${prev} ${d}`).digest('hex')}`);
  }
  return out;
}

/** History entries (newest first, as the engine gives them) → one size per layer of `chain`. */
export function layerSizes(history: { CreatedBy?: string; Size?: number }[], layers: number): number[] {
  const oldestFirst = history.slice().reverse();
  const real = oldestFirst.filter((h) => (h.Size ?? 0) > 0 || !/#\(nop\)/.test(h.CreatedBy ?? ''));
  let sizes = real.map((h) => h.Size ?? 0);
  if (sizes.length !== layers) {
    // history and layers disagree: keep the sized entries in order and put any remainder on the top layer
    const sized = oldestFirst.map((h) => h.Size ?? 0).filter((s) => s > 0);
    sizes = Array.from({ length: layers }, (_, i) => sized[i] ?? 0);
    const extra = sized.slice(layers).reduce((a, b) => a + b, 0);
    if (sizes.length) sizes[sizes.length - 1]! += extra;
  }
  return sizes;
}

const KEEP = 4000;
const known = new Map<string, ImageLayers>();

/** The layers of one image (by id), read once and kept: an image id fixes its layers. */
export async function imageLayers(client: EngineClient, id: string): Promise<ImageLayers> {
  const hit = known.get(id);
  if (hit) return hit;
  const path = imagePath(id);
  const [inspect, history] = await Promise.all([
    dialJson<{ RootFS?: { Layers?: string[] } }>(client, { path: `${path}/json` }),
    dialJson<{ CreatedBy?: string; Size?: number }[]>(client, { path: `${path}/history` }),
  ]);
  const chain = chainIds(inspect.RootFS?.Layers ?? []);
  const layers = { chain, sizes: layerSizes(history, chain.length) };
  if (known.size >= KEEP) known.delete(known.keys().next().value!);
  known.set(id, layers);
  return layers;
}

/** The layers of many images, read with bounded concurrency. */
export async function layersOf(client: EngineClient, ids: string[]): Promise<Map<string, ImageLayers>> {
  const infos = await attempt('read image layers', () => mapLimit(ids, 8, (id) => imageLayers(client, id)));
  return new Map(ids.map((id, i) => [id, infos[i]!]));
}

export interface ImagesUsage {
  /** Images as `docker images` lists them (no intermediate images of classic builds). */
  count: number;
  /** Intermediate images of classic builds (`docker images -a` shows them; `docker info` counts them). */
  intermediate: number;
  /** Bytes on disk: every layer once, however many images share it (as `docker system df`). */
  size: number;
  /** Of those, bytes in layers two or more images share. */
  shared: number;
}

/** What images take on disk, shared layers counted once. */
export async function imagesUsage(client: EngineClient): Promise<ImagesUsage> {
  const [all, top] = await Promise.all([rawImages(client, true), rawImages(client, false)]);
  const layers = await layersOf(
    client,
    all.map((i) => i.Id),
  );
  const size = new Map<string, number>();
  for (const l of layers.values()) l.chain.forEach((c, i) => size.set(c, l.sizes[i] ?? 0));
  // shared: in two or more listed images (an intermediate image is part of its child, not a sharer)
  const users = new Map<string, number>();
  for (const i of top) for (const c of layers.get(i.Id)?.chain ?? []) users.set(c, (users.get(c) ?? 0) + 1);
  let total = 0;
  let shared = 0;
  for (const [c, s] of size) {
    total += s;
    if ((users.get(c) ?? 0) > 1) shared += s;
  }
  return { count: top.length, intermediate: all.length - top.length, size: total, shared };
}
