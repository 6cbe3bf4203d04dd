import { useCallback, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { href, navigate } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { lazyComponent } from '../../components/lazy';
import { EmptyList, ListPage, ListToolbar } from '../../components/ListPage';
import { ContainerTable } from './ContainerTable';
import { buildRows, type SortKey } from './list-model';
import { useListStats } from './list-stats';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { RunDialog } from './RunDialog';
import { useContainerAction } from './use-container-action';

// A container's page (logs, terminal with xterm, stats …) is fetched when first opened: the list,
// which a start paints, does not wait for it.
const ContainerDetail = lazyComponent(() => import('./ContainerDetail').then((m) => m.ContainerDetail));

export function ContainersPage({ rest }: { rest: string[] }) {
  const [first, tab] = rest;
  if (first && first !== 'new') return <ContainerDetail id={first} tab={tab} />;
  return (
    <>
      <ContainerList />
      {first === 'new' && <RunDialog onClose={() => navigate(href('containers'))} />}
    </>
  );
}

function ContainerList() {
  const status = useEngineStatus();
  const list = useRequest('containers.list', { all: true }, { enabled: engineReady(status) });
  const [search, setSearch] = useState('');
  const [runningOnly, setRunningOnly] = useState(false);
  const [sort, setSort] = useState<SortKey>('name');
  const [descending, setDescending] = useState(false);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [visibleIds, setVisibleIds] = useState<string[]>([]);
  const [removing, setRemoving] = useState<ContainerSummary[] | null>(null);
  const stats = useListStats(visibleIds);
  const onVisibleChange = useCallback(
    (ids: string[]) => setVisibleIds((prev) => (prev.join() === ids.join() ? prev : ids)),
    [],
  );
  const act = useContainerAction();
  const containers = useMemo(() => list.data ?? [], [list.data]);
  const rows = useMemo(
    () =>
      buildRows(
        containers,
        { search, runningOnly, sort, descending, collapsed },
        sort === 'cpu' || sort === 'memory' ? stats : undefined,
      ),
    [containers, search, runningOnly, sort, descending, collapsed, stats],
  );
  const chosen = containers.filter((c) => selected.has(c.id));
  const running = containers.filter((c) => c.state === 'running').length;
  // The page passes no `ready`: the run form can be opened (and filled in) before the engine is up.
  const runButton = { label: 'Run a container', primary: true, onClick: () => navigate('#/containers/new') };

  const onSort = (key: SortKey) => {
    if (key === sort) setDescending(!descending);
    else {
      setSort(key);
      setDescending(key === 'cpu' || key === 'memory' || key === 'created');
    }
  };
  // Stable callbacks: the rows are memoised, and re-render only when their container changes.
  const onSelect = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );
  const onRemove = useCallback((c: ContainerSummary) => setRemoving([c]), []);

  return (
    <ListPage
      id="containers"
      title="Containers"
      summary={list.data ? `${running} running · ${containers.length} in all` : ''}
      buttons={runButton}
    >
      <ListToolbar
        label="Container list tools"
        search={{
          label: 'Search containers',
          placeholder: 'Search by name, image or id',
          value: search,
          onChange: setSearch,
        }}
      >
        <label className="inline">
          <input type="checkbox" checked={runningOnly} onChange={(e) => setRunningOnly(e.target.checked)} /> Only
          running
        </label>
        <span className="spacer" />
        {chosen.length > 0 && (
          <div className="bulk" role="group" aria-label={`${chosen.length} selected`}>
            <span className="muted">{chosen.length} selected</span>
            <button type="button" onClick={() => void act.bulk('containers.start', chosen)}>
              Start selected
            </button>
            <button type="button" onClick={() => void act.bulk('containers.stop', chosen)}>
              Stop selected
            </button>
            <button type="button" onClick={() => void act.bulk('containers.restart', chosen)}>
              Restart selected
            </button>
            <button type="button" className="danger" onClick={() => setRemoving(chosen)}>
              Remove selected
            </button>
          </div>
        )}
      </ListToolbar>
      <EngineGate query={list} what="containers">
        {containers.length === 0 ? (
          <EmptyList title="No containers yet" action={runButton}>
            Run your first container from a local image.
          </EmptyList>
        ) : rows.length === 0 ? (
          <p className="empty muted">No container matches “{search}”.</p>
        ) : (
          <ContainerTable
            rows={rows}
            stats={stats}
            selected={selected}
            onSelect={onSelect}
            sort={sort}
            descending={descending}
            onSort={onSort}
            onToggleGroup={(p) =>
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (next.has(p)) next.delete(p);
                else next.add(p);
                return next;
              })
            }
            onGroupAction={(targets, verb) => void act.bulk(verb, targets)}
            onRemove={onRemove}
            onVisibleChange={onVisibleChange}
          />
        )}
      </EngineGate>
      {removing && (
        <RemoveContainersDialog
          containers={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(ids) => {
            onSelect(ids, false);
            setRemoving(null);
          }}
        />
      )}
    </ListPage>
  );
}
