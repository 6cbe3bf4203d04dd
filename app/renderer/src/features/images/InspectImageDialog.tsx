// Inspect an image: its facts, its layers (each step's command, size and the size so far) and the engine's JSON.
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { formatBytes } from '../../components/format';
import { ErrorText } from '../../components/kit';
import { ImageLayers } from './ImageLayers';

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
          <h3 className="section-title">Layers</h3>
          <ImageLayers image={d.id} />
          <h3 className="section-title">Inspect JSON</h3>
          <pre className="inspect-json" aria-label="Inspect JSON" tabIndex={0}>
            {JSON.stringify(d.raw, null, 2)}
          </pre>
        </>
      )}
    </Dialog>
  );
}
