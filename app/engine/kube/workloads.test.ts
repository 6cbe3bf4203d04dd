// The Kubernetes facade against the fake API server (no API server can run here): watches that list,
// follow changes, resume after bookmarks and re-list after a 410, and close when aborted; pod logs;
// delete and scale; and RBAC refusals as sentences.
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubePod, KubeWatchItem } from '../../shared/contract/areas/kube';
import { KubeClusters } from './clusters';
import { FakeKubeApiServer } from './test-support/fake-api-server';
import { fakeDeployment, fakePod, writeKubeconfig, until } from './test-support/kube-fixtures';
import { tempDirs } from '../../../harness/temp-dirs';
import path from 'node:path';
import { WatchedRows } from '../../shared/kube-watched-rows';
import { deleteObject, listNamespaces, podLogs, scaleObject, watchResource } from './workloads';

const watchPods = (kc: KubeConfig, ns: string | undefined, signal: AbortSignal) =>
  watchResource(kc, 'pods', ns, signal);
const watchDeployments = (kc: KubeConfig, ns: string | undefined, signal: AbortSignal) =>
  watchResource(kc, 'deployments', ns, signal);

const tmp = tempDirs('berth-kube-workloads-');
const fakes: FakeKubeApiServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function setUp(tokens?: Record<string, string>) {
  const fake = await FakeKubeApiServer.start(tokens ? { tokens } : {});
  fakes.push(fake);
  for (const ns of ['default', 'shop']) fake.put('namespaces', { metadata: { name: ns } });
  const file = writeKubeconfig(path.join(tmp(), 'config'), [{ name: 'fake', server: fake.url }]);
  const kc = new KubeClusters({ kubeconfig: file }).config('fake');
  return { fake, kc };
}

/** Drives a watch, applying its items to `rows` (as the page does), until `until` holds. */
async function drive<T extends { namespace: string; name: string }>(
  it: AsyncGenerator<KubeWatchItem<T>[]>,
  rows: Map<string, T>,
  until: () => boolean,
  log: string[] = [],
) {
  const state = (watched.get(rows) as WatchedRows<T> | undefined) ?? new WatchedRows<T>();
  watched.set(rows, state);
  while (!until()) {
    const next = await it.next();
    if (next.done) return;
    for (const item of next.value) if (item.type !== 'upsert' || state.synced) log.push(item.type);
    state.apply(next.value);
    rows.clear();
    for (const [k, v] of state.rows) rows.set(k, v);
  }
}
/** The watch state behind each map a test drives. */
const watched = new WeakMap<object, unknown>();

