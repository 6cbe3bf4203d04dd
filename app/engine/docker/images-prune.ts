// Image prune and its preview. The preview follows the engine's own rules (moby's ImagesPrune and
// imageDeleteHelper): a candidate is a top image (not an intermediate) that is dangling (or, with
// `all`, any image) and used by no container; deleting it also deletes its untagged parent chain
// as long as each parent is then childless and unused. Space is counted per layer (chain id) that
// no remaining image shares, with layer sizes read from the image history.
import { createHash } from 'node:crypto';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from './client';
import { attempt } from './errors';
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
  size: number;
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

function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out.at(-1);
    out.push(prev === undefined ? d : `sha256:${createHash('sha256').update(`${prev} ${d}`).digest('hex')}`);
  }
  return out;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
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
  return {
    images: doomed.map((i) => ({ id: i.Id, tags: realTags(i.RepoTags), size: i.Size ?? 0 })),
    spaceReclaimed: await freedSpace(client, images, deleted),
  };
}

async function layerInfo(
  client: EngineClient,
  id: string,
  withSizes: boolean,
): Promise<{ chain: string[]; sizes: number[] }> {
  const inspect = (await client.docker.getImage(id).inspect()) as { RootFS?: { Layers?: string[] } };
  const chain = chainIds(inspect.RootFS?.Layers ?? []);
  if (!withSizes) return { chain, sizes: [] };
  const history = ((await client.docker.getImage(id).history()) as { CreatedBy?: string; Size?: number }[])
    .slice()
    .reverse();
  const real = history.filter((h) => (h.Size ?? 0) > 0 || !/#\(nop\)/.test(h.CreatedBy ?? ''));
  let sizes = real.map((h) => h.Size ?? 0);
  if (sizes.length !== chain.length) {
    // history and layers disagree: keep the sized entries in order and put any remainder on the top layer
    const sized = history.map((h) => h.Size ?? 0).filter((s) => s > 0);
    sizes = chain.map((_, i) => sized[i] ?? 0);
    const extra = sized.slice(chain.length).reduce((a, b) => a + b, 0);
    if (sizes.length) sizes[sizes.length - 1]! += extra;
  }
  return { chain, sizes };
}

async function freedSpace(client: EngineClient, images: Raw[], deleted: Set<string>): Promise<number> {
  if (deleted.size === 0) return 0;
  const infos = await attempt('read image layers', () =>
    mapLimit(images, 8, async (i) => ({ id: i.Id, ...(await layerInfo(client, i.Id, deleted.has(i.Id))) })),
  );
  const kept = new Set<string>();
  for (const info of infos) if (!deleted.has(info.id)) for (const c of info.chain) kept.add(c);
  const freed = new Map<string, number>();
  for (const info of infos) {
    if (!deleted.has(info.id)) continue;
    info.chain.forEach((c, i) => {
      if (!kept.has(c)) freed.set(c, info.sizes[i] ?? 0);
    });
  }
  return [...freed.values()].reduce((a, b) => a + b, 0);
}

/** Removes dangling images (or, with `all`, every image no container uses). */
export async function pruneImages(client: EngineClient, opts: PruneImagesOptions = {}): Promise<ImagePruneResult> {
  checkLabelFilters(opts.labels);
  const before = new Set((await rawImages(client, true)).map((i) => i.Id));
  const res = (await attempt(opts.all ? 'remove unused images' : 'remove dangling images', () =>
    client.docker.pruneImages({
      filters: { dangling: [opts.all ? 'false' : 'true'], ...(opts.labels?.length ? { label: opts.labels } : {}) },
    }),
  )) as { ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null; SpaceReclaimed?: number };
  const items = res.ImagesDeleted ?? [];
  return {
    deleted: items.filter((d) => d.Deleted && before.has(d.Deleted)).map((d) => d.Deleted!),
    untagged: items.filter((d) => d.Untagged).map((d) => d.Untagged!),
    spaceReclaimed: res.SpaceReclaimed ?? 0,
  };
}
