// What one layer did to the image's files (added, changed, removed, with sizes, and which of them a
// later layer wasted), the image's wasted space file by file, and the final file tree. Read on the
// user's request (images.layerFiles exports the whole image); closing the view stops the read.
import { useMemo, useState } from 'react';
import type { LayerFileChange, WastedFile } from '../../../../shared/contract/areas/image-files';
import type { ImageLayerStep } from '../../../../shared/contract/areas/images';
import { useRequest } from '../../api/hooks';
import { bytesColumn, longTextColumn } from '../../components/columns';
import { ObjectTable } from '../../components/ObjectTable';
import { formatBytes } from '../../components/format';
import { ErrorText } from '../../components/kit';
import { FileTree } from './FileTree';
import { changeKey, filterFiles, layerName, layerSummary, stepsByLayer, wastedBy } from './layer-files-view';

const CHANGE_ORDER = { added: 0, changed: 1, removed: 2 } as const;
/** A layer with more files than this gets a filter over its list. */
const FILTER_FROM = 12;

/** After a path: a folder's slash, a link's target. */
function pathEnd(f: LayerFileChange) {
  return (
    <>
      {f.kind === 'dir' ? '/' : ''}
      {f.target !== undefined && <span className="muted"> → {f.target}</span>}
    </>
  );
}

export function LayerFiles({ image, steps, step }: { image: string; steps: ImageLayerStep[]; step: number }) {
  const q = useRequest('images.layerFiles', { ref: image });
  const d = q.data;
  const [filter, setFilter] = useState('');
  const stepOf = useMemo(() => (d ? stepsByLayer(steps, d.layers) : []), [d, steps]);
  const index = stepOf.indexOf(step);
  const layer = d && index >= 0 ? d.layers[index] : undefined;
  const rows = useMemo(() => filterFiles(layer?.files ?? [], filter), [layer, filter]);
  if (q.isPending)
    return (
      <p className="muted small" role="status">
        Reading the files of each layer (the engine exports the whole image; a large image takes a while)…
      </p>
    );
  if (!d) return <ErrorText message={q.error?.message} />;
  const picked = steps.find((s) => s.step === step);
  return (
    <section className="layer-files" aria-label="Layer files">
      {d.truncated && <p className="layer-files-notice small">{d.truncated}</p>}
      <h4 className="layer-files-title">
        Files of step {step}
        {picked?.command ? <span className="mono small muted"> {picked.command}</span> : null}
      </h4>
      {!layer ? (
        <p className="muted small">Berth could not tell which of the image's layers this step made.</p>
      ) : (
        <>
          <p className="muted small" role="status">
            {layerSummary(layer, formatBytes)}
            {layer.truncated ? ` · the ${layer.files.length.toLocaleString('en-US')} largest listed` : ''}
          </p>
          {layer.files.length === 0 ? (
            <p className="muted small">This layer changes no files (its folders only).</p>
          ) : (
            <>
              {layer.files.length > FILTER_FROM && (
                <input
                  type="search"
                  className="layer-files-filter"
                  aria-label={`Filter the files of step ${step}`}
                  placeholder="Filter by path"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                />
              )}
              {rows.length === 0 && <p className="muted small">No file of this layer has "{filter}" in its path.</p>}
              <ObjectTable<LayerFileChange>
                label={`Files of step ${step}`}
                rows={rows}
                rowKey={changeKey}
                rowName={(f) => f.path}
                initialSort={{ column: 2, descending: true }}
                columns={[
                  longTextColumn('Path', (f) => f.path, { mono: true, after: pathEnd }),
                  {
                    label: 'Change',
                    value: (f) => CHANGE_ORDER[f.change],
                    className: 'nowrap',
                    render: (f) => <span className={`change-badge change-${f.change}`}>{f.change}</span>,
                  },
                  {
                    label: 'Size',
                    value: (f) => f.size,
                    className: 'num nowrap',
                    // a link or a folder holds no bytes of its own; a removed folder, what was under it
                    render: (f) =>
                      f.kind === 'file' || f.change === 'removed' ? (
                        formatBytes(f.size)
                      ) : (
                        <span className="muted">—</span>
                      ),
                  },
                  {
                    label: 'Wasted',
                    value: (f) => (f.wasted ? f.size : 0),
                    className: 'nowrap',
                    render: (f) =>
                      f.wasted ? (
                        <span className="wasted-note">{wastedBy(f.wasted, stepOf)}</span>
                      ) : (
                        <span className="muted">—</span>
                      ),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
      <h4 className="layer-files-title">Wasted space</h4>
      <p className="muted small">
        {d.wasted > 0
          ? `${formatBytes(d.wasted)} in ${d.wastedFiles.toLocaleString('en-US')} file${d.wastedFiles === 1 ? '' : 's'}: in the image, but overwritten or removed by a later layer, so not in its file system.${d.topWasted.length < d.wastedFiles ? ` The ${d.topWasted.length} largest are listed.` : ''}`
          : 'None: no layer overwrites or removes a file an earlier layer wrote.'}
      </p>
      {d.topWasted.length > 0 && (
        <ObjectTable<WastedFile>
          label="Wasted files"
          rows={d.topWasted}
          rowKey={(w) => `${w.layer} ${w.path}`}
          rowName={(w) => `${w.path} from ${layerName(w.layer, stepOf)}`}
          initialSort={{ column: 1, descending: true }}
          columns={[
            {
              label: 'Path',
              value: (w) => w.path,
              grow: true,
              render: (w) => <span className="mono small">{w.path}</span>,
            },
            bytesColumn('Size', (w) => w.size, { className: 'num nowrap' }),
            {
              label: 'Written by',
              value: (w) => w.layer,
              className: 'nowrap',
              render: (w) => layerName(w.layer, stepOf),
            },
            {
              label: 'Wasted',
              value: (w) => w.by,
              className: 'nowrap',
              render: (w) => <span className="wasted-note">{wastedBy(w, stepOf)}</span>,
            },
          ]}
        />
      )}
      <h4 className="layer-files-title">File tree of the final image</h4>
      <p className="muted small">
        {d.paths.toLocaleString('en-US')} paths, {formatBytes(d.tree.size)} of files.
      </p>
      <FileTree tree={d.tree} stepOf={stepOf} />
    </section>
  );
}
