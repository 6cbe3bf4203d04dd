// What a stateful set or a daemon set is made of, read as their controllers see it.
// A stateful set: its pods by ordinal (the pods it controls, named <set>-<ordinal>) and, per volume
// claim template, the claim <template>-<set>-<ordinal>; a pod is up to date when its
// controller-revision-hash label is the set's status.updateRevision (as the StatefulSet controller
// decides which pods to replace). A daemon set: the nodes it should run on
// (daemon-nodes.ts) and its pod on each, up to date when its controller-revision-hash label is the
// set's current ControllerRevision's (the revision whose template is the set's own), else when its
// pod-template-generation label is the set's template generation annotation, as the controller's
// IsPodUpdated compares them. A refused or failed read of claims or nodes becomes a sentence in the
// answer, so the rest still shows.
import type {
  KubeConfig,
  V1ControllerRevision,
  V1DaemonSet,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type {
  KubeDaemonNode,
  KubeDaemonSetMembers,
  KubeOrdinal,
  KubeSetMembers,
  KubeStatefulSetMembers,
} from '../../shared/contract/areas/kube';
import { BerthError } from '../../shared/errors';
import { nodeVerdict } from './daemon-nodes';
import { kubeJson } from './request';
import { resourcePath } from './resources';
import { canonical } from './rollout-shared';
import { selectorQuery } from './selector';

const REVISION_HASH = 'controller-revision-hash';
const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

type Opt = { signal?: AbortSignal };

/** The set's own pods: its selector's, controlled by it (owner reference with its uid). */
async function ownPods(kc: KubeConfig, namespace: string, set: V1StatefulSet | V1DaemonSet, opt: Opt) {
  const list = await kubeJson<{ items?: V1Pod[] }>(kc, {
    path: resourcePath('pods', namespace),
    query: { labelSelector: selectorQuery(set.spec?.selector) || undefined },
    ...opt,
  });
  const uid = set.metadata?.uid;
  return (list.items ?? []).filter((p) => p.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid));
}

/** A read that may be refused: its answer, or the sentence of why not. */
async function tryRead<T>(read: () => Promise<T>): Promise<{ value?: T; error: string }> {
  try {
    return { value: await read(), error: '' };
  } catch (e) {
    if (e instanceof BerthError) return { error: e.message };
    throw e;
  }
}

const podState = (p: V1Pod | undefined) => {
  const statuses = p?.status?.containerStatuses ?? [];
  return {
    phase: !p ? 'Missing' : p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
    readyContainers: statuses.filter((s) => s.ready).length,
    containers: p?.spec?.containers?.length ?? 0,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
  };
};

