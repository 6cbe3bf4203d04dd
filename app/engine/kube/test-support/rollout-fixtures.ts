// Rollouts seeded into the FAKE API server, and the fake's stand-in for the controllers' part after
// a rollback (no controller runs behind the fake): a stateful or daemon set that rolled out one
// revision per image with the controller revisions its controller keeps (owned by the set, labelled
// with its selector and a controller-revision-hash, annotated with the set's change cause, data
// {spec: {template: {…, $patch: replace}}} as the apps controllers record it), and what the
// controllers do when a template comes back: the revision that kept it becomes the newest.
import { canonical } from '../rollout-shared';
import type { FakeKubeApiServer } from './fake-api-server';

export type FakeSetResource = 'statefulsets' | 'daemonsets';

const REVISION = 'deployment.kubernetes.io/revision';
const template = (app: string, image: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'main', image }] },
});

/**
 * A stateful set (3 replicas, RollingUpdate with partition 0) or daemon set (3 nodes, RollingUpdate)
 * that rolled out one revision per image, the last running on every pod. Returns the stored set.
 */
export function putRolledOutSet(
  fake: FakeKubeApiServer,
  resource: FakeSetResource,
  namespace: string,
  name: string,
  images: string[],
) {
  const revisionName = (i: number) => `${name}-r${i + 1}`;
  const last = revisionName(images.length - 1);
  const status =
    resource === 'statefulsets'
      ? {
          observedGeneration: images.length,
          replicas: 3,
          readyReplicas: 3,
          currentReplicas: 3,
          updatedReplicas: 3,
          currentRevision: last,
          updateRevision: last,
        }
      : {
          observedGeneration: images.length,
          desiredNumberScheduled: 3,
          currentNumberScheduled: 3,
          updatedNumberScheduled: 3,
          numberAvailable: 3,
          numberReady: 3,
          numberMisscheduled: 0,
        };
  const set = fake.put(resource, {
    metadata: {
      name,
      namespace,
      generation: images.length,
      annotations: { 'kubernetes.io/change-cause': `set image to ${images.at(-1)}` },
    },
    spec: {
      ...(resource === 'statefulsets' ? { replicas: 3, serviceName: name } : {}),
      selector: { matchLabels: { app: name } },
      template: template(name, images.at(-1)!),
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: resource === 'statefulsets' ? { partition: 0 } : { maxUnavailable: 1 },
      },
    },
    status,
  });
  images.forEach((image, i) => {
    fake.put('controllerrevisions', {
      metadata: {
        name: revisionName(i),
        namespace,
        labels: { app: name, 'controller-revision-hash': `r${i + 1}` },
        annotations: { 'kubernetes.io/change-cause': `set image to ${image}` },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: resource === 'statefulsets' ? 'StatefulSet' : 'DaemonSet',
            name,
            uid: set.metadata.uid,
            controller: true,
          },
        ],
      },
      data: { spec: { template: { ...template(name, image), $patch: 'replace' } } },
      revision: i + 1,
    });
  });
  return set;
}

interface Revisioned {
  metadata: { name: string; ownerReferences?: { uid?: string }[]; annotations?: Record<string, string> };
  revision?: number;
  data?: { spec?: { template?: Record<string, unknown> } };
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
}

const withoutHashOrDirective = (t: Record<string, unknown> | undefined) => {
  const { $patch: _directive, ...rest } = JSON.parse(JSON.stringify(t ?? {})) as Record<string, unknown> & {
    metadata?: { labels?: Record<string, string> };
  };
  delete rest.metadata?.labels?.['pod-template-hash'];
  return canonical(rest);
};

/**
 * What the deployment, stateful set or daemon set controller does once a workload's template is one
 * of its kept revisions again: that revision becomes the newest (highest number + 1), as the
 * controllers re-use a revision instead of keeping two with the same template. The kept revisions
 * are listed through the fake's API as a controller lists them. Returns the revision's number.
 */
export async function playRolloutController(
  fake: FakeKubeApiServer,
  resource: 'deployments' | FakeSetResource,
  namespace: string,
  name: string,
): Promise<number> {
  const owner = fake.get(resource, namespace, name) as unknown as Revisioned & { metadata: { uid: string } };
  const kept = resource === 'deployments' ? 'replicasets' : 'controllerrevisions';
  const res = await fetch(`${fake.url}/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/${kept}`);
  const { items } = (await res.json()) as { items: Revisioned[] };
  const mine = items.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid));
  const numberOf = (o: Revisioned) =>
    resource === 'deployments' ? Number(o.metadata.annotations?.[REVISION] ?? 0) : (o.revision ?? 0);
  const templateOf = (o: Revisioned) => (resource === 'deployments' ? o.spec?.template : o.data?.spec?.template);
  const want = withoutHashOrDirective(owner.spec?.template);
  const match = mine.find((o) => withoutHashOrDirective(templateOf(o)) === want);
  if (!match) throw new Error(`no kept revision of ${name} has its template (the fake makes no new ones)`);
  const next = Math.max(...mine.map(numberOf)) + 1;
  if (numberOf(match) === next - 1) return numberOf(match);
  const updated =
    resource === 'deployments'
      ? {
          ...match,
          metadata: {
            ...match.metadata,
            annotations: {
              ...match.metadata.annotations,
              [REVISION]: String(next),
              'deployment.kubernetes.io/revision-history': String(numberOf(match)),
            },
          },
        }
      : { ...match, revision: next };
  fake.put(kept, updated as never);
  return next;
}
