// Inspect an image: its layer history (each step's command and size) and the engine's JSON.
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { formatBytes, shortId, timeAgo } from '../../components/format';
import { ErrorText } from '../../components/kit';

export function InspectImageDialog({ image, title, onClose }: { image: string; title: string; onClose(): void }) {
  const q = useRequest('images.inspect', { ref: image });
  const d = q.data;
  return (
    <Dialog title={`Inspect ${title}`} onClose={onClose} wide>
      {q.isPending && <p className="muted">Loading…</p>}
      <ErrorText message={q.error?.message} />
      {d && (
        <>
          <dl className="facts">
            <dt>ID</dt>
            <dd className="mono small">{d.id}</dd>
            <dt>Tags</dt>
            <dd>{d.tags.join(', ') || 'none'}</dd>
            <dt>Platform</dt>
            <dd>
              {d.os}/{d.architecture}
            </dd>
            <dt>Size</dt>
            <dd>{formatBytes(d.size)}</dd>
          </dl>
          <h3 className="section-title">Layer history</h3>
          <div className="table-scroll">
            <table className="data-table" aria-label="Layer history">
              <thead>
                <tr>
                  <th>Layer</th>
                  <th>Command</th>
                  <th className="num">Size</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {d.history.map((h, i) => (
                  <tr key={`${h.id}-${i}`} aria-label={`Layer ${d.history.length - i}`}>
                    <td className="mono small">{h.id === '<missing>' ? '—' : shortId(h.id)}</td>
                    <td className="mono small history-cmd">
                      {h.createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '') || h.comment}
                    </td>
                    <td className="num">{formatBytes(h.size)}</td>
                    <td className="muted small">{h.created ? timeAgo(h.created) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="section-title">Inspect JSON</h3>
          <pre className="inspect-json" aria-label="Inspect JSON" tabIndex={0}>
            {JSON.stringify(d.raw, null, 2)}
          </pre>
        </>
      )}
    </Dialog>
  );
}
