// Transfer streams: downloads as chunks of a byte source, uploads through an UploadInbox. Each is
// one contract entry onto one facade function.
import type { ByteSource } from '../../../engine/docker';
import { TRANSFER_CHUNK_BYTES, type DownloadItem } from '../../../shared/contract';
import type { SubscriptionHandlers } from '../types';
import { UploadInbox } from './upload-inbox';

/** A byte source as a download: its name (and size), then its bytes in transfer-sized chunks. */
export async function* downloadItems(source: ByteSource): AsyncGenerator<DownloadItem> {
  yield { type: 'file', name: source.name, ...(source.size !== undefined ? { size: source.size } : {}) };
  for await (const bytes of source.bytes)
    for (let i = 0; i < bytes.length; i += TRANSFER_CHUNK_BYTES)
      yield { type: 'bytes', data: bytes.subarray(i, i + TRANSFER_CHUNK_BYTES) };
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
    items: downloadItems(await (await engine.api()).downloadContainerPath(id, path, signal)),
  }),
  'volumes.download': async ({ name, path }, { engine, signal }) => ({
    items: downloadItems(await (await engine.api()).downloadVolumePath(name, path, signal)),
  }),
  'volumes.export': async ({ name }, { engine, signal }) => ({
    items: downloadItems(await (await engine.api()).exportVolume(name, signal)),
  }),
  'volumes.import': async ({ name, size }, { engine, signal }) => {
    const api = await engine.api();
    const inbox = new UploadInbox<{ name: string; created: boolean }>(size, signal);
    const work = api.importVolume(name, inbox.body, signal);
    return { items: inbox.outcome(work), input: (msg) => inbox.input(msg) };
  },
  'volumes.upload': async ({ name, dir, size }, { engine, signal }) => {
    const api = await engine.api();
    const inbox = new UploadInbox<{ dir: string; bytes: number }>(size, signal);
    const work = api.uploadToVolume(name, dir, { body: inbox.body, size }, signal);
    return { items: inbox.outcome(work), input: (msg) => inbox.input(msg) };
  },
  'images.export': async ({ refs }, { engine, signal }) => ({
    items: downloadItems(await (await engine.api()).exportImages(refs, signal)),
  }),
  'containers.upload': async ({ id, dir, name, size }, { engine, signal }) => {
    const api = await engine.api();
    const inbox = new UploadInbox<{ path: string; size: number }>(size, signal);
    const work = api.uploadToContainer(id, dir, { name, size }, inbox.body, signal);
    return { items: inbox.outcome(work), input: (msg) => inbox.input(msg) };
  },
  'images.import': async ({ size }, { engine, signal }) => {
    const api = await engine.api();
    const inbox = new UploadInbox<{ images: string[] }>(size, signal);
    return { items: inbox.outcome(api.importImages(inbox.body, signal)), input: (msg) => inbox.input(msg) };
  },
};
