// Kubernetes: the clusters of the user's kubeconfig. A context and namespace (or all) are chosen in
// the bar; Pods and Deployments are tabs (#/kubernetes/pods, #/kubernetes/deployments) whose lists are
// watches, live while shown and closed when left.
import { useState } from 'react';
import type { KubeDeployment, KubePod } from '../../../../shared/contract/areas/kube';
import { useRequest } from '../../api/hooks';
import { href } from '../../app/router';
import { countOf } from '../../components/count';
import { EmptyList, ListPage } from '../../components/ListPage';
import { RouteTabs } from '../../components/RouteTabs';
import '../../components/kit.css';
import { ALL_NAMESPACES, ContextBar, useReachProblem } from './ContextBar';
import { DeleteKubeDialog, ScaleDialog } from './KubeDialogs';
import { PodLogsDialog } from './PodLogsDialog';
import { useKubeWatch } from './use-kube-watch';
import { DeploymentsTable, PodsTable } from './WorkloadTables';
import './kubernetes.css';

const TABS = [
  { id: 'pods', label: 'Pods' },
  { id: 'deployments', label: 'Deployments' },
] as const;

type Open =
  | { kind: 'logs'; pod: KubePod }
  | { kind: 'delete-pod'; pod: KubePod }
  | { kind: 'delete-deployment' | 'scale'; deployment: KubeDeployment };

export function KubernetesPage({ rest = [] }: { rest?: string[] }) {
  const contexts = useRequest('kube.contexts');
  const tab = rest[0] === 'deployments' ? 'deployments' : 'pods';
  const data = contexts.data;
  const active = data?.active ?? '';
  const ctx = data?.contexts.find((c) => c.name === active);
  // Per context: the namespace chosen, else the context's own, else default.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const namespace = chosen[active] ?? (ctx ? ctx.namespace || 'default' : 'default');
  const setNamespace = (ns: string) => setChosen((c) => ({ ...c, [active]: ns }));
  const problem = useReachProblem(active);

  let body;
  if (contexts.error) body = <p role="alert">{contexts.error.message}</p>;
  else if (!data) body = <p className="muted empty">Reading your kubeconfig…</p>;
  else if (data.contexts.length === 0)
    body = (
      <EmptyList title="No Kubernetes clusters">
        Berth reads the clusters kubectl knows: the files in KUBECONFIG, else ~/.kube/config. None has a context
        {data.files.length ? ` (read: ${data.files.join(', ')})` : ''}. Add one with your cluster&rsquo;s tools (kind,
        minikube, k3d, or your cloud&rsquo;s CLI) and open this page again.
      </EmptyList>
    );
  else
    body = (
      <>
        <ContextBar contexts={data} namespace={namespace} onNamespace={setNamespace} />
        {problem ? (
          <div className="empty" role="alert">
            <h2>{active} does not answer</h2>
            <p>{problem}</p>
          </div>
        ) : (
          <RouteTabs label="Workloads" tabs={TABS} active={tab} hrefOf={(t) => href('kubernetes', t)} idPrefix="kube">
            {tab === 'pods' ? (
              <PodsPanel context={active} namespace={namespace} />
            ) : (
              <DeploymentsPanel context={active} namespace={namespace} />
            )}
          </RouteTabs>
        )}
      </>
    );
  return (
    <ListPage id="kubernetes" title="Kubernetes" summary={active ? `context ${active}` : undefined} buttons={[]}>
      {body}
    </ListPage>
  );
}

function WatchState({
  loading,
  error,
  what,
  empty,
}: {
  loading: boolean;
  error?: string;
  what: string;
  empty: boolean;
}) {
  if (error) return <p role="alert">{error}</p>;
  if (loading) return <p className="muted empty">Loading {what}…</p>;
  if (empty) return <p className="muted empty">No {what} here.</p>;
  return null;
}

function PodsPanel({ context, namespace }: { context: string; namespace: string }) {
  const all = namespace === ALL_NAMESPACES;
  const w = useKubeWatch<KubePod>('kube.pods', context, all ? undefined : namespace);
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  return (
    <>
      <p className="muted small kube-count">{!w.loading && !w.error && countOf(w.rows.length, 'pod')}</p>
      <WatchState
        loading={w.loading}
        what="pods"
        empty={w.rows.length === 0}
        {...(w.error ? { error: w.error } : {})}
      />
      {w.rows.length > 0 && (
        <PodsTable
          pods={w.rows}
          allNamespaces={all}
          onLogs={(pod) => setOpen({ kind: 'logs', pod })}
          onDelete={(pod) => setOpen({ kind: 'delete-pod', pod })}
        />
      )}
      {open?.kind === 'logs' && <PodLogsDialog context={context} pod={open.pod} onClose={close} />}
      {open?.kind === 'delete-pod' && (
        <DeleteKubeDialog
          kind="pod"
          target={{ context, namespace: open.pod.namespace, name: open.pod.name }}
          onClose={close}
        />
      )}
    </>
  );
}

function DeploymentsPanel({ context, namespace }: { context: string; namespace: string }) {
  const all = namespace === ALL_NAMESPACES;
  const w = useKubeWatch<KubeDeployment>('kube.deployments', context, all ? undefined : namespace);
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  return (
    <>
      <p className="muted small kube-count">{!w.loading && !w.error && countOf(w.rows.length, 'deployment')}</p>
      <WatchState
        loading={w.loading}
        what="deployments"
        empty={w.rows.length === 0}
        {...(w.error ? { error: w.error } : {})}
      />
      {w.rows.length > 0 && (
        <DeploymentsTable
          deployments={w.rows}
          allNamespaces={all}
          onScale={(deployment) => setOpen({ kind: 'scale', deployment })}
          onDelete={(deployment) => setOpen({ kind: 'delete-deployment', deployment })}
        />
      )}
      {open?.kind === 'scale' && (
        <ScaleDialog
          target={{ context, namespace: open.deployment.namespace, name: open.deployment.name }}
          current={open.deployment.desired}
          onClose={close}
        />
      )}
      {open?.kind === 'delete-deployment' && (
        <DeleteKubeDialog
          kind="deployment"
          target={{ context, namespace: open.deployment.namespace, name: open.deployment.name }}
          onClose={close}
        />
      )}
    </>
  );
}
