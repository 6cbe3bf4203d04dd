// A contract client over a real WebSocket, for integration tests and benchmarks (Node side). It
// speaks the wire as the page does (shared/contract/wire.ts): JSON text, and binary messages for
// bytes both ways.
import WebSocket from 'ws';
import {
  decodeServerBinary,
  encodeClientFrame,
  TRANSFER_CHUNK_BYTES,
  UPLOAD_WINDOW_CHUNKS,
  type ClientFrame,
  type DownloadItem,
  type ServerFrame,
  type UploadItem,
} from '../../shared/contract';
import { PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './security';

export interface TestConnection {
  ws: WebSocket;
  frames: ServerFrame[];
  request<T = unknown>(method: string, args?: unknown): Promise<T>;
  /** Sends a request and returns its id with the answer, so the test can cancel it. */
  call<T = unknown>(method: string, args?: unknown): { id: number; result: Promise<T> };
  cancel(id: number): void;
  /** Subscribes and collects items; acks each batch unless `ack` is false. */
  subscribe(topic: string, args: unknown, opts?: { ack?: boolean; onItems?: (items: unknown[]) => void }): TestStream;
  /** Runs a download stream to its end: the file's name, size and bytes. */
  download(topic: string, args: unknown): Promise<{ name: string; size?: number; bytes: Buffer }>;
  /** Uploads `bytes` through an upload stream, keeping to the window; resolves with the result. */
  upload<R = unknown>(topic: string, args: Record<string, unknown>, bytes: Buffer): Promise<R>;
  sendRaw(data: string | Buffer): void;
  close(): Promise<void>;
}

export interface TestStream {
  id: number;
  items: unknown[];
  batches: number;
  ended: Promise<ServerFrame & { t: 'end' }>;
  input(data: unknown): void;
  close(): void;
}

/** The protocols a page offers on its handshake: the contract's, and the token next to it. */
export function pageProtocols(token: string): string[] {
  return [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}

export async function connectTestClient(
  base: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<TestConnection> {
  const u = new URL(base);
  const ws = new WebSocket(`ws://${u.host}/api`, pageProtocols(token), {
    headers: { Origin: `http://${u.host}`, ...headers },
    maxPayload: 256 * 1024 * 1024,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  let nextId = 1_000_000_000; // far from the small ids fuzz tests send by hand
  const frames: ServerFrame[] = [];
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const streams = new Map<
    number,
    { s: TestStream; ack: boolean; onItems?: (items: unknown[]) => void; end(f: ServerFrame & { t: 'end' }): void }
  >();
  const send = (f: ClientFrame) => ws.send(encodeClientFrame(f));
  ws.on('message', (data: Buffer, isBinary) => {
    let f: ServerFrame;
    if (isBinary) {
      const decoded = decodeServerBinary(data);
      f = typeof decoded === 'string' ? { t: 'error', error: { kind: 'internal', message: decoded } } : decoded;
    } else f = JSON.parse(String(data)) as ServerFrame;
    frames.push(f);
    if (f.t === 'res') {
      const p = pending.get(f.id);
      pending.delete(f.id);
      if (f.ok) p?.resolve(f.result);
      else p?.reject(Object.assign(new Error(f.error.message), f.error));
    } else if (f.t === 'data') {
      const st = streams.get(f.id);
      if (!st) return;
      st.s.items.push(...f.items);
      st.s.batches++;
      st.onItems?.(f.items);
      if (st.ack) send({ t: 'ack', id: f.id, seq: f.seq });
    } else if (f.t === 'end') {
      streams.get(f.id)?.end(f);
      streams.delete(f.id);
    }
  });
  const failure = (f: ServerFrame & { t: 'end' }) => Object.assign(new Error(f.error!.message), f.error);
  const subscribe: TestConnection['subscribe'] = (topic, args, opts = {}) => {
    const id = nextId++;
    let end!: (f: ServerFrame & { t: 'end' }) => void;
    const ended = new Promise<ServerFrame & { t: 'end' }>((r) => (end = r));
    const s: TestStream = {
      id,
      items: [],
      batches: 0,
      ended,
      input: (data) => send({ t: 'in', id, data }),
      close: () => {
        streams.delete(id);
        send({ t: 'unsub', id });
      },
    };
    streams.set(id, { s, ack: opts.ack ?? true, ...(opts.onItems ? { onItems: opts.onItems } : {}), end });
    send({ t: 'sub', id, topic, args });
    return s;
  };
  const download: TestConnection['download'] = async (topic, args) => {
    const s = subscribe(topic, args);
    const f = await s.ended;
    if (f.error) throw failure(f);
    const items = s.items as DownloadItem[];
    const head = items[0] as Extract<DownloadItem, { type: 'file' }>;
    const bytes = Buffer.concat(items.flatMap((i) => (i.type === 'bytes' ? [i.data] : [])));
    return { name: head.name, ...(head.size !== undefined ? { size: head.size } : {}), bytes };
  };
  const upload: TestConnection['upload'] = <R>(topic: string, args: Record<string, unknown>, bytes: Buffer) =>
    new Promise<R>((resolve, reject) => {
      let sent = 0;
      let received = 0;
      let started = false;
      const pump = () => {
        while (sent < bytes.length && sent - received < UPLOAD_WINDOW_CHUNKS * TRANSFER_CHUNK_BYTES) {
          const chunk = bytes.subarray(sent, sent + TRANSFER_CHUNK_BYTES);
          s.input({ type: 'bytes', data: chunk });
          sent += chunk.length;
        }
        if (sent === bytes.length && started) {
          s.input({ type: 'end' });
          started = false;
        }
      };
      const s = subscribe(
        topic,
        { ...args, size: bytes.length },
        {
          onItems: (items) => {
            for (const item of items as UploadItem<R>[]) {
              if (item.type === 'ready') started = true;
              else if (item.type === 'received') received = item.bytes;
              else resolve(item.result);
            }
            if (started) pump();
          },
        },
      );
      void s.ended.then((f) => f.error && reject(failure(f)));
    });
  const call = <T>(method: string, args: unknown = {}) => {
    const id = nextId++;
    const result = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      send({ t: 'req', id, method, args });
    });
    return { id, result };
  };
  return {
    ws,
    frames,
    request: <T>(method: string, args: unknown = {}) => call<T>(method, args).result,
    call,
    cancel: (id) => send({ t: 'cancel', id }),
    subscribe,
    download,
    upload,
    sendRaw: (data) => ws.send(data),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
