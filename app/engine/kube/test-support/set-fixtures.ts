// Objects of stateful sets and daemon sets as the FAKE API server stores them, shaped as their
// controllers leave them in a real cluster: a stateful set's pods <set>-<ordinal> owned by it and its
// claims <template>-<set>-<ordinal>; a daemon set's pods owned by it on one node each, labelled with
// controller-revision-hash and pod-template-generation; its ControllerRevisions whose data is the
// patch {"spec":{"template":{…,"$patch":"replace"}}}; nodes with labels, taints and cordons.
import type { FakeKubeApiServer } from './fake-api-server';
import { fakePod } from './kube-fixtures';

const owner = (kind: string, name: string, uid: string) => ({
  ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid, controller: true, blockOwnerDeletion: true }],
});

const template = (app: string, extra: object = {}) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'main', image: `${app}:1` }], ...extra },
});

/** A stateful set with claim templates; returns the stored object (its uid owns the pods). */
export function putStatefulSet(
  fake: FakeKubeApiServer,
  namespace: string,
  name: string,
  replicas: number,
  claimTemplates: string[] = [],
) {
  return fake.put('statefulsets', {
    metadata: { namespace, name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: template(name),
      volumeClaimTemplates: claimTemplates.map((t) => ({
        metadata: { name: t },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      })),
    },
    status: { replicas, readyReplicas: replicas },
  });
}

/** The pod of a stateful set's ordinal, as its controller names and owns it. */
export function putOrdinalPod(
  fake: FakeKubeApiServer,
  set: { metadata: { name: string; namespace?: string; uid?: string } },
  ordinal: number,
  opts: Parameters<typeof fakePod>[2] = {},
) {
  const { name, namespace = '', uid = '' } = set.metadata;
  const p = fakePod(namespace, `${name}-${ordinal}`, { labels: { app: name }, ...opts });
  return fake.put('pods', { ...p, metadata: { ...p.metadata, ...owner('StatefulSet', name, uid) } });
}

/** A persistent volume claim; Bound claims have the capacity they ask for. */
export function putClaim(
  fake: FakeKubeApiServer,
  namespace: string,
  name: string,
  phase: 'Bound' | 'Pending' | 'Lost',
  storageClass = 'standard',
) {
  return fake.put('persistentvolumeclaims', {
    metadata: { namespace, name },
    spec: { storageClassName: storageClass, resources: { requests: { storage: '1Gi' } } },
    status: { phase, ...(phase === 'Bound' ? { capacity: { storage: '1Gi' } } : {}) },
  });
}

/** A node with labels, NoSchedule/NoExecute taints and, when cordoned, unschedulable. */
export function putNode(
  fake: FakeKubeApiServer,
  name: string,
  opts: {
    labels?: Record<string, string>;
    taints?: { key: string; value?: string; effect: string }[];
    unschedulable?: boolean;
  } = {},
) {
  return fake.put('nodes', {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: { ...(opts.taints ? { taints: opts.taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
  });
}

/**
 * A daemon set at template generation `generation` with its current ControllerRevision (hash
 * `hash`) and, when `oldHash` is given, an older revision of another template. Returns the stored set.
 */
export function putDaemonSet(
  fake: FakeKubeApiServer,
  namespace: string,
  name: string,
  opts: {
    nodeSelector?: Record<string, string>;
    tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
    hash?: string;
    oldHash?: string;
    generation?: number;
  } = {},
) {
  const generation = opts.generation ?? 2;
  const t = template(name, {
    ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
    ...(opts.tolerations ? { tolerations: opts.tolerations } : {}),
  });
  const ds = fake.put('daemonsets', {
    metadata: {
      namespace,
      name,
      generation,
      annotations: { 'deprecated.daemonset.template.generation': String(generation) },
    },
    spec: { selector: { matchLabels: { app: name } }, template: t },
    status: {},
  });
  const revision = (hash: string, n: number, tpl: object) =>
    fake.put('controllerrevisions', {
      metadata: {
        namespace,
        name: `${name}-${hash}`,
        labels: { app: name, 'controller-revision-hash': hash },
        ...owner('DaemonSet', name, ds.metadata.uid ?? ''),
      },
      revision: n,
      data: { spec: { template: { ...tpl, $patch: 'replace' } } },
    });
  if (opts.oldHash)
    revision(opts.oldHash, 1, { ...t, spec: { ...t.spec, containers: [{ name: 'main', image: 'old' }] } });
  if (opts.hash) revision(opts.hash, 2, t);
  return ds;
}

/** A daemon set's pod on a node, labelled with the revision hash and template generation it was made from. */
export function putDaemonPod(
  fake: FakeKubeApiServer,
  ds: { metadata: { name: string; namespace?: string; uid?: string } },
  node: string,
  labels: { hash?: string; generation?: number } = {},
  opts: Parameters<typeof fakePod>[2] = {},
) {
  const { name, namespace = '', uid = '' } = ds.metadata;
  const p = fakePod(namespace, `${name}-${node}`, {
    node,
    labels: {
      app: name,
      ...(labels.hash ? { 'controller-revision-hash': labels.hash } : {}),
      ...(labels.generation !== undefined ? { 'pod-template-generation': String(labels.generation) } : {}),
    },
    ...opts,
  });
  return fake.put('pods', { ...p, metadata: { ...p.metadata, ...owner('DaemonSet', name, uid) } });
}
