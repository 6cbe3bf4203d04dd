// The wire: frames carried unchanged by both transports (Electron IPC and WebSocket).
import { z } from 'zod';
import type { ErrorInfo } from '../errors';

/**
 * Frames larger than this are refused. File contents never travel in one frame: downloads and
 * uploads are streams of chunks (TRANSFER_CHUNK_BYTES each), so the largest legitimate frame is a
 * request with a big form (labels, env) — well under a megabyte by the size rules in rules.ts.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** A batch is flushed after this long or when it reaches BATCH_BYTES. */
export const BATCH_MS = 16;
export const BATCH_BYTES = 64 * 1024;
/** Unacknowledged batches a stream may have in flight before the server pauses it. */
export const WINDOW_BATCHES = 8;

/** Bytes of file content per chunk of a download or an upload (before base64). */
export const TRANSFER_CHUNK_BYTES = 48 * 1024;
/** Upload chunks a client may send before the server has said it received them. */
export const UPLOAD_WINDOW_CHUNKS = 8;

/** The WebSocket subprotocol of this contract (`berth serve`); the server selects it. */
export const WS_PROTOCOL = 'berth.v1';
/**
 * A browser page presents its token on the WebSocket handshake as the protocol
 * `berth.token.<token>`, offered next to WS_PROTOCOL: never as a cookie, which every port of the
 * host would receive.
 */
export const WS_TOKEN_PROTOCOL_PREFIX = 'berth.token.';

const id = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const clientFrame = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('req'), id, method: z.string().max(64), args: z.unknown() }),
  /** Gives up a request: its handler's signal fires and its engine calls are aborted. */
  z.strictObject({ t: z.literal('cancel'), id }),
  z.strictObject({ t: z.literal('sub'), id, topic: z.string().max(64), args: z.unknown() }),
  z.strictObject({ t: z.literal('unsub'), id }),
  z.strictObject({ t: z.literal('ack'), id, seq: id }),
  z.strictObject({ t: z.literal('in'), id, data: z.unknown() }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

export type ServerFrame =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: ErrorInfo }
  | { t: 'data'; id: number; seq: number; items: unknown[] }
  | { t: 'end'; id: number; error?: ErrorInfo }
  /** A frame the server could not attribute to a call (malformed JSON, unknown type). */
  | { t: 'error'; error: ErrorInfo };
