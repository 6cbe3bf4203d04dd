// The columns of each watched Kubernetes list, one model per resource (as kubectl get shows them):
// the generic panel renders whichever the tab names. Name first, namespace when all are shown, age.
import type { ReactNode } from 'react';
import type { KubeEndpoints, KubeResource, KubeRows } from '../../../../shared/contract/areas/kube';
import { longTextColumn } from '../../components/columns';
import { timeAgo } from '../../components/format';
import type { Column } from '../../components/ObjectTable';

type Row<R extends KubeResource> = KubeRows[R];

export interface ColumnContext {
  now: number;
  allNamespaces: boolean;
  /** Endpoints by namespace/name (the services list joins them). */
  endpoints?: Map<string, KubeEndpoints>;
}

const none = <span className="muted">—</span>;
const text = (s: string): ReactNode => s || none;
export const age = (iso: string, now: number): string => (iso ? timeAgo(Date.parse(iso) / 1000, now) : '—');
const since = (iso: string, now: number): string => (iso ? age(iso, now) : 'never');

/** "Kind/name" with the kind for the tooltip and screen readers, the name on screen. */
function kindName(ref: string): ReactNode {
  if (!ref) return none;
  const [kind, ...rest] = ref.split('/');
  return (
    <span title={ref}>
      <span className="visually-hidden">{kind} </span>
      {rest.join('/')}
    </span>
  );
}

function ratio(have: number, want: number): ReactNode {
  return (
    <span className={have < want ? 'kube-short' : undefined}>
      {have}/{want}
    </span>
  );
}

