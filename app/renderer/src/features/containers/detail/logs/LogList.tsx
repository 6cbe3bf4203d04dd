// The virtualized log viewport: only the rows on screen (plus a few) exist in the DOM. Follows the
// end while the user is at the bottom; scrolling up pauses following.
//
// Not @tanstack/react-virtual: its virtualizer (3.14) rebuilds every item's measurement whenever the
// count grows — tens of milliseconds per frame at a million lines while following — and it places
// rows at their full offset, which Chrome paints imprecisely past 2^24 px (rows overlap). Rows here
// have a fixed height, so the window is arithmetic (viewport.ts), with the scroll range scaled.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { LogBuffer } from './log-buffer';
import type { JsonLineCache } from './json-lines';
import { LogRow } from './LogRow';
import { bottomOffset, contentHeight, toReal, toVirtual, visibleRange, windowTop, type Geometry } from './viewport';

export const ROW_HEIGHT = 18;
const EXTRA_ROWS = 8;

export interface LogListHandle {
  scrollToRow(row: number): void;
  topRow(): number;
  focus(): void;
}

/** The rows of a filtered list: which lines, in order (a search's matches, a field filter's lines). */
export interface RowIndex {
  readonly lineCount: number;
  lineAt(i: number): number;
}

export interface LogListProps {
  label: string;
  buffer: LogBuffer;
  version: number;
  /** Rows shown: all lines, or only matching lines when filtering. */
  filter: RowIndex | null;
  showTs: boolean;
  re: RegExp | null;
  current: { line: number; occurrence: number } | undefined;
  follow: boolean;
  onFollowChange(follow: boolean): void;
  handle: Ref<LogListHandle>;
  tick: number;
  /** Parses of the JSON lines drawn (only drawn lines are ever parsed here). */
  json: JsonLineCache;
  onOpenJson(line: number): void;
}

export function LogList(p: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = p.filter ? p.filter.lineCount : p.buffer.length;
  const lineOf = (row: number) => (p.filter ? p.filter.lineAt(row) : p.buffer.first + row);
  // Re-render on scrolling and resizing (scroll events come at most once per frame).
  const [, setScrollPos] = useState(0);
  const [viewHeightState, setViewHeight] = useState(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setViewHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setViewHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const geometry = (): Geometry => ({
    count,
    rowHeight: ROW_HEIGHT,
    viewHeight: scrollRef.current?.clientHeight || 600,
  });

  useImperativeHandle(p.handle, () => ({
    scrollToRow(row: number) {
      const el = scrollRef.current;
      if (el) el.scrollTop = toReal(row * ROW_HEIGHT - el.clientHeight / 2 + ROW_HEIGHT / 2, geometry());
    },
    focus() {
      scrollRef.current?.focus();
    },
    topRow() {
      const el = scrollRef.current;
      return el ? Math.floor(toVirtual(el.scrollTop, geometry()) / ROW_HEIGHT) : 0;
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
    setScrollPos(el.scrollTop);
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

  // While following, draw the bottom now rather than one scroll event later.
  const el = scrollRef.current;
  const viewHeight = viewHeightState || el?.clientHeight || 1000;
  const g = { count, rowHeight: ROW_HEIGHT, viewHeight };
  const following = p.follow && !userAway.current;
  const scrollTop = following ? Math.max(0, contentHeight(g) - viewHeight) : (el?.scrollTop ?? 0);
  const offset = following ? bottomOffset(count, ROW_HEIGHT, viewHeight) : toVirtual(scrollTop, g);
  const [lo, hi] = visibleRange(offset, viewHeight, count, ROW_HEIGHT, EXTRA_ROWS);
  const rows: number[] = [];
  for (let r = lo; r < hi; r++) rows.push(r);
  const epoch = p.buffer.epoch;
  const jsonOf = (line: number) => p.json.get(line, epoch, () => p.buffer.plain(line));
  const drawnJson = rows.map((row) => jsonOf(lineOf(row)));
  const jsonGutter = p.json.keys.size > 0;
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
      <div className="log-sizer" style={{ height: contentHeight(g) }}>
        {/* One positioned block just around the viewport, rows in normal flow inside it. */}
        <div className="log-window" style={{ top: windowTop(scrollTop, offset, lo, ROW_HEIGHT) }}>
          {rows.map((row, i) => {
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
                height={ROW_HEIGHT}
                line={line}
                json={drawnJson[i] ?? null}
                jsonGutter={jsonGutter}
                onOpenJson={p.onOpenJson}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
