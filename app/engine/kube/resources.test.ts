// Every watched resource against the fake API server (no API server can run here): each list's rows
// as kubectl get computes them, a big list sent in slices between reset and synced, rollout restart,
// scale of a stateful set, cron job suspend and trigger-now, delete, and describe with events.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../harness/temp-dirs';
import type { KubeResource, KubeRows } from '../../shared/contract/areas/kube';
import { WatchedRows } from '../../shared/kube-watched-rows';
import { describeObject } from './describe';
import type { FakeKubeApiServer } from './test-support/fake-api-server';
import { fakePod, startFakeContext } from './test-support/kube-fixtures';
import { LIST_SLICE } from './watch';
import { triggerCronJob } from './jobs';
import { deleteObject, restartObject, scaleObject, suspendCronJob, watchResource } from './workloads';

const tmp = tempDirs('berth-kube-resources-');
const fakes: FakeKubeApiServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

const setUp = () => startFakeContext(tmp(), fakes);

type Kc = Awaited<ReturnType<typeof setUp>>['kc'];

/** Opens a watch and reads until its first list is complete; returns the rows and the watch. */
async function firstList<R extends KubeResource>(kc: Kc, resource: R, namespace?: string) {
  const ac = new AbortController();
  const w = watchResource(kc, resource, namespace, ac.signal);
  const state = new WatchedRows<KubeRows[R]>();
  const batches: number[] = [];
  while (!state.synced) {
    const next = await w.next();
    if (next.done) throw new Error('the watch ended before its list');
    batches.push(next.value.length);
    state.apply(next.value);
  }
  const more = async (cond: () => boolean) => {
    while (!cond()) {
      const next = await w.next();
      if (next.done) return;
      state.apply(next.value);
    }
  };
  return { state, batches, more, stop: () => ac.abort() };
}

const meta = (namespace: string, name: string, extra: object = {}) => ({
  metadata: { namespace, name, creationTimestamp: '2026-12-03T10:00:00Z', ...extra },
});

