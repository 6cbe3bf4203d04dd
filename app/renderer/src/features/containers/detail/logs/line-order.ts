// Binary search over a sorted run of absolute line numbers (a search's or a field filter's lines).

/** Index of the first of `lines[0..n)` at or after `abs`; `n` when none is. */
export function firstAtOrAfter(lines: Int32Array, n: number, abs: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! < abs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
