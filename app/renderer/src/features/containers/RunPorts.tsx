// The run form's published ports: rows of host IP, host port, container port and protocol, and the
// ports the chosen image EXPOSEs offered as one-click rows (host port left empty: the engine picks).
import type { ImageSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { RowListField } from './RowListField';
import { exposedOffers, localImage, type PortRow, type RunForm } from './run-form';

export function RunPorts({
  form,
  images,
  onChange,
  onRemoved,
  left,
  invalid,
  errors,
}: {
  form: RunForm;
  images: ImageSummary[] | undefined;
  onChange(rows: PortRow[]): void;
  onRemoved(index: number): void;
  /** The blur handler that shows a field's problem once it is left. */
  left(key: string): (e: React.FocusEvent) => void;
  invalid(key: string): boolean;
  errors: string[];
}) {
  const local = localImage(
    form.image,
    (images ?? []).flatMap((i) => i.tags),
    (images ?? []).map((i) => i.id),
  );
  const inspect = useRequest('images.inspect', { ref: local ?? '' }, { enabled: !!local });
  const exposed = (local && inspect.data?.exposedPorts) || [];
  const offers = exposedOffers(exposed, form.ports);
  const note =
    exposed.length > 0 ? (
      <div className="exposed-ports" role="group" aria-label="Ports the image exposes">
        <span className="muted small">
          {local} exposes {exposed.join(', ')}
          {offers.length ? ':' : ' (all published below).'}
        </span>
        {offers.map((o) => (
          <button
            key={`${o.containerPort}/${o.protocol}`}
            type="button"
            className="small"
            onClick={() => onChange([...form.ports, o])}
          >
            Publish {o.containerPort}/{o.protocol}
          </button>
        ))}
      </div>
    ) : null;
  return (
    <RowListField
      legend="Published ports"
      rows={form.ports}
      onChange={onChange}
      onRemoved={onRemoved}
      newRow={() => ({ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' as const })}
      addLabel="Add a port"
      rowLabel="Port"
      errors={errors}
      note={note}
      renderRow={(p, update, i) => (
        <>
          <input
            aria-label={`Host IP for port ${i + 1}`}
            placeholder="host IP (all)"
            value={p.hostIp}
            onChange={(e) => update({ hostIp: e.target.value })}
          />
          <input
            aria-label={`Host port ${i + 1}`}
            inputMode="numeric"
            placeholder="host port (any)"
            value={p.hostPort}
            aria-invalid={invalid(`ports.${i}.hostPort`)}
            onChange={(e) => update({ hostPort: e.target.value })}
            onBlur={left(`ports.${i}.hostPort`)}
          />
          <span aria-hidden="true">→</span>
          <input
            aria-label={`Container port ${i + 1}`}
            inputMode="numeric"
            placeholder="container port"
            value={p.containerPort}
            aria-invalid={invalid(`ports.${i}.containerPort`)}
            onChange={(e) => update({ containerPort: e.target.value })}
            onBlur={left(`ports.${i}.containerPort`)}
          />
          <select
            aria-label={`Protocol ${i + 1}`}
            value={p.protocol}
            onChange={(e) => update({ protocol: e.target.value as 'tcp' | 'udp' })}
          >
            <option value="tcp">tcp</option>
            <option value="udp">udp</option>
          </select>
        </>
      )}
    />
  );
}
