// The containers table: virtualized rows (only what is on screen is in the DOM), compose groups,
// selection, sortable columns. Rows are named by the container they show.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContainerSummary, StatsSample } from '../../../../shared/contract';
import { formatBytes, formatPercent, timeAgo } from '../../components/format';
import { href } from '../../app/router';
import { portUrl, type Row, type SortKey } from './list-model';
import { RowActions } from './RowActions';

const ROW_HEIGHT = 44;

const columns: { key: SortKey | null; label: string; className?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'image', label: 'Image' },
  { key: 'status', label: 'Status' },
  { key: null, label: 'Ports' },
  { key: 'cpu', label: 'CPU', className: 'num' },
  { key: 'memory', label: 'Memory', className: 'num' },
  { key: 'created', label: 'Created' },
];

export interface TableProps {
  rows: Row[];
  stats: ReadonlyMap<string, StatsSample>;
  selected: ReadonlySet<string>;
  onSelect(ids: string[], on: boolean): void;
  sort: SortKey;
  descending: boolean;
  onSort(key: SortKey): void;
  onToggleGroup(project: string): void;
  onGroupAction(project: string, verb: 'containers.start' | 'containers.stop' | 'containers.restart'): void;
  onRemove(c: ContainerSummary): void;
  onVisibleChange(ids: string[]): void;
}

export function ContainerTable(p: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  // Tell the page which running containers are on screen, so only those are sampled for CPU and memory.
  const visibleRunning = items
    .map((i) => p.rows[i.index])
    .filter((r): r is Extract<Row, { kind: 'container' }> => r?.kind === 'container' && r.container.state === 'running')
    .map((r) => r.container.id)
    .join(',');
  const { onVisibleChange } = p;
  useEffect(() => onVisibleChange(visibleRunning ? visibleRunning.split(',') : []), [visibleRunning, onVisibleChange]);
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const allIds = p.rows.flatMap((r) => (r.kind === 'container' ? [r.container.id] : []));
  const allSelected = allIds.length > 0 && allIds.every((id) => p.selected.has(id));

  return (
    <div className="table-scroll" ref={scroller}>
      <table className="data-table" aria-label="Containers" aria-rowcount={p.rows.length + 1}>
        <thead>
          <tr>
            <th className="check">
              <input
                type="checkbox"
                aria-label="Select all containers"
                checked={allSelected}
                onChange={(e) => p.onSelect(allIds, e.target.checked)}
              />
            </th>
            {columns.map((c) => (
              <th
                key={c.label}
                className={c.className}
                aria-sort={c.key === p.sort ? (p.descending ? 'descending' : 'ascending') : undefined}
              >
                {c.key ? (
                  <button type="button" className="sort" onClick={() => p.onSort(c.key!)}>
                    {c.label}
                    <span aria-hidden="true">{c.key === p.sort ? (p.descending ? ' ▾' : ' ▴') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && <tr style={{ height: top }} aria-hidden="true" />}
          {items.map((item) => {
            const row = p.rows[item.index]!;
            if (row.kind === 'group') return <GroupRow key={`g-${row.project}`} {...p} row={row} />;
            return <ContainerRow key={row.container.id} {...p} row={row} sample={p.stats.get(row.container.id)} />;
          })}
          {bottom > 0 && <tr style={{ height: bottom }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}

function GroupRow({ row, onToggleGroup, onGroupAction }: { row: Extract<Row, { kind: 'group' }> } & TableProps) {
  return (
    <tr className="group-row" aria-label={`Compose project ${row.project}`}>
      <td />
      <td colSpan={4}>
        <button
          type="button"
          className="group-toggle"
          aria-expanded={!row.collapsed}
          onClick={() => onToggleGroup(row.project)}
        >
          <span aria-hidden="true">{row.collapsed ? '▸' : '▾'}</span> {row.project}
        </button>
        <span className="muted small">
          {' '}
          {row.running} of {row.containers.length} running
        </span>
      </td>
      <td colSpan={3} />
      <td>
        <div className="row-actions" role="group" aria-label={`Actions for project ${row.project}`}>
          <button type="button" className="small" onClick={() => onGroupAction(row.project, 'containers.start')}>
            Start all
          </button>
          <button type="button" className="small" onClick={() => onGroupAction(row.project, 'containers.stop')}>
            Stop all
          </button>
        </div>
      </td>
    </tr>
  );
}

function ContainerRow({
  row,
  sample: stats,
  selected,
  onSelect,
  onRemove,
}: { row: Extract<Row, { kind: 'container' }>; sample: StatsSample | undefined } & TableProps) {
  const c = row.container;
  return (
    <tr aria-label={c.name} className={`${selected.has(c.id) ? 'selected' : ''}${row.inGroup ? ' in-group' : ''}`}>
      <td className="check">
        <input
          type="checkbox"
          aria-label={`Select ${c.name}`}
          checked={selected.has(c.id)}
          onChange={(e) => onSelect([c.id], e.target.checked)}
        />
      </td>
      <td className="name-cell">
        <a href={href('containers', c.id)}>{c.name}</a>
        <div className="muted small mono">{c.id.slice(0, 12)}</div>
      </td>
      <td className="truncate" title={c.image}>
        {c.image}
      </td>
      <td>
        <span className={`state-pill ${c.state}`}>{c.state}</span>
        <div className="muted small">{c.status}</div>
      </td>
      <td className="ports">
        {c.ports
          .filter((pt) => pt.hostPort)
          .slice(0, 3)
          .map((pt) => {
            const url = portUrl(pt);
            const text = `${pt.hostPort}:${pt.containerPort}${pt.protocol === 'tcp' ? '' : `/${pt.protocol}`}`;
            return url ? (
              <a key={text} href={url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${url}`}>
                {text}
              </a>
            ) : (
              <span key={text}>{text}</span>
            );
          })}
      </td>
      <td className="num">{c.state === 'running' ? formatPercent(stats?.cpuPercent) : '—'}</td>
      <td className="num">{c.state === 'running' ? formatBytes(stats?.memUsage) : '—'}</td>
      <td className="muted">{timeAgo(c.created)}</td>
      <td>
        <RowActions container={c} onRemove={() => onRemove(c)} />
      </td>
    </tr>
  );
}
