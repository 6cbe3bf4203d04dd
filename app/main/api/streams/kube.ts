// kube.* subscriptions: watched lists, pod logs (one pod's, or several merged) and pod terminals; each ends (and its HTTP request
// or websocket to the cluster is closed) when the view unsubscribes.
import { mergedPodLogs, openPodExec, podLogs, watchResource } from '../../../engine/kube';
import { kubeClusters } from '../kube-access';
import type { SubscriptionHandlers } from '../types';

export const kubeStreams: Pick<SubscriptionHandlers, 'kube.watch' | 'kube.logs' | 'kube.mergedLogs' | 'kube.exec'> = {
  'kube.watch': ({ context, resource, namespace }, { signal }) => ({
    batches: watchResource(kubeClusters().config(context), resource, namespace, signal),
  }),
  'kube.logs': ({ context, namespace, pod, container, follow, tail, previous }, { signal }) => ({
    batches: podLogs(kubeClusters().config(context), {
      namespace,
      pod,
      follow,
      tail,
      previous,
      signal,
      ...(container ? { container } : {}),
    }),
  }),
  'kube.mergedLogs': ({ context, namespace, pods, follow, tail }, { signal }) => ({
    batches: mergedPodLogs(kubeClusters().config(context), {
      namespace,
      pods: pods.map((p) => ({ pod: p.pod, ...(p.container ? { container: p.container } : {}) })),
      follow,
      tail,
      signal,
    }),
  }),
  // Closed when the view goes, also when it went while the exec was opening.
  'kube.exec': ({ context, namespace, pod, container, shell, cols, rows }, { signal }) =>
    openPodExec(
      kubeClusters().config(context),
      { namespace, pod, cols, rows, ...(container ? { container } : {}), ...(shell ? { shell } : {}) },
      signal,
    ),
};
