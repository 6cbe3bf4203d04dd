// The JSON field filter: `level=error status>=500 msg~timeout` (clauses joined by spaces, all must
// hold; a value with spaces in double quotes; a key alone means "has this field"; dots reach into
// nested objects). Only JSON lines can match: while a filter is on, lines that are not one JSON
// object are hidden and counted. Scanning is time-boxed like search and skips the parse of any line
// that does not even contain the keys it asks for, so a million lines stay fast.
import type { LogBuffer } from './log-buffer';
import { splitWords } from '../../split-words';
import { firstAtOrAfter } from './line-order';
import { parseJsonLine, jsonStart, type JsonObject } from './json-lines';

export type FieldOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | 'has';

export interface FieldClause {
  path: string[];
  op: FieldOp;
  value: string;
}

export type ParsedFilter = { ok: true; clauses: FieldClause[] } | { ok: false; error: string };

const CLAUSE = /^([A-Za-z0-9_@$-]+(?:\.[A-Za-z0-9_@$-]+)*)(?:(!=|>=|<=|=|>|<|~)(.*))?$/s;

/** null for an empty filter; else its clauses or the sentence that refuses it. */
export function parseFieldFilter(input: string): ParsedFilter | null {
  const { words: parts, unclosed } = splitWords(input, { quotes: '"', escapes: false });
  if (unclosed) return { ok: false, error: 'A quoted value is not closed: add the closing ".' };
  if (!parts.length) return null;
  const clauses: FieldClause[] = [];
  for (const part of parts) {
    const m = CLAUSE.exec(part);
    if (!m)
      return {
        ok: false,
        error: `“${part}” is not a field filter: write field=value, field!=value, field>=number, field~text or a field alone.`,
      };
    const op = (m[2] ?? 'has') as FieldOp;
    const value = m[3] ?? '';
    if ((op === '>' || op === '>=' || op === '<' || op === '<=') && value === '')
      return { ok: false, error: `Give a value to compare ${m[1]} with.` };
    clauses.push({ path: m[1]!.split('.'), op, value });
  }
  return { ok: true, clauses };
}

function fieldAt(obj: JsonObject, path: readonly string[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as JsonObject)[k];
  }
  return v;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function compare(v: unknown, value: string): number | undefined {
  const a = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  const b = Number(value);
  if (!Number.isNaN(a) && !Number.isNaN(b) && value.trim() !== '') return a - b;
  if (typeof v !== 'string') return undefined;
  return v < value ? -1 : v > value ? 1 : 0;
}

function holds(obj: JsonObject, c: FieldClause): boolean {
  const v = fieldAt(obj, c.path);
  if (v === undefined) return false;
  switch (c.op) {
    case 'has':
      return true;
    case '=':
    case '!=': {
      const d = compare(v, c.value);
      const eq = typeof v === 'number' ? d === 0 : asText(v).toLowerCase() === c.value.toLowerCase();
      return c.op === '=' ? eq : !eq;
    }
    case '~':
      return asText(v).toLowerCase().includes(c.value.toLowerCase());
    default: {
      const d = compare(v, c.value);
      if (d === undefined) return false;
      return c.op === '>' ? d > 0 : c.op === '>=' ? d >= 0 : c.op === '<' ? d < 0 : d <= 0;
    }
  }
}

export function matchesFilter(obj: JsonObject, clauses: readonly FieldClause[]): boolean {
  return clauses.every((c) => holds(obj, c));
}

/** The test one line goes through: shape, then the keys it names as text, then the parse. */
export function lineMatcher(clauses: readonly FieldClause[]): (text: string) => 'match' | 'no' | 'not-json' {
  const needles = clauses.map((c) => `"${c.path[c.path.length - 1]}"`);
  return (text) => {
    if (jsonStart(text) < 0) return 'not-json';
    for (const n of needles) if (!text.includes(n)) return 'no';
    const line = parseJsonLine(text);
    if (!line) return 'not-json';
    return matchesFilter(line.value, clauses) ? 'match' : 'no';
  };
}

/** The lines a field filter keeps, found in time-boxed slices and extended as lines arrive. */
export class FieldIndex {
  private lines = new Int32Array(1024);
  private n = 0;
  /** Lines hidden because they are not one JSON object. */
  notJson = 0;
  scannedTo: number;
  private readonly test: (text: string) => 'match' | 'no' | 'not-json';

  constructor(clauses: readonly FieldClause[], from = 0) {
    this.test = lineMatcher(clauses);
    this.scannedTo = from;
  }

  get lineCount(): number {
    return this.n;
  }

  lineAt(i: number): number {
    return this.lines[i]!;
  }

  /** Index (into kept lines) of the first kept line at or after `abs`. */
  lineIndexAtOrAfter(abs: number): number {
    return firstAtOrAfter(this.lines, this.n, abs);
  }

  /** Scans from scannedTo to the buffer's end, stopping after `budgetMs`; true when caught up. */
  extend(buffer: LogBuffer, budgetMs = 12, now: () => number = () => performance.now()): boolean {
    const start = now();
    this.scannedTo = Math.max(this.scannedTo, buffer.first);
    while (this.scannedTo < buffer.end) {
      const to = Math.min(buffer.end, this.scannedTo + 4096);
      buffer.forEachPlain(this.scannedTo, to, (text, abs) => {
        const r = this.test(text);
        if (r === 'match') this.add(abs);
        else if (r === 'not-json') this.notJson++;
      });
      this.scannedTo = to;
      if (now() - start >= budgetMs) break;
    }
    return this.scannedTo >= buffer.end;
  }

  private add(abs: number): void {
    if (this.n === this.lines.length) {
      const l = new Int32Array(this.n * 2);
      l.set(this.lines);
      this.lines = l;
    }
    this.lines[this.n++] = abs;
  }
}
