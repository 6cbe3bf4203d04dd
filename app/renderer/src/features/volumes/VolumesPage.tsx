// Volumes: which exist, their driver, and which containers use them.
import { useMemo, useState } from 'react';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { EngineGate } from '../../components/EngineGate';
import { ObjectTable } from '../../components/ObjectTable';

export function VolumesPage() {
  const status = useEngineStatus();
  const list = useRequest('volumes.list', undefined, { enabled: engineReady(status) });
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<'all' | 'in-use' | 'unused'>('all');
  const volumes = useMemo(() => list.data ?? [], [list.data]);
  const rows = volumes.filter(
    (v) => (filter === 'all' || (filter === 'in-use') === v.inUse) && v.name.toLowerCase().includes(search.trim().toLowerCase()),
  );
  return (
    <section aria-labelledby="volumes-title" className="list-page">
      <div className="page-head">
        <h1 id="volumes-title">Volumes</h1>
        <span className="muted">{list.data ? `${volumes.length} volumes · ${volumes.filter((v) => v.inUse).length} in use` : ''}</span>
      </div>
      <div className="toolbar" role="toolbar" aria-label="Volume list tools">
        <input type="search" aria-label="Search volumes" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="inline">
          Show
          <select value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
            <option value="all">all volumes</option>
            <option value="in-use">in use</option>
            <option value="unused">unused</option>
          </select>
        </label>
      </div>
      <EngineGate query={list} what="volumes">
        {volumes.length === 0 ? (
          <div className="empty">
            <h2>No volumes yet</h2>
            <p>Volumes keep data beyond a container's life. Mount one when you run a container and it appears here.</p>
          </div>
        ) : (
          <ObjectTable
            label="Volumes"
            rows={rows}
            rowKey={(v) => v.name}
            rowName={(v) => v.name}
            columns={[
              { label: 'Name', value: (v) => v.name, render: (v) => <span className="truncate mono small">{v.name}</span> },
              { label: 'Driver', value: (v) => v.driver, render: (v) => v.driver },
              {
                label: 'Used by',
                value: (v) => v.containers.length,
                render: (v) => (v.inUse ? v.containers.join(', ') : <span className="muted">unused</span>),
              },
              { label: 'Created', value: (v) => v.created ?? '', render: (v) => <span className="muted">{v.created ? new Date(v.created).toLocaleString() : '—'}</span> },
            ]}
          />
        )}
      </EngineGate>
    </section>
  );
}
