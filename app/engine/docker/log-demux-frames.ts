// The bare frame splitter for multiplexed streams (exec output): bytes in, (stream, bytes) out,
// with headers and payloads split anywhere across chunks. No decoding, no lines.

export type FrameStream = 'stdin' | 'stdout' | 'stderr';

/**
 * The one reader of the engine's 8-byte frame header ([stream, 0, 0, 0, size uint32 BE]): the
 * payload's size, or -1 when the bytes are no header (the stream is not multiplexed, or corrupt).
 * The stream is byte 0: 0 stdin, 1 stdout, 2 stderr.
 */
export function frameSize(h: Uint8Array): number {
  if (h[0]! > 2 || h[1] || h[2] || h[3]) return -1;
  return ((h[4]! << 24) >>> 0) + (h[5]! << 16) + (h[6]! << 8) + h[7]!;
}

export class FrameSplitter {
  private readonly header = new Uint8Array(8);
  private headerFill = 0;
  private remaining = 0;
  private current: FrameStream = 'stdout';
  private raw = false;

  /** Calls `onBytes` for each payload piece in order. Unframed input is passed through as stdout. */
  push(chunk: Uint8Array, onBytes: (stream: FrameStream, bytes: Uint8Array) => void): void {
    if (this.raw) {
      if (chunk.length) onBytes('stdout', chunk);
      return;
    }
    let pos = 0;
    while (pos < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(8 - this.headerFill, chunk.length - pos);
        this.header.set(chunk.subarray(pos, pos + take), this.headerFill);
        this.headerFill += take;
        pos += take;
        if (this.headerFill < 8) return;
        this.headerFill = 0;
        const h = this.header;
        const size = frameSize(h);
        if (size < 0) {
          this.raw = true;
          onBytes('stdout', h.slice());
          if (pos < chunk.length) onBytes('stdout', chunk.subarray(pos));
          return;
        }
        this.current = h[0] === 0 ? 'stdin' : h[0] === 1 ? 'stdout' : 'stderr';
        this.remaining = size;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      onBytes(this.current, chunk.subarray(pos, pos + take));
      pos += take;
      this.remaining -= take;
    }
  }
}
