// The one parser of the engine's multiplexed streams (exec output, logs): 8-byte headers [stream,
// 0, 0, 0, size uint32 BE], then the payload; bytes in, (stream, bytes) out, with headers and
// payloads split anywhere across chunks. No decoding, no lines.

export type FrameStream = 'stdin' | 'stdout' | 'stderr';

const STREAMS: FrameStream[] = ['stdin', 'stdout', 'stderr'];

/** A payload piece: `chunk[start, end)` belongs to `stream`. */
export type PieceSink = (stream: FrameStream, chunk: Uint8Array, start: number, end: number) => void;

export class FrameSplitter {
  private readonly header = new Uint8Array(8);
  private headerFill = 0;
  private remaining = 0;
  private current: FrameStream = 'stdout';
  private raw = false;

  /** Calls `onBytes` for each payload piece in order. Unframed input is passed through as stdout. */
  push(chunk: Uint8Array, onBytes: (stream: FrameStream, bytes: Uint8Array) => void): void {
    this.pushPieces(chunk, (stream, c, start, end) => onBytes(stream, c.subarray(start, end)));
  }

  /**
   * The same without a view per piece: `onPiece` gets ranges of `chunk` (and of a copied header,
   * for input that turns out not to be framed), and `onFrame` runs as each frame begins, before its
   * pieces. Once a header cannot be one, the rest is passed through as stdout.
   */
  pushPieces(chunk: Uint8Array, onPiece: PieceSink, onFrame?: (stream: FrameStream) => void): void {
    if (this.raw) {
      if (chunk.length) onPiece('stdout', chunk, 0, chunk.length);
      return;
    }
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      if (this.remaining === 0) {
        let h: Uint8Array;
        let at: number;
        if (this.headerFill === 0 && len - pos >= 8) {
          h = chunk;
          at = pos;
          pos += 8;
        } else {
          const take = Math.min(8 - this.headerFill, len - pos);
          for (let i = 0; i < take; i++) this.header[this.headerFill + i] = chunk[pos + i]!;
          this.headerFill += take;
          pos += take;
          if (this.headerFill < 8) return;
          this.headerFill = 0;
          h = this.header;
          at = 0;
        }
        const kind = h[at]!;
        if (kind > 2 || h[at + 1] || h[at + 2] || h[at + 3]) {
          this.raw = true;
          const head = h.slice(at, at + 8);
          onPiece('stdout', head, 0, 8);
          if (pos < len) onPiece('stdout', chunk, pos, len);
          return;
        }
        this.current = STREAMS[kind]!;
        this.remaining = ((h[at + 4]! << 24) >>> 0) + (h[at + 5]! << 16) + (h[at + 6]! << 8) + h[at + 7]!;
        onFrame?.(this.current);
        continue;
      }
      const take = Math.min(this.remaining, len - pos);
      onPiece(this.current, chunk, pos, pos + take);
      pos += take;
      this.remaining -= take;
    }
  }
}
