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
  | {
      kind: 'group';
      project: string;
      /** The project's containers that the search and filter show. */
      containers: ContainerSummary[];
      /** All of the project's containers, shown or not. */
      total: number;
      running: number;
      collapsed: boolean;
    }
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
  const totals = new Map<string, number>();
  for (const c of all) if (c.compose) totals.set(c.compose.project, (totals.get(c.compose.project) ?? 0) + 1);
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
      total: totals.get(u.project) ?? members.length,
      running: members.filter((c) => c.state === 'running').length,
      collapsed,
    });
    if (!collapsed) for (const c of members) rows.push({ kind: 'container', container: c, inGroup: true });
  }
  return rows;
}

/** A short fact beside the state: health, restarts, OOM kill, the engine's error. */
export interface Badge {
  text: string;
  tone: 'ok' | 'warn' | 'danger';
  /** The full story, for the tooltip. */
  title: string;
}

const signals: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 15: 'SIGTERM' };

/** Why it stopped, in words; undefined while it runs or when it exited with 0. */
export function exitReason(c: ContainerSummary): string | undefined {
  if (c.state !== 'exited' && c.state !== 'dead' && c.state !== 'restarting') return undefined;
  if (c.oomKilled) return 'killed for want of memory (OOM)';
  if (c.error) return c.error;
  const code = c.exitCode;
  if (code === undefined || code === 0) return undefined;
  if (code > 128 && code < 160) return `killed by ${signals[code - 128] ?? `signal ${code - 128}`} (exit ${code})`;
  return `exit code ${code}`;
}

export function badges(c: ContainerSummary): Badge[] {
  const out: Badge[] = [];
  if (c.health === 'healthy') out.push({ text: 'healthy', tone: 'ok', title: 'Its health check passes.' });
  if (c.health === 'unhealthy') out.push({ text: 'unhealthy', tone: 'danger', title: 'Its health check fails.' });
  if (c.health === 'starting')
    out.push({ text: 'starting', tone: 'warn', title: 'Its health check has not passed yet.' });
  if (c.oomKilled && c.state !== 'running')
    out.push({ text: 'OOM killed', tone: 'danger', title: 'The kernel killed it: it ran out of memory.' });
  if (c.restartCount)
    out.push({
      text: `${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}`,
      tone: 'warn',
      title: `The engine restarted it ${c.restartCount} time${c.restartCount === 1 ? '' : 's'} by its restart policy.`,
    });
  if (c.error) out.push({ text: 'error', tone: 'danger', title: c.error });
  return out;
}

/** A bare image id (sha256:…) shortened to 12 hex digits; a reference as it is. */
export function imageText(image: string): string {
  const m = /^(?:sha256:)?([0-9a-f]{64})$/.exec(image);
  return m ? `sha256:${m[1]!.slice(0, 12)}` : image;
}

/** The containers of a group row that a group action acts on: only the shown ones, in a state it changes. */
export function groupTargets(
  row: Extract<Row, { kind: 'group' }>,
  verb: 'containers.start' | 'containers.stop',
): ContainerSummary[] {
  return row.containers.filter((c) =>
    verb === 'containers.stop'
      ? c.state === 'running' || c.state === 'paused' || c.state === 'restarting'
      : c.state === 'exited' || c.state === 'created' || c.state === 'dead',
  );
}
