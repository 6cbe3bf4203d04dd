// The active port-forwards: each row is named by its local address and what it forwards to (for a
// service or deployment, the pod its connections reach now, which changes as its pods are replaced), the
// address is a link (it opens in the browser), connections open and served, the last connection's
// failure as its sentence, and Stop (which closes the listener and its connections; nothing in
// the cluster changes, so no confirmation).
import { useAction } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ActionsHeading } from '../../components/table-parts';
import { messageOf } from '../../components/kit';
import { forwardTarget, localAddress, usePortForwards } from './use-port-forwards';

export function PortForwardList() {
  const { forwards, error } = usePortForwards();
  const stop = useAction('kube.portForward.stop');
  const toast = useUi((s) => s.toast);
  if (error) return <p role="alert">{error}</p>;
  if (forwards.length === 0) return null;
  return (
    <section className="kube-forwards" aria-label="Port forwards">
      <table>
        <caption>Port forwards</caption>
        <thead>
          <tr>
            <th scope="col">Local address</th>
            <th scope="col">Forwards to</th>
            <th scope="col">Connections</th>
            <th scope="col">Last problem</th>
            <ActionsHeading />
          </tr>
        </thead>
        <tbody>
          {forwards.map((f) => {
            const address = localAddress(f);
            const url = `http://${address}`;
            return (
              <tr key={f.id} aria-label={`${address} to ${forwardTarget(f)}`}>
                <th scope="row" className="mono small">
                  <a href={url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${url}`}>
                    {address}
                  </a>
                </th>
                <td>
                  {forwardTarget(f)}
                  <span className="muted small">
                    {' '}
                    {f.kind !== 'pod' ? `→ pod ${f.pod}:${f.podPort}` : ''} in {f.namespace} ({f.context})
                  </span>
                </td>
                <td className="nowrap">
                  {f.open} open, {f.accepted} in all
                </td>
                <td className="kube-forward-error">
                  {f.lastError ? (
                    <span className="kube-short">{f.lastError.message}</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Stop forward ${address}`}
                    onClick={() =>
                      void stop.mutateAsync({ id: f.id }).then(
                        () => toast('success', `Stopped forwarding ${address} to ${forwardTarget(f)}.`),
                        (e: unknown) => toast('error', messageOf(e)),
                      )
                    }
                  >
                    Stop
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
