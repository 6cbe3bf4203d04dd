// A deployment's rollout as kubectl shows and changes it: the status sentence (`kubectl rollout
// status`), the revisions kept as its replica sets (`kubectl rollout history`) and going back to one
// (`kubectl rollout undo`: the revision's pod template patched back onto the deployment).
import type { KubeConfig } from '@kubernetes/client-node';
import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { BerthError } from '../../shared/errors';
import type { KubeRolloutHistory, KubeRolloutUndone } from '../../shared/contract/areas/kube';
import { kubeJson } from './request';
import { resourcePath } from './resources';
import { selectorQuery } from './selector';
import { CHANGE_CAUSE, canonical, skippedRollback, type RolloutStatus } from './rollout-shared';

const REVISION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
/** Annotations that describe the deployment itself, never copied from a revision (as kubectl). */
const KEEP_OWN = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** kubectl rollout status's sentence for a deployment, and whether the rollout is finished. */
export function deploymentRolloutStatus(d: V1Deployment): RolloutStatus {
  const name = d.metadata?.name ?? '';
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0))
    return { status: 'Waiting for the deployment’s new spec to be observed…', done: false, failed: false };
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return {
      status: `Deployment ${name} exceeded its progress deadline: ${progressing.message ?? 'its new pods did not become ready in time'}.`,
      done: false,
      failed: true,
    };
  const want = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const replicas = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const waiting = (what: string) => ({
    status: `Waiting for the rollout to finish: ${what}.`,
    done: false,
    failed: false,
  });
  if (d.spec?.paused) return { status: `The rollout of ${name} is paused.`, done: false, failed: false };
  if (updated < want) return waiting(`${updated} of ${want} new replicas have been updated`);
  if (replicas > updated) return waiting(`${replicas - updated} old replicas are pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas are available`);
  return { status: `Deployment ${name} successfully rolled out.`, done: true, failed: false };
}

/** A pod template without the hash label the controller adds, as JSON for comparing. */
function withoutHash(t: V1PodTemplateSpec | undefined): V1PodTemplateSpec {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as V1PodTemplateSpec;
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

const sameTemplate = (a: V1PodTemplateSpec | undefined, b: V1PodTemplateSpec | undefined) =>
  canonical(withoutHash(a)) === canonical(withoutHash(b));

const revisionOf = (rs: V1ReplicaSet) => Number(rs.metadata?.annotations?.[REVISION] ?? 0) || 0;

interface Loaded {
  deployment: V1Deployment;
  /** The deployment's replica sets with a revision, newest first. */
  revisions: V1ReplicaSet[];
}

async function load(kc: KubeConfig, namespace: string, name: string, signal?: AbortSignal): Promise<Loaded> {
  const opt = signal ? { signal } : {};
  const deployment = await kubeJson<V1Deployment>(kc, { path: resourcePath('deployments', namespace, name), ...opt });
  const selector = selectorQuery(deployment.spec?.selector);
  const list = await kubeJson<{ items?: V1ReplicaSet[] }>(kc, {
    path: resourcePath('replicasets', namespace),
    query: { labelSelector: selector || undefined },
    ...opt,
  });
  const uid = deployment.metadata?.uid;
  const revisions = (list.items ?? [])
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid))
    .filter((rs) => revisionOf(rs) > 0)
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  return { deployment, revisions };
}

/** The status sentence and every revision kept, newest first, with the one running now marked. */
export async function deploymentRolloutHistory(
  kc: KubeConfig,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KubeRolloutHistory> {
  const { deployment, revisions } = await load(kc, namespace, name, signal);
  return {
    ...deploymentRolloutStatus(deployment),
    revisions: revisions.map((rs) => ({
      revision: revisionOf(rs),
      keptBy: rs.metadata?.name ?? '',
      created: rs.metadata?.creationTimestamp ? new Date(rs.metadata.creationTimestamp).toISOString() : '',
      changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '',
      images: (rs.spec?.template?.spec?.containers ?? []).map((c) => `${c.name}: ${c.image ?? ''}`),
      replicas: rs.status?.replicas ?? 0,
      current: sameTemplate(rs.spec?.template, deployment.spec?.template),
    })),
  };
}

/**
 * kubectl rollout undo: the revision's pod template (without its hash label) and change cause put
 * back on the deployment with one JSON patch; the controller then rolls it out as a new revision.
 * Revision 0 = the one before the current: as kubectl, the second-highest revision kept, whatever
 * the deployment's template is now.
 */
export async function deploymentRolloutUndo(
  kc: KubeConfig,
  namespace: string,
  name: string,
  toRevision: number,
): Promise<KubeRolloutUndone> {
  const { deployment, revisions } = await load(kc, namespace, name);
  if (deployment.spec?.paused)
    throw new BerthError({
      kind: 'conflict',
      message: `Deployment ${name} is paused, so it cannot be rolled back. Resume its rollout first (kubectl rollout resume deployment/${name}).`,
    });
  // Newest first, so the second is the one before the current.
  const target = toRevision === 0 ? revisions[1] : revisions.find((rs) => revisionOf(rs) === toRevision);
  if (!target)
    throw new BerthError({
      kind: 'not-found',
      message:
        toRevision === 0
          ? `Deployment ${name} has no earlier revision to go back to.`
          : `Deployment ${name} keeps no revision ${toRevision}; its history lists the revisions it still has.`,
    });
  const revision = revisionOf(target);
  if (sameTemplate(target.spec?.template, deployment.spec?.template))
    return { rolledBack: false, revision, message: skippedRollback(name, revision) };
  const annotations: Record<string, string> = {};
  const own = deployment.metadata?.annotations ?? {};
  for (const k of KEEP_OWN) if (own[k] !== undefined) annotations[k] = own[k];
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) if (!KEEP_OWN.has(k)) annotations[k] = v;
  await kubeJson(kc, {
    method: 'PATCH',
    path: resourcePath('deployments', namespace, name),
    contentType: 'application/json-patch+json',
    body: JSON.stringify([
      { op: 'replace', path: '/spec/template', value: withoutHash(target.spec?.template) },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ]),
  });
  return { rolledBack: true, revision, message: `Rolling ${name} back to revision ${revision}.` };
}
