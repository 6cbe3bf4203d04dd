// Transfers through the page: downloads and uploads as flow-controlled streams of chunks, so a
// file of any size travels without one giant reply and a reader that stops stops the engine too.
// Chunks are base64 in JSON for now (both transports carry them unchanged); a download's first
// item says what it is, an upload's items say what the server has taken.
import { z } from 'zod';
import { absolutePath, containerRef, imageTarget, objectName } from '../../rules';
import { subscription } from '../define';
import { TRANSFER_CHUNK_BYTES } from '../frames';

/** The largest file one upload puts into a container. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

/** A download: first `file` (its name, and its size when known), then its bytes in order. */
export type DownloadItem =
  | { type: 'file'; name: string; size?: number }
  /** At most TRANSFER_CHUNK_BYTES bytes, base64. */
  | { type: 'chunk'; data: string };

/**
 * An upload, from the server: `ready` once it takes bytes, `received` (bytes so far) for each chunk
 * it has passed on, then `done` with the result. The client keeps at most UPLOAD_WINDOW_CHUNKS
 * chunks sent but not yet received.
 */
export type UploadItem<R> = { type: 'ready' } | { type: 'received'; bytes: number } | { type: 'done'; result: R };

/** An upload, from the client: chunks in order, then `end`. */
export const uploadInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('chunk'),
    data: z
      .string()
      .max(Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A chunk is base64.'),
  }),
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
  /** Images as one `docker save` tar, for the browser to save (the desktop app saves to a path instead). */
  'images.export': subscription<DownloadItem>()(z.strictObject({ refs: z.array(imageTarget).min(1).max(100) })),
  /** A `docker save` tar from the page, loaded into the engine; the result names the images loaded. */
  'images.import': subscription<UploadItem<{ images: string[] }>>()(
    z.strictObject({ size: size(Number.MAX_SAFE_INTEGER, 'An image archive') }),
    uploadInput,
  ),
};
