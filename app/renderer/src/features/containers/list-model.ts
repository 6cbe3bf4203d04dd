// Pure list logic of the containers page: filter, sort, group by compose project, flatten to rows.
import type { ContainerSummary, StatsSample } from '../../../../shared/contract';

export type SortKey = 'name' | 'image' | 'status' | 'cpu' | 'memory' | 'created';
export interface ListOptions {
  search: string;
  runningOnly: boolean;
  sort: SortKey;
  descending: boolean;
  collapsed: ReadonlySet<string>;
}

export type Row =
  | { kind: 'group'; project: string; containers: ContainerSummary[]; running: number; collapsed: boolean }
  | { kind: 'container'; container: ContainerSummary; inGroup: boolean };

export function matches(c: ContainerSummary, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return (
    c.name.toLowerCase().includes(q) ||
    c.image.toLowerCase().includes(q) ||
    c.id.startsWith(q) ||
    (c.compose?.project.toLowerCase().includes(q) ?? false)
  );
}

const stateRank: Record<string, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  exited: 4,
  dead: 5,
  removing: 6,
};

function compare(
  a: ContainerSummary,
  b: ContainerSummary,
  key: SortKey,
  stats: ReadonlyMap<string, StatsSample>,
): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name);
    case 'image':
      return a.image.localeCompare(b.image) || a.name.localeCompare(b.name);
    case 'status':
      return (stateRank[a.state] ?? 9) - (stateRank[b.state] ?? 9) || a.name.localeCompare(b.name);
    case 'cpu':
      return (stats.get(a.id)?.cpuPercent ?? -1) - (stats.get(b.id)?.cpuPercent ?? -1);
    case 'memory':
      return (stats.get(a.id)?.memUsage ?? -1) - (stats.get(b.id)?.memUsage ?? -1);
    case 'created':
      return a.created - b.created;
  }
}

export function buildRows(
  all: ContainerSummary[],
  opts: ListOptions,
  stats: ReadonlyMap<string, StatsSample> = new Map(),
): Row[] {
  const visible = all.filter(
    (c) => (!opts.runningOnly || c.state === 'running' || c.state === 'restarting') && matches(c, opts.search),
  );
  const dir = opts.descending ? -1 : 1;
  const sorted = [...visible].sort((a, b) => dir * compare(a, b, opts.sort, stats));
  const groups = new Map<string, ContainerSummary[]>();
  const units: ({ project: string } | { container: ContainerSummary })[] = [];
  for (const c of sorted) {
    const p = c.compose?.project;
    if (!p) {
      units.push({ container: c });
      continue;
    }
    if (!groups.has(p)) {
      groups.set(p, []);
      units.push({ project: p });
    }
    groups.get(p)!.push(c);
  }
  const rows: Row[] = [];
  for (const u of units) {
    if ('container' in u) {
      rows.push({ kind: 'container', container: u.container, inGroup: false });
      continue;
    }
    const members = groups.get(u.project)!;
    const collapsed = opts.collapsed.has(u.project);
    rows.push({
      kind: 'group',
      project: u.project,
      containers: members,
      running: members.filter((c) => c.state === 'running').length,
      collapsed,
    });
    if (!collapsed) for (const c of members) rows.push({ kind: 'container', container: c, inGroup: true });
  }
  return rows;
}

/** The address a published port opens in the browser. */
export function portUrl(p: { hostPort?: number; hostIp?: string; protocol: string }): string | undefined {
  if (!p.hostPort || p.protocol !== 'tcp') return undefined;
  const host =
    !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::'
      ? 'localhost'
      : p.hostIp.includes(':')
        ? `[${p.hostIp}]`
        : p.hostIp;
  return `http://${host}:${p.hostPort}`;
}

/** "Up 3 minutes" / "Exited (1) 2 hours ago" as the engine says it, with a short state word. */
export function statusText(c: ContainerSummary): string {
  return c.status || c.state;
}
