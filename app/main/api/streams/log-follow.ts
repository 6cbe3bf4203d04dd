// Follows a log that can only be read as "the last N lines": each poll finds where the new tail
// overlaps the previous one and hands on only the lines after it (or everything, when nothing overlaps).

/** The lines of `cur` that come after `prev`, or undefined when they do not overlap (rotated, restarted). */
export function newLines(prev: string[], cur: string[]): string[] | undefined {
  if (prev.length === 0) return cur;
  // Largest overlap first: prev's last k lines are cur's first k lines.
  for (let k = Math.min(prev.length, cur.length); k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = prev[prev.length - k + i] === cur[i];
    if (same) return cur.slice(k);
  }
  return cur.length === 0 ? [] : undefined;
}
