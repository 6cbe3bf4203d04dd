// The containers table: it scrolls in its own box under sticky headers, and only the rows in view
// (plus a few) are in the DOM. Columns give way by priority as the box narrows (Created, then Image,
// Ports, CPU and memory; see app.css), the row's main actions always stay. Compose groups,
// selection, sortable columns; rows are named by the container they show.
import { memo, useEffect } from 'react';
import type { ContainerSummary, StatsSample } from '../../../../shared/contract';
import { formatBytes, formatPercent, timeAgo } from '../../components/format';
import { PortList } from '../../components/PortList';
import { ActionsHeading, SortableHeading, VirtualBody } from '../../components/table-parts';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { href } from '../../app/router';
import { ContainerStatus } from './ContainerStatus';
import { groupTargets, imageText, type Row, type SortKey } from './list-model';
import { RowActions } from './RowActions';

export const ROW_HEIGHT = 48;

const columns: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'name', label: 'Name', className: 'col-name' },
  { key: 'image', label: 'Image', className: 'col-image' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: null, label: 'Ports', className: 'col-ports' },
  { key: 'cpu', label: 'CPU', className: 'col-cpu num' },
  { key: 'memory', label: 'Memory', className: 'col-mem num' },
  { key: 'created', label: 'Created', className: 'col-created' },
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
  onGroupAction(containers: ContainerSummary[], verb: 'containers.start' | 'containers.stop'): void;
  onRemove(c: ContainerSummary): void;
  /** The running containers whose rows are on screen (not the overscan): only they are sampled. */
  onVisibleChange(ids: string[]): void;
}

