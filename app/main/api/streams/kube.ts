// kube.* subscriptions: pod and deployment watches and pod logs; each ends (and its HTTP request to
// the cluster is destroyed) when the view unsubscribes.
import { podLogs, watchDeployments, watchPods } from '../../../engine/kube';
import { kubeClusters } from '../kube-access';
import type { SubscriptionHandlers } from '../types';

export const kubeStreams: Pick<SubscriptionHandlers, 'kube.pods' | 'kube.deployments' | 'kube.logs'> = {
  'kube.pods': ({ context, namespace }, { signal }) => ({
    batches: watchPods(kubeClusters().config(context), namespace, signal),
  }),
  'kube.deployments': ({ context, namespace }, { signal }) => ({
    batches: watchDeployments(kubeClusters().config(context), namespace, signal),
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
