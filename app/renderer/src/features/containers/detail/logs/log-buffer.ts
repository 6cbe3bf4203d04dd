// A chunked, append-only store of log lines that stays cheap at a million lines: fixed-size chunks
// of parallel arrays (no per-line objects), addressed by absolute line number, oldest chunks dropped
// past a cap. React renders from a version counter, never from a copied array.
import type { LogLine } from '../../../../../../shared/contract';
import { isDefault, needsParsing, parseAnsi, type AnsiStyle } from './ansi';

export const CHUNK_LINES = 16_384;
/** Past this many lines the oldest chunk is dropped (bounds memory: ~100–200 MB at this size). */
export const DEFAULT_MAX_LINES = 1_500_000;

interface Chunk {
  /** Text with escapes stripped: what search, copy and download use. */
  plain: string[];
  /** The original text, only for lines that had escapes (sparse). */
  raw: (string | undefined)[] | undefined;
  ts: (string | undefined)[];
  stderr: Uint8Array;
  /** The style a line starts with when a colour carried over from the line before (sparse). */
  start: Map<number, AnsiStyle> | undefined;
}

function newChunk(): Chunk {
  return { plain: [], raw: undefined, ts: [], stderr: new Uint8Array(CHUNK_LINES), start: undefined };
}

export class LogBuffer {
  private chunks: Chunk[] = [];
  /** Style in force at the end of the last stdout / stderr line. */
  private carry: [AnsiStyle, AnsiStyle] = [{}, {}];
  /** Absolute number of the first line still held. */
  private base = 0;
  private count = 0;
  /** Changes on every append or clear; React renders from it. */
  version = 0;
  /** Changes on every clear, so searches over the old lines are thrown away. */
  epoch = 0;

  constructor(readonly maxLines = DEFAULT_MAX_LINES) {}

  /** Absolute index of the first retained line. */
  get first(): number {
    return this.base;
  }
  /** Absolute index just past the last line. */
  get end(): number {
    return this.base + this.count;
  }
  get length(): number {
    return this.count;
  }
  /** Lines dropped from the front since the last clear. */
  get dropped(): number {
    return this.base;
  }

  clear(): void {
    this.chunks = [];
    this.base = 0;
    this.count = 0;
    this.carry = [{}, {}];
    this.version++;
    this.epoch++;
  }

  append(lines: readonly LogLine[]): void {
    for (const l of lines) {
      let text = l.text;
      if (text.endsWith('\n')) text = text.slice(0, -1);
      if (text.indexOf('\n') === -1) this.add(text, l.stream === 'stderr', l.ts);
      else for (const part of text.split('\n')) this.add(part, l.stream === 'stderr', l.ts);
    }
    this.commit();
  }

  /**
   * Adds one line (no newline in it) without telling the view; commit() when a batch is in. Bound,
   * so it can be handed around as a LineSink.
   */
  readonly add = (text: string, stderr: boolean, ts: string | undefined): void => {
    const pos = this.count;
    const ci = Math.floor(pos / CHUNK_LINES);
    let c = this.chunks[ci];
    if (!c) {
      c = newChunk();
      this.chunks.push(c);
    }
    const li = pos - ci * CHUNK_LINES;
    const s = stderr ? 1 : 0;
    const carried = this.carry[s];
    if (needsParsing(text)) {
      const parsed = parseAnsi(text, carried);
      c.plain[li] = parsed.plain;
      (c.raw ??= [])[li] = text;
      this.carry[s] = parsed.end;
    } else {
      c.plain[li] = text;
    }
    if (!isDefault(carried)) (c.start ??= new Map()).set(li, carried);
    c.ts[li] = ts;
    if (stderr) c.stderr[li] = 1;
    this.count++;
  };

  /** The lines added since the last commit are in: drop the oldest past the cap, and tell the view. */
  commit(): void {
    this.trim();
    this.version++;
  }

  private trim(): void {
    while (this.count - CHUNK_LINES >= this.maxLines && this.chunks.length > 1) {
      this.chunks.shift();
      this.base += CHUNK_LINES;
      this.count -= CHUNK_LINES;
    }
  }

  private at(abs: number): [Chunk, number] | undefined {
    const pos = abs - this.base;
    if (pos < 0 || pos >= this.count) return undefined;
    const ci = Math.floor(pos / CHUNK_LINES);
    return [this.chunks[ci]!, pos - ci * CHUNK_LINES];
  }

  plain(abs: number): string {
    const a = this.at(abs);
    return a ? a[0].plain[a[1]]! : '';
  }
  /** The line as received (with escapes), for rendering colours. */
  raw(abs: number): string {
    const a = this.at(abs);
    if (!a) return '';
    return a[0].raw?.[a[1]] ?? a[0].plain[a[1]]!;
  }
  /** The style a line starts with (a colour left on by the line before), if any. */
  startStyle(abs: number): AnsiStyle | undefined {
    const a = this.at(abs);
    return a ? a[0].start?.get(a[1]) : undefined;
  }
  hasEscapes(abs: number): boolean {
    const a = this.at(abs);
    return !!a && a[0].raw?.[a[1]] !== undefined;
  }
  isStderr(abs: number): boolean {
    const a = this.at(abs);
    return !!a && a[0].stderr[a[1]] === 1;
  }
  timestamp(abs: number): string | undefined {
    const a = this.at(abs);
    return a ? a[0].ts[a[1]] : undefined;
  }

  /** Calls fn for every plain line in [from, to), chunk by chunk (fast path for search/copy). */
  forEachPlain(from: number, to: number, fn: (text: string, abs: number) => void): void {
    const start = Math.max(from, this.base);
    const stop = Math.min(to, this.end);
    for (let abs = start; abs < stop;) {
      const pos = abs - this.base;
      const ci = Math.floor(pos / CHUNK_LINES);
      const c = this.chunks[ci]!;
      let li = pos - ci * CHUNK_LINES;
      const lim = Math.min(CHUNK_LINES, li + (stop - abs));
      for (; li < lim; li++, abs++) fn(c.plain[li]!, abs);
    }
  }

  /** The text of [from, to) as parts for a Blob or clipboard, one part per chunk (no giant join). */
  textParts(lines: Iterable<number> | { from: number; to: number }, format: (abs: number) => string): string[] {
    const parts: string[] = [];
    let cur: string[] = [];
    const add = (abs: number) => {
      cur.push(format(abs));
      if (cur.length >= CHUNK_LINES) {
        parts.push(cur.join('\n') + '\n');
        cur = [];
      }
    };
    if (Symbol.iterator in lines) for (const abs of lines) add(abs);
    else for (let abs = Math.max(lines.from, this.base); abs < Math.min(lines.to, this.end); abs++) add(abs);
    if (cur.length) parts.push(cur.join('\n') + '\n');
    return parts;
  }
}
