// One log line: optional timestamp, a stderr marker, and the text as styled spans, links and
// highlighted matches. Built from pieces, never from HTML strings.
import { memo } from 'react';
import { shortTimestamp } from '../common/format';
import { parseAnsi, type AnsiStyle, type StyledRun } from './ansi';
import { findLinks } from './links';
import { matchRanges } from './search';
import type { JsonRow } from './json-lines';
import { composePieces, styleProps, type Highlight } from './segments';

/** Lines longer than this are cut when drawn (copy and download keep the whole line). */
const MAX_DRAWN = 10_000;

export interface LogRowProps {
  raw: string;
  plain: string;
  hasEscapes: boolean;
  /** A style carried over from the line before. */
  startStyle: AnsiStyle | undefined;
  stderr: boolean;
  ts: string | undefined;
  showTs: boolean;
  re: RegExp | null;
  /** Which occurrence in this line is the current match, or -1. */
  currentOccurrence: number;
  height: number;
  /** The line's absolute number (for the JSON button). */
  line: number;
  /** The line's JSON object and its colours, when it is one (parsed lazily, cached by the list). */
  json: JsonRow | null;
  /** Leaves room for the JSON button (some line seen is JSON). */
  jsonGutter: boolean;
  /** Opens a JSON line formatted (stable across renders). */
  onOpenJson(line: number): void;
}

function LogRowImpl(p: LogRowProps) {
  const parsed =
    p.hasEscapes || p.startStyle ? parseAnsi(p.raw, p.startStyle) : { plain: p.plain, runs: [] as StyledRun[] };
  const cut = parsed.plain.length > MAX_DRAWN;
  const text = cut ? parsed.plain.slice(0, MAX_DRAWN) : parsed.plain;
  // JSON colours after a merged view's coloured marker; not over a line's own escape colours.
  const json = p.json;
  const runs =
    json && !cut && parsed.runs.every((r) => r.end <= json.start) ? [...parsed.runs, ...json.runs] : parsed.runs;
  const marks: Highlight[] = p.re
    ? matchRanges(p.re, text).map(([start, end], i) => ({
        start,
        end,
        mark: i === p.currentOccurrence ? 'current' : 'match',
      }))
    : [];
  const pieces = composePieces(text.length, runs, findLinks(text), marks);
  return (
    <div className={p.stderr ? 'log-row log-row-stderr' : 'log-row'} style={{ height: p.height }}>
      <span className="log-stream" aria-hidden={!p.stderr} title={p.stderr ? 'stderr' : undefined}>
        {p.stderr && <span className="bd-visually-hidden">stderr</span>}
      </span>
      {p.jsonGutter &&
        (json ? (
          <button
            type="button"
            className="log-json-open"
            aria-label={`Show line ${p.line + 1} as formatted JSON`}
            title="Show this line as formatted JSON"
            onClick={() => p.onOpenJson(p.line)}
          >
            {'{}'}
          </button>
        ) : (
          <span className="log-json-open" aria-hidden="true" />
        ))}
      {p.showTs && p.ts && <span className="log-ts">{shortTimestamp(p.ts)} </span>}
      <span className="log-text">
        {pieces.map((pc) => {
          const s = styleProps(pc.style);
          const cls =
            [s.className, pc.mark ? `log-mark log-mark-${pc.mark}` : ''].filter(Boolean).join(' ') || undefined;
          const style = s.color || s.background ? { color: s.color, background: s.background } : undefined;
          const content = text.slice(pc.start, pc.end);
          if (pc.href)
            return (
              <a key={pc.start} href={pc.href} target="_blank" rel="noopener noreferrer" className={cls} style={style}>
                {content}
              </a>
            );
          return cls || style ? (
            <span key={pc.start} className={cls} style={style}>
              {content}
            </span>
          ) : (
            content
          );
        })}
        {parsed.plain.length > MAX_DRAWN && (
          <span className="log-cut"> … {parsed.plain.length - MAX_DRAWN} more characters</span>
        )}
      </span>
    </div>
  );
}

export const LogRow = memo(LogRowImpl);
