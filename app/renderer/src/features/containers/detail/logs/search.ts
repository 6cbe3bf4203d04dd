// Log search: compile the query once, then scan the buffer in time-boxed slices so a million lines
// never block the UI. Results are kept compactly (line numbers and cumulative match counts).
import type { LogBuffer } from './log-buffer';
import { firstAtOrAfter } from './line-order';

export interface SearchOptions {
  regex: boolean;
  caseSensitive: boolean;
}

export type CompiledSearch = { ok: true; re: RegExp } | { ok: false; error: string };

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** null for an empty query; an error sentence for an invalid regular expression. */
export function compileSearch(query: string, opts: SearchOptions): CompiledSearch | null {
  if (!query) return null;
  const flags = opts.caseSensitive ? 'g' : 'gi';
  try {
    return { ok: true, re: new RegExp(opts.regex ? query : escapeRegExp(query), flags) };
  } catch (e) {
    // V8 says "Invalid regular expression: /(a/gi: Unterminated group"; keep only the reason.
    const raw = e instanceof Error ? e.message : '';
    const why = raw.slice(raw.lastIndexOf(': ') + 2).trim();
    const reason = why && why !== raw ? `: ${why.charAt(0).toLowerCase()}${why.slice(1)}` : '';
    return { ok: false, error: `That is not a valid regular expression${reason}.` };
  }
}

/** Non-empty matches of `re` (global) in `text` as [start, end) pairs. */
export function matchRanges(re: RegExp, text: string, limit = 1000): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < limit) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  re.lastIndex = 0;
  return out;
}

function countIn(re: RegExp, text: string): number {
  re.lastIndex = 0;
  if (!re.test(text)) return 0;
  re.lastIndex = 0;
  let n = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    else n++;
  }
  re.lastIndex = 0;
  return n;
}

/**
 * Matches of one compiled search over a buffer: the matching lines and, per line, the cumulative
 * match count, so "match k" maps to its line by binary search. Extend it as lines arrive.
 */
export class SearchIndex {
  private lines = new Int32Array(1024);
  private cum = new Int32Array(1024);
  private n = 0;
  /** Total matches so far. */
  total = 0;
  /** Absolute line up to which the buffer was scanned. */
  scannedTo: number;

  constructor(
    readonly re: RegExp,
    from = 0,
    /** Only lines it keeps can match (the field filter's lines); tested after the text matched. */
    private readonly keep?: (text: string) => boolean,
  ) {
    this.scannedTo = from;
  }

  /** Matching lines so far. */
  get lineCount(): number {
    return this.n;
  }

  lineAt(i: number): number {
    return this.lines[i]!;
  }

  private add(abs: number, count: number): void {
    if (this.n === this.lines.length) {
      const l = new Int32Array(this.n * 2);
      l.set(this.lines);
      this.lines = l;
      const c = new Int32Array(this.n * 2);
      c.set(this.cum);
      this.cum = c;
    }
    this.total += count;
    this.lines[this.n] = abs;
    this.cum[this.n] = this.total;
    this.n++;
  }

  /**
   * Scans buffer lines from scannedTo up to buffer.end, stopping after `budgetMs`.
   * Returns true when caught up.
   */
  extend(buffer: LogBuffer, budgetMs = 12, now: () => number = () => performance.now()): boolean {
    const start = now();
    const re = this.re;
    this.scannedTo = Math.max(this.scannedTo, buffer.first);
    while (this.scannedTo < buffer.end) {
      const to = Math.min(buffer.end, this.scannedTo + 8192);
      buffer.forEachPlain(this.scannedTo, to, (text, abs) => {
        const c = countIn(re, text);
        if (c && (!this.keep || this.keep(text))) this.add(abs, c);
      });
      this.scannedTo = to;
      if (now() - start >= budgetMs) break;
    }
    return this.scannedTo >= buffer.end;
  }

  /** The line and the occurrence within it of match k (0-based). */
  locate(k: number): { line: number; occurrence: number; lineIndex: number } | undefined {
    if (k < 0 || k >= this.total) return undefined;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > k) hi = mid;
      else lo = mid + 1;
    }
    const before = lo === 0 ? 0 : this.cum[lo - 1]!;
    return { line: this.lines[lo]!, occurrence: k - before, lineIndex: lo };
  }

  /** Index (into matching lines) of the first matching line at or after `abs`; lineCount if none. */
  lineIndexAtOrAfter(abs: number): number {
    return firstAtOrAfter(this.lines, this.n, abs);
  }

  /** The first match number on matching line index i. */
  firstMatchOfLineIndex(i: number): number {
    return i === 0 ? 0 : this.cum[i - 1]!;
  }
}
