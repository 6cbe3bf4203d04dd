// Formatting shared by every page: sizes, times, percentages.
/**
 * Sizes as Docker prints them (`docker images`, `docker system df`): decimal units, 1 kB = 1000 B,
 * three significant digits — "512 B", "1.98 MB", "19.8 MB", "198 MB". Every page uses this one.
 */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = 0;
  while (i < units.length - 1 && Number((i === 0 ? Math.round(v) : v).toPrecision(3)) >= 1000) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(v) : Number(v.toPrecision(3))} ${units[i]}`;
}

export function formatPercent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '—';
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

/** "3 minutes ago" from unix seconds. */
export function timeAgo(unixSeconds: number, now = Date.now()): string {
  const s = Math.max(0, Math.round(now / 1000 - unixSeconds));
  const steps: [number, string][] = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Infinity, 'year'],
  ];
  let v = s;
  for (const [size, unit] of steps) {
    if (v < size) return v <= 1 && unit === 'second' ? 'just now' : `${v} ${unit}${v === 1 ? '' : 's'} ago`;
    v = Math.floor(v / size);
  }
  return '';
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
