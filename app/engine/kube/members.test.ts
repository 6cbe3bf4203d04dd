// A stateful set's ordinals and claims and a daemon set's nodes, against the fake API server (no API
// server can run here): gaps in the ordinals, claims missing or pending, nodes excluded by a node
// selector or an untolerated taint as the DaemonSet controller excludes them, cordoned nodes that
// still get daemon pods, out-of-date pods by revision hash and by template generation, and RBAC
// refusals of claims or nodes as sentences beside what could be read.
import { describe, expect, it } from 'vitest';
import type { V1Node } from '@kubernetes/client-node';
import type { KubeDaemonSetMembers, KubeStatefulSetMembers } from '../../shared/contract/areas/kube';
import { nodeVerdict } from './daemon-nodes';
import { setMembers } from './members';
import { fakeContexts } from './test-support/fake-contexts';
import { fakePod } from './test-support/kube-fixtures';
import * as sets from './test-support/set-fixtures';

const startFake = fakeContexts('berth-kube-members-');

describe('stateful set members against the fake API server', () => {
  it('lists every ordinal with its pod or "Missing", and each claim with its status or "Missing"', async () => {
    const { fake, kc } = await startFake();
    const web = sets.putStatefulSet(fake, 'shop', 'web', 3, ['data']);
    sets.putOrdinalPod(fake, web, 0, { node: 'node-a', restarts: 2 });
    sets.putOrdinalPod(fake, web, 2, { node: 'node-b', ready: false, phase: 'Pending' });
    // Not web's: another set's pod with the same labels, and a pod named like web's without its owner.
    const other = sets.putStatefulSet(fake, 'shop', 'web-other', 1);
    sets.putOrdinalPod(fake, { metadata: { ...other.metadata, name: 'web' } }, 1);
    fake.put('pods', fakePod('shop', 'web-5', { labels: { app: 'web' } }));
    sets.putClaim(fake, 'shop', 'data-web-0', 'Bound');
    sets.putClaim(fake, 'shop', 'data-web-2', 'Pending', 'fast');

    const m = (await setMembers(kc, 'statefulsets', 'shop', 'web')) as KubeStatefulSetMembers;
    expect(m.claimsError).toBe('');
    expect(m.ordinals.map((o) => [o.pod, o.phase, `${o.readyContainers}/${o.containers}`, o.restarts, o.node])).toEqual(
      [
        ['web-0', 'Running', '1/1', 2, 'node-a'],
        ['web-1', 'Missing', '0/0', 0, ''],
        ['web-2', 'Pending', '0/1', 0, 'node-b'],
      ],
    );
    expect(
      m.ordinals.map((o) => o.claims.map((c) => [c.name, c.status, c.capacity, c.requested, c.storageClass])),
    ).toEqual([
      [['data-web-0', 'Bound', '1Gi', '1Gi', 'standard']],
      [['data-web-1', 'Missing', '', '', '']],
      [['data-web-2', 'Pending', '', '1Gi', 'fast']],
    ]);
  });

  it('shows a pod beyond the replicas as not wanted (being removed), and honours spec.ordinals.start', async () => {
    const { fake, kc } = await startFake();
    const db = sets.putStatefulSet(fake, 'shop', 'db', 2);
    fake.put('statefulsets', { ...db, spec: { ...(db.spec as object), ordinals: { start: 1 } } });
    for (const n of [1, 2, 3]) sets.putOrdinalPod(fake, db, n);
    const m = (await setMembers(kc, 'statefulsets', 'shop', 'db')) as KubeStatefulSetMembers;
    expect(m.ordinals.map((o) => [o.ordinal, o.wanted, o.claims])).toEqual([
      [1, true, []],
      [2, true, []],
      [3, false, []],
    ]);
    // No claim templates: the claims are not read at all.
    expect(fake.requests.some((r) => r.path.endsWith('/persistentvolumeclaims'))).toBe(false);
  });

  it('marks each pod up to date when it runs the set’s update revision, as the controller decides', async () => {
    const { fake, kc } = await startFake();
    const web = sets.putStatefulSet(fake, 'shop', 'web', 3);
    const labelled = (hash?: string) => ({
      labels: { app: 'web', ...(hash ? { 'controller-revision-hash': hash } : {}) },
    });
    sets.putOrdinalPod(fake, web, 0, labelled('web-6d5f'));
    sets.putOrdinalPod(fake, web, 1, labelled('web-7c9f'));
    sets.putOrdinalPod(fake, web, 2, labelled());
    // No update revision reported yet: Berth cannot tell.
    let m = (await setMembers(kc, 'statefulsets', 'shop', 'web')) as KubeStatefulSetMembers;
    expect(m.updateRevision).toBe('');
    expect(m.ordinals.map((o) => o.upToDate)).toEqual([null, null, null]);
    // A rolling update under way: web-1 is on the update revision, web-0 not yet, web-2 carries no hash.
    fake.put('statefulsets', { ...web, status: { ...(web.status as object), updateRevision: 'web-7c9f' } });
    m = (await setMembers(kc, 'statefulsets', 'shop', 'web')) as KubeStatefulSetMembers;
    expect(m.updateRevision).toBe('web-7c9f');
    expect(m.ordinals.map((o) => [o.pod, o.upToDate])).toEqual([
      ['web-0', false],
      ['web-1', true],
      ['web-2', null],
    ]);
  });

  it('says why the claims could not be read (RBAC) and still lists the pods', async () => {
    const { fake, kc } = await startFake();
    const web = sets.putStatefulSet(fake, 'shop', 'web', 1, ['data']);
    sets.putOrdinalPod(fake, web, 0);
    fake.deny('admin', 'list', 'persistentvolumeclaims');
    const m = (await setMembers(kc, 'statefulsets', 'shop', 'web')) as KubeStatefulSetMembers;
    expect(m.claimsError).toContain('cannot list resource "persistentvolumeclaims"');
    expect(m.ordinals[0]).toMatchObject({ pod: 'web-0', phase: 'Running' });
    expect(m.ordinals[0]!.claims[0]).toMatchObject({ name: 'data-web-0', status: 'Unknown' });
  });

  it('a stateful set that does not exist is a not-found sentence', async () => {
    const { kc } = await startFake();
    await expect(setMembers(kc, 'statefulsets', 'shop', 'gone')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('daemon set nodes against the fake API server', () => {
  const rows = (m: KubeDaemonSetMembers) =>
    m.nodes.map((n) => [n.node, n.eligible, n.pod || 'none', n.upToDate, n.reason]);

  it('runs on matching, tolerated and cordoned nodes; not on excluded ones; marks out-of-date pods', async () => {
    const { fake, kc } = await startFake();
    sets.putNode(fake, 'a', { labels: { disk: 'ssd' } });
    sets.putNode(fake, 'b', {
      labels: { disk: 'ssd' },
      unschedulable: true,
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    });
    sets.putNode(fake, 'c', {
      labels: { disk: 'ssd' },
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
    });
    sets.putNode(fake, 'd', { labels: { disk: 'hdd' } });
    sets.putNode(fake, 'e', { labels: { disk: 'ssd' }, taints: [{ key: 'team', value: 'ops', effect: 'NoExecute' }] });
    sets.putNode(fake, 'f', { labels: { disk: 'ssd' }, taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] });
    const ds = sets.putDaemonSet(fake, 'kube-system', 'fluentd', {
      nodeSelector: { disk: 'ssd' },
      tolerations: [{ key: 'team', operator: 'Equal', value: 'ops', effect: 'NoExecute' }],
      hash: 'h2',
      oldHash: 'h1',
    });
    sets.putDaemonPod(fake, ds, 'a', { hash: 'h2', generation: 2 });
    sets.putDaemonPod(fake, ds, 'b', { hash: 'h1', generation: 1 });

    const m = (await setMembers(kc, 'daemonsets', 'kube-system', 'fluentd')) as KubeDaemonSetMembers;
    expect(m.nodesError).toBe('');
    expect(m.revision).toBe('revision h2');
    expect(rows(m)).toEqual([
      ['a', true, 'fluentd-a', true, ''],
      ['b', true, 'fluentd-b', false, 'cordoned; daemon pods still run here'],
      ['e', true, 'none', null, ''],
      ['f', true, 'none', null, ''],
      ['c', false, 'none', null, 'taint dedicated=gpu:NoSchedule not tolerated'],
      ['d', false, 'none', null, 'node selector disk=ssd does not match'],
    ]);
  });

  it('keeps a pod on a node whose NoSchedule taint came later; says the controller removes one on NoExecute', async () => {
    const { fake, kc } = await startFake();
    sets.putNode(fake, 'x', { taints: [{ key: 'maint', effect: 'NoSchedule' }] });
    sets.putNode(fake, 'y', { taints: [{ key: 'maint', effect: 'NoExecute' }] });
    const ds = sets.putDaemonSet(fake, 'kube-system', 'agent', { hash: 'h1' });
    sets.putDaemonPod(fake, ds, 'x', { hash: 'h1' });
    sets.putDaemonPod(fake, ds, 'y', { hash: 'h1' });
    sets.putDaemonPod(fake, ds, 'gone', { hash: 'h1' });
    const m = (await setMembers(kc, 'daemonsets', 'kube-system', 'agent')) as KubeDaemonSetMembers;
    expect(rows(m)).toEqual([
      ['gone', false, 'agent-gone', true, 'the node no longer exists'],
      ['x', false, 'agent-x', true, 'taint maint:NoSchedule not tolerated; its running pod may stay'],
      ['y', false, 'agent-y', true, 'taint maint:NoExecute not tolerated; the controller removes its pod'],
    ]);
  });

  it('places a daemon pod not yet scheduled on the node its affinity names (as the controller does)', async () => {
    const { fake, kc } = await startFake();
    sets.putNode(fake, 'a');
    const ds = sets.putDaemonSet(fake, 'kube-system', 'agent', { hash: 'h1' });
    const p = sets.putDaemonPod(fake, ds, 'a', { hash: 'h1' }, { phase: 'Pending', ready: false });
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }],
        },
      },
    };
    const { nodeName: _bound, ...spec } = p.spec as { nodeName?: string };
    fake.put('pods', { ...p, spec: { ...spec, affinity } });
    const m = (await setMembers(kc, 'daemonsets', 'kube-system', 'agent')) as KubeDaemonSetMembers;
    expect(m.nodes.map((n) => [n.node, n.pod, n.phase])).toEqual([['a', 'agent-a', 'Pending']]);
  });

  it('without the revisions (RBAC), compares the pod-template-generation label with the template generation', async () => {
    const { fake, kc } = await startFake();
    sets.putNode(fake, 'a');
    sets.putNode(fake, 'b');
    const ds = sets.putDaemonSet(fake, 'kube-system', 'agent', { hash: 'h3', generation: 3 });
    sets.putDaemonPod(fake, ds, 'a', { generation: 3 });
    sets.putDaemonPod(fake, ds, 'b', { generation: 2 });
    fake.deny('admin', 'list', 'controllerrevisions');
    const m = (await setMembers(kc, 'daemonsets', 'kube-system', 'agent')) as KubeDaemonSetMembers;
    expect(m.revision).toBe('template generation 3');
    expect(m.nodes.map((n) => [n.node, n.upToDate])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('says why the nodes could not be read (RBAC) and lists the nodes its pods are on', async () => {
    const { fake, kc } = await startFake();
    sets.putNode(fake, 'a');
    sets.putNode(fake, 'b');
    const ds = sets.putDaemonSet(fake, 'kube-system', 'agent', { hash: 'h1' });
    sets.putDaemonPod(fake, ds, 'b', { hash: 'h1' });
    fake.deny('admin', 'list', 'nodes');
    const m = (await setMembers(kc, 'daemonsets', 'kube-system', 'agent')) as KubeDaemonSetMembers;
    expect(m.nodesError).toContain('cannot list resource "nodes" in API group "" at the cluster scope');
    expect(m.nodes.map((n) => [n.node, n.pod])).toEqual([['b', 'agent-b']]);
  });
});

describe('which nodes a daemon set belongs on (the DaemonSet controller’s predicates)', () => {
  const node = (spec: V1Node['spec'], labels: Record<string, string> = {}): V1Node => ({
    metadata: { name: 'n1', labels },
    spec,
  });
  it.each([
    ['an Exists toleration without a key tolerates every taint', [{ operator: 'Exists' }], true],
    ['a toleration of another effect does not', [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }], false],
    ['Equal needs the same value', [{ key: 'k', operator: 'Equal', value: 'v2' }], false],
    ['Equal with the same value tolerates', [{ key: 'k', value: 'v' }], true],
  ])('%s', (_, tolerations, runs) => {
    const v = nodeVerdict(
      { containers: [], tolerations },
      node({ taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }),
    );
    expect(v.shouldRun).toBe(runs);
  });

  it('required node affinity and the template’s nodeName exclude nodes; network-unavailable only for host network', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
        },
      },
    };
    expect(nodeVerdict({ containers: [], affinity }, node({}, { zone: 'a' })).shouldRun).toBe(true);
    expect(nodeVerdict({ containers: [], affinity }, node({}, { zone: 'b' })).reason).toBe(
      'required node affinity does not match',
    );
    expect(nodeVerdict({ containers: [], nodeName: 'n2' }, node({})).shouldRun).toBe(false);
    const net = node({ taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] });
    expect(nodeVerdict({ containers: [] }, net).shouldRun).toBe(false);
    expect(nodeVerdict({ containers: [], hostNetwork: true }, net).shouldRun).toBe(true);
  });
});
