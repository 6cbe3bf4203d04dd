// The wire: frames carried unchanged by both transports (Electron IPC and WebSocket).
//
// A conversation is frames both ways. The client sends `req` (a request), `cancel`, `sub` (open a
// stream), `unsub`, `ack` (it has taken a stream's batch `seq`) and `in` (input to a stream: a
// terminal's keystrokes, an upload's content). The server answers `res`, streams `data` batches
// (numbered by `seq`, at most WINDOW_BATCHES unacknowledged) and `end`, and says `error` about a
// frame it could not attribute to a call or an input it did not take. Input sent before a stream's
// source is ready waits for it on the server (bounded: api/limits.ts).
//
// Bytes travel as bytes. A stream item or an input that carries bytes is a BytesItem
// (`{ type: 'bytes', data: Uint8Array }`): Electron IPC carries it as it is (structured clone), and
// the WebSocket carries a frame made only of bytes as one binary message (below); every other frame
// is one JSON text message. A `data` batch holds either bytes items only or none at all (the server
// never mixes them), so every batch has exactly one of the two forms.
//
// Binary WebSocket message (all numbers big-endian):
//
//   offset  size  field
//   0       1     kind: 1 = a `data` batch (server → client), 2 = an `in` (client → server)
//   1       3     zero
//   4       8     id: the stream's id, a float64 holding a whole number 0 … 2^53 − 1
//   12      8     seq: the batch's number (`data`); 0 for `in`
//   20      …     segments, back to back, each: 1 byte channel, 3 zero bytes, a uint32 length, then
//                 that many bytes (the engine's own multiplexing header). Channel 1 is the stream's
//                 bytes (a terminal's output, a file, a log's stdout), 2 a log's stderr, 0 input.
//
// A `data` message has one or more segments (each becomes one item, in order); an `in` message has
// exactly one, on channel 0. Anything else (short, unknown kind, non-zero padding, a length past
// the end, an id that is not a whole number) is refused with an `error` frame, like malformed JSON.
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

/** Bytes of file content per chunk of a download or an upload. */
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

/**
 * Bytes inside a stream: a terminal's output or keystrokes, a download's or an upload's content, a
 * container's log output. `stderr` marks a log's standard error; every other byte stream is one.
 */
export interface BytesItem {
  type: 'bytes';
  data: Uint8Array;
  stderr?: true;
}

export function isBytesItem(v: unknown): v is BytesItem {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { type?: unknown }).type === 'bytes' &&
    (v as { data?: unknown }).data instanceof Uint8Array
  );
}

/** The schema of a BytesItem received as input, at most `max` bytes. */
export function bytesInput(max: number, what: string) {
  return z.strictObject({
    type: z.literal('bytes'),
    data: z
      .custom<Uint8Array>((b) => b instanceof Uint8Array, `${what} is bytes.`)
      .refine((b) => b.length <= max, `${what} is at most ${max / 1024} KB at a time.`),
  });
}

const id = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const clientFrame = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('req'), id, method: z.string().max(64), args: z.unknown() }),
  /** Gives up a request: its handler's signal fires and its engine calls are aborted. */
  z.strictObject({ t: z.literal('cancel'), id }),
  z.strictObject({ t: z.literal('sub'), id, topic: z.string().max(64), args: z.unknown() }),
  z.strictObject({ t: z.literal('unsub'), id }),
  z.strictObject({ t: z.literal('ack'), id, seq: id }),
  /** Input to a stream, checked against its topic's input schema (a BytesItem for bytes). */
  z.strictObject({ t: z.literal('in'), id, data: z.unknown() }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

export type ServerFrame =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: ErrorInfo }
  /** A batch of items: all BytesItems, or none (see above). */
  | { t: 'data'; id: number; seq: number; items: unknown[] }
  | { t: 'end'; id: number; error?: ErrorInfo }
  /**
   * A frame the server could not attribute to a call (malformed JSON, unknown type); with `id`, an
   * input to that stream that was not taken (invalid, too much waiting). The stream goes on.
   */
  | { t: 'error'; id?: number; error: ErrorInfo };
