// Images on this engine: search, filter by use, sizes, and Run from an image.
import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { EngineGate } from '../../components/EngineGate';
import { formatBytes, shortId, timeAgo } from '../../components/format';
import { ObjectTable } from '../../components/ObjectTable';
import { RunDialog } from '../containers/RunDialog';

type Filter = 'all' | 'in-use' | 'unused' | 'dangling';

const refOf = (i: ImageSummary) => i.tags[0] ?? `<none> (${shortId(i.id)})`;

export function ImagesPage() {
  const status = useEngineStatus();
  const list = useRequest('images.list', undefined, { enabled: engineReady(status) });
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [runImage, setRunImage] = useState<string>();
  const images = useMemo(() => list.data ?? [], [list.data]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return images.filter(
      (i) =>
        (filter === 'all' || (filter === 'in-use' ? i.inUse : filter === 'unused' ? !i.inUse : i.dangling)) &&
        (!q || i.tags.some((t) => t.toLowerCase().includes(q)) || i.id.includes(q)),
    );
  }, [images, search, filter]);
  const total = images.reduce((n, i) => n + i.size, 0);
  return (
    <section aria-labelledby="images-title" className="list-page">
      <div className="page-head">
        <h1 id="images-title">Images</h1>
        <span className="muted">{list.data ? `${images.length} images · ${formatBytes(total)} on disk` : ''}</span>
      </div>
      <div className="toolbar" role="toolbar" aria-label="Image list tools">
        <input type="search" aria-label="Search images" placeholder="Search by reference or id" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="inline">
          Show
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="all">all images</option>
            <option value="in-use">in use</option>
            <option value="unused">unused</option>
            <option value="dangling">dangling</option>
          </select>
        </label>
      </div>
      <EngineGate query={list} what="images">
        {images.length === 0 ? (
          <div className="empty">
            <h2>No images yet</h2>
            <p>Images you pull, build or load appear here.</p>
          </div>
        ) : (
          <ObjectTable
            label="Images"
            rows={rows}
            rowKey={(i) => i.id}
            rowName={refOf}
            columns={[
              { label: 'Image', value: refOf, render: (i) => <span className={i.dangling ? 'muted' : ''}>{refOf(i)}</span> },
              { label: 'ID', value: (i) => i.id, render: (i) => <span className="mono small">{shortId(i.id)}</span> },
              { label: 'Size', value: (i) => i.size, render: (i) => formatBytes(i.size), className: 'num' },
              { label: 'Created', value: (i) => i.created, render: (i) => <span className="muted">{timeAgo(i.created)}</span> },
              {
                label: 'In use',
                value: (i) => i.containers.length,
                render: (i) => (i.inUse ? <span title={i.containers.join(', ')}>by {i.containers.length} container{i.containers.length === 1 ? '' : 's'}</span> : <span className="muted">unused</span>),
              },
            ]}
            actions={(i) => (
              <button type="button" className="small" aria-label="Run" disabled={!i.tags[0]} onClick={() => setRunImage(i.tags[0])}>
                Run
              </button>
            )}
          />
        )}
      </EngineGate>
      {runImage && <RunDialog image={runImage} onClose={() => setRunImage(undefined)} />}
    </section>
  );
}
