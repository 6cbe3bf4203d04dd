// One log line: optional timestamp, a stderr marker, and the text as styled spans, links and
// highlighted matches. Built from pieces, never from HTML strings.
import { memo } from 'react';
import { shortTimestamp } from '../common/format';
import { parseAnsi, type AnsiStyle, type StyledRun } from './ansi';
import { findLinks } from './links';
import { matchRanges } from './search';
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
}

function LogRowImpl(p: LogRowProps) {
  const parsed =
    p.hasEscapes || p.startStyle ? parseAnsi(p.raw, p.startStyle) : { plain: p.plain, runs: [] as StyledRun[] };
  const text = parsed.plain.length > MAX_DRAWN ? parsed.plain.slice(0, MAX_DRAWN) : parsed.plain;
  const marks: Highlight[] = p.re
    ? matchRanges(p.re, text).map(([start, end], i) => ({
        start,
        end,
        mark: i === p.currentOccurrence ? 'current' : 'match',
      }))
    : [];
  const pieces = composePieces(text.length, parsed.runs, findLinks(text), marks);
  return (
    <div className={p.stderr ? 'log-row log-row-stderr' : 'log-row'} style={{ height: p.height }}>
      <span className="log-stream" aria-hidden={!p.stderr} title={p.stderr ? 'stderr' : undefined}>
        {p.stderr && <span className="bd-visually-hidden">stderr</span>}
      </span>
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
