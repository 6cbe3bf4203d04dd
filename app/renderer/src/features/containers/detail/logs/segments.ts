// Splits one line into pieces where style, link or highlight change, so a row renders as a few
// plain <span>/<a> elements (never HTML strings).
import type { AnsiStyle, StyledRun } from './ansi';
import type { LinkRange } from './links';

export type Mark = 'match' | 'current';

export interface Piece {
  start: number;
  end: number;
  style?: AnsiStyle;
  href?: string;
  mark?: Mark;
}

export interface Highlight {
  start: number;
  end: number;
  mark: Mark;
}

export function composePieces(
  length: number,
  runs: readonly StyledRun[],
  links: readonly LinkRange[],
  marks: readonly Highlight[],
): Piece[] {
  if (length === 0) return [];
  if (!runs.length && !links.length && !marks.length) return [{ start: 0, end: length }];
  const cuts = new Set<number>([0, length]);
  for (const r of runs) cuts.add(r.start).add(r.end);
  for (const l of links) cuts.add(l.start).add(l.end);
  for (const m of marks) cuts.add(m.start).add(m.end);
  const points = [...cuts].filter((c) => c >= 0 && c <= length).sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const p: Piece = { start, end };
    const run = runs.find((r) => r.start <= start && r.end >= end);
    if (run) p.style = run.style;
    const link = links.find((l) => l.start <= start && l.end >= end);
    if (link) p.href = link.href;
    const mark =
      marks.find((m) => m.start <= start && m.end >= end && m.mark === 'current') ??
      marks.find((m) => m.start <= start && m.end >= end);
    if (mark) p.mark = mark.mark;
    out.push(p);
  }
  return out;
}

/** CSS classes and inline colours for an ANSI style (palette colours map to theme classes). */
export function styleProps(style: AnsiStyle | undefined): { className: string; color?: string; background?: string } {
  if (!style) return { className: '' };
  const cls: string[] = [];
  let color: string | undefined;
  let background: string | undefined;
  let fg = style.fg;
  let bg = style.bg;
  if (style.inverse) {
    [fg, bg] = [bg, fg];
    if (!fg) cls.push('ansi-inv-fg');
    if (!bg) cls.push('ansi-inv-bg');
  }
  if (fg?.startsWith('p')) cls.push(`ansi-fg-${fg.slice(1)}`);
  else if (fg) color = fg;
  if (bg?.startsWith('p')) cls.push(`ansi-bg-${bg.slice(1)}`);
  else if (bg) background = bg;
  if (style.bold) cls.push('ansi-bold');
  if (style.dim) cls.push('ansi-dim');
  if (style.italic) cls.push('ansi-italic');
  if (style.underline) cls.push('ansi-underline');
  if (style.strike) cls.push('ansi-strike');
  const out: { className: string; color?: string; background?: string } = { className: cls.join(' ') };
  if (color) out.color = color;
  if (background) out.background = background;
  return out;
}
