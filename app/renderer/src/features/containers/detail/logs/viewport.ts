// Which rows a fixed-row-height viewport shows, and the mapping between the real scroll position
// and the "virtual" one. Browsers paint content far down a scroller imprecisely (coordinates are
// 32-bit floats: past 2^24 px rows land on 2 px steps and overlap), so a tall list is squeezed
// into at most MAX_SCROLL_PX of real scroll height and scroll positions are scaled.

export const MAX_SCROLL_PX = 8_000_000;

export interface Geometry {
  count: number;
  rowHeight: number;
  viewHeight: number;
}

/** Height of the scrollable content. */
export function contentHeight(g: Geometry): number {
  return Math.min(g.count * g.rowHeight, MAX_SCROLL_PX);
}

function ranges(g: Geometry): { real: number; virtual: number } {
  return {
    real: Math.max(0, contentHeight(g) - g.viewHeight),
    virtual: Math.max(0, g.count * g.rowHeight - g.viewHeight),
  };
}

/** Real scrollTop -> offset in the full list. */
export function toVirtual(scrollTop: number, g: Geometry): number {
  const r = ranges(g);
  if (r.real === r.virtual || r.real === 0) return Math.min(scrollTop, r.virtual);
  return (Math.min(scrollTop, r.real) / r.real) * r.virtual;
}

/** Offset in the full list -> real scrollTop. */
export function toReal(offset: number, g: Geometry): number {
  const r = ranges(g);
  const o = Math.max(0, Math.min(offset, r.virtual));
  if (r.real === r.virtual || r.virtual === 0) return o;
  return (o / r.virtual) * r.real;
}

export function visibleRange(
  offset: number,
  viewHeight: number,
  count: number,
  rowHeight: number,
  extra: number,
): [number, number] {
  const lo = Math.max(0, Math.floor(offset / rowHeight) - extra);
  const hi = Math.min(count, Math.ceil((offset + viewHeight) / rowHeight) + extra);
  return [lo, Math.max(lo, hi)];
}

/** The virtual offset that shows the last rows. */
export function bottomOffset(count: number, rowHeight: number, viewHeight: number): number {
  return Math.max(0, count * rowHeight - viewHeight);
}

/** Where to put the block holding rows from `lo`, in real content coordinates. */
export function windowTop(scrollTop: number, virtualOffset: number, lo: number, rowHeight: number): number {
  return scrollTop + lo * rowHeight - virtualOffset;
}
