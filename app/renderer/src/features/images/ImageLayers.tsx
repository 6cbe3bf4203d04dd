// An image's layers: each step of its history with the command that made it, its size (a bar
// against the largest layer, the largest few marked), the size up to it, and when; steps that made
// no layer are marked empty and can be hidden. Sortable and virtualized (ObjectTable). Files on a
// step shows what its layer did to the image's files (LayerFiles).
import { useMemo, useState } from 'react';
import type { ImageLayerStep } from '../../../../shared/contract/areas/images';
import { useRequest } from '../../api/hooks';
import { fieldColumn } from '../../components/columns';
import { ObjectTable } from '../../components/ObjectTable';
import { formatBytes, shortId, timeAgo } from '../../components/format';
import { ErrorText } from '../../components/kit';
import { LayerFiles } from './LayerFiles';
import { barShare, largestSteps, layersSummary, stepName } from './layers-model';

export function ImageLayers({ image }: { image: string }) {
  const q = useRequest('images.layers', { ref: image });
  const [hideEmpty, setHideEmpty] = useState(false);
  const [picked, setPicked] = useState<number | undefined>();
  const d = q.data;
  const largest = useMemo(() => (d ? largestSteps(d.steps) : []), [d]);
  const biggest = d ? Math.max(0, ...d.steps.map((s) => s.size)) : 0;
  const rows = useMemo(() => (d ? d.steps.filter((s) => !hideEmpty || !s.empty) : []), [d, hideEmpty]);
  if (q.isPending) return <p className="muted">Reading the image's history…</p>;
  if (!d) return <ErrorText message={q.error?.message} />;
  return (
    <section className="image-layers" aria-label="Layers">
      <div className="layers-head">
        <p className="muted small" role="status">
          {layersSummary(d.steps, d.layerCount, d.size)}
        </p>
        <label className="small">
          <input type="checkbox" checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)} /> Hide empty
          steps
        </label>
      </div>
      {!d.matched && (
        <p className="muted small">
          The engine's history does not say which zero-byte steps made a layer; those marked here are Berth's best
          reading.
        </p>
      )}
      <ObjectTable<ImageLayerStep>
        label="Layers"
        rows={rows}
        rowKey={(s) => String(s.step)}
        rowName={stepName}
        columns={[
          fieldColumn('Step', (s) => s.step, { className: 'num nowrap' }),
          {
            label: 'Command',
            value: (s) => s.command,
            grow: true,
            render: (s) => (
              <span className={`layer-cmd mono small${s.empty ? ' muted' : ''}`} title={s.command}>
                <span className="layer-cmd-text">{s.command || s.comment || '—'}</span>
                {s.empty && <span className="small-badge">empty</span>}
                {largest.includes(s.step) && (
                  <span className="small-badge largest-badge">{largest[0] === s.step ? 'largest' : 'large'}</span>
                )}
              </span>
            ),
          },
          {
            label: 'Size',
            value: (s) => s.size,
            className: 'num layer-size',
            render: (s) => (
              <span className="size-cell">
                <span className="size-bar" aria-hidden="true">
                  <span style={{ width: `${barShare(s.size, biggest) * 100}%` }} />
                </span>
                {s.empty ? <span className="muted">—</span> : formatBytes(s.size)}
              </span>
            ),
          },
          {
            label: 'Total so far',
            value: (s) => s.cumulative,
            className: 'num',
            priority: 2,
            render: (s) => <span className="muted">{formatBytes(s.cumulative)}</span>,
          },
          {
            label: 'Created',
            value: (s) => s.created,
            className: 'nowrap',
            priority: 3,
            render: (s) => <span className="muted small">{s.created ? timeAgo(s.created) : '—'}</span>,
          },
          {
            label: 'Layer',
            value: (s) => s.diffId ?? '',
            priority: 3,
            render: (s) => <span className="mono small muted">{s.diffId ? shortId(s.diffId) : ''}</span>,
          },
        ]}
        actions={(s) =>
          s.empty ? null : (
            <button
              type="button"
              className="small"
              aria-label={`Files of step ${s.step}`}
              aria-pressed={picked === s.step}
              onClick={() => setPicked(picked === s.step ? undefined : s.step)}
            >
              Files
            </button>
          )
        }
      />
      {picked === undefined ? (
        <p className="muted small">
          Choose Files on a step to see what its layer adds, changes and removes, the space wasted on files later layers
          overwrite or remove, and the final file tree. Berth reads them from an export of the whole image.
        </p>
      ) : (
        <LayerFiles key={picked} image={image} steps={d.steps} step={picked} />
      )}
    </section>
  );
}
