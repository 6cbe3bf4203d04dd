// ANSI escape parsing for log lines: SGR codes (colours, bold …) become styled runs over the plain
// text; every other escape sequence and control character is stripped. Never produces HTML.

/** A colour: 'p0'…'p15' (the theme's palette) or '#rrggbb'. */
export type AnsiColor = string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

/** A stretch [start, end) of the plain text drawn with a non-default style. */
export interface StyledRun {
  start: number;
  end: number;
  style: AnsiStyle;
}

export interface ParsedLine {
  plain: string;
  runs: StyledRun[];
  /** The style in force at the end of the line (a colour may carry over to the next line). */
  end: AnsiStyle;
}

// ESC, C1 CSI, other C0 controls except TAB, DEL.
// eslint-disable-next-line no-control-regex
const NEEDS_PARSE = /[\u0000-\u0008\u000a-\u001f\u007f\u009b]/;

/** Whether a line has anything to strip or style (most lines do not, and skip the parser). */
export function needsParsing(raw: string): boolean {
  return NEEDS_PARSE.test(raw);
}

function hex(r: number, g: number, b: number): string {
  const c = (x: number) =>
    Math.max(0, Math.min(255, x | 0))
      .toString(16)
      .padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** xterm's 256-colour table above the 16 palette colours. */
export function color256(n: number): AnsiColor {
  if (n < 16) return `p${n}`;
  if (n < 232) {
    const i = n - 16;
    const steps = [0, 95, 135, 175, 215, 255];
    return hex(steps[Math.floor(i / 36)]!, steps[Math.floor(i / 6) % 6]!, steps[i % 6]!);
  }
  const g = 8 + (n - 232) * 10;
  return hex(g, g, g);
}

export function isDefault(s: AnsiStyle): boolean {
  return !s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline && !s.inverse && !s.strike;
}

/** Applies one SGR parameter list to a style, returning a new style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (!Number.isFinite(c)) continue;
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 9) s.strike = true;
    else if (c === 21 || c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c === 29) s.strike = false;
    else if (c >= 30 && c <= 37) s.fg = `p${c - 30}`;
    else if (c >= 90 && c <= 97) s.fg = `p${c - 90 + 8}`;
    else if (c >= 40 && c <= 47) s.bg = `p${c - 40}`;
    else if (c >= 100 && c <= 107) s.bg = `p${c - 100 + 8}`;
    else if (c === 39) delete s.fg;
    else if (c === 49) delete s.bg;
    else if (c === 38 || c === 48) {
      const mode = codes[i + 1];
      let color: AnsiColor | undefined;
      if (mode === 5 && codes[i + 2] !== undefined) {
        color = color256(codes[i + 2]! & 0xff);
        i += 2;
      } else if (mode === 2 && codes[i + 4] !== undefined) {
        color = hex(codes[i + 2]!, codes[i + 3]!, codes[i + 4]!);
        i += 4;
      } else {
        i = codes.length; // malformed: ignore the rest
      }
      if (color) {
        if (c === 38) s.fg = color;
        else s.bg = color;
      }
    }
  }
  for (const k of Object.keys(s) as (keyof AnsiStyle)[]) if (s[k] === false) delete s[k];
  return s;
}

/** Index just past a string-terminated sequence (OSC, DCS …): BEL or ESC \ ends it. */
function skipString(raw: string, i: number): number {
  for (let j = i; j < raw.length; j++) {
    const ch = raw.charCodeAt(j);
    if (ch === 0x07) return j + 1;
    if (ch === 0x1b && raw[j + 1] === '\\') return j + 2;
    if (ch === 0x9c) return j + 1;
  }
  return raw.length;
}

export function parseAnsi(raw: string, initial: AnsiStyle = {}): ParsedLine {
  let plain = '';
  let runs: StyledRun[] = [];
  let style: AnsiStyle = initial;
  let runStart = 0;
  const closeRun = () => {
    if (plain.length > runStart && !isDefault(style)) runs.push({ start: runStart, end: plain.length, style });
    runStart = plain.length;
  };
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) plain += raw.slice(textStart, end);
  };
  while (i < raw.length) {
    const ch = raw.charCodeAt(i);
    if (ch >= 0x20 && ch !== 0x7f && ch !== 0x9b) {
      i++;
      continue;
    }
    if (ch === 0x09) {
      i++;
      continue;
    }
    flushText(i);
    if (ch === 0x1b || ch === 0x9b) {
      const next = ch === 0x9b ? '[' : raw[i + 1];
      const start = ch === 0x9b ? i + 1 : i + 2;
      if (next === '[') {
        // CSI: parameters 0x30–0x3f, intermediates 0x20–0x2f, final 0x40–0x7e
        let j = start;
        while (j < raw.length && raw.charCodeAt(j) >= 0x30 && raw.charCodeAt(j) <= 0x3f) j++;
        const params = raw.slice(start, j);
        while (j < raw.length && raw.charCodeAt(j) >= 0x20 && raw.charCodeAt(j) <= 0x2f) j++;
        const final = raw[j];
        i = Math.min(raw.length, j + 1);
        if (final === 'm' && /^[\d;:]*$/.test(params)) {
          closeRun();
          style = applySgr(style, params);
        }
      } else if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
        i = skipString(raw, start);
      } else if (next !== undefined) {
        // ESC + intermediates + final (e.g. ESC ( B)
        let j = i + 1;
        while (j < raw.length && raw.charCodeAt(j) >= 0x20 && raw.charCodeAt(j) <= 0x2f) j++;
        i = Math.min(raw.length, j + 1);
      } else {
        i++;
      }
    } else if (ch === 0x0d) {
      i++;
      // A carriage return in the middle of a line rewrites it (progress bars): keep what follows.
      if (i < raw.length && raw[i] !== '\n') {
        plain = '';
        runs = [];
        runStart = 0;
      }
    } else {
      i++; // other control characters (BEL, BS, NUL, LF inside a line …) are dropped
    }
    textStart = i;
  }
  flushText(i);
  closeRun();
  return { plain, runs, end: style };
}

/** Plain text of a line (escapes stripped). */
export function stripAnsi(raw: string): string {
  return needsParsing(raw) ? parseAnsi(raw).plain : raw;
}
