// Image prune and its preview. The preview follows the engine's own rules (moby's ImagesPrune and
// imageDeleteHelper): a candidate is a top image (not an intermediate) that is dangling (or, with
// `all`, any image) and used by no container; deleting it also deletes its untagged parent chain
// as long as each parent is then childless and unused. Space is counted per layer (chain id) that
// no remaining image shares, with layer sizes read from the image history.
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';
import { layersOf } from './image-layers';
import { rawImages, realDigests, realTags } from './images';
import { listContainerUse } from './system-usage';

export interface PruneImagesOptions {
  /** Remove every image no container uses, not only dangling ones. */
  all?: boolean;
  /** Only images with these labels ("key" or "key=value"), as the engine's `label` prune filter. */
  labels?: string[];
}

export interface PrunedImage {
  id: string;
  tags: string[];
  /** The image's whole size, layers shared with other images included (as `docker images`). */
  size: number;
  /** What removing it frees: its layers no image that stays shares (shared layers stay on disk). */
  frees: number;
}

export interface ImagePrunePreview {
  images: PrunedImage[];
  /** Bytes the prune would free (layers no remaining image shares). */
  spaceReclaimed: number;
}

export interface ImagePruneResult {
  /** Ids of the images deleted. */
  deleted: string[];
  /** References untagged on the way. */
  untagged: string[];
  spaceReclaimed: number;
}

interface Raw {
  Id: string;
  Labels?: Record<string, string> | null;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
}

function matchLabels(labels: Record<string, string>, wanted: string[] | undefined): boolean {
  return (wanted ?? []).every((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? w in labels : labels[w.slice(0, eq)] === w.slice(eq + 1);
  });
}

function checkLabelFilters(labels: unknown): void {
  if (labels === undefined) return;
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l === '' || l.startsWith('=')))
    throw new BerthError({
      kind: 'invalid',
      field: 'labels',
      message: 'Label filters are written "key" or "key=value".',
    });
}

/** What `pruneImages` with the same options would delete, and the space it would free, without deleting. */
export async function previewImagePrune(
  client: EngineClient,
  opts: PruneImagesOptions = {},
): Promise<ImagePrunePreview> {
  checkLabelFilters(opts.labels);
  const [images, containers] = await Promise.all([rawImages(client, true), listContainerUse(client)]);
  const used = new Set(containers.map((c) => c.imageId));
  const byId = new Map(images.map((i) => [i.Id, i as Raw]));
  const children = new Map<string, Set<string>>();
  for (const i of images) {
    if (!i.ParentId) continue;
    const set = children.get(i.ParentId) ?? new Set<string>();
    set.add(i.Id);
    children.set(i.ParentId, set);
  }
  const hasRefs = (i: Raw) => realTags(i.RepoTags).length > 0 || realDigests(i.RepoDigests).length > 0;
  const deleted = new Set<string>();
  const tops = images.filter((i) => hasRefs(i) || !(children.get(i.Id)?.size ?? 0));
  for (const img of tops) {
    if (!matchLabels(img.Labels ?? {}, opts.labels)) continue;
    if (opts.all ? false : realTags(img.RepoTags).length > 0) continue;
    if (!opts.all && (children.get(img.Id)?.size ?? 0) > 0) continue;
    if (used.has(img.Id) || (children.get(img.Id)?.size ?? 0) > 0) continue;
    // delete it, then walk up its untagged, childless, unused parents
    let cur: Raw | undefined = img;
    while (cur) {
      deleted.add(cur.Id);
      const parentId: string = cur.ParentId ?? '';
      children.get(parentId)?.delete(cur.Id);
      const parent = byId.get(parentId);
      if (
        !parent ||
        hasRefs(parent) ||
        used.has(parent.Id) ||
        (children.get(parent.Id)?.size ?? 0) > 0 ||
        deleted.has(parent.Id)
      )
        break;
      cur = parent;
    }
  }
  const doomed = images.filter((i) => deleted.has(i.Id));
  const freed = await freedSpace(client, images, deleted);
  return {
    images: doomed.map((i) => ({
      id: i.Id,
      tags: realTags(i.RepoTags),
      size: i.Size ?? 0,
      frees: freed.get(i.Id) ?? 0,
    })),
    spaceReclaimed: [...freed.values()].reduce((a, b) => a + b, 0),
  };
}

/** Bytes each doomed image frees (its layers no remaining image keeps, each layer counted once). */
async function freedSpace(client: EngineClient, images: Raw[], deleted: Set<string>): Promise<Map<string, number>> {
  const freed = new Map<string, number>();
  if (deleted.size === 0) return freed;
  const layers = await layersOf(
    client,
    images.map((i) => i.Id),
  );
  const kept = new Set<string>();
  for (const [id, l] of layers) if (!deleted.has(id)) for (const c of l.chain) kept.add(c);
  const counted = new Set<string>();
  for (const [id, l] of layers) {
    if (!deleted.has(id)) continue;
    let bytes = 0;
    l.chain.forEach((c, i) => {
      if (kept.has(c) || counted.has(c)) return;
      counted.add(c);
      bytes += l.sizes[i] ?? 0;
    });
    freed.set(id, bytes);
  }
  return freed;
}

/** Removes dangling images (or, with `all`, every image no container uses). */
export async function pruneImages(client: EngineClient, opts: PruneImagesOptions = {}): Promise<ImagePruneResult> {
  checkLabelFilters(opts.labels);
  const before = new Set((await rawImages(client, true)).map((i) => i.Id));
  const filters = { dangling: [opts.all ? 'false' : 'true'], ...(opts.labels?.length ? { label: opts.labels } : {}) };
  const res = await attempt(opts.all ? 'remove unused images' : 'remove dangling images', () =>
    dialJson<{ ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null; SpaceReclaimed?: number }>(client, {
      method: 'POST',
      path: '/images/prune',
      query: { filters: JSON.stringify(filters) },
    }),
  );
  const items = res.ImagesDeleted ?? [];
  return {
    deleted: items.filter((d) => d.Deleted && before.has(d.Deleted)).map((d) => d.Deleted!),
    untagged: items.filter((d) => d.Untagged).map((d) => d.Untagged!),
    spaceReclaimed: res.SpaceReclaimed ?? 0,
  };
}
