// The run form's published ports: rows of host IP, host port, container port and protocol, and the
// ports the chosen image EXPOSEs offered as one-click rows (host port left empty: the engine picks).
import type { ImageSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { FormRowList, RowSelect, type FormList } from './FormFields';
import { exposedOffers, localImage, type PortRow } from './run-form';

export function RunPorts({
  image,
  images,
  list,
}: {
  /** The image typed, whose EXPOSEd ports are offered when the engine has it. */
  image: string;
  images: ImageSummary[] | undefined;
  list: FormList<PortRow>;
}) {
  const local = localImage(
    image,
    (images ?? []).flatMap((i) => i.tags),
    (images ?? []).map((i) => i.id),
  );
  const inspect = useRequest('images.inspect', { ref: local ?? '' }, { enabled: !!local });
  const exposed = (local && inspect.data?.exposedPorts) || [];
  const offers = exposedOffers(exposed, list.rows);
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
            onClick={() => list.onChange([...list.rows, o])}
          >
            Publish {o.containerPort}/{o.protocol}
          </button>
        ))}
      </div>
    ) : null;
  return (
    <FormRowList
      {...list}
      legend="Published ports"
      newRow={() => ({ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' as const })}
      addLabel="Add a port"
      rowLabel="Port"
      note={note}
      renderRow={(p, bind, update, i) => (
        <>
          <input
            aria-label={`Host IP for port ${i + 1}`}
            placeholder="host IP (all)"
            value={p.hostIp}
            onChange={(e) => update({ hostIp: e.target.value })}
          />
          <input {...bind('hostPort', 'Host port')} inputMode="numeric" placeholder="host port (any)" />
          <span aria-hidden="true">→</span>
          <input {...bind('containerPort', 'Container port')} inputMode="numeric" placeholder="container port" />
          <RowSelect
            label={`Protocol ${i + 1}`}
            value={p.protocol}
            choices={['tcp', 'udp']}
            onChange={(protocol) => update({ protocol })}
          />
        </>
      )}
    />
  );
}
