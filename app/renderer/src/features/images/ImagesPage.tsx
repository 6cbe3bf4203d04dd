// Images on this engine: search, filter by use, sort, total size; pull, build, load and prune;
// per image Run, Inspect, Tag, Push, Save and Remove.
import { useEffect, useMemo, useState } from 'react';
import type { ImagesUsageResult } from '../../../../shared/contract/areas/images';
import type { ImageSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { href, navigate } from '../../app/router';
import { ObjectTable } from '../../components/ObjectTable';
import { bytesColumn } from '../../components/columns';
import { EngineGate } from '../../components/EngineGate';
import { countOf } from '../../components/count';
import { formatBytes, shortId, timeAgo } from '../../components/format';
import { EmptyList, ListPage, ListToolbar } from '../../components/ListPage';
import { RunDialog } from '../containers/RunDialog';
import { LoadImagesDialog, SaveImageDialog } from './ArchiveDialogs';
import { BuildDialog } from './BuildDialog';
import { PushDialog, refOf, RemoveImageDialog, TagDialog } from './ImageDialogs';
import { InspectImageDialog } from './InspectImageDialog';
import { PruneImagesDialog } from './PruneDialog';
import { PullDialog } from './PullDialog';
import './images.css';
import { RowButtons } from '../../components/RowButtons';

type Filter = 'all' | 'in-use' | 'unused' | 'dangling';

type Open =
  | { kind: 'pull' | 'build' | 'load' | 'prune' }
  | { kind: 'run' | 'inspect' | 'tag' | 'push' | 'save' | 'remove'; image: ImageSummary };

/** One row per reference (like `docker images`); the row's reference comes first in `tags`. */
export function imageRows(images: ImageSummary[]): ImageSummary[] {
  return images.flatMap((i) =>
    i.tags.length <= 1 ? [i] : i.tags.map((t) => ({ ...i, tags: [t, ...i.tags.filter((x) => x !== t)] })),
  );
}

export function filterImages(images: ImageSummary[], filter: Filter, search: string): ImageSummary[] {
  const q = search.trim().toLowerCase();
  return imageRows(images).filter(
    (i) =>
      (filter === 'all' || (filter === 'in-use' ? i.inUse : filter === 'unused' ? !i.inUse : i.dangling)) &&
      (!q || (i.tags[0] ?? '').toLowerCase().includes(q) || i.id.replace(/^sha256:/, '').startsWith(q)),
  );
}

/**
 * "4 images · 1.98 MB on disk": shared layers counted once, as docker system df counts them (the sum
 * of the sizes below counts them once per image); intermediate images of classic builds, which the
 * engine counts and docker images hides, are said when there are any.
 */
export function imagesSummary(count: number, usage: ImagesUsageResult | undefined): string {
  if (!usage) return countOf(count, 'image');
  const hidden = usage.intermediate ? ` · ${countOf(usage.intermediate, 'intermediate build image')} not listed` : '';
  return `${countOf(count, 'image')} · ${formatBytes(usage.size)} on disk, shared layers counted once${hidden}`;
}

/** `#/images/<id or reference>` opens that image's Inspect (the command palette links there). */
export function ImagesPage({ rest = [] }: { rest?: string[] }) {
  const status = useEngineStatus();
  const list = useRequest('images.list', undefined, { enabled: engineReady(status) });
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<Open>();
  const images = useMemo(() => list.data ?? [], [list.data]);
  const rows = useMemo(() => filterImages(images, filter, search), [images, search, filter]);
  // On disk, every layer once however many images share it (as docker system df): asked again whenever the list changes.
  const usage = useRequest('images.usage', undefined, { enabled: engineReady(status) && !!list.data });
  const refetchUsage = usage.refetch;
  useEffect(() => {
    if (list.dataUpdatedAt) void refetchUsage();
  }, [list.dataUpdatedAt, refetchUsage]);
  const close = () => setOpen(undefined);
  const ready = engineReady(status);
  const linked = rest[0];
  const linkedImage = linked ? images.find((i) => i.id === linked || i.tags.includes(linked)) : undefined;
  return (
    <ListPage
      id="images"
      title="Images"
      summary={list.data && imagesSummary(images.length, usage.data)}
      buttons={[
        { label: 'Pull', primary: true, onClick: () => setOpen({ kind: 'pull' }) },
        { label: 'Build', onClick: () => setOpen({ kind: 'build' }) },
        { label: 'Load', onClick: () => setOpen({ kind: 'load' }) },
        { label: 'Prune', onClick: () => setOpen({ kind: 'prune' }) },
      ]}
      ready={ready}
    >
      <ListToolbar
        label="Image list tools"
        search={{
          label: 'Search images',
          placeholder: 'Search by reference or id',
          value: search,
          onChange: setSearch,
        }}
        filter={{
          value: filter,
          choices: [
            ['all', 'all images'],
            ['in-use', 'in use'],
            ['unused', 'unused'],
            ['dangling', 'dangling'],
          ],
          onChange: setFilter,
        }}
      >
        {list.data && (search || filter !== 'all') && <span className="muted small">{rows.length} shown</span>}
      </ListToolbar>
      <EngineGate query={list} what="images">
        {images.length === 0 ? (
          <EmptyList title="No images yet">
            Pull one from a registry, build one from a Dockerfile, or load a saved tar.
          </EmptyList>
        ) : rows.length === 0 ? (
          <p className="empty muted" role="status">
            No image matches.
          </p>
        ) : (
          <ObjectTable<ImageSummary>
            label="Images"
            rows={rows}
            rowKey={(i) => `${i.id}|${i.tags[0] ?? ''}`}
            rowName={refOf}
            columns={[
              {
                label: 'Image',
                value: refOf,
                grow: true,
                render: (i) => (
                  <span
                    className={`image-ref${i.dangling ? ' muted' : ''}`}
                    title={i.tags.length > 1 ? `${refOf(i)}\nAlso tagged ${i.tags.slice(1).join(', ')}` : refOf(i)}
                  >
                    {refOf(i)}
                    {i.dangling && <span className="badge small-badge">dangling</span>}
                  </span>
                ),
              },
              {
                label: 'ID',
                value: (i) => i.id,
                priority: 3,
                render: (i) => <span className="mono small">{shortId(i.id)}</span>,
              },
              bytesColumn('Size', (i) => i.size),
              {
                label: 'Created',
                value: (i) => i.created,
                className: 'nowrap',
                priority: 2,
                render: (i) => <span className="muted">{timeAgo(i.created)}</span>,
              },
              {
                label: 'In use',
                value: (i) => i.containers.length,
                className: 'nowrap',
                render: (i) =>
                  i.inUse ? (
                    <span title={i.containers.join(', ')}>
                      by {i.containers.length} container{i.containers.length === 1 ? '' : 's'}
                    </span>
                  ) : (
                    <span className="muted">unused</span>
                  ),
              },
            ]}
            actions={(i) => (
              <RowButtons
                owner={refOf(i)}
                buttons={[
                  { label: 'Run', onClick: () => setOpen({ kind: 'run', image: i }), disabled: !i.tags[0] },
                  { label: 'Inspect', onClick: () => setOpen({ kind: 'inspect', image: i }), secondary: true },
                  { label: 'Tag', onClick: () => setOpen({ kind: 'tag', image: i }), secondary: true },
                  {
                    label: 'Push',
                    onClick: () => setOpen({ kind: 'push', image: i }),
                    disabled: !i.tags[0],
                    secondary: true,
                  },
                  { label: 'Save', onClick: () => setOpen({ kind: 'save', image: i }), secondary: true },
                  { label: 'Remove', onClick: () => setOpen({ kind: 'remove', image: i }), danger: true },
                ]}
              />
            )}
          />
        )}
      </EngineGate>
      {open?.kind === 'pull' && <PullDialog onClose={close} />}
      {open?.kind === 'build' && <BuildDialog onClose={close} />}
      {open?.kind === 'load' && <LoadImagesDialog onClose={close} />}
      {open?.kind === 'prune' && <PruneImagesDialog onClose={close} />}
      {open?.kind === 'run' && <RunDialog image={open.image.tags[0] ?? open.image.id} onClose={close} />}
      {open?.kind === 'inspect' && (
        <InspectImageDialog image={open.image.id} title={refOf(open.image)} onClose={close} />
      )}
      {linked && !open && (
        <InspectImageDialog
          image={linkedImage?.id ?? linked}
          title={linkedImage ? refOf(linkedImage) : linked}
          onClose={() => navigate(href('images'))}
        />
      )}
      {open?.kind === 'tag' && <TagDialog image={open.image} onClose={close} />}
      {open?.kind === 'push' && <PushDialog image={open.image} onClose={close} />}
      {open?.kind === 'save' && <SaveImageDialog image={open.image.tags[0] ?? open.image.id} onClose={close} />}
      {open?.kind === 'remove' && <RemoveImageDialog image={open.image} onClose={close} />}
    </ListPage>
  );
}