describe('Kubernetes workloads against the fake API server', () => {
  it('lists namespaces, and pods with kubectl get columns', async () => {
    const { fake, kc } = await setUp();
    fake.put(
      'pods',
      fakePod('shop', 'web-7d4b9-abcde', {
        restarts: 2,
        node: 'node-1',
        ip: '10.1.0.7',
        owner: 'web-7d4b9',
        ready: false,
        containers: ['app', 'sidecar'],
      }),
    );
    expect(await listNamespaces(kc)).toEqual(['default', 'shop']);
    const ac = new AbortController();
    const rows = new Map<string, KubePod>();
    await drive(watchPods(kc, undefined, ac.signal), rows, () => rows.size === 1);
    expect(rows.get('shop/web-7d4b9-abcde')).toMatchObject({
      phase: 'Running',
      readyContainers: 0,
      containers: ['app', 'sidecar'],
      restarts: 4,
      node: 'node-1',
      ip: '10.1.0.7',
      owner: 'ReplicaSet/web-7d4b9',
    });
    ac.abort();
  });

  it('follows changes, resumes from the last bookmark, re-lists after 410 Gone, and closes when aborted', async () => {
    const { fake, kc } = await setUp();
    fake.put('pods', fakePod('default', 'a'));
    const ac = new AbortController();
    const rows = new Map<string, KubePod>();
    const types: string[] = [];
    const w = watchPods(kc, 'default', ac.signal);
    await drive(w, rows, () => rows.size === 1, types);
    const pending = drive(w, rows, () => rows.has('default/b') && !rows.has('default/a'), types);
    await until(() => fake.openWatchCount() === 1);
    fake.put('pods', fakePod('default', 'b'));
    fake.put('pods', fakePod('other', 'not-ours'));
    fake.remove('pods', 'default', 'a');
    await pending;
    expect(types).toEqual(['reset', 'synced', 'upsert', 'delete']);

    // A bookmark moves the version on; after the server ends the watch, it resumes from there (no re-list).
    fake.bookmark();
    await new Promise((r) => setTimeout(r, 50));
    const bookmarked = fake.get('pods', 'default', 'b')!.metadata.resourceVersion;
    fake.put('namespaces', { metadata: { name: 'later' } }); // moves the server's version on
    fake.bookmark();
    await new Promise((r) => setTimeout(r, 50));
    fake.endWatches();
    const resumed = drive(w, rows, () => rows.has('default/c'), types);
    await until(() => fake.openWatchCount() === 1);
    fake.put('pods', fakePod('default', 'c'));
    await resumed;
    const watches = fake.requests.filter((r) => r.query.watch === 'true');
    expect(Number(watches.at(-1)!.query.resourceVersion)).toBeGreaterThan(Number(bookmarked));
    expect(fake.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && !r.query.watch)).toHaveLength(1);

    // 410: the list is fetched again and sent whole.
    fake.remove('pods', 'default', 'b');
    fake.compact();
    await drive(w, rows, () => types.filter((t) => t === 'synced').length === 2, types);
    expect([...rows.keys()]).toEqual(['default/c']);
    expect(fake.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && !r.query.watch)).toHaveLength(2);

    const next = w.next();
    await until(() => fake.openWatchCount() === 1);
    ac.abort();
    expect((await next).done).toBe(true);
    await until(() => fake.openWatchCount() === 0);
  });

  it('watches deployments, scales them and deletes them', async () => {
    const { fake, kc } = await setUp();
    fake.put('deployments', fakeDeployment('shop', 'web', 3, 2, 3));
    const ac = new AbortController();
    const rows = new Map<string, { namespace: string; name: string; desired: number; ready: number }>();
    const w = watchDeployments(kc, 'shop', ac.signal);
    await drive(w, rows, () => rows.size === 1);
    expect(rows.get('shop/web')).toMatchObject({ desired: 3, ready: 2, upToDate: 3 });
    expect(await scaleObject(kc, 'deployments', 'shop', 'web', 5)).toEqual({ replicas: 5 });
    await drive(w, rows, () => rows.get('shop/web')?.desired === 5);
    await expect(scaleObject(kc, 'deployments', 'shop', 'web', -1)).rejects.toThrow(
      /rejected the request as invalid: .*must be greater than or equal to 0/,
    );
    await deleteObject(kc, 'deployments', 'shop', 'web');
    await drive(w, rows, () => rows.size === 0);
    await expect(deleteObject(kc, 'deployments', 'shop', 'web')).rejects.toThrow(/deployments "web" not found/);
    ac.abort();
  });

  it('streams a pod log with tail and follow, and names the containers when one must be chosen', async () => {
    const { fake, kc } = await setUp();
    fake.put('pods', fakePod('default', 'one', { containers: ['app'] }));
    fake.put('pods', fakePod('default', 'two', { containers: ['app', 'proxy'] }));
    fake.appendLog(
      'default',
      'one',
      'app',
      '2026-12-03T10:00:00.000000001Z first',
      '2026-12-03T10:00:01Z second',
      '2026-12-03T10:00:02Z third',
    );
    const ac = new AbortController();
    const lines = podLogs(kc, { namespace: 'default', pod: 'one', follow: true, tail: 2, signal: ac.signal });
    const first = await lines.next();
    expect(first.value).toEqual([
      { stream: 'stdout', ts: '2026-12-03T10:00:01Z', text: 'second' },
      { stream: 'stdout', ts: '2026-12-03T10:00:02Z', text: 'third' },
    ]);
    const more = lines.next();
    fake.appendLog('default', 'one', 'app', '2026-12-03T10:00:03Z fourth');
    expect((await more).value).toEqual([{ stream: 'stdout', ts: '2026-12-03T10:00:03Z', text: 'fourth' }]);
    expect(fake.openLogCount()).toBe(1);
    const end = lines.next();
    ac.abort();
    expect((await end).done).toBe(true);
    await until(() => fake.openLogCount() === 0);
    const two = podLogs(kc, {
      namespace: 'default',
      pod: 'two',
      follow: false,
      tail: 'all',
      signal: new AbortController().signal,
    });
    await expect(two.next()).rejects.toThrow(
      /a container name must be specified for pod two, choose one of: \[app proxy\]/,
    );
  });

  it('reads the previous instance’s log, and says so when there is none', async () => {
    const { fake, kc } = await setUp();
    fake.put('pods', fakePod('default', 'crashy', { restarts: 1 }));
    fake.appendLog('default', 'crashy', 'main', '2026-12-03T10:00:05Z starting again');
    fake.setPreviousLog('default', 'crashy', 'main', '2026-12-03T10:00:00Z panic: out of cheese');
    const signal = new AbortController().signal;
    const read = async (previous: boolean) => {
      const out = [];
      for await (const b of podLogs(kc, {
        namespace: 'default',
        pod: 'crashy',
        follow: false,
        tail: 'all',
        previous,
        signal,
      }))
        out.push(...b);
      return out.map((l) => l.text);
    };
    expect(await read(true)).toEqual(['panic: out of cheese']);
    expect(await read(false)).toEqual(['starting again']);
    expect(fake.requests.filter((r) => r.path.endsWith('/log')).map((r) => r.query.previous)).toEqual([
      'true',
      undefined,
    ]);
    fake.put('pods', fakePod('default', 'fresh'));
    await expect(
      podLogs(kc, { namespace: 'default', pod: 'fresh', follow: false, tail: 'all', previous: true, signal }).next(),
    ).rejects.toThrow(/previous terminated container "main" in pod "fresh" not found/);
  });

  it('refuses what RBAC forbids with the API server’s own sentence', async () => {
    const { fake, kc } = await setUp();
    fake.put('pods', fakePod('default', 'web-1'));
    fake.deny('admin', 'delete', 'pods');
    fake.deny('admin', 'list', 'deployments');
    await expect(deleteObject(kc, 'pods', 'default', 'web-1')).rejects.toMatchObject({
      kind: 'unauthorized',
      message:
        'Kubernetes refused this: pods "web-1" is forbidden: User "admin" cannot delete resource "pods" in API group "" in the namespace "default". Ask a cluster administrator for that permission, or switch to a context that has it.',
    });
    const w = watchDeployments(kc, undefined, new AbortController().signal);
    await expect(w.next()).rejects.toThrow(
      /deployments is forbidden: User "admin" cannot list resource "deployments" in API group "apps" at the cluster scope/,
    );
    expect(fake.get('pods', 'default', 'web-1')).toBeDefined();
  });
});
