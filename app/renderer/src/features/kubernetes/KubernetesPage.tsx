// Kubernetes: the clusters of the user's kubeconfig. A context and namespace (or all) are chosen in
// the bar; each watched resource is a tab (#/kubernetes/<resource>) whose list is a watch, live while
// shown and closed when left. "Apply YAML" previews a server-side apply before it applies.
import { useState } from 'react';
import { useRequest } from '../../api/hooks';
import { href } from '../../app/router';
import { EmptyList, ListPage } from '../../components/ListPage';
import { RouteTabs } from '../../components/RouteTabs';
import '../../components/kit.css';
import { ApplyDialog } from './ApplyDialog';
import { ALL_NAMESPACES, ContextBar, useReachProblem } from './ContextBar';
import { KIND_VIEWS, viewOf } from './kube-kinds';
import { KubeResourcePanel } from './KubeResourcePanel';
import './kubernetes.css';

const TABS = KIND_VIEWS.map((v) => ({ id: v.resource, label: v.label }));

export function KubernetesPage({ rest = [] }: { rest?: string[] }) {
  const contexts = useRequest('kube.contexts');
  const view = viewOf(rest[0] ?? 'pods');
  const data = contexts.data;
  const active = data?.active ?? '';
  const ctx = data?.contexts.find((c) => c.name === active);
  // Per context: the namespace chosen, else the context's own, else default.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const namespace = chosen[active] ?? (ctx ? ctx.namespace || 'default' : 'default');
  const setNamespace = (ns: string) => setChosen((c) => ({ ...c, [active]: ns }));
  const problem = useReachProblem(active);
  const [applying, setApplying] = useState(false);
  const all = namespace === ALL_NAMESPACES;

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
          <div className="kube-tabs">
            <RouteTabs
              label="Resources"
              tabs={TABS}
              active={view.resource}
              hrefOf={(t) => href('kubernetes', t)}
              idPrefix="kube"
            >
              <KubeResourcePanel
                key={view.resource}
                view={view}
                context={active}
                namespace={all ? undefined : namespace}
              />
            </RouteTabs>
          </div>
        )}
        {applying && (
          <ApplyDialog
            context={active}
            namespace={all ? ctx?.namespace || 'default' : namespace}
            onClose={() => setApplying(false)}
          />
        )}
      </>
    );
  const canApply = !!data && !!active && !problem;
  return (
    <ListPage
      id="kubernetes"
      title="Kubernetes"
      summary={active ? `context ${active}` : undefined}
      buttons={canApply ? [{ label: 'Apply YAML…', onClick: () => setApplying(true) }] : []}
    >
      {body}
    </ListPage>
  );
}
