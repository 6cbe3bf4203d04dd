// Frames as WebSocket messages: a batch of bytes (or an input of bytes) as one binary message with a
// small header, everything else as JSON text. frames.ts describes the binary layout; this file is
// its only reader and writer, on both ends (the page and `berth serve`). Decoding never throws: a
// message it cannot read comes back as a sentence saying why.
import { isBytesItem, type BytesItem, type ClientFrame, type ServerFrame } from './frames';

export const BINARY_HEADER_BYTES = 20;
const SEGMENT_HEADER_BYTES = 8;
const KIND_DATA = 1;
const KIND_INPUT = 2;
const CHANNEL_INPUT = 0;
const CHANNEL_OUT = 1;
const CHANNEL_ERR = 2;

function writeHeader(view: DataView, kind: number, id: number, seq: number): void {
  view.setUint8(0, kind);
  view.setFloat64(4, id);
  view.setFloat64(12, seq);
}

function writeSegment(out: Uint8Array, view: DataView, at: number, channel: number, data: Uint8Array): number {
  view.setUint8(at, channel);
  view.setUint32(at + 4, data.length);
  out.set(data, at + SEGMENT_HEADER_BYTES);
  return at + SEGMENT_HEADER_BYTES + data.length;
}

/** A server frame as one message: binary for a batch of bytes, JSON text for anything else. */
export function encodeServerFrame(f: ServerFrame): string | Uint8Array {
  if (f.t !== 'data' || !f.items.length || !isBytesItem(f.items[0])) return JSON.stringify(f);
  let size = BINARY_HEADER_BYTES;
  for (const item of f.items) {
    if (!isBytesItem(item)) throw new Error('A batch mixes bytes with other items.');
    size += SEGMENT_HEADER_BYTES + item.data.length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  writeHeader(view, KIND_DATA, f.id, f.seq);
  let at = BINARY_HEADER_BYTES;
  for (const item of f.items as BytesItem[])
    at = writeSegment(out, view, at, item.stderr ? CHANNEL_ERR : CHANNEL_OUT, item.data);
  return out;
}

/** A client frame as one message: binary for input of bytes, JSON text for anything else. */
export function encodeClientFrame(f: ClientFrame): string | Uint8Array {
  if (f.t !== 'in' || !isBytesItem(f.data)) return JSON.stringify(f);
  const data = f.data.data;
  const out = new Uint8Array(BINARY_HEADER_BYTES + SEGMENT_HEADER_BYTES + data.length);
  const view = new DataView(out.buffer);
  writeHeader(view, KIND_INPUT, f.id, 0);
  writeSegment(out, view, BINARY_HEADER_BYTES, CHANNEL_INPUT, data);
  return out;
}

interface Binary {
  kind: number;
  id: number;
  seq: number;
  segments: { channel: number; data: Uint8Array }[];
}

const isWhole = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Reads the header and segments of a binary message, or says what is wrong with it. */
function readBinary(buf: Uint8Array): Binary | string {
  if (buf.length < BINARY_HEADER_BYTES + SEGMENT_HEADER_BYTES)
    return `it is ${buf.length} bytes, shorter than a header and one segment`;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const kind = view.getUint8(0);
  if (kind !== KIND_DATA && kind !== KIND_INPUT) return `its kind ${kind} is not 1 (data) or 2 (input)`;
  if (view.getUint8(1) || view.getUint16(2)) return 'its header padding is not zero';
  const id = view.getFloat64(4);
  const seq = view.getFloat64(12);
  if (!isWhole(id)) return 'its stream id is not a whole number';
  if (!isWhole(seq)) return 'its sequence number is not a whole number';
  const segments: Binary['segments'] = [];
  for (let at = BINARY_HEADER_BYTES; at < buf.length;) {
    if (buf.length - at < SEGMENT_HEADER_BYTES) return `a segment header at byte ${at} is cut off`;
    const channel = view.getUint8(at);
    if (view.getUint8(at + 1) || view.getUint16(at + 2)) return `the segment at byte ${at} has non-zero padding`;
    const length = view.getUint32(at + 4);
    const start = at + SEGMENT_HEADER_BYTES;
    if (length > buf.length - start) return `the segment at byte ${at} claims ${length} bytes past the end`;
    segments.push({ channel, data: buf.subarray(start, start + length) });
    at = start + length;
  }
  return { kind, id, seq, segments };
}

/** A binary message from a client (an input of bytes), or a sentence saying why it is refused. */
export function decodeClientBinary(buf: Uint8Array): ClientFrame | string {
  const b = readBinary(buf);
  if (typeof b === 'string') return `The binary message was not understood: ${b}.`;
  if (b.kind !== KIND_INPUT) return 'The binary message was not understood: a page sends only input (kind 2).';
  if (b.seq !== 0) return 'The binary message was not understood: an input has sequence number 0.';
  if (b.segments.length !== 1 || b.segments[0]!.channel !== CHANNEL_INPUT)
    return 'The binary message was not understood: an input is one segment on channel 0.';
  return { t: 'in', id: b.id, data: { type: 'bytes', data: b.segments[0]!.data } };
}

/** A binary message from the server (a batch of bytes), or a sentence saying why it is refused. */
export function decodeServerBinary(buf: Uint8Array): ServerFrame | string {
  const b = readBinary(buf);
  if (typeof b === 'string') return `The binary message was not understood: ${b}.`;
  if (b.kind !== KIND_DATA) return 'The binary message was not understood: a server sends only data (kind 1).';
  const items: BytesItem[] = [];
  for (const s of b.segments) {
    if (s.channel === CHANNEL_OUT) items.push({ type: 'bytes', data: s.data });
    else if (s.channel === CHANNEL_ERR) items.push({ type: 'bytes', data: s.data, stderr: true });
    else return `The binary message was not understood: channel ${s.channel} is not 1 or 2.`;
  }
  return { t: 'data', id: b.id, seq: b.seq, items };
}
