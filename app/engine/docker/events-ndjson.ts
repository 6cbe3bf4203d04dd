// Splits newline-delimited JSON from a byte stream: several objects per chunk, one object across
// several chunks, a multi-byte character across a chunk boundary. Split on bytes, decode per line.

export class NdjsonSplitter<T = unknown> {
  private rest: Buffer | null = null;
  /** Lines that were not JSON (kept for diagnostics, newest last, at most 10). */
  readonly invalid: string[] = [];

  /** `parse` turns one line into an item (default JSON.parse); it may throw for a bad line. */
  constructor(private readonly parseLine: (line: string) => T = (line) => JSON.parse(line) as T) {}

  push(chunk: Uint8Array): T[] {
    const buf = this.rest
      ? Buffer.concat([this.rest, chunk])
      : Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.rest = null;
    const out: T[] = [];
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf(0x0a, start)) !== -1) {
      this.parse(buf, start, nl, out);
      start = nl + 1;
    }
    // Copy the remainder so a small tail does not pin a large chunk.
    if (start < buf.length) this.rest = Buffer.from(buf.subarray(start));
    return out;
  }

  /** The last line, if the stream ended without a newline. */
  end(): T[] {
    const out: T[] = [];
    if (this.rest) this.parse(this.rest, 0, this.rest.length, out);
    this.rest = null;
    return out;
  }

  private parse(buf: Buffer, start: number, end: number, out: T[]): void {
    const line = buf.toString('utf8', start, end).trim();
    if (!line) return;
    try {
      out.push(this.parseLine(line));
    } catch {
      this.invalid.push(line.slice(0, 200));
      if (this.invalid.length > 10) this.invalid.shift();
    }
  }
}

/** Every object of a byte stream of NDJSON, as it arrives. */
export async function* ndjsonObjects<T>(stream: AsyncIterable<Uint8Array>): AsyncGenerator<T[], void, undefined> {
  const splitter = new NdjsonSplitter<T>();
  for await (const chunk of stream) {
    const objs = splitter.push(chunk);
    if (objs.length) yield objs;
  }
  const last = splitter.end();
  if (last.length) yield last;
}
