// What a new daemon.json changes against the one the engine runs with, key by key. Maps of settings
// (log-opts, features, cluster-store-opts, runtimes …) are compared entry by entry
// ("log-opts.max-size"); anything else, lists included, as a whole value.
import type { DaemonConfigChange } from '../../../shared/contract/areas/engine-config';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys in order, so {"a":1,"b":2} equals {"b":2,"a":1}. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const compact = (v: unknown) => JSON.stringify(v);

function compare(key: string, before: unknown, after: unknown, out: DaemonConfigChange[], nested: boolean): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) out.push({ key, change: 'added', after: compact(after) });
  else if (after === undefined) out.push({ key, change: 'removed', before: compact(before) });
  else if (canonical(before) === canonical(after)) return;
  else if (!nested && isObject(before) && isObject(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      compare(`${key}.${k}`, before[k], after[k], out, true);
  } else out.push({ key, change: 'changed', before: compact(before), after: compact(after) });
}

export function diffDaemonConfig(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): DaemonConfigChange[] {
  const out: DaemonConfigChange[] = [];
  for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
    compare(k, before[k], after[k], out, false);
  return out;
}
