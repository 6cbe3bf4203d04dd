// Downloads and uploads through the contract's transfer streams, as bytes: a download collects its
// chunks into a Blob (the browser keeps big ones out of the page's heap); an upload reads a File
// slice by slice and keeps at most UPLOAD_WINDOW_CHUNKS chunks in flight, so neither side holds a
// whole file in one message.
import {
  TRANSFER_CHUNK_BYTES,
  UPLOAD_WINDOW_CHUNKS,
  type DownloadItem,
  type SubscriptionArgs,
  type SubscriptionData,
  type UploadItem,
} from '../../../shared/contract';
import { CallError, type BerthClient } from './client';

export type DownloadTopic =
  'containers.download' | 'volumes.download' | 'volumes.export' | 'images.export' | 'troubleshoot.bundle';
export type UploadTopic = 'containers.upload' | 'images.import' | 'volumes.import' | 'volumes.upload';

export interface TransferOptions {
  /** Bytes so far, and the total when known. */
  onProgress?(bytes: number, total?: number): void;
  /** Aborting stops the transfer (the server stops its engine stream). */
  signal?: AbortSignal;
}

const dropped = () =>
  new CallError({
    kind: 'unavailable',
    message: 'The connection to Berth dropped during the transfer. Try it again.',
  });
const stopped = () => new CallError({ kind: 'internal', message: 'The transfer was cancelled.', detail: 'cancelled' });

/** Parts are folded into the Blob every this many bytes, so the page never holds them all as arrays. */
const FOLD_BYTES = 16 * 1024 * 1024;

/** Runs a download stream to its end; resolves with the file's name and bytes. */
export function download<T extends DownloadTopic>(
  client: BerthClient,
  topic: T,
  args: SubscriptionArgs<T>,
  opts: TransferOptions = {},
): Promise<{ name: string; blob: Blob }> {
  return new Promise((resolve, reject) => {
    let name = 'download';
    let total: number | undefined;
    let blob = new Blob([]);
    let parts: Uint8Array[] = [];
    let pending = 0;
    let bytes = 0;
    const fold = () => {
      blob = new Blob([blob, ...(parts as BlobPart[])]);
      parts = [];
      pending = 0;
    };
    const handle = client.subscribe(topic, args, {
      onData: (items) => {
        for (const item of items as DownloadItem[]) {
          if (item.type === 'file') {
            name = item.name;
            total = item.size;
            continue;
          }
          const chunk = item.data;
          parts.push(chunk);
          pending += chunk.length;
          bytes += chunk.length;
        }
        if (pending >= FOLD_BYTES) fold();
        opts.onProgress?.(bytes, total);
      },
      onEnd: (error) => {
        if (error) return reject(new CallError(error));
        fold();
        resolve({ name, blob });
      },
      onRestart: () => {
        handle.close();
        reject(dropped());
      },
    });
    opts.signal?.addEventListener(
      'abort',
      () => {
        handle.close();
        reject(stopped());
      },
      { once: true },
    );
  });
}

type UploadArgs<T extends UploadTopic> = Omit<SubscriptionArgs<T>, 'size'>;
type UploadResult<T extends UploadTopic> = SubscriptionData<T> extends UploadItem<infer R> ? R : never;

/** Uploads `file` through an upload stream; resolves with the server's result. */
export function upload<T extends UploadTopic>(
  client: BerthClient,
  topic: T,
  args: UploadArgs<T>,
  file: Blob,
  opts: TransferOptions = {},
): Promise<UploadResult<T>> {
  return new Promise((resolve, reject) => {
    let received = 0;
    let wake: (() => void) | undefined;
    let over = false;
    const finish = (fn: () => void) => {
      over = true;
      wake?.();
      fn();
    };
    const handle = client.subscribe(topic, { ...args, size: file.size } as SubscriptionArgs<T>, {
      onData: (items) => {
        for (const item of items as UploadItem<UploadResult<T>>[]) {
          if (item.type === 'ready') void send();
          else if (item.type === 'received') {
            received = item.bytes;
            opts.onProgress?.(received, file.size);
            wake?.();
          } else finish(() => resolve(item.result));
        }
      },
      onEnd: (error) => finish(() => reject(error ? new CallError(error) : dropped())),
      onRestart: () => {
        handle.close();
        finish(() => reject(dropped()));
      },
    });
    opts.signal?.addEventListener(
      'abort',
      () => {
        handle.close();
        finish(() => reject(stopped()));
      },
      { once: true },
    );
    const input = handle.input as (msg: unknown) => void;
    async function send(): Promise<void> {
      let offset = 0;
      while (offset < file.size && !over) {
        // Keep at most UPLOAD_WINDOW_CHUNKS chunks sent that the server has not yet taken.
        while (offset - received >= UPLOAD_WINDOW_CHUNKS * TRANSFER_CHUNK_BYTES && !over)
          await new Promise<void>((r) => (wake = r));
        if (over) return;
        const slice = new Uint8Array(await file.slice(offset, offset + TRANSFER_CHUNK_BYTES).arrayBuffer());
        if (over) return;
        input({ type: 'bytes', data: slice });
        offset += slice.length;
      }
      if (!over) input({ type: 'end' });
    }
  });
}
