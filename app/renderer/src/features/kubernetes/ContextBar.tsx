// Which cluster the Kubernetes view shows: the kubeconfig's contexts (switching changes no file), an
// explicit button to make the shown one kubectl's current context too, whether it answers (with the
// sentence when it does not), and the namespace picker (one namespace or all).
import type { KubeContextsDto } from '../../../../shared/contract/areas/kube';
import { useAction, useQueryClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { messageOf } from '../../components/kit';
import { Options } from '../../components/Options';

export const ALL_NAMESPACES = '';

export function ContextBar({
  contexts,
  namespace,
  onNamespace,
}: {
  contexts: KubeContextsDto;
  namespace: string;
  onNamespace(ns: string): void;
}) {
  const client = useQueryClient();
  const toast = useUi((s) => s.toast);
  const use = useAction('kube.useContext');
  const active = contexts.active;
  const reach = useRequest('kube.reach', { context: active }, { enabled: !!active });
  const namespaces = useRequest('kube.namespaces', { context: active }, { enabled: reach.data?.reachable === true });
  const switchTo = async (name: string, persist: boolean) => {
    try {
      const next = await use.mutateAsync({ name, persist });
      client.setQueryData(['kube.contexts'], next);
      if (persist) toast('success', `${name} is now the current context in your kubeconfig.`);
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  const nsChoices = [...new Set([...(namespaces.data ?? []), ...(namespace ? [namespace] : [])])].sort();
  return (
    <div className="toolbar kube-bar" role="toolbar" aria-label="Cluster">
      <label className="inline">
        Context
        <select aria-label="Context" value={active} onChange={(e) => void switchTo(e.target.value, false)}>
          <Options choices={contexts.contexts.map((c) => c.name)} />
        </select>
      </label>
      <label className="inline">
        Namespace
        <select aria-label="Namespace" value={namespace} onChange={(e) => onNamespace(e.target.value)}>
          <option value={ALL_NAMESPACES}>All namespaces</option>
          <Options choices={nsChoices} />
        </select>
      </label>
      {active && active !== contexts.fileCurrent && (
        <button type="button" onClick={() => void switchTo(active, true)} disabled={use.isPending}>
          Make current in kubeconfig
        </button>
      )}
      <span className="bd-spacer" />
      {reach.data?.reachable === true && (
        <span className="muted small" role="status">
          Connected · Kubernetes {reach.data.version}
        </span>
      )}
      {reach.isPending && active && (
        <span className="muted small" role="status">
          Checking {active}…
        </span>
      )}
    </div>
  );
}

/** The sentence when the shown context does not answer (read by the page to show it above the lists). */
export function useReachProblem(context: string): string | undefined {
  const reach = useRequest('kube.reach', { context }, { enabled: !!context });
  if (reach.error) return reach.error.message;
  return reach.data && !reach.data.reachable ? reach.data.message : undefined;
}
