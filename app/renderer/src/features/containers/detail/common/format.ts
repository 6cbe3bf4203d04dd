// Small formatting helpers shared by the tabs.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 kB" (SI-ish with 1024 steps, as docker prints them). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${UNITS[u]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return Number.isFinite(bytesPerSecond) ? `${formatBytes(bytesPerSecond)}/s` : '—';
}

export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return `${p.toFixed(p >= 100 ? 0 : 1)} %`;
}

/** Unix seconds -> "2026-11-25 12:33" in local time. */
export function formatUnixTime(seconds: number): string {
  if (!seconds) return '—';
  const d = new Date(seconds * 1000);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An engine RFC 3339 timestamp -> "2026-11-25 12:33:30.123" (UTC, as the engine gives it). */
export function shortTimestamp(ts: string | undefined): string {
  if (!ts) return '';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d{1,3})?/.exec(ts);
  if (!m) return ts;
  return `${m[1]} ${m[2]}${(m[3] ?? '.000').padEnd(4, '0')}`;
}
