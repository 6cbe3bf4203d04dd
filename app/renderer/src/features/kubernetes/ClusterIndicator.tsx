// The top bar's badge on the Kubernetes page: whether the context shown answers (the Docker engine's
// state says nothing about a cluster). It reads the same kube.contexts and kube.reach answers the
// context bar does, so it asks the cluster nothing more.
import { useRequest } from '../../api/hooks';
import { href } from '../../app/router';

export function ClusterIndicator() {
  const contexts = useRequest('kube.contexts');
  const active = contexts.data?.active ?? '';
  const reach = useRequest('kube.reach', { context: active }, { enabled: !!active });
  let state: 'running' | 'starting' | 'error' | 'none';
  let label: string;
  let detail = '';
  if (contexts.error) {
    state = 'error';
    label = 'Kubeconfig unreadable';
    detail = contexts.error.message;
  } else if (!contexts.data) {
    state = 'starting';
    label = 'Reading kubeconfig…';
  } else if (!active) {
    state = 'none';
    label = 'No cluster';
  } else if (reach.error || reach.data?.reachable === false) {
    state = 'error';
    label = `${active} unreachable`;
    detail = reach.error?.message ?? (reach.data?.reachable === false ? reach.data.message : '');
  } else if (reach.data?.reachable) {
    state = 'running';
    label = `${active} reachable`;
    detail = reach.data.version ? `Kubernetes ${reach.data.version}` : '';
  } else {
    state = 'starting';
    label = `Checking ${active}…`;
  }
  return (
    <a
      className={`engine-indicator state-${state}`}
      href={href('kubernetes')}
      title={detail || undefined}
      aria-label={`Cluster: ${label}${detail ? `. ${detail.replace(/\.$/, '')}` : ''}.`}
    >
      <span className="dot" aria-hidden="true" />
      <span>{label}</span>
    </a>
  );
}