function duration(s: number): string {
  if (s < 0) return '—';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

function list(items: string[], max = 2): ReactNode {
  if (!items.length) return none;
  const shown = items.slice(0, max).join(', ');
  return <span title={items.join(', ')}>{items.length > max ? `${shown} +${items.length - max}` : shown}</span>;
}

function nameColumn<T extends { name: string }>(): Column<T> {
  return longTextColumn('Name', (r) => r.name);
}
function nsColumn<T extends { namespace: string }>(): Column<T> {
  return { label: 'Namespace', value: (r) => r.namespace, render: (r) => r.namespace, priority: 2 };
}
function ageColumn<T extends { created: string }>(now: number): Column<T> {
  return {
    label: 'Age',
    value: (r) => -Date.parse(r.created || '0'),
    className: 'nowrap',
    render: (r) => age(r.created, now),
  };
}

/** A status word as a badge coloured by its class, `kube-phase <prefix><the word in lower case>`. */
function statusColumn<T>(status: (row: T) => string, prefix: string): Column<T> {
  return {
    label: 'Status',
    value: status,
    render: (r) => <span className={`kube-phase ${prefix}${status(r).toLowerCase()}`}>{status(r)}</span>,
  };
}

type Models = { [R in KubeResource]: (c: ColumnContext) => Column<Row<R>>[] };

const models: Models = {
  pods: ({ now }) => [
    statusColumn((p) => p.phase, 'kube-phase-'),
    {
      label: 'Ready',
      value: (p) => p.readyContainers,
      className: 'nowrap',
      render: (p) => `${p.readyContainers}/${p.containers.length}`,
    },
    { label: 'Restarts', value: (p) => p.restarts, render: (p) => p.restarts },
    { label: 'Node', value: (p) => p.node, priority: 3, className: 'nowrap', render: (p) => text(p.node) },
    {
      label: 'IP',
      value: (p) => p.ip,
      priority: 3,
      render: (p) => (p.ip ? <span className="mono small">{p.ip}</span> : none),
    },
    ageColumn(now),
    { label: 'Owned by', value: (p) => p.owner, priority: 2, className: 'nowrap', render: (p) => kindName(p.owner) },
  ],
  deployments: ({ now }) => [
    { label: 'Ready', value: (d) => d.ready, className: 'nowrap', render: (d) => ratio(d.ready, d.desired) },
    { label: 'Up to date', value: (d) => d.upToDate, render: (d) => d.upToDate },
    { label: 'Available', value: (d) => d.available, priority: 2, render: (d) => d.available },
    ageColumn(now),
  ],
  statefulsets: ({ now }) => [
    { label: 'Ready', value: (s) => s.ready, className: 'nowrap', render: (s) => ratio(s.ready, s.desired) },
    { label: 'Up to date', value: (s) => s.upToDate, priority: 2, render: (s) => s.upToDate },
    { label: 'Service', value: (s) => s.service, priority: 3, render: (s) => text(s.service) },
    { label: 'Volume claims', value: (s) => s.claims.join(','), priority: 3, render: (s) => list(s.claims) },
    ageColumn(now),
  ],
  daemonsets: ({ now }) => [
    { label: 'Desired', value: (d) => d.desired, render: (d) => d.desired },
    { label: 'Ready', value: (d) => d.ready, className: 'nowrap', render: (d) => ratio(d.ready, d.desired) },
    { label: 'Up to date', value: (d) => d.upToDate, priority: 2, render: (d) => d.upToDate },
    { label: 'Available', value: (d) => d.available, priority: 2, render: (d) => d.available },
    {
      label: 'Node selector',
      value: (d) => d.nodeSelector,
      priority: 3,
      render: (d) => (d.nodeSelector ? <span className="mono small">{d.nodeSelector}</span> : 'every node'),
    },
    ageColumn(now),
  ],
  replicasets: ({ now }) => [
    { label: 'Desired', value: (r) => r.desired, render: (r) => r.desired },
    { label: 'Current', value: (r) => r.current, render: (r) => r.current },
    { label: 'Ready', value: (r) => r.ready, className: 'nowrap', render: (r) => ratio(r.ready, r.desired) },
    ageColumn(now),
    { label: 'Owned by', value: (r) => r.owner, priority: 2, className: 'nowrap', render: (r) => kindName(r.owner) },
  ],
  jobs: ({ now }) => [
    statusColumn((j) => j.status, 'kube-job-'),
    {
      label: 'Completions',
      value: (j) => j.succeeded,
      className: 'nowrap',
      render: (j) => ratio(j.succeeded, j.completions),
    },
    { label: 'Failed', value: (j) => j.failed, priority: 2, render: (j) => j.failed },
    {
      label: 'Duration',
      value: (j) => j.durationSeconds,
      className: 'nowrap',
      render: (j) => duration(j.durationSeconds),
    },
    ageColumn(now),
    { label: 'Owned by', value: (j) => j.owner, priority: 2, className: 'nowrap', render: (j) => kindName(j.owner) },
  ],
  cronjobs: ({ now }) => [
    {
      label: 'Schedule',
      value: (c) => c.schedule,
      className: 'nowrap',
      render: (c) => <span className="mono small">{c.schedule}</span>,
    },
    {
      label: 'State',
      value: (c) => (c.suspend ? 1 : 0),
      render: (c) => (c.suspend ? <span className="kube-short">Suspended</span> : 'Scheduled'),
    },
    { label: 'Active', value: (c) => c.active, priority: 2, render: (c) => c.active },
    {
      label: 'Last run',
      value: (c) => -Date.parse(c.lastSchedule || '0'),
      className: 'nowrap',
      render: (c) => since(c.lastSchedule, now),
    },
    ageColumn(now),
  ],
  services: ({ now, endpoints }) => [
    { label: 'Type', value: (s) => s.type, render: (s) => s.type },
    {
      label: 'Cluster IP',
      value: (s) => s.clusterIP,
      render: (s) => (s.clusterIP ? <span className="mono small">{s.clusterIP}</span> : none),
    },
    { label: 'External', value: (s) => s.externalIP, priority: 3, render: (s) => text(s.externalIP) },
    { label: 'Ports', value: (s) => s.ports.join(','), className: 'nowrap', render: (s) => list(s.ports) },
    {
      label: 'Endpoints',
      value: (s) => endpoints?.get(`${s.namespace}/${s.name}`)?.ready.length ?? -1,
      priority: 2,
      render: (s) => {
        const e = endpoints?.get(`${s.namespace}/${s.name}`);
        if (!e) return s.type === 'ExternalName' ? none : <span className="muted">none</span>;
        return (
          <span title={e.ready.join(', ')}>
            {e.ready.length} ready{e.notReady ? `, ${e.notReady} not ready` : ''}
          </span>
        );
      },
    },
    ageColumn(now),
  ],
  endpoints: ({ now }) => [
    { label: 'Ready', value: (e) => e.ready.length, render: (e) => list(e.ready, 3) },
    { label: 'Not ready', value: (e) => e.notReady, render: (e) => e.notReady },
    ageColumn(now),
  ],
  horizontalpodautoscalers: ({ now }) => [
    { label: 'Scales', value: (h) => h.target, className: 'nowrap', render: (h) => kindName(h.target) },
    { label: 'Metrics (now/target)', value: (h) => h.metrics.join(','), render: (h) => list(h.metrics) },
    { label: 'Min', value: (h) => h.min, priority: 2, render: (h) => h.min },
    { label: 'Max', value: (h) => h.max, priority: 2, render: (h) => h.max },
    {
      label: 'Replicas',
      value: (h) => h.current,
      className: 'nowrap',
      // While it scales, where it is going too: "3 → 5".
      render: (h) => (h.desired !== h.current && h.desired > 0 ? `${h.current} → ${h.desired}` : h.current),
    },
    ageColumn(now),
  ],
  events: ({ now }) => [
    {
      label: 'Last seen',
      value: (e) => -Date.parse(e.last || '0'),
      className: 'nowrap',
      render: (e) => age(e.last, now),
    },
    {
      label: 'Type',
      value: (e) => e.type,
      render: (e) => <span className={e.type === 'Warning' ? 'kube-short' : undefined}>{e.type}</span>,
    },
    { label: 'Reason', value: (e) => e.reason, render: (e) => e.reason },
    { label: 'Object', value: (e) => e.object, className: 'nowrap', render: (e) => kindName(e.object) },
    longTextColumn('Message', (e) => e.message, {
      after: (e) => (e.count > 1 ? <span className="muted"> ×{e.count}</span> : null),
    }),
  ],
};

/** The columns of a resource's table. Events are named by their message, the rest by their name. */
export function columnsOf<R extends KubeResource>(resource: R, c: ColumnContext): Column<Row<R>>[] {
  const own = (models[resource] as (c: ColumnContext) => Column<Row<R>>[])(c);
  if (resource === 'events') return [...own, ...(c.allNamespaces ? [nsColumn<Row<R>>()] : [])];
  return [nameColumn<Row<R>>(), ...(c.allNamespaces ? [nsColumn<Row<R>>()] : []), ...own];
}
