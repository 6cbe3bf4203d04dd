// A workload's logs merged across its pods, against the fake API server (no API server can run
// here): the pods its selector names, their history interleaved by time and tagged, live lines of
// every pod after it, a pod whose log cannot be read leaving the others, and the end on abort.
import { describe, expect, it } from 'vitest';
import type { KubeLogLine } from '../../shared/contract/areas/kube';
import { fakeContexts } from './test-support/fake-contexts';
import { fakeDeployment, fakePod, until } from './test-support/kube-fixtures';
import { mergedPodLogs, workloadPods } from './workload-logs';

const startFake = fakeContexts('berth-kube-merged-logs-');

async function shop() {
  const { fake, kc } = await startFake();
  fake.put('deployments', fakeDeployment('shop', 'web', 2));
  fake.put('pods', fakePod('shop', 'web-b', { labels: { app: 'web' }, containers: ['app', 'proxy'] }));
  fake.put('pods', fakePod('shop', 'web-a', { labels: { app: 'web' } }));
  fake.put('pods', fakePod('shop', 'api-1', { labels: { app: 'api' } }));
  fake.appendLog('shop', 'web-a', 'main', '2026-12-04T10:00:01Z a1', '2026-12-04T10:00:03Z a3');
  fake.appendLog('shop', 'web-b', 'app', '2026-12-04T10:00:02Z b2', '2026-12-04T10:00:04.5Z b4');
  return { fake, kc };
}

const text = (lines: KubeLogLine[]) => lines.map((l) => `${l.pod}:${l.text}`);

describe('a workload’s pods and their merged logs against the fake API server', () => {
  it('lists the pods the deployment’s selector names, by name, with their containers', async () => {
    const { fake, kc } = await shop();
    expect(await workloadPods(kc, 'deployments', 'shop', 'web')).toEqual({
      selector: 'app=web',
      pods: [
        { name: 'web-a', containers: ['main'] },
        { name: 'web-b', containers: ['app', 'proxy'] },
      ],
    });
    fake.put('deployments', { ...fakeDeployment('shop', 'bare', 1), spec: { replicas: 1 } });
    await expect(workloadPods(kc, 'deployments', 'shop', 'bare')).rejects.toMatchObject({
      message: 'bare has no pod selector, so Berth cannot tell which pods are its own.',
    });
  });

  it('interleaves the pods’ history by time, each line tagged; a pod that cannot be read leaves the others', async () => {
    const { kc } = await shop();
    const ac = new AbortController();
    const got: KubeLogLine[] = [];
    for await (const batch of mergedPodLogs(kc, {
      namespace: 'shop',
      pods: [{ pod: 'web-a' }, { pod: 'web-b', container: 'app' }, { pod: 'gone' }],
      tail: 'all',
      follow: false,
      signal: ac.signal,
    }))
      got.push(...batch);
    expect(got[0]).toMatchObject({
      pod: 'gone',
      stream: 'stderr',
      text: expect.stringContaining('pods "gone" not found'),
    });
    expect(text(got.slice(1))).toEqual(['web-a:a1', 'web-b:b2', 'web-a:a3', 'web-b:b4']);
    expect(got[2]).toMatchObject({ container: 'app', ts: '2026-12-04T10:00:02Z', stream: 'stdout' });
  });

  it('follows every pod after its history without repeating it, and ends when aborted', async () => {
    const { fake, kc } = await shop();
    const ac = new AbortController();
    const got: KubeLogLine[] = [];
    const done = (async () => {
      for await (const batch of mergedPodLogs(kc, {
        namespace: 'shop',
        pods: [{ pod: 'web-a' }, { pod: 'web-b', container: 'app' }],
        tail: 1,
        follow: true,
        signal: ac.signal,
        windowMs: 20,
      }))
        got.push(...batch);
    })();
    await until(() => got.length === 2);
    expect(text(got)).toEqual(['web-a:a3', 'web-b:b4']);
    await until(() => fake.openLogCount() === 2);
    fake.appendLog('shop', 'web-b', 'app', '2026-12-04T10:00:05Z b5');
    fake.appendLog('shop', 'web-a', 'main', '2026-12-04T10:00:06Z a6');
    await until(() => got.length === 4);
    expect(text(got).slice(2)).toEqual(['web-b:b5', 'web-a:a6']);
    ac.abort();
    await done;
    await until(() => fake.openLogCount() === 0);
  });

  it('puts the container kubectl reads by default first (its annotation), so a pod with a sidecar is read', async () => {
    const { fake, kc } = await shop();
    const p = fakePod('shop', 'web-c', { labels: { app: 'web' }, containers: ['istio-proxy', 'app'] });
    fake.put('pods', {
      ...p,
      metadata: { ...p.metadata, annotations: { 'kubectl.kubernetes.io/default-container': 'app' } },
    });
    const { pods } = await workloadPods(kc, 'deployments', 'shop', 'web');
    expect(pods.find((x) => x.name === 'web-c')?.containers).toEqual(['app', 'istio-proxy']);
  });

  it('says in a line why a pod’s log could not be read; with none readable, ends with the reason', async () => {
    const { fake, kc } = await shop();
    const read = async (pods: { pod: string; container?: string }[]) => {
      const got: KubeLogLine[] = [];
      for await (const b of mergedPodLogs(kc, {
        namespace: 'shop',
        pods,
        tail: 'all',
        follow: false,
        signal: new AbortController().signal,
      }))
        got.push(...b);
      return got;
    };
    // web-b has two containers and none is named: the API server refuses, as it does.
    const got = await read([{ pod: 'web-a' }, { pod: 'web-b' }]);
    expect(got[0]).toMatchObject({
      pod: 'web-b',
      stream: 'stderr',
      text: expect.stringContaining('[Berth] The log of pod web-b could not be read: '),
    });
    expect(got[0]!.text).toContain('a container name must be specified');
    expect(text(got.slice(1))).toEqual(['web-a:a1', 'web-a:a3']);
    fake.deny('admin', 'get', 'pods/log');
    await expect(read([{ pod: 'web-a' }])).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('holds at most 200 000 lines of history in all, split across the pods', async () => {
    const { fake, kc } = await shop();
    const batches = [];
    for await (const b of mergedPodLogs(kc, {
      namespace: 'shop',
      pods: [{ pod: 'web-a' }, { pod: 'web-b', container: 'app' }],
      tail: 'all',
      follow: false,
      signal: new AbortController().signal,
    }))
      batches.push(b);
    expect(batches.flat()).toHaveLength(4);
    const asked = fake.requests.filter((r) => r.path.endsWith('/log')).map((r) => r.query.tailLines);
    expect(asked).toEqual(['100000', '100000']);
  });
});
