// The virtualized log viewport: only visible rows exist in the DOM. Follows the end while the user
// is at the bottom; scrolling up pauses following.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogBuffer } from './log-buffer';
import type { SearchIndex } from './search';
import { LogRow } from './LogRow';
import { bottomOffset, visibleRange } from './viewport';

export const ROW_HEIGHT = 18;
/**
 * The virtualizer works on blocks of rows, not rows: it rebuilds its measurements from the start
 * whenever the count grows, which at a million rows would cost tens of milliseconds per frame while
 * following. Blocks cut that by BLOCK×. Only the rows on screen (plus a few) are drawn.
 */
const BLOCK = 32;
const EXTRA_ROWS = 8;

export interface LogListHandle {
  scrollToRow(row: number): void;
  topRow(): number;
}

export interface LogListProps {
  label: string;
  buffer: LogBuffer;
  version: number;
  /** Rows shown: all lines, or only matching lines when filtering. */
  filter: SearchIndex | null;
  showTs: boolean;
  re: RegExp | null;
  current: { line: number; occurrence: number } | undefined;
  follow: boolean;
  onFollowChange(follow: boolean): void;
  handle: Ref<LogListHandle>;
  tick: number;
}

export function LogList(p: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = p.filter ? p.filter.lineCount : p.buffer.length;
  const lineOf = (row: number) => (p.filter ? p.filter.lineAt(row) : p.buffer.first + row);
  const virtualizer = useVirtualizer({
    count: Math.ceil(count / BLOCK),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => BLOCK * ROW_HEIGHT,
    overscan: 1,
  });

  useImperativeHandle(p.handle, () => ({
    scrollToRow(row: number) {
      const el = scrollRef.current;
      if (el) el.scrollTop = Math.max(0, row * ROW_HEIGHT - el.clientHeight / 2 + ROW_HEIGHT / 2);
    },
    topRow() {
      const el = scrollRef.current;
      return el ? Math.floor(el.scrollTop / ROW_HEIGHT) : 0;
    },
  }));

  // Set synchronously by the user's own scrolling, so a batch that renders before React has
  // applied "follow = false" never yanks the view back to the bottom.
  const userAway = useRef(false);
  const followRef = useRef(p.follow);
  followRef.current = p.follow;
  const pause = () => {
    userAway.current = true;
    if (followRef.current) p.onFollowChange(false);
  };

  // Following: stay pinned to the end as lines arrive.
  useLayoutEffect(() => {
    if (p.follow) userAway.current = false;
  }, [p.follow]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (p.follow && !userAway.current && el) el.scrollTop = el.scrollHeight;
  }, [p.follow, p.version, count]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 1.5;
    if (!atBottom) pause();
    else if (!followRef.current) {
      userAway.current = false;
      p.onFollowChange(true);
    }
  };

  // Wheel or keys moving up pause following even before the scroll position changes.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const up = (e: WheelEvent) => {
      if (e.deltaY < 0 && el.scrollHeight > el.clientHeight) pause();
    };
    el.addEventListener('wheel', up, { passive: true });
    return () => el.removeEventListener('wheel', up);
  });

  // The virtualizer tracks scrolling (and re-renders on it); rows are fixed-height, so the window is
  // plain arithmetic. While following, draw the bottom now rather than one scroll event later.
  const el = scrollRef.current;
  const viewHeight = el?.clientHeight || virtualizer.scrollRect?.height || 1000;
  const offset =
    p.follow && !userAway.current
      ? bottomOffset(count, ROW_HEIGHT, viewHeight)
      : (el?.scrollTop ?? virtualizer.scrollOffset ?? 0);
  const [lo, hi] = visibleRange(offset, viewHeight, count, ROW_HEIGHT, EXTRA_ROWS);
  const rows: number[] = [];
  for (let r = lo; r < hi; r++) rows.push(r);
  return (
    <div
      ref={scrollRef}
      className="log-scroll"
      role="log"
      aria-live="off"
      aria-label={p.label}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={(e) => {
        const el = e.currentTarget;
        if ((e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Home') && el.scrollHeight > el.clientHeight)
          pause();
      }}
    >
      <div className="log-sizer" style={{ height: count * ROW_HEIGHT }}>
        {rows.map((row) => {
          const line = lineOf(row);
          return (
            <LogRow
              key={row}
              raw={p.buffer.raw(line)}
              plain={p.buffer.plain(line)}
              hasEscapes={p.buffer.hasEscapes(line)}
              startStyle={p.buffer.startStyle(line)}
              stderr={p.buffer.isStderr(line)}
              ts={p.buffer.timestamp(line)}
              showTs={p.showTs}
              re={p.re}
              currentOccurrence={p.current?.line === line ? p.current.occurrence : -1}
              top={row * ROW_HEIGHT}
              height={ROW_HEIGHT}
            />
          );
        })}
      </div>
    </div>
  );
}
