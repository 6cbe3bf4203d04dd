// A stateful or daemon set's rollout as kubectl shows and changes it: the status sentence (`kubectl
// rollout status`, RollingUpdate only), the revisions kept as controller revisions the set owns
// (`kubectl rollout history`), and going back to one (`kubectl rollout undo`: the revision's data,
// a strategic merge patch that replaces the pod template, sent to the set as it is stored).
import type {
  KubeConfig,
  V1ControllerRevision,
  V1DaemonSet,
  V1PodTemplateSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { BerthError } from '../../shared/errors';
import type { KubeRolloutHistory, KubeRolloutUndone } from '../../shared/contract/areas/kube';
import { kubeJson } from './request';
import { resourcePath } from './resources';
import { selectorQuery } from './selector';
import { CHANGE_CAUSE, canonical, pods, skippedRollback, type RolloutStatus } from './rollout-shared';

export type SetResource = 'statefulsets' | 'daemonsets';
type AnySet = V1StatefulSet | V1DaemonSet;

const NOUN: Record<SetResource, string> = { statefulsets: 'Stateful set', daemonsets: 'Daemon set' };

/** kubectl refuses rollout status for any other strategy (OnDelete); the API's default is RollingUpdate. */
function onDelete(resource: SetResource, set: AnySet): RolloutStatus | undefined {
  const type = set.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (type === 'RollingUpdate') return undefined;
  return {
    status: `Rollout status is only available for the RollingUpdate strategy type: ${NOUN[resource].toLowerCase()} ${set.metadata?.name ?? ''} uses ${type}, so its pods change only when they are deleted.`,
    done: true,
    failed: false,
  };
}

const waiting = (status: string): RolloutStatus => ({ status, done: false, failed: false });
const finished = (status: string): RolloutStatus => ({ status, done: true, failed: false });

/** kubectl rollout status's sentence for a stateful set. */
export function statefulSetRolloutStatus(s: V1StatefulSet): RolloutStatus {
  const refused = onDelete('statefulsets', s);
  if (refused) return refused;
  const name = s.metadata?.name ?? '';
  const st = s.status ?? { replicas: 0 };
  const observed = st.observedGeneration ?? 0;
  if (observed === 0 || (s.metadata?.generation ?? 0) > observed)
    return waiting('Waiting for the stateful set’s new spec to be observed…');
  const want = s.spec?.replicas ?? 1;
  const ready = st.readyReplicas ?? 0;
  if (ready < want) return waiting(`Waiting for ${pods(want - ready)} to be ready…`);
  const updated = st.updatedReplicas ?? 0;
  const rolling = s.spec?.updateStrategy?.rollingUpdate;
  if (rolling) {
    const partition = rolling.partition;
    if (partition !== undefined && updated < want - partition)
      return waiting(
        `Waiting for the ${partition > 0 ? 'partitioned ' : ''}rollout to finish: ${updated} of ${want - partition} new pods have been updated.`,
      );
    return finished(
      partition
        ? `Partitioned rollout of ${name} complete: ${updated} new pods have been updated (the pods below ordinal ${partition} keep the old revision).`
        : `Stateful set ${name} successfully rolled out: ${updated} new pods have been updated.`,
    );
  }
  if (st.updateRevision !== st.currentRevision)
    return waiting(
      `Waiting for the rolling update to finish: ${pods(updated)} at revision ${st.updateRevision ?? ''}.`,
    );
  return finished(
    `Stateful set ${name} successfully rolled out: ${pods(st.currentReplicas ?? 0)} at revision ${st.currentRevision ?? ''}.`,
  );
}

/** kubectl rollout status's sentence for a daemon set. */
export function daemonSetRolloutStatus(d: V1DaemonSet): RolloutStatus {
  const refused = onDelete('daemonsets', d);
  if (refused) return refused;
  const st = d.status;
  if ((d.metadata?.generation ?? 0) > (st?.observedGeneration ?? 0))
    return waiting('Waiting for the daemon set’s new spec to be observed…');
  const desired = st?.desiredNumberScheduled ?? 0;
  const updated = st?.updatedNumberScheduled ?? 0;
  const available = st?.numberAvailable ?? 0;
  if (updated < desired)
    return waiting(`Waiting for the rollout to finish: ${updated} of ${desired} new pods have been updated.`);
  if (available < desired)
    return waiting(`Waiting for the rollout to finish: ${available} of ${desired} updated pods are available.`);
  return finished(`Daemon set ${d.metadata?.name ?? ''} successfully rolled out.`);
}

const statusOf = (resource: SetResource, set: AnySet) =>
  resource === 'statefulsets'
    ? statefulSetRolloutStatus(set as V1StatefulSet)
    : daemonSetRolloutStatus(set as V1DaemonSet);

/** The pod template a controller revision keeps (its data is {spec: {template: {…, $patch: replace}}}). */
function templateOf(cr: V1ControllerRevision): V1PodTemplateSpec {
  const t = (cr.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {};
  const { $patch: _directive, ...template } = t;
  return template as V1PodTemplateSpec;
}

const sameTemplate = (cr: V1ControllerRevision, set: AnySet) =>
  canonical(templateOf(cr)) === canonical(set.spec?.template ?? {});

interface Loaded {
  set: AnySet;
  /** The controller revisions the set owns, newest first. */
  revisions: V1ControllerRevision[];
}

async function load(
  kc: KubeConfig,
  resource: SetResource,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<Loaded> {
  const opt = signal ? { signal } : {};
  const set = await kubeJson<AnySet>(kc, { path: resourcePath(resource, namespace, name), ...opt });
  const selector = selectorQuery(set.spec?.selector);
  const list = await kubeJson<{ items?: V1ControllerRevision[] }>(kc, {
    path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions`,
    query: { labelSelector: selector || undefined },
    ...opt,
  });
  const uid = set.metadata?.uid;
  const revisions = (list.items ?? [])
    .filter((cr) => cr.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid))
    .sort((a, b) => b.revision - a.revision);
  return { set, revisions };
}

/** Pods on a revision: a stateful set says so for its current and update revisions; a daemon set only for its current template. */
function podsOn(resource: SetResource, set: AnySet, cr: V1ControllerRevision): number | null {
  if (resource === 'daemonsets')
    return sameTemplate(cr, set) ? ((set as V1DaemonSet).status?.updatedNumberScheduled ?? 0) : null;
  const st = (set as V1StatefulSet).status;
  const crName = cr.metadata?.name;
  if (crName && crName === st?.updateRevision) return st.updatedReplicas ?? 0;
  if (crName && crName === st?.currentRevision) return st.currentReplicas ?? 0;
  return 0;
}

/** The status sentence and every revision the set keeps, newest first, the one running now marked. */
export async function setRolloutHistory(
  kc: KubeConfig,
  resource: SetResource,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KubeRolloutHistory> {
  const { set, revisions } = await load(kc, resource, namespace, name, signal);
  return {
    ...statusOf(resource, set),
    revisions: revisions.map((cr) => ({
      revision: cr.revision,
      keptBy: cr.metadata?.name ?? '',
      created: cr.metadata?.creationTimestamp ? new Date(cr.metadata.creationTimestamp).toISOString() : '',
      changeCause: cr.metadata?.annotations?.[CHANGE_CAUSE] ?? '',
      images: (templateOf(cr).spec?.containers ?? []).map((c) => `${c.name}: ${c.image ?? ''}`),
      replicas: podsOn(resource, set, cr),
      current: sameTemplate(cr, set),
    })),
  };
}

/**
 * kubectl rollout undo for a stateful or daemon set: the revision's data sent as it is stored, as a
 * strategic merge patch (it replaces the pod template). Revision 0 = the second-highest revision
 * kept; a revision whose template the set already has is skipped, nothing sent.
 */
export async function setRolloutUndo(
  kc: KubeConfig,
  resource: SetResource,
  namespace: string,
  name: string,
  toRevision: number,
): Promise<KubeRolloutUndone> {
  const { set, revisions } = await load(kc, resource, namespace, name);
  const noun = NOUN[resource];
  const target = toRevision === 0 ? revisions[1] : revisions.find((cr) => cr.revision === toRevision);
  if (!target)
    throw new BerthError({
      kind: 'not-found',
      message:
        toRevision === 0
          ? `${noun} ${name} has no earlier revision to go back to.`
          : `${noun} ${name} keeps no revision ${toRevision}; its history lists the revisions it still has.`,
    });
  const revision = target.revision;
  if (sameTemplate(target, set)) return { rolledBack: false, revision, message: skippedRollback(name, revision) };
  await kubeJson(kc, {
    method: 'PATCH',
    path: resourcePath(resource, namespace, name),
    contentType: 'application/strategic-merge-patch+json',
    body: JSON.stringify(target.data ?? {}),
  });
  return { rolledBack: true, revision, message: `Rolling ${name} back to revision ${revision}.` };
}
