// Images: list (with in-use and dangling flags and the containers using each), inspect, history, tag, remove.
import type { ImageSummary } from '../../shared/contract';
import type { ImageInspectResult, ImageLayerInfo } from '../../shared/contract/areas/images';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { attempt, classifyEngineError, toBerthError } from './errors';
import { listContainerUse, nameList, usersBy } from './system-usage';
import { checkImageTarget, parseImageReference } from './validate-reference';

export type { ImageInspectResult, ImageSummary };

interface RawImage {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: number;
  Labels?: Record<string, string> | null;
}

/** An image's path in the Engine API: a reference keeps its "/" and ":" (the engine routes on them). */
export const imagePath = (ref: string) => `/images/${ref}`;

export const realTags = (tags?: string[] | null): string[] => (tags ?? []).filter((t) => t !== '<none>:<none>');
export const realDigests = (d?: string[] | null): string[] => (d ?? []).filter((t) => t !== '<none>@<none>');

/** Raw image list; `all` includes intermediate images of classic builds. */
export async function rawImages(client: EngineClient, all = false): Promise<RawImage[]> {
  return attempt('list images', () => dialJson<RawImage[]>(client, { path: '/images/json', query: { all } }));
}

export async function listImages(client: EngineClient): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([rawImages(client), listContainerUse(client)]);
  const users = usersBy(containers, (c) => [c.imageId]);
  return images.map((i) => {
    const tags = realTags(i.RepoTags);
    const using = users.get(i.Id) ?? [];
    return {
      id: i.Id,
      tags,
      digests: realDigests(i.RepoDigests),
      size: i.Size ?? 0,
      created: i.Created ?? 0,
      inUse: using.length > 0,
      dangling: tags.length === 0,
      containers: using,
    };
  });
}

export interface ImageDetails {
  id: string;
  tags: string[];
  digests: string[];
  parentId: string;
  /** ISO 8601. */
  created: string;
  size: number;
  architecture: string;
  os: string;
  author: string;
  config: {
    cmd: string[];
    entrypoint: string[];
    env: string[];
    workingDir: string;
    user: string;
    exposedPorts: string[];
    volumes: string[];
    labels: Record<string, string>;
  };
  /** Layer diff ids, base first. */
  layers: string[];
  /** The engine's own inspect document, for an Inspect tab. */
  raw: Record<string, unknown>;
}

interface RawInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Parent?: string;
  Created?: string;
  Size?: number;
  Architecture?: string;
  Os?: string;
  Author?: string;
  Config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
  } | null;
  RootFS?: { Layers?: string[] };
}

export async function inspectImage(client: EngineClient, ref: string): Promise<ImageDetails> {
  checkImageTarget(ref, 'image');
  const raw = await attempt(`inspect image "${ref}"`, () =>
    dialJson<RawInspect>(client, { path: `${imagePath(ref)}/json` }),
  );
  const c = raw.Config ?? {};
  return {
    id: raw.Id,
    tags: realTags(raw.RepoTags),
    digests: realDigests(raw.RepoDigests),
    parentId: raw.Parent ?? '',
    created: raw.Created ?? '',
    size: raw.Size ?? 0,
    architecture: raw.Architecture ?? '',
    os: raw.Os ?? '',
    author: raw.Author ?? '',
    config: {
      cmd: c.Cmd ?? [],
      entrypoint: c.Entrypoint ?? [],
      env: c.Env ?? [],
      workingDir: c.WorkingDir ?? '',
      user: c.User ?? '',
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      volumes: Object.keys(c.Volumes ?? {}),
      labels: c.Labels ?? {},
    },
    layers: raw.RootFS?.Layers ?? [],
    raw: raw as unknown as Record<string, unknown>,
  };
}

/** One step of an image's history, as the contract has it. */
export type ImageLayer = ImageLayerInfo;

export async function imageHistory(client: EngineClient, ref: string): Promise<ImageLayer[]> {
  checkImageTarget(ref, 'image');
  const raw = await attempt(`read the history of image "${ref}"`, () =>
    dialJson<
      { Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }[]
    >(client, { path: `${imagePath(ref)}/history` }),
  );
  return raw.map((h) => ({
    id: h.Id,
    created: h.Created,
    createdBy: h.CreatedBy ?? '',
    size: h.Size ?? 0,
    tags: realTags(h.Tags),
    comment: h.Comment ?? '',
  }));
}

/** Gives image `source` (id or reference) the additional reference `target` (repo[:tag], tag defaults to latest). */
export async function tagImage(client: EngineClient, source: string, target: string): Promise<{ ref: string }> {
  checkImageTarget(source, 'source');
  const t = parseImageReference(target, 'target');
  if (t.digest)
    throw new BerthError({ kind: 'invalid', field: 'target', message: 'A new reference takes a tag, not a digest.' });
  const tag = t.tag ?? 'latest';
  await attempt(`tag image "${source}" as "${t.repository}:${tag}"`, () =>
    dialJson(client, { method: 'POST', path: `${imagePath(source)}/tag`, query: { repo: t.repository, tag } }),
  );
  return { ref: `${t.repository}:${tag}` };
}

export interface RemoveImageResult {
  untagged: string[];
  deleted: string[];
}

/** Removes an image or one of its references. Without `force`, an image used by containers is refused with `conflict` naming them. */
export async function removeImage(
  client: EngineClient,
  ref: string,
  opts: { force?: boolean; keepUntaggedParents?: boolean } = {},
): Promise<RemoveImageResult> {
  checkImageTarget(ref, 'image');
  const what = `remove image "${ref}"`;
  let raw: { Untagged?: string; Deleted?: string }[];
  try {
    raw = await dialJson<typeof raw>(client, {
      method: 'DELETE',
      path: imagePath(ref),
      query: { force: !!opts.force, noprune: !!opts.keepUntaggedParents },
    });
  } catch (err) {
    const f = classifyEngineError(err);
    if (f.kind !== 'conflict' || f.cause === 'image-has-tags' || f.cause === 'image-has-children')
      throw toBerthError(err, what);
    const users = await usersOf(client, ref).catch(() => []);
    const running = f.cause === 'image-used-by-running';
    throw new BerthError({
      kind: 'conflict',
      message: users.length
        ? `Could not ${what}: it is used by ${users.length === 1 ? 'the container' : 'the containers'} ${nameList(users)}. ${
            running ? 'Stop and remove them first.' : 'Remove them first, or remove the image with force.'
          }`
        : `Could not ${what}: it is in use (${f.text}).`,
      detail: f.text,
    });
  }
  return {
    untagged: raw.filter((r) => r.Untagged).map((r) => r.Untagged!),
    deleted: raw.filter((r) => r.Deleted).map((r) => r.Deleted!),
  };
}

async function usersOf(client: EngineClient, ref: string): Promise<string[]> {
  const id = (await dialJson<{ Id: string }>(client, { path: `${imagePath(ref)}/json` })).Id;
  const containers = await listContainerUse(client);
  return containers.filter((c) => c.imageId === id).map((c) => c.name);
}

/** An image as the Image page shows it: its inspect document, its history and the ports it declares. */
export async function describeImage(client: EngineClient, ref: string): Promise<ImageInspectResult> {
  const [d, history] = await Promise.all([inspectImage(client, ref), imageHistory(client, ref)]);
  const { id, tags, size, created, architecture, os, raw } = d;
  return { id, tags, size, created, architecture, os, raw, history, exposedPorts: d.config.exposedPorts };
}
