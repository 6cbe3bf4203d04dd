// kube.* subscriptions: watched lists and pod logs; each ends (and its HTTP request to the cluster
// is destroyed) when the view unsubscribes.
import { podLogs, watchResource } from '../../../engine/kube';
import { kubeClusters } from '../kube-access';
import type { SubscriptionHandlers } from '../types';

export const kubeStreams: Pick<SubscriptionHandlers, 'kube.watch' | 'kube.logs'> = {
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
};
