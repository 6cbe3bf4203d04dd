// images.* requests: list, inspect with history, pull/push/build/save/load as tasks, tag, remove, prune.
import { z } from 'zod';
import { absolutePath, buildArgsProblem, imageRef, imageTarget, sized } from '../../rules';
import { request } from '../define';
import type { ImageSummary, TaskInfo } from '../dto';
import type { ImageFilesResult } from './image-files';

const none = z.strictObject({});

/** A build argument as typed in the form: KEY=value (the value may be empty). */
export const buildArg = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'A build argument is written NAME=value, the name in letters, digits and "_".');

/** The Dockerfile path, relative to the context folder. */
export const dockerfilePath = z
  .string()
  .min(1, 'Give the Dockerfile path inside the context, e.g. Dockerfile.')
  .max(4096)
  .refine(
    (p) => !p.startsWith('/') && !p.split('/').includes('..'),
    'The Dockerfile path is relative to the context folder and stays inside it.',
  );

export const buildSpec = z.strictObject({
  context: absolutePath,
  dockerfile: dockerfilePath.default('Dockerfile'),
  tag: imageRef.optional(),
  buildArgs: z.array(buildArg).superRefine(sized(buildArgsProblem)).default([]),
  noCache: z.boolean().default(false),
});
export type BuildSpec = z.input<typeof buildSpec>;

export const tarPath = absolutePath.refine((p) => !p.endsWith('/'), 'Give a file path, not a folder.');

export interface ImageLayerInfo {
  id: string;
  created: number;
  createdBy: string;
  size: number;
  tags: string[];
  comment: string;
}

export interface ImageInspectResult {
  id: string;
  tags: string[];
  size: number;
  created: string;
  architecture: string;
  os: string;
  raw: Record<string, unknown>;
  history: ImageLayerInfo[];
  /** Ports the image declares (EXPOSE), e.g. "80/tcp". */
  exposedPorts: string[];
}

/** One step of an image's history, oldest first, with the layer it made (if any). */
export interface ImageLayerStep {
  /** 1 for the oldest step. */
  step: number;
  /** The instruction as written (RUN, COPY, ENV, …), when it can be read from the command. */
  instruction: string;
  /** The command, without the builder's "/bin/sh -c #(nop)" wrapping. */
  command: string;
  /** Unix seconds; 0 when unknown. */
  created: number;
  /** Bytes this step's layer adds (0 for an empty step). */
  size: number;
  /** Bytes of this step's layer and every step below it. */
  cumulative: number;
  /** True when the step made no layer (metadata only: ENV, LABEL, CMD, …). */
  empty: boolean;
  /** The layer's diff id (sha256 of its uncompressed tar), for steps that made a layer. */
  diffId?: string;
  /** The image id of this step, when the engine still has it ("" for steps pulled or loaded). */
  id: string;
  tags: string[];
  comment: string;
}

export interface ImageLayersResult {
  id: string;
  /** The image's size: every layer's bytes. */
  size: number;
  /** Oldest first. */
  steps: ImageLayerStep[];
  /** How many layers the image has on disk (RootFS). */
  layerCount: number;
  /**
   * Whether history and layers could be matched one to one. When false, which zero-byte steps made
   * a layer is a guess and diff ids are not given.
   */
  matched: boolean;
}

export interface ImagePrunePreviewResult {
  /** `size`: the whole image, shared layers included; `frees`: what removing it frees (layers no image that stays shares). */
  images: { id: string; tags: string[]; size: number; frees: number }[];
  spaceReclaimed: number;
}

/** What images take on disk, counted as `docker system df` does. */
export interface ImagesUsageResult {
  /** Images as listed (no intermediate images of classic builds). */
  count: number;
  /** Intermediate images of classic builds (`docker images -a`). */
  intermediate: number;
  /** Bytes on disk, every layer once however many images share it. */
  size: number;
  /** Of those, bytes in layers that two or more images share. */
  shared: number;
}

export interface ImagePruneDone {
  deleted: string[];
  untagged: string[];
  spaceReclaimed: number;
}

const ref = imageTarget;

export const imageRequests = {
  'images.list': request<ImageSummary[]>()(none),
  'images.inspect': request<ImageInspectResult>()(z.strictObject({ ref })),
  /** Each step of the image's history with its layer: command, size, cumulative size, empty steps marked. */
  'images.layers': request<ImageLayersResult>()(z.strictObject({ ref })),
  /**
   * The files each layer adds, changes and removes, wasted space and the final file tree, read from the
   * image's saved archive as it streams (bounded; the request's cancel stops the engine's read).
   */
  'images.layerFiles': request<ImageFilesResult>()(z.strictObject({ ref })),
  /** Disk taken by images, shared layers counted once; the count as listed, and the intermediate images besides. */
  'images.usage': request<ImagesUsageResult>()(none),
  /** Starts a pull as a task; progress arrives on the tasks stream. */
  'images.pull': request<TaskInfo>()(z.strictObject({ ref: imageRef })),
  /** Starts a push as a task with per-layer progress. */
  'images.push': request<TaskInfo>()(z.strictObject({ ref: imageRef })),
  'images.tag': request<{ ref: string }>()(z.strictObject({ source: ref, target: imageRef })),
  'images.remove': request<{ untagged: string[]; deleted: string[] }>()(
    z.strictObject({ ref, force: z.boolean().default(false) }),
  ),
  /** Starts a build as a task; its log streams as task progress; a failure names the step. */
  'images.build': request<TaskInfo>()(buildSpec),
  /** What a prune would remove and the space it would free, without removing anything. */
  'images.prunePreview': request<ImagePrunePreviewResult>()(z.strictObject({ all: z.boolean().default(false) })),
  'images.prune': request<ImagePruneDone>()(z.strictObject({ all: z.boolean().default(false) })),
  /**
   * Saves images to a tar file on the server's disk, as a task. An existing file there is refused
   * (conflict on `path`) unless `overwrite`, which the UI sets after the user confirmed replacing it.
   */
  'images.save': request<TaskInfo>()(
    z.strictObject({ refs: z.array(ref).min(1).max(100), path: tarPath, overwrite: z.boolean().default(false) }),
  ),
  /** Loads images from a tar file on the server's disk, as a task. */
  'images.load': request<TaskInfo>()(z.strictObject({ path: tarPath })),
};
