// kube.* requests: one call each onto the Kubernetes facade, in the chosen (or shown) context.
import { applyManifests, deleteDeployment, deletePod, listNamespaces, scaleDeployment } from '../../../engine/kube';
import { kubeClusters } from '../kube-access';
import type { RequestHandlers } from '../types';

type KubeHandlers = Pick<
  RequestHandlers,
  | 'kube.contexts'
  | 'kube.useContext'
  | 'kube.reach'
  | 'kube.namespaces'
  | 'kube.apply'
  | 'kube.pods.delete'
  | 'kube.deployments.delete'
  | 'kube.deployments.scale'
>;

const kc = (context?: string) => kubeClusters().config(context);

export const kubeHandlers: KubeHandlers = {
  'kube.contexts': async () => kubeClusters().contexts(),
  'kube.useContext': async ({ name, persist }) => kubeClusters().use(name, persist),
  'kube.reach': async ({ context }) => kubeClusters().reach(context),
  'kube.namespaces': async ({ context }, { signal }) => listNamespaces(kc(context), signal),
  'kube.apply': async ({ context, yaml, namespace, dryRun, force }, { signal }) =>
    applyManifests(kc(context), yaml, {
      defaultNamespace: namespace ?? kubeClusters().namespaceOf(context),
      dryRun,
      force,
      signal,
    }),
  'kube.pods.delete': async ({ context, namespace, name }) => deletePod(kc(context), namespace, name),
  'kube.deployments.delete': async ({ context, namespace, name }) => deleteDeployment(kc(context), namespace, name),
  'kube.deployments.scale': async ({ context, namespace, name, replicas }) =>
    scaleDeployment(kc(context), namespace, name, replicas),
};
