// The virtualized log viewport: only visible rows exist in the DOM. Follows the end while the user
// is at the bottom; scrolling up pauses following.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogBuffer } from './log-buffer';
import type { SearchIndex } from './search';
import { LogRow } from './LogRow';

export const ROW_HEIGHT = 18;

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
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useImperativeHandle(p.handle, () => ({
    scrollToRow(row: number) {
      virtualizer.scrollToIndex(row, { align: 'center' });
    },
    topRow() {
      const el = scrollRef.current;
      return el ? Math.floor(el.scrollTop / ROW_HEIGHT) : 0;
    },
  }));

  // Following: stay pinned to the end as lines arrive.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (p.follow && el) el.scrollTop = el.scrollHeight;
  }, [p.follow, p.version, count]);

  const followRef = useRef(p.follow);
  followRef.current = p.follow;
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 1.5;
    if (atBottom !== followRef.current) p.onFollowChange(atBottom);
  };

  // Wheel or keys moving up pause following even before the scroll position changes.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const up = (e: WheelEvent) => {
      if (e.deltaY < 0 && followRef.current && el.scrollHeight > el.clientHeight) p.onFollowChange(false);
    };
    el.addEventListener('wheel', up, { passive: true });
    return () => el.removeEventListener('wheel', up);
  }, [p.onFollowChange]);

  const items = virtualizer.getVirtualItems();
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
        if ((e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Home') && p.follow) p.onFollowChange(false);
      }}
    >
      <div className="log-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((vi) => {
          const line = lineOf(vi.index);
          return (
            <LogRow
              key={vi.key}
              raw={p.buffer.raw(line)}
              plain={p.buffer.plain(line)}
              hasEscapes={p.buffer.hasEscapes(line)}
              stderr={p.buffer.isStderr(line)}
              ts={p.buffer.timestamp(line)}
              showTs={p.showTs}
              re={p.re}
              currentOccurrence={p.current?.line === line ? p.current.occurrence : -1}
              top={vi.start}
              height={ROW_HEIGHT}
            />
          );
        })}
      </div>
    </div>
  );
}
