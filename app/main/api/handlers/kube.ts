// kube.* requests: one call each onto the Kubernetes facade, in the chosen (or shown) context.
import {
  applyManifests,
  deleteObject,
  describeObject,
  listNamespaces,
  restartObject,
  retryJob,
  rolloutHistory,
  rolloutUndo,
  scaleObject,
  setMembers,
  suspendCronJob,
  triggerCronJob,
  workloadPods,
} from '../../../engine/kube';
import { kubeClusters } from '../kube-access';
import type { RequestHandlers } from '../types';

type KubeHandlers = Pick<
  RequestHandlers,
  Exclude<Extract<keyof RequestHandlers, `kube.${string}`>, `kube.portForward.${string}`>
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
  'kube.delete': async ({ context, resource, namespace, name }) => deleteObject(kc(context), resource, namespace, name),
  'kube.scale': async ({ context, resource, namespace, name, replicas }) =>
    scaleObject(kc(context), resource, namespace, name, replicas),
  'kube.restart': async ({ context, resource, namespace, name }) =>
    restartObject(kc(context), resource, namespace, name),
  'kube.rollout.history': async ({ context, resource, namespace, name }, { signal }) =>
    rolloutHistory(kc(context), resource, namespace, name, signal),
  'kube.rollout.undo': async ({ context, resource, namespace, name, revision }) =>
    rolloutUndo(kc(context), resource, namespace, name, revision),
  'kube.cronjobs.suspend': async ({ context, namespace, name, suspend }) =>
    suspendCronJob(kc(context), namespace, name, suspend),
  'kube.cronjobs.trigger': async ({ context, namespace, name }) => triggerCronJob(kc(context), namespace, name),
  'kube.workloadPods': async ({ context, resource, namespace, name }, { signal }) =>
    workloadPods(kc(context), resource, namespace, name, signal),
  'kube.members': async ({ context, resource, namespace, name }, { signal }) =>
    setMembers(kc(context), resource, namespace, name, signal),
  'kube.jobs.retry': async ({ context, namespace, name }) => retryJob(kc(context), namespace, name),
  'kube.describe': async ({ context, resource, namespace, name }, { signal }) =>
    describeObject(kc(context), resource, namespace, name, signal),
};