export async function statefulSetMembers(
  kc: KubeConfig,
  namespace: string,
  name: string,
  opt: Opt = {},
): Promise<KubeStatefulSetMembers> {
  const set = await kubeJson<V1StatefulSet>(kc, { path: resourcePath('statefulsets', namespace, name), ...opt });
  const replicas = set.spec?.replicas ?? 1;
  const start = set.spec?.ordinals?.start ?? 0;
  const templates = (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '').filter(Boolean);
  const [pods, claims] = await Promise.all([
    ownPods(kc, namespace, set, opt),
    templates.length
      ? tryRead(async () => {
          const list = await kubeJson<{ items?: V1PersistentVolumeClaim[] }>(kc, {
            path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims`,
            ...opt,
          });
          return new Map((list.items ?? []).map((c) => [c.metadata?.name ?? '', c]));
        })
      : { value: new Map<string, V1PersistentVolumeClaim>(), error: '' },
  ]);
  // The controller's own test of membership: <parent>-<ordinal>, the parent being the set.
  const byOrdinal = new Map<number, V1Pod>();
  for (const p of pods) {
    const m = /^(.*)-([0-9]+)$/.exec(p.metadata?.name ?? '');
    if (m && m[1] === name) byOrdinal.set(Number(m[2]), p);
  }
  const updateRevision = set.status?.updateRevision ?? '';
  const ordinal = (n: number, wanted: boolean): KubeOrdinal => {
    const pod = byOrdinal.get(n);
    const hash = pod?.metadata?.labels?.[REVISION_HASH];
    return {
      ordinal: n,
      pod: `${name}-${n}`,
      ...podState(pod),
      node: pod?.spec?.nodeName ?? '',
      wanted,
      upToDate: pod && updateRevision && hash ? hash === updateRevision : null,
      claims: templates.map((template) => {
        const claimName = `${template}-${name}-${n}`;
        const c = claims.value?.get(claimName);
        return {
          template,
          name: claimName,
          status: !claims.value ? 'Unknown' : !c ? 'Missing' : (c.status?.phase ?? 'Pending'),
          capacity: c?.status?.capacity?.storage ?? '',
          requested: c?.spec?.resources?.requests?.storage ?? '',
          storageClass: c?.spec?.storageClassName ?? '',
        };
      }),
    };
  };
  const wanted = Array.from({ length: replicas }, (_, i) => ordinal(start + i, true));
  const beyond = [...byOrdinal.keys()]
    .filter((n) => n < start || n >= start + replicas)
    .sort((a, b) => a - b)
    .map((n) => ordinal(n, false));
  return {
    resource: 'statefulsets',
    replicas,
    ordinals: [...wanted, ...beyond],
    claimsError: claims.error,
    updateRevision,
  };
}

/** The node a daemon pod is on, or is bound for (its node affinity's metadata.name, as GetTargetNodeName). */
function targetNode(p: V1Pod): string {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ??
    [])
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0]!;
  return '';
}

/** How to tell an up-to-date daemon pod: the current revision's hash, else the template generation. */
async function currentRevision(kc: KubeConfig, namespace: string, ds: V1DaemonSet, opt: Opt) {
  const generation = ds.metadata?.annotations?.[TEMPLATE_GENERATION];
  const revisions = await tryRead(() =>
    kubeJson<{ items?: V1ControllerRevision[] }>(kc, {
      path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions`,
      query: { labelSelector: selectorQuery(ds.spec?.selector) || undefined },
      ...opt,
    }),
  );
  const own = canonical(ds.spec?.template ?? {});
  const current = (revisions.value?.items ?? [])
    .filter((r) => r.metadata?.ownerReferences?.some((o) => o.controller && o.uid === ds.metadata?.uid))
    .filter((r) => {
      // The revision's data is the patch {"spec":{"template":{…,"$patch":"replace"}}} (the controller's getPatch).
      const t = {
        ...((r.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}),
      };
      delete t.$patch;
      return canonical(t) === own;
    })
    .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))[0];
  const hash = current ? (current.metadata?.labels?.[REVISION_HASH] ?? current.metadata?.name ?? '') : '';
  return { hash, generation };
}

export async function daemonSetMembers(
  kc: KubeConfig,
  namespace: string,
  name: string,
  opt: Opt = {},
): Promise<KubeDaemonSetMembers> {
  const ds = await kubeJson<V1DaemonSet>(kc, { path: resourcePath('daemonsets', namespace, name), ...opt });
  // The three reads are independent; a refused node or revision list does not fail the others.
  const [pods, nodes, { hash, generation }] = await Promise.all([
    ownPods(kc, namespace, ds, opt),
    tryRead(async () => (await kubeJson<{ items?: V1Node[] }>(kc, { path: '/api/v1/nodes', ...opt })).items ?? []),
    currentRevision(kc, namespace, ds, opt),
  ]);
  const upToDate = (p: V1Pod): boolean | null => {
    if (!hash && generation === undefined) return null;
    const labels = p.metadata?.labels ?? {};
    return (
      (!!hash && labels[REVISION_HASH] === hash) ||
      (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation)
    );
  };
  const podsOn = new Map<string, V1Pod[]>();
  for (const p of pods) {
    const node = targetNode(p);
    podsOn.set(node, [...(podsOn.get(node) ?? []), p]);
  }
  const row = (node: string, eligible: boolean, reason: string): KubeDaemonNode => {
    // With several (a surge during an update), the one not being deleted and newest.
    const pod = (podsOn.get(node) ?? []).sort(
      (a, b) =>
        Number(!!a.metadata?.deletionTimestamp) - Number(!!b.metadata?.deletionTimestamp) ||
        String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')),
    )[0];
    const s = podState(pod);
    return {
      node,
      eligible,
      reason,
      pod: pod?.metadata?.name ?? '',
      phase: pod ? s.phase : '',
      readyContainers: s.readyContainers,
      containers: s.containers,
      upToDate: pod ? upToDate(pod) : null,
    };
  };
  const byName = (a: KubeDaemonNode, b: KubeDaemonNode) => a.node.localeCompare(b.node);
  const revision = hash ? `revision ${hash}` : generation !== undefined ? `template generation ${generation}` : '';
  if (!nodes.value) {
    const rows = [...podsOn.keys()].map((n) => row(n, true, n ? '' : 'not yet bound to a node')).sort(byName);
    return { resource: 'daemonsets', nodes: rows, revision, nodesError: nodes.error };
  }
  const main: KubeDaemonNode[] = [];
  const others: KubeDaemonNode[] = [];
  const known = new Set<string>();
  for (const n of nodes.value) {
    const nodeName = n.metadata?.name ?? '';
    known.add(nodeName);
    const v = nodeVerdict(ds.spec?.template?.spec, n);
    const hasPod = podsOn.has(nodeName);
    if (v.shouldRun) main.push(row(nodeName, true, v.reason));
    else if (hasPod)
      main.push(
        row(
          nodeName,
          false,
          `${v.reason}; ${v.mayContinue ? 'its running pod may stay' : 'the controller removes its pod'}`,
        ),
      );
    else others.push(row(nodeName, false, v.reason));
  }
  for (const n of podsOn.keys())
    if (!known.has(n)) main.push(row(n, false, n ? 'the node no longer exists' : 'not yet bound to a node'));
  return {
    resource: 'daemonsets',
    nodes: [...main.sort(byName), ...others.sort(byName)],
    revision,
    nodesError: '',
  };
}

/** A stateful set's ordinals or a daemon set's nodes. */
export function setMembers(
  kc: KubeConfig,
  resource: 'statefulsets' | 'daemonsets',
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KubeSetMembers> {
  const opt = signal ? { signal } : {};
  return resource === 'statefulsets'
    ? statefulSetMembers(kc, namespace, name, opt)
    : daemonSetMembers(kc, namespace, name, opt);
}
