// What an edit will change, item by item, and what a recreate loses and keeps: shown beside the
// form as the user types, and again in the confirmation.
import type { ContainerEditSpec } from '../../../../../../shared/contract';
import { needsRecreate, type EditChange } from '../../../../../../shared/container-edit';

export function EditChanges({ changes, spec }: { changes: EditChange[]; spec: ContainerEditSpec }) {
  if (!changes.length) return <p className="muted">Nothing changes yet: edit a setting to see what would change.</p>;
  const recreate = needsRecreate(changes);
  const volumes = spec.volumes;
  return (
    <div className="edit-changes">
      <ul aria-label="Changes">
        {changes.map((c) => (
          <li key={c.field} aria-label={c.label}>
            <strong>{c.label}</strong> <span className="muted small">{c.inPlace ? '(in place)' : '(recreate)'}</span>
            <ul>
              {c.removed.map((x) => (
                <li key={`-${x}`} className="edit-removed">
                  <span aria-hidden="true">− </span>
                  <span className="visually-hidden">removed: </span>
                  {x}
                </li>
              ))}
              {c.added.map((x) => (
                <li key={`+${x}`} className="edit-added">
                  <span aria-hidden="true">+ </span>
                  <span className="visually-hidden">added: </span>
                  {x}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {recreate ? (
        <div className="edit-impact" role="note" aria-label="What a recreate keeps and loses">
          <p>
            <strong>The container will be recreated</strong> under the same name: the old one is stopped and kept until
            the new one starts, and put back if it does not.
          </p>
          <p>
            <strong>Lost:</strong> files written inside the container outside its volumes (its writable layer), and its
            processes.
          </p>
          <p>
            <strong>Kept:</strong>{' '}
            {volumes.length
              ? `${volumes.map((v) => v.source).join(', ')} (${volumes.length === 1 ? 'its volume or bind mount' : 'its volumes and bind mounts'}), its image and logs of the new container from now on.`
              : 'its image. It has no volumes, so nothing it wrote is kept.'}
          </p>
        </div>
      ) : (
        <p className="edit-impact" role="note">
          The engine changes these in place: the container keeps running, nothing is lost.
        </p>
      )}
    </div>
  );
}
