// JSON log lines: a line that is one JSON object (alone, or after a merged view's "web | " marker)
// is found by its shape first (cheap: first and last characters), parsed only when drawn or
// filtered, and drawn with its keys and values coloured over the very same text (so search marks
// still land), or indented (prettyJson). Parses of drawn lines are cached (JsonLineCache).
import type { AnsiStyle, StyledRun } from './ansi';

export type JsonObject = Record<string, unknown>;

/** How far into a line a merged view's marker ("web-2    | ") may reach. */
const MARKER_MAX = 48;

/** Where the line's JSON object starts, judged by shape only; -1 when it cannot be one JSON object. */
export function jsonStart(text: string): number {
  let end = text.length - 1;
  while (end > 0 && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 13)) end--;
  if (text.charCodeAt(end) !== 125 /* } */) return -1;
  let i = 0;
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) === 123 /* { */) return i;
  const marker = text.indexOf(' | {');
  if (marker < 0 || marker > MARKER_MAX) return -1;
  return marker + 3;
}

export interface JsonLine {
  /** Where the object starts in the line. */
  start: number;
  value: JsonObject;
}

/** The line's JSON object, or undefined when it is not exactly one JSON object. */
export function parseJsonLine(text: string): JsonLine | undefined {
  const start = jsonStart(text);
  if (start < 0) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return { start, value: value as JsonObject };
  } catch {
    return undefined;
  }
}

const KEY: AnsiStyle = { fg: 'p4' };
const STRING: AnsiStyle = { fg: 'p2' };
const NUMBER: AnsiStyle = { fg: 'p5' };
const LITERAL: AnsiStyle = { fg: 'p3' };

/**
 * Coloured runs over JSON text from `from` (keys, strings, numbers, true/false/null); punctuation
 * and spaces stay plain. The text is assumed valid JSON (it parsed).
 */
export function jsonRuns(text: string, from = 0): StyledRun[] {
  const runs: StyledRun[] = [];
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      j = Math.min(j + 1, n);
      let k = j;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 10)) k++;
      runs.push({ start: i, end: j, style: text.charCodeAt(k) === 58 /* : */ ? KEY : STRING });
      i = j;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && /[0-9eE.+-]/.test(text[j]!)) j++;
      runs.push({ start: i, end: j, style: NUMBER });
      i = j;
    } else if (c === 116 || c === 102 || c === 110 /* t f n */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
      runs.push({ start: i, end: j, style: LITERAL });
      i = j;
    } else i++;
  }
  return runs;
}

/** The object indented by two spaces, as lines of text. */
export function prettyJson(value: JsonObject): string {
  return JSON.stringify(value, null, 2);
}

/** What a drawn row needs of a JSON line: where it starts and its coloured runs. */
export interface JsonRow {
  start: number;
  runs: StyledRun[];
  value: JsonObject;
}

/**
 * Parses of the lines drawn, by absolute line number, for one buffer epoch; the oldest go past
 * `max`. Also remembers the top-level keys seen (for the field filter's suggestions).
 */
export class JsonLineCache {
  private rows = new Map<number, JsonRow | null>();
  private epoch = -1;
  readonly keys = new Set<string>();

  constructor(private readonly max = 4096) {}

  get(abs: number, epoch: number, text: () => string): JsonRow | null {
    if (epoch !== this.epoch) {
      this.rows.clear();
      this.epoch = epoch;
    }
    const hit = this.rows.get(abs);
    if (hit !== undefined) return hit;
    const line = parseJsonLine(text());
    const row = line ? { start: line.start, runs: jsonRuns(text(), line.start), value: line.value } : null;
    if (line && this.keys.size < 200) for (const k of Object.keys(line.value)) this.keys.add(k);
    this.rows.set(abs, row);
    if (this.rows.size > this.max) this.rows.delete(this.rows.keys().next().value!);
    return row;
  }
}
