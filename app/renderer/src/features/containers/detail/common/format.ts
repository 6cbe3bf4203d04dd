// Small formatting helpers shared by the tabs.

import { formatBytes } from '../../../../components/format';

/** Sizes in the one style every page uses (decimal, as Docker prints them). */
export { formatBytes };

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
