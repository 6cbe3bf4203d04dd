// The bare frame splitter for multiplexed streams (exec output): bytes in, (stream, bytes) out,
// with headers and payloads split anywhere across chunks. No decoding, no lines.

export type FrameStream = 'stdin' | 'stdout' | 'stderr';

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
        if (h[0]! > 2 || h[1] || h[2] || h[3]) {
          this.raw = true;
          onBytes('stdout', h.slice());
          if (pos < chunk.length) onBytes('stdout', chunk.subarray(pos));
          return;
        }
        this.current = h[0] === 0 ? 'stdin' : h[0] === 1 ? 'stdout' : 'stderr';
        this.remaining = ((h[4]! << 24) >>> 0) + (h[5]! << 16) + (h[6]! << 8) + h[7]!;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      onBytes(this.current, chunk.subarray(pos, pos + take));
      pos += take;
      this.remaining -= take;
    }
  }
}
