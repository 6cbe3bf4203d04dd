// The contract over Electron IPC: one Session per renderer (webContents), frames carried unchanged
// on IPC_CHANNEL both ways; bytes travel as Uint8Array (structured clone), never encoded. Only the
// main frame of a Berth window showing Berth's own renderer is heard; a navigation, crash or
// destroyed window closes its session (cancelling its streams).
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CHANNEL, isBytesItem, type BytesItem, type ServerFrame } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { Session, toErrorInfo } from '../api/session';
import type { RequestHandlers, SubscriptionHandlers } from '../api/types';
import { isRendererUrl, type RendererLocation } from './routes';

export interface IpcTransportDeps {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  /** The backend, or its promise while it starts (frames wait for it, in order). */
  backend: TransportBackend | Promise<TransportBackend>;
  /** Whether these webContents belong to one of Berth's own windows. */
  isBerthWindow(contents: WebContents): boolean;
  where: RendererLocation;
  /** Told about refused senders, for the log. */
  onRefused?(reason: string): void;
}

export interface TransportBackend {
  api: ApiContext;
  handlers: RequestHandlers;
  streams: SubscriptionHandlers;
}

export interface IpcTransport {
  /** Open sessions (one per renderer that has sent a frame). */
  readonly sessions: number;
  close(): void;
}

/** Why a frame's sender is not trusted, or undefined when it is. */
export function senderRefusal(
  event: IpcMainEvent,
  deps: Pick<IpcTransportDeps, 'isBerthWindow' | 'where'>,
): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (!deps.isBerthWindow(event.sender)) return 'the sender is not a Berth window';
  // Electron hands out one WebFrameMain object per frame; a frame without a parent is the main frame.
  if (frame !== event.sender.mainFrame && frame.parent !== null) return 'the sender is not the main frame';
  if (!isRendererUrl(frame.url, deps.where)) return `the sender shows a foreign page (${frame.url})`;
  return undefined;
}

export function attachIpcTransport(deps: IpcTransportDeps): IpcTransport {
  const sessions = new Map<WebContents, Session>();
  /** Counts each renderer's documents: a frame from an earlier document is not delivered to a later one. */
  const documents = new WeakMap<WebContents, number>();

  const closeSession = (contents: WebContents) => {
    documents.set(contents, (documents.get(contents) ?? 0) + 1);
    sessions.get(contents)?.close();
    sessions.delete(contents);
  };

  const watch = (contents: WebContents): number => {
    const current = documents.get(contents);
    if (current !== undefined) return current;
    documents.set(contents, 0);
    contents.once('destroyed', () => closeSession(contents));
    // A new document (reload or navigation; not a hash change) starts a new conversation.
    contents.on('did-navigate', () => closeSession(contents));
    contents.on('render-process-gone', () => closeSession(contents));
    return 0;
  };

  const send = (contents: WebContents, frame: ServerFrame) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, compactBytes(frame));
  };
  let closed = false;
  const ready = Promise.resolve(deps.backend);

  const sessionFor = (contents: WebContents, backend: TransportBackend): Session => {
    let session = sessions.get(contents);
    if (session) return session;
    session = new Session(backend.api, backend.handlers, backend.streams, (frame) => send(contents, frame));
    sessions.set(contents, session);
    return session;
  };

  const onFrame = (event: IpcMainEvent, frame: unknown) => {
    const refusal = senderRefusal(event, deps);
    if (refusal) {
      deps.onRefused?.(`A message to Berth was ignored because ${refusal}.`);
      return;
    }
    const contents = event.sender;
    const document = watch(contents);
    // `then` callbacks run in the order they were added, so frames keep their order while the backend starts.
    ready.then(
      (backend) => {
        if (closed || contents.isDestroyed() || documents.get(contents) !== document) return;
        sessionFor(contents, backend).receive(frame);
      },
      (err: unknown) => {
        if (documents.get(contents) === document)
          send(contents, unavailable(frame, toErrorInfo(err, 'Starting Berth')));
      },
    );
  };

  deps.ipcMain.on(IPC_CHANNEL, onFrame);
  return {
    get sessions() {
      return sessions.size;
    },
    close() {
      closed = true;
      deps.ipcMain.removeListener(IPC_CHANNEL, onFrame);
      for (const contents of [...sessions.keys()]) closeSession(contents);
    },
  };
}

/**
 * A batch of bytes as IPC should carry it. Structured clone copies a view's whole underlying
 * buffer (a socket's 64 KB read for a one-byte echo), so a view becomes an exact copy first.
 */
export function compactBytes(frame: ServerFrame): ServerFrame {
  if (frame.t !== 'data' || !frame.items.some(isBytesItem)) return frame;
  const items = (frame.items as BytesItem[]).map((item) =>
    item.data.byteOffset === 0 && item.data.byteLength === item.data.buffer.byteLength
      ? item
      : { ...item, data: new Uint8Array(item.data) },
  );
  return { ...frame, items };
}

/** The answer to a frame when the backend could not start: the caller learns why, in a sentence. */
function unavailable(frame: unknown, cause: ErrorInfo): ServerFrame {
  const error: ErrorInfo = {
    kind: 'unavailable',
    message: `Berth could not start its backend: ${cause.message}`,
    ...(cause.detail ? { detail: cause.detail } : {}),
  };
  const f = frame as { t?: unknown; id?: unknown };
  if (typeof f?.id === 'number' && f.t === 'req') return { t: 'res', id: f.id, ok: false, error };
  if (typeof f?.id === 'number' && f.t === 'sub') return { t: 'end', id: f.id, error };
  return { t: 'error', error };
}
