// Virtual rows for a scrolling table: only the rows in view (plus `overscan`) are rendered (`view.items`),
// and the room of the rows above and below them is kept by two spacer rows (`view.top`, `view.bottom`
// pixels high; VirtualBody draws them).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { VirtualView } from './table-parts';

export function useVirtualRows<R>(rows: readonly R[], rowHeight: number, overscan: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const view: VirtualView<R> = { rows, items, top, bottom };
  return { scroller, virtualizer, view };
}