describe('watched resources against the fake API server', () => {
  it('sends a list of 300 pods as reset, slices of upserts and synced, never as one item', async () => {
    const { fake, kc } = await setUp();
    for (let i = 0; i < 300; i++) fake.put('pods', fakePod('big', `pod-${i}`));
    const { state, batches, stop } = await firstList(kc, 'pods', 'big');
    expect(state.rows.size).toBe(300);
    // reset alone, then slices of at most LIST_SLICE, then synced alone.
    expect(batches[0]).toBe(1);
    expect(batches.at(-1)).toBe(1);
    expect(Math.max(...batches)).toBe(LIST_SLICE);
    expect(batches.slice(1, -1).reduce((a, b) => a + b, 0)).toBe(300);
    stop();
  });

  it('shows services with type, cluster IP, ports and selector, and endpoints with ready addresses', async () => {
    const { fake, kc } = await setUp();
    fake.put('services', {
      ...meta('shop', 'web'),
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.10',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    });
    fake.put('services', {
      ...meta('shop', 'lb'),
      spec: { type: 'LoadBalancer', clusterIP: '10.96.0.11', ports: [{ port: 443 }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
    });
    fake.put('endpoints', {
      ...meta('shop', 'web'),
      subsets: [
        {
          addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.0.6' }],
          notReadyAddresses: [{ ip: '10.244.0.7' }],
          ports: [{ port: 8080 }],
        },
      ],
    });
    const services = await firstList(kc, 'services', 'shop');
    expect(services.state.rows.get('shop/web')).toEqual({
      namespace: 'shop',
      name: 'web',
      created: '2026-12-03T10:00:00Z',
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      externalIP: '',
      ports: ['http 80:30080→8080/TCP', '53/UDP'],
      selector: 'app=web',
    });
    expect(services.state.rows.get('shop/lb')).toMatchObject({ externalIP: '203.0.113.9', ports: ['443/TCP'] });
    const endpoints = await firstList(kc, 'endpoints', 'shop');
    expect(endpoints.state.rows.get('shop/web')).toMatchObject({
      ready: ['10.244.0.5:8080', '10.244.0.6:8080'],
      notReady: 1,
    });
    services.stop();
    endpoints.stop();
  });

  it('shows stateful, daemon and replica sets, and scales and restarts a stateful set', async () => {
    const { fake, kc } = await setUp();
    fake.put('statefulsets', {
      ...meta('db', 'pg'),
      spec: {
        replicas: 3,
        serviceName: 'pg-headless',
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
        template: { spec: { containers: [{ name: 'pg', image: 'postgres' }] } },
      },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3 },
    });
    fake.put('daemonsets', {
      ...meta('kube-system', 'node-exporter'),
      spec: { template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: {
        desiredNumberScheduled: 4,
        currentNumberScheduled: 4,
        numberReady: 3,
        updatedNumberScheduled: 4,
        numberAvailable: 3,
      },
    });
    fake.put('replicasets', {
      ...meta('shop', 'web-7d4b9', {
        ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true, apiVersion: 'apps/v1', uid: 'u' }],
      }),
      spec: { replicas: 2 },
      status: { replicas: 2, readyReplicas: 1 },
    });
    const sts = await firstList(kc, 'statefulsets');
    expect(sts.state.rows.get('db/pg')).toMatchObject({
      desired: 3,
      ready: 2,
      upToDate: 3,
      service: 'pg-headless',
      claims: ['data'],
    });
    const ds = await firstList(kc, 'daemonsets');
    expect(ds.state.rows.get('kube-system/node-exporter')).toMatchObject({
      desired: 4,
      current: 4,
      ready: 3,
      upToDate: 4,
      available: 3,
      nodeSelector: 'kubernetes.io/os=linux',
    });
    const rs = await firstList(kc, 'replicasets');
    expect(rs.state.rows.get('shop/web-7d4b9')).toMatchObject({
      desired: 2,
      current: 2,
      ready: 1,
      owner: 'Deployment/web',
    });

    expect(await scaleObject(kc, 'statefulsets', 'db', 'pg', 5)).toEqual({ replicas: 5 });
    await sts.more(() => sts.state.rows.get('db/pg')?.desired === 5);
    await restartObject(kc, 'statefulsets', 'db', 'pg', new Date('2026-12-03T12:00:00Z'));
    const template = fake.get('statefulsets', 'db', 'pg')!.spec as {
      template: { metadata: { annotations: Record<string, string> }; spec: { containers: unknown[] } };
    };
    expect(template.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-12-03T12:00:00.000Z',
    );
    expect(template.template.spec.containers).toHaveLength(1); // a merge, not a replacement
    const patch = fake.requests.findLast((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/apis/apps/v1/namespaces/db/statefulsets/pg');
    for (const w of [sts, ds, rs]) w.stop();
  });

  it('shows jobs and cron jobs, suspends and resumes a cron job and runs it now', async () => {
    const { fake, kc } = await setUp();
    fake.put('cronjobs', {
      ...meta('ops', 'backup', { uid: 'cron-uid' }),
      spec: {
        schedule: '0 3 * * *',
        suspend: false,
        jobTemplate: {
          metadata: { labels: { app: 'backup' } },
          spec: { template: { spec: { containers: [{ name: 'b', image: 'busybox' }], restartPolicy: 'Never' } } },
        },
      },
      status: { lastScheduleTime: '2026-12-03T03:00:00Z', lastSuccessfulTime: '2026-12-03T03:01:10Z' },
    });
    fake.put('jobs', {
      ...meta('ops', 'backup-29001', {
        ownerReferences: [{ kind: 'CronJob', name: 'backup', controller: true, apiVersion: 'batch/v1', uid: 'c' }],
      }),
      spec: { completions: 1 },
      status: {
        succeeded: 1,
        startTime: '2026-12-03T03:00:00Z',
        completionTime: '2026-12-03T03:01:10Z',
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    });
    fake.put('jobs', {
      ...meta('ops', 'migrate'),
      spec: { completions: 3 },
      status: { active: 1, failed: 2, succeeded: 1, startTime: '2026-12-03T09:00:00Z' },
    });
    const jobs = await firstList(kc, 'jobs', 'ops');
    expect(jobs.state.rows.get('ops/backup-29001')).toMatchObject({
      succeeded: 1,
      completions: 1,
      status: 'Complete',
      durationSeconds: 70,
      owner: 'CronJob/backup',
    });
    expect(jobs.state.rows.get('ops/migrate')).toMatchObject({ status: 'Running', active: 1, failed: 2 });
    const crons = await firstList(kc, 'cronjobs', 'ops');
    expect(crons.state.rows.get('ops/backup')).toMatchObject({
      schedule: '0 3 * * *',
      suspend: false,
      active: 0,
      lastSchedule: '2026-12-03T03:00:00Z',
      lastSuccess: '2026-12-03T03:01:10Z',
    });

    await suspendCronJob(kc, 'ops', 'backup', true);
    await crons.more(() => crons.state.rows.get('ops/backup')?.suspend === true);
    await suspendCronJob(kc, 'ops', 'backup', false);
    await crons.more(() => crons.state.rows.get('ops/backup')?.suspend === false);

    const { job } = await triggerCronJob(kc, 'ops', 'backup', Date.parse('2026-12-03T12:00:00Z'));
    expect(job).toMatch(/^backup-manual-[a-z0-9]+$/);
    await jobs.more(() => jobs.state.rows.has(`ops/${job}`));
    const made = fake.get('jobs', 'ops', job)!;
    expect(made.metadata).toMatchObject({
      labels: { app: 'backup' },
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [{ kind: 'CronJob', name: 'backup', uid: 'cron-uid', controller: true }],
    });
    expect((made.spec as { template: unknown }).template).toBeDefined();
    // The same second again: the name is taken, and the cluster says so.
    await expect(triggerCronJob(kc, 'ops', 'backup', Date.parse('2026-12-03T12:00:00Z'))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/already exists/),
    });
    await deleteObject(kc, 'cronjobs', 'ops', 'backup');
    await crons.more(() => crons.state.rows.size === 0);
    jobs.stop();
    crons.stop();
  });

  it('shows HPAs with their metrics and events with their object', async () => {
    const { fake, kc } = await setUp();
    fake.put('horizontalpodautoscalers', {
      ...meta('shop', 'web'),
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
        ],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 4,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 95 } } }],
      },
    });
    fake.put('events', {
      ...meta('shop', 'web-1.17a'),
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container\n',
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
      count: 7,
      lastTimestamp: '2026-12-03T11:00:00Z',
    });
    const hpa = await firstList(kc, 'horizontalpodautoscalers', 'shop');
    expect(hpa.state.rows.get('shop/web')).toMatchObject({
      target: 'Deployment/web',
      metrics: ['cpu 95%/80%', 'memory <unknown>/500Mi'],
      min: 2,
      max: 10,
      current: 3,
      desired: 4,
    });
    const events = await firstList(kc, 'events', 'shop');
    expect(events.state.rows.get('shop/web-1.17a')).toMatchObject({
      type: 'Warning',
      reason: 'BackOff',
      object: 'Pod/web-1',
      message: 'Back-off restarting failed container',
      count: 7,
      last: '2026-12-03T11:00:00Z',
    });
    hpa.stop();
    events.stop();
  });

  it('describes a pod: YAML without managedFields, conditions, container states and only its own events', async () => {
    const { fake, kc } = await setUp();
    const pod = fakePod('shop', 'web-1', { restarts: 2, ready: false });
    fake.put('pods', {
      ...pod,
      metadata: { ...pod.metadata, managedFields: [{ manager: 'kubectl' }] },
      status: {
        ...pod.status,
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'ContainersNotReady',
            message: 'containers with unready status: [main]',
          },
        ],
        containerStatuses: [
          {
            name: 'main',
            ready: false,
            restartCount: 2,
            image: 'busybox',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2026-12-03T11:00:00Z' } },
          },
        ],
      },
    });
    const event = (name: string, object: string, last: string) => ({
      ...meta('shop', name),
      type: 'Warning',
      reason: 'BackOff',
      message: `about ${object}`,
      involvedObject: { kind: 'Pod', name: object, namespace: 'shop' },
      lastTimestamp: last,
    });
    fake.put('events', event('b', 'web-1', '2026-12-03T11:00:05Z'));
    fake.put('events', event('a', 'web-1', '2026-12-03T11:00:00Z'));
    fake.put('events', event('c', 'web-2', '2026-12-03T11:00:00Z'));
    const d = await describeObject(kc, 'pods', 'shop', 'web-1');
    expect(d.kind).toBe('Pod');
    expect(d.yaml).toContain('name: web-1');
    expect(d.yaml).not.toContain('managedFields');
    expect(d.conditions).toEqual([
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [main]',
        since: '',
      },
    ]);
    expect(d.containers).toEqual([
      {
        name: 'main',
        image: 'busybox',
        ready: false,
        restarts: 2,
        state: 'Waiting: CrashLoopBackOff',
        lastState: 'Terminated: Error (exit 1) at 2026-12-03T11:00:00Z',
      },
    ]);
    expect(d.events.map((e) => e.name)).toEqual(['a', 'b']);
    const selector = fake.requests.find((r) => r.path === '/api/v1/namespaces/shop/events')!.query.fieldSelector;
    expect(selector).toBe('involvedObject.kind=Pod,involvedObject.name=web-1');
    await expect(describeObject(kc, 'pods', 'shop', 'gone')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('refuses a forbidden scale with RBAC’s sentence and changes nothing', async () => {
    const { fake, kc } = await setUp();
    fake.put('replicasets', { ...meta('shop', 'rs'), spec: { replicas: 1 } });
    fake.deny('admin', 'patch', 'replicasets/scale');
    await expect(scaleObject(kc, 'replicasets', 'shop', 'rs', 4)).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringMatching(
        /cannot patch resource "replicasets\/scale" in API group "apps" in the namespace "shop"/,
      ),
    });
    expect((fake.get('replicasets', 'shop', 'rs')!.spec as { replicas: number }).replicas).toBe(1);
  });
});