export function ContainerTable(p: TableProps) {
  const { scroller, virtualizer, view } = useVirtualRows(p.rows, ROW_HEIGHT, 6);
  const range = virtualizer.range;
  const onScreen = range
    ? p.rows
        .slice(range.startIndex, range.endIndex + 1)
        .filter(
          (r): r is Extract<Row, { kind: 'container' }> => r.kind === 'container' && r.container.state === 'running',
        )
        .map((r) => r.container.id)
        .join(',')
    : '';
  const { onVisibleChange } = p;
  useEffect(() => onVisibleChange(onScreen ? onScreen.split(',') : []), [onScreen, onVisibleChange]);
  const allIds = p.rows.flatMap((r) => (r.kind === 'container' ? [r.container.id] : []));
  const allSelected = allIds.length > 0 && allIds.every((id) => p.selected.has(id));

  return (
    <div className="table-scroll" ref={scroller}>
      <table className="data-table fixed" aria-label="Containers" aria-rowcount={p.rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th className="col-check">
              <input
                type="checkbox"
                aria-label="Select all containers"
                checked={allSelected}
                onChange={(e) => p.onSelect(allIds, e.target.checked)}
              />
            </th>
            {columns.map((c) => (
              <SortableHeading
                key={c.label}
                label={c.label}
                className={c.className}
                sort={c.key === p.sort ? (p.descending ? 'descending' : 'ascending') : undefined}
                onSort={c.key ? () => p.onSort(c.key!) : undefined}
              />
            ))}
            <ActionsHeading className="col-actions" />
          </tr>
        </thead>
        <VirtualBody
          view={view}
          row={(row, index) => {
            if (row.kind === 'group')
              return (
                <GroupRow
                  key={`g-${row.project}`}
                  row={row}
                  index={index}
                  onToggleGroup={p.onToggleGroup}
                  onGroupAction={p.onGroupAction}
                />
              );
            return (
              <ContainerRow
                key={row.container.id}
                container={row.container}
                inGroup={row.inGroup}
                index={index}
                sample={p.stats.get(row.container.id)}
                selected={p.selected.has(row.container.id)}
                onSelect={p.onSelect}
                onRemove={p.onRemove}
              />
            );
          }}
        />
      </table>
    </div>
  );
}

function GroupRow({
  row,
  index,
  onToggleGroup,
  onGroupAction,
}: {
  row: Extract<Row, { kind: 'group' }>;
  index: number;
} & Pick<TableProps, 'onToggleGroup' | 'onGroupAction'>) {
  const toStart = groupTargets(row, 'containers.start');
  const toStop = groupTargets(row, 'containers.stop');
  const hidden = row.total - row.containers.length;
  const scope = hidden > 0 ? ` (${row.containers.length} shown, ${hidden} hidden by the search or filter)` : '';
  const groupButton = (verb: 'containers.start' | 'containers.stop', targets: ContainerSummary[], word: string) => (
    <button
      type="button"
      className="small"
      disabled={targets.length === 0}
      aria-label={`${word} ${targets.length} container${targets.length === 1 ? '' : 's'} of ${row.project}`}
      title={`${word} the ${targets.length} shown container${targets.length === 1 ? '' : 's'} of ${row.project} that ${verb === 'containers.stop' ? 'run' : 'are stopped'}${scope}`}
      onClick={() => onGroupAction(targets, verb)}
    >
      {word}{' '}
      {targets.length === 0 || (hidden === 0 && targets.length === row.containers.length) ? 'all' : targets.length}
    </button>
  );
  return (
    <tr className="group-row" aria-label={`Compose project ${row.project}`} aria-rowindex={index + 2}>
      <td className="col-check" />
      <td className="col-name">
        <button
          type="button"
          className="group-toggle"
          aria-expanded={!row.collapsed}
          title={row.project}
          onClick={() => onToggleGroup(row.project)}
        >
          <span aria-hidden="true">{row.collapsed ? '▸' : '▾'}</span> {row.project}
        </button>
      </td>
      <td className="col-image">
        <a className="small" href={href('compose', row.project)}>
          Open project
        </a>
      </td>
      <td className="col-status muted small">
        {row.running} of {row.containers.length} running{hidden > 0 ? ` · ${hidden} hidden` : ''}
      </td>
      <td className="col-ports" />
      <td className="col-cpu" />
      <td className="col-mem" />
      <td className="col-created" />
      <td className="col-actions">
        <div className="row-actions" role="group" aria-label={`Actions for project ${row.project}`}>
          {groupButton('containers.start', toStart, 'Start')}
          {groupButton('containers.stop', toStop, 'Stop')}
        </div>
      </td>
    </tr>
  );
}

const ContainerRow = memo(function ContainerRow({
  container: c,
  inGroup,
  index,
  sample: stats,
  selected,
  onSelect,
  onRemove,
}: {
  container: ContainerSummary;
  inGroup: boolean;
  index: number;
  sample: StatsSample | undefined;
  selected: boolean;
  onSelect: TableProps['onSelect'];
  onRemove: TableProps['onRemove'];
}) {
  const image = imageText(c.image);
  return (
    <tr
      aria-label={c.name}
      aria-rowindex={index + 2}
      className={`${selected ? 'selected' : ''}${inGroup ? ' in-group' : ''}`}
    >
      <td className="col-check">
        <input
          type="checkbox"
          aria-label={`Select ${c.name}`}
          checked={selected}
          onChange={(e) => onSelect([c.id], e.target.checked)}
        />
      </td>
      <td className="col-name name-cell">
        <a href={href('containers', c.id)} title={c.name} className="ellipsis">
          {c.name}
        </a>
        <div className="muted small ellipsis">
          <span className="mono">{c.id.slice(0, 12)}</span>
          <span className="image-line" title={c.image}>
            {' '}
            · {image}
          </span>
        </div>
      </td>
      <td className="col-image">
        <span className="ellipsis" title={c.image}>
          {image}
        </span>
      </td>
      <td className="col-status">
        <ContainerStatus c={c} />
      </td>
      <td className="col-ports">
        <PortList ports={c.ports} max={1} owner={c.name} />
      </td>
      <td className="col-cpu num">{c.state === 'running' ? formatPercent(stats?.cpuPercent) : '—'}</td>
      <td className="col-mem num">{c.state === 'running' ? formatBytes(stats?.memUsage) : '—'}</td>
      <td className="col-created muted">{timeAgo(c.created)}</td>
      <td className="col-actions">
        <RowActions container={c} onRemove={() => onRemove(c)} />
      </td>
    </tr>
  );
});
