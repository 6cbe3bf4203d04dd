// Transfer streams: downloads as chunks of a byte source, uploads through an UploadInbox. Each is
// one contract entry onto one facade function.
import type { EngineClient } from '../../../engine/docker/client';
import { loadImageStream } from '../../../engine/docker/image-archive';
import {
  openContainerDownload,
  openImageExport,
  openVolumeDownload,
  uploadStreamToContainer,
  type ByteSource,
} from '../../../engine/docker/transfers';
import { TRANSFER_CHUNK_BYTES, type DownloadItem } from '../../../shared/contract';
import type { SubscriptionHandlers } from '../types';
import { UploadInbox } from './upload-inbox';

async function* downloadItems(source: ByteSource): AsyncGenerator<DownloadItem> {
  yield { type: 'file', name: source.name, ...(source.size !== undefined ? { size: source.size } : {}) };
  for await (const bytes of source.bytes)
    for (let i = 0; i < bytes.length; i += TRANSFER_CHUNK_BYTES)
      yield { type: 'bytes', data: bytes.subarray(i, i + TRANSFER_CHUNK_BYTES) };
}

async function loadedImages(client: EngineClient, inbox: UploadInbox<{ images: string[] }>, signal: AbortSignal) {
  let images: string[] = [];
  for await (const p of loadImageStream(client, inbox.body, 'load the uploaded images', { signal }))
    if (p.kind === 'done') images = p.images;
  return { images };
}

export const transferStreams: Pick<
  SubscriptionHandlers,
  'containers.download' | 'containers.upload' | 'volumes.download' | 'images.export' | 'images.import'
> = {
  'containers.download': async ({ id, path }, { engine, signal }) => ({
    items: downloadItems(await openContainerDownload(await engine.client(), id, path, signal)),
  }),
  'volumes.download': async ({ name, path }, { engine, signal }) => ({
    items: downloadItems(await openVolumeDownload(await engine.client(), name, path, signal)),
  }),
  'images.export': async ({ refs }, { engine, signal }) => ({
    items: downloadItems(await openImageExport(await engine.client(), refs, signal)),
  }),
  'containers.upload': async ({ id, dir, name, size }, { engine, signal }) => {
    const client = await engine.client();
    const inbox = new UploadInbox<{ path: string; size: number }>(size, signal);
    const work = uploadStreamToContainer(client, id, dir, { name, size }, inbox.body, signal);
    return { items: inbox.outcome(work), input: (msg) => inbox.input(msg) };
  },
  'images.import': async ({ size }, { engine, signal }) => {
    const client = await engine.client();
    const inbox = new UploadInbox<{ images: string[] }>(size, signal);
    return { items: inbox.outcome(loadedImages(client, inbox, signal)), input: (msg) => inbox.input(msg) };
  },
};
