// Volumes: which exist, their driver, which containers use them, sizes on demand; create, remove,
// prune with a preview, inspect, browse the files inside (and upload into it); export, import,
// clone and empty.
import { useMemo, useState } from 'react';
import type { VolumeSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { href, navigate } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { countOf } from '../../components/count';
import { bytesColumn, fieldColumn, longTextColumn, namesColumn } from '../../components/columns';
import { EmptyList, ListPage, ListToolbar } from '../../components/ListPage';
import { ObjectTable } from '../../components/ObjectTable';
import { BrowseVolumeDialog } from './BrowseVolume';
import { CreateVolumeDialog, InspectVolumeDialog, PruneVolumesDialog, RemoveVolumeDialog } from './VolumeDialogs';
import { CloneVolumeDialog, EmptyVolumeDialog, ExportVolumeDialog, ImportVolumeDialog } from './VolumeMoveDialogs';
import '../../components/kit.css';
import { RowButtons } from '../../components/RowButtons';

type Open =
  | { kind: 'create' | 'prune' | 'import' }
  | { kind: 'remove' | 'inspect' | 'browse' | 'export' | 'clone' | 'empty'; volume: VolumeSummary };

/** `#/volumes/<name>` opens that volume's Inspect (the command palette links there). */
export function VolumesPage({ rest = [] }: { rest?: string[] }) {
  const status = useEngineStatus();
  const ready = engineReady(status);
  const list = useRequest('volumes.list', undefined, { enabled: ready });
  const [showSizes, setShowSizes] = useState(false);
  const sizes = useRequest('volumes.sizes', undefined, { enabled: ready && showSizes });
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<'all' | 'in-use' | 'unused'>('all');
  const [open, setOpen] = useState<Open>();
  const volumes = useMemo(() => list.data ?? [], [list.data]);
  const rows = volumes.filter(
    (v) =>
      (filter === 'all' || (filter === 'in-use') === v.inUse) &&
      v.name.toLowerCase().includes(search.trim().toLowerCase()),
  );
  const close = () => setOpen(undefined);
  const sizeOf = (v: VolumeSummary) => sizes.data?.[v.name];
  return (
    <ListPage
      id="volumes"
      title="Volumes"
      summary={list.data && `${countOf(volumes.length, 'volume')} · ${volumes.filter((v) => v.inUse).length} in use`}
      buttons={[
        { label: 'Create', primary: true, onClick: () => setOpen({ kind: 'create' }) },
        { label: 'Import', onClick: () => setOpen({ kind: 'import' }) },
        { label: 'Prune', onClick: () => setOpen({ kind: 'prune' }) },
      ]}
      ready={ready}
    >
      <ListToolbar
        label="Volume list tools"
        search={{ label: 'Search volumes', placeholder: 'Search by name', value: search, onChange: setSearch }}
        filter={{
          value: filter,
          choices: [
            ['all', 'all volumes'],
            ['in-use', 'in use'],
            ['unused', 'unused'],
          ],
          onChange: setFilter,
        }}
      >
        <button
          type="button"
          className="small"
          disabled={!ready || sizes.isFetching}
          onClick={() => (showSizes ? void sizes.refetch() : setShowSizes(true))}
        >
          {sizes.isFetching ? 'Measuring…' : showSizes ? 'Measure sizes again' : 'Show sizes'}
        </button>
        {sizes.error && <span className="error-text small">{sizes.error.message}</span>}
      </ListToolbar>
      <EngineGate query={list} what="volumes">
        {volumes.length === 0 ? (
          <EmptyList title="No volumes yet">
            Volumes keep data beyond a container's life. Create one, or mount one when you run a container.
          </EmptyList>
        ) : (
          <ObjectTable<VolumeSummary>
            label="Volumes"
            rows={rows}
            rowName={(v) => v.name}
            columns={[
              longTextColumn('Name', (v) => v.name, { mono: true }),
              fieldColumn('Driver', (v) => v.driver, { priority: 3 }),
              namesColumn('Used by', (v) => v.containers, 'unused'),
              {
                label: 'Created',
                value: (v) => v.created ?? '',
                className: 'nowrap',
                priority: 2,
                render: (v) => <span className="muted">{v.created ? new Date(v.created).toLocaleString() : '—'}</span>,
              },
              ...(showSizes ? [bytesColumn('Size', sizeOf)] : []),
            ]}
            actions={(v) => (
              <RowButtons
                owner={v.name}
                buttons={[
                  { label: 'Browse', onClick: () => setOpen({ kind: 'browse', volume: v }) },
                  { label: 'Export', onClick: () => setOpen({ kind: 'export', volume: v }), secondary: true },
                  { label: 'Clone', onClick: () => setOpen({ kind: 'clone', volume: v }), secondary: true },
                  {
                    label: 'Empty',
                    onClick: () => setOpen({ kind: 'empty', volume: v }),
                    danger: true,
                    secondary: true,
                  },
                  { label: 'Inspect', onClick: () => setOpen({ kind: 'inspect', volume: v }), secondary: true },
                  { label: 'Remove', onClick: () => setOpen({ kind: 'remove', volume: v }), danger: true },
                ]}
              />
            )}
          />
        )}
      </EngineGate>
      {open?.kind === 'create' && <CreateVolumeDialog onClose={close} />}
      {open?.kind === 'prune' && <PruneVolumesDialog onClose={close} />}
      {open?.kind === 'remove' && <RemoveVolumeDialog volume={open.volume} onClose={close} />}
      {open?.kind === 'inspect' && <InspectVolumeDialog name={open.volume.name} onClose={close} />}
      {rest[0] && !open && <InspectVolumeDialog name={rest[0]} onClose={() => navigate(href('volumes'))} />}
      {open?.kind === 'browse' && <BrowseVolumeDialog name={open.volume.name} onClose={close} />}
      {open?.kind === 'import' && <ImportVolumeDialog onClose={close} />}
      {open?.kind === 'export' && <ExportVolumeDialog name={open.volume.name} onClose={close} />}
      {open?.kind === 'clone' && <CloneVolumeDialog name={open.volume.name} onClose={close} />}
      {open?.kind === 'empty' && <EmptyVolumeDialog volume={open.volume} onClose={close} />}
    </ListPage>
  );
}
