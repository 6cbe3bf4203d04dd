// A part of a stateful set's or daemon set's details: the stateful set's pods by ordinal with the
// volume claims each ordinal gets ("Missing" where the controller has not made one yet), or the
// daemon set's nodes with its pod on each, whether that pod runs the current template, and the
// nodes it does not belong on with the reason. A failed or refused read is a sentence here; the
// rest of the dialog stays.
import { useId } from 'react';
import type {
  KubeDaemonSetMembers,
  KubeOrdinal,
  KubeOrdinalClaim,
  KubeStatefulSetMembers,
} from '../../../../shared/contract/areas/kube';
import { DataTable, num } from '../../components/DataTable';
import type { KubeTarget } from './KubeDialogs';
import { useSetMembers, type WithMembers } from './use-set-members';

const none = <span className="muted">—</span>;
const phaseClass = (phase: string) => `kube-phase-${phase.toLowerCase()}`;

export function SetMembersSection({
  resource,
  target,
  row,
}: {
  resource: WithMembers;
  target: KubeTarget;
  /** The set's watched row: when it changes, the members are read again. */
  row?: unknown;
}) {
  const id = useId();
  const q = useSetMembers(resource, target, row);
  const title = resource === 'statefulsets' ? `Pods and volume claims of ${target.name}` : `Nodes of ${target.name}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {q.error ? (
        <p role="alert">{q.error.message}</p>
      ) : !q.data ? (
        <p className="muted">Reading {resource === 'statefulsets' ? 'its pods and claims' : 'its nodes'}…</p>
      ) : q.data.resource === 'statefulsets' ? (
        <Ordinals title={title} name={target.name} m={q.data} />
      ) : (
        <DaemonNodes title={title} name={target.name} m={q.data} />
      )}
    </section>
  );
}

function claimText(c: KubeOrdinalClaim) {
  const size = c.capacity || (c.requested ? `asks ${c.requested}` : '');
  return [size, c.storageClass && `class ${c.storageClass}`].filter(Boolean).join(', ');
}

function Ordinals({ title, name, m }: { title: string; name: string; m: KubeStatefulSetMembers }) {
  if (m.ordinals.length === 0)
    return <p className="muted">{name} has 0 replicas, so it has no pods now. Its volume claims are kept.</p>;
  const withClaims = m.ordinals.some((o) => o.claims.length > 0);
  return (
    <>
      {m.claimsError && <p role="alert">Berth could not read the volume claims: {m.claimsError}</p>}
      <DataTable
        label={title}
        columns={[
          'Pod',
          'Status',
          num('Ready'),
          num('Restarts'),
          'Up to date',
          'Node',
          ...(withClaims ? ['Volume claims'] : []),
        ]}
        className="kube-small-table"
      >
        {m.ordinals.map((o) => (
          <OrdinalRow key={o.ordinal} o={o} withClaims={withClaims} />
        ))}
      </DataTable>
      {m.updateRevision && (
        <p className="muted small">Up to date: the pod runs the set’s update revision ({m.updateRevision}).</p>
      )}
    </>
  );
}

function OrdinalRow({ o, withClaims }: { o: KubeOrdinal; withClaims: boolean }) {
  const missing = o.phase === 'Missing';
  return (
    <tr aria-label={o.pod}>
      <td className="mono nowrap">{o.pod}</td>
      <td>
        <span className={missing ? 'kube-short' : phaseClass(o.phase)}>{o.phase}</span>
        {!o.wanted && <span className="muted small"> beyond the replicas, being removed</span>}
      </td>
      <td className="num">{missing ? none : `${o.readyContainers}/${o.containers}`}</td>
      <td className="num">{missing ? none : o.restarts}</td>
      <td className={o.upToDate === false ? 'kube-short' : undefined}>{upToDate(missing, o.upToDate)}</td>
      <td className="nowrap">{o.node || none}</td>
      {withClaims && (
        <td>
          {o.claims.map((c) => (
            <div key={c.name}>
              <span className="mono">{c.name}</span>{' '}
              <span className={c.status === 'Bound' ? 'kube-phase-running' : 'kube-short'}>{c.status}</span>
              {claimText(c) && <span className="muted small"> {claimText(c)}</span>}
            </div>
          ))}
        </td>
      )}
    </tr>
  );
}

/** Whether a pod runs its set's current template: Yes, No, Unknown, or a dash without a pod. */
const upToDate = (noPod: boolean, v: boolean | null) => (noPod ? none : v === null ? 'Unknown' : v ? 'Yes' : 'No');

function DaemonNodes({ title, name, m }: { title: string; name: string; m: KubeDaemonSetMembers }) {
  const shown = m.nodes.filter((n) => n.eligible || n.pod);
  const others = m.nodes.filter((n) => !n.eligible && !n.pod);
  return (
    <>
      {m.nodesError && (
        <p role="alert">
          Berth could not read the cluster’s nodes, so only the nodes {name}’s pods are on are listed: {m.nodesError}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="muted">No node is eligible for {name}, and none runs its pod.</p>
      ) : (
        <DataTable
          label={title}
          columns={['Node', 'Pod', 'Status', num('Ready'), 'Up to date', 'Note']}
          className="kube-small-table"
        >
          {shown.map((n) => (
            <tr key={n.node} aria-label={n.node || 'No node yet'}>
              <td className="nowrap">{n.node || none}</td>
              <td className={n.pod ? 'mono nowrap' : 'nowrap'}>
                {n.pod || <span className="kube-short">No pod yet</span>}
              </td>
              <td>{n.phase ? <span className={phaseClass(n.phase)}>{n.phase}</span> : none}</td>
              <td className="num">{n.pod ? `${n.readyContainers}/${n.containers}` : none}</td>
              <td className={n.upToDate === false ? 'kube-short' : undefined}>{upToDate(!n.pod, n.upToDate)}</td>
              <td>{n.reason || none}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {shown.some((n) => n.pod) && (
        <p className="muted small">
          {m.revision
            ? `Up to date: the pod was made from the set’s current template (${m.revision}).`
            : 'Berth cannot tell which template is current (no revision or template generation is readable).'}
        </p>
      )}
      {others.length > 0 && (
        <details>
          <summary>
            {others.length === 1 ? '1 other node is' : `${others.length} other nodes are`} not eligible for {name}
          </summary>
          <ul className="small">
            {others.map((n) => (
              <li key={n.node}>
                {n.node}: {n.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
