// Transfers through the page: downloads and uploads as flow-controlled streams of chunks, so a
// file of any size travels without one giant reply and a reader that stops stops the engine too.
// Content travels as bytes (BytesItem; frames.ts says how each transport carries them); a
// download's first item says what it is, an upload's items say what the server has taken.
import { z } from 'zod';
import { absolutePath, containerRef, imageTarget, objectName, volumeName } from '../../rules';
import { subscription } from '../define';
import { bytesInput, TRANSFER_CHUNK_BYTES, type BytesItem } from '../frames';

/** The largest upload: one file into a container, an archive imported into a volume, files into a volume. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

/** A download: first `file` (its name, and its size when known), then its bytes in order. */
export type DownloadItem = { type: 'file'; name: string; size?: number } | BytesItem;

/**
 * An upload, from the server: `ready` once it takes bytes, `received` (bytes so far) for each chunk
 * it has passed on, then `done` with the result. The client keeps at most UPLOAD_WINDOW_CHUNKS
 * chunks sent but not yet received.
 */
export type UploadItem<R> = { type: 'ready' } | { type: 'received'; bytes: number } | { type: 'done'; result: R };

/** An upload, from the client: its bytes in order (at most TRANSFER_CHUNK_BYTES at a time), then `end`. */
export const uploadInput = z.discriminatedUnion('type', [
  bytesInput(TRANSFER_CHUNK_BYTES, 'An upload chunk'),
  z.strictObject({ type: z.literal('end') }),
]);
export type UploadInput = z.infer<typeof uploadInput>;

const size = (max: number, what: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(max, `${what} can be at most ${max / 1024 / 1024 / 1024} GB.`);

export const transferSubscriptions = {
  /** A container's file (its bytes) or folder (a tar). */
  'containers.download': subscription<DownloadItem>()(z.strictObject({ id: containerRef, path: absolutePath })),
  /** A file from the page into a folder of a container. */
  'containers.upload': subscription<UploadItem<{ path: string; size: number }>>()(
    z.strictObject({
      id: containerRef,
      dir: absolutePath,
      name: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\0]+$/, 'A file name has no "/".'),
      size: size(MAX_UPLOAD_BYTES, 'An uploaded file'),
    }),
    uploadInput,
  ),
  /** A volume's file (its bytes) or folder (a tar). */
  'volumes.download': subscription<DownloadItem>()(z.strictObject({ name: objectName, path: absolutePath })),
  /** A volume's files as one .tar.gz. */
  'volumes.export': subscription<DownloadItem>()(z.strictObject({ name: objectName })),
  /** A tar(.gz) from the page into a new volume, or an empty one; `created` says which. */
  'volumes.import': subscription<UploadItem<{ name: string; created: boolean }>>()(
    z.strictObject({ name: volumeName, size: size(MAX_UPLOAD_BYTES, 'An imported archive') }),
    uploadInput,
  ),
  /** A tar of files and folders from the page, unpacked into folder `dir` of the volume. */
  'volumes.upload': subscription<UploadItem<{ dir: string; bytes: number }>>()(
    z.strictObject({ name: objectName, dir: absolutePath, size: size(MAX_UPLOAD_BYTES, 'An upload') }),
    uploadInput,
  ),
  /** Images as one `docker save` tar, for the browser to save (the desktop app saves to a path instead). */
  'images.export': subscription<DownloadItem>()(z.strictObject({ refs: z.array(imageTarget).min(1).max(100) })),
  /** A `docker save` tar from the page, loaded into the engine; the result names the images loaded. */
  'images.import': subscription<UploadItem<{ images: string[] }>>()(
    z.strictObject({ size: size(Number.MAX_SAFE_INTEGER, 'An image archive') }),
    uploadInput,
  ),
};
