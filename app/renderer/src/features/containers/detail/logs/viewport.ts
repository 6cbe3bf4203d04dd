// Which rows a fixed-row-height viewport shows.

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

/** The scroll offset that shows the last rows. */
export function bottomOffset(count: number, rowHeight: number, viewHeight: number): number {
  return Math.max(0, count * rowHeight - viewHeight);
}
