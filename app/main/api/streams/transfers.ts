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
import { importVolumeArchive, openVolumeExport, uploadToVolume } from '../../../engine/docker/volume-moves';
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
  | 'containers.download'
  | 'containers.upload'
  | 'volumes.download'
  | 'volumes.export'
  | 'volumes.import'
  | 'volumes.upload'
  | 'images.export'
  | 'images.import'
> = {
  'containers.download': async ({ id, path }, { engine, signal }) => ({
    items: downloadItems(await openContainerDownload(await engine.client(), id, path, signal)),
  }),
  'volumes.download': async ({ name, path }, { engine, signal }) => ({
    items: downloadItems(await openVolumeDownload(await engine.client(), name, path, signal)),
  }),
  'volumes.export': async ({ name }, { engine, signal }) => ({
    items: downloadItems(await openVolumeExport(await engine.client(), name, signal)),
  }),
  'volumes.import': async ({ name, size }, { engine, signal }) => {
    const client = await engine.client();
    const inbox = new UploadInbox<{ name: string; created: boolean }>(size, signal);
    const work = importVolumeArchive(client, name, inbox.body, signal);
    return { items: inbox.outcome(work), input: (msg) => inbox.input(msg) };
  },
  'volumes.upload': async ({ name, dir, size }, { engine, signal }) => {
    const client = await engine.client();
    const inbox = new UploadInbox<{ dir: string; bytes: number }>(size, signal);
    const work = uploadToVolume(client, name, dir, { body: inbox.body, size }, signal);
    return { items: inbox.outcome(work), input: (msg) => inbox.input(msg) };
  },
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
