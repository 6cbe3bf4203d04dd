// The kube.* contract end to end through a Session (the same path both transports use) against the
// fake API server (no API server can run here): arguments refused before any cluster request,
// watches as data frames that stop when unsubscribed, and RBAC refusals as sentences.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../harness/temp-dirs';
import { FakeKubeApiServer } from '../../../engine/kube/test-support/fake-api-server';
import {
  fakeDeployment,
  fakePod,
  putRolledOutDeployment,
  writeKubeconfig,
  until,
} from '../../../engine/kube/test-support/kube-fixtures';
import { putRolledOutSet } from '../../../engine/kube/test-support/rollout-fixtures';
import { putClaim, putOrdinalPod, putStatefulSet } from '../../../engine/kube/test-support/set-fixtures';
import { contractSession } from '../test-support/contract-session';

const tmp = tempDirs('berth-kube-contract-');
let fake: FakeKubeApiServer;
let file: string;
const savedEnv = process.env.KUBECONFIG;

beforeEach(async () => {
  fake = await FakeKubeApiServer.start({});
  file = writeKubeconfig(path.join(tmp(), 'config'), [
    { name: 'fake', server: fake.url, namespace: 'shop' },
    { name: 'other', server: fake.url },
  ]);
  process.env.KUBECONFIG = file;
});
afterEach(async () => {
  await fake.close();
  if (savedEnv === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = savedEnv;
});

const session = contractSession;

describe('kube.* through the contract against the fake API server', () => {
  it('lists contexts and switches without touching the kubeconfig', async () => {
    const { request } = session();
    const before = readFileSync(file, 'utf8');
    const listed = await request('kube.contexts', {});
    expect(listed).toMatchObject({ ok: true, result: { active: 'fake', fileCurrent: 'fake' } });
    const used = await request('kube.useContext', { name: 'other' });
    expect(used).toMatchObject({ ok: true, result: { active: 'other', fileCurrent: 'fake' } });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await request('kube.useContext', { name: 'nope' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: expect.stringMatching(/no context named “nope”/) },
    });
    expect(await request('kube.reach', { context: 'fake' })).toMatchObject({ ok: true, result: { reachable: true } });
  });

  it('refuses bad names and replica counts before any request reaches the cluster', async () => {
    const { request } = session();
    const asked = fake.requests.length;
    for (const [method, args] of [
      ['kube.delete', { resource: 'pods', namespace: 'Bad_NS', name: 'x' }],
      ['kube.delete', { resource: 'pods', namespace: 'default', name: '../../etc' }],
      ['kube.delete', { resource: 'events', namespace: 'default', name: 'x' }],
      ['kube.delete', { resource: 'nodes', namespace: 'default', name: 'x' }],
      ['kube.scale', { resource: 'deployments', namespace: 'default', name: 'web', replicas: -1 }],
      ['kube.scale', { resource: 'deployments', namespace: 'default', name: 'web', replicas: 1.5 }],
      ['kube.scale', { resource: 'deployments', namespace: 'default', name: 'web', replicas: 10_001 }],
      ['kube.scale', { resource: 'daemonsets', namespace: 'default', name: 'web', replicas: 2 }],
      ['kube.restart', { resource: 'jobs', namespace: 'default', name: 'web' }],
      ['kube.cronjobs.suspend', { namespace: 'default', name: 'web', suspend: 'yes' }],
      ['kube.describe', { resource: 'pods', namespace: 'default', name: 'a/b' }],
      ['kube.namespaces', { context: 'a\u0000b' }],
      ['kube.rollout.history', { resource: 'deployments', namespace: 'shop', name: 'Web' }],
      ['kube.rollout.history', { namespace: 'shop', name: 'web' }],
      ['kube.rollout.history', { resource: 'jobs', namespace: 'shop', name: 'web' }],
      ['kube.rollout.undo', { resource: 'replicasets', namespace: 'shop', name: 'web', revision: 0 }],
      ['kube.rollout.undo', { resource: 'deployments', namespace: 'shop', name: 'web', revision: -1 }],
      ['kube.rollout.undo', { resource: 'deployments', namespace: 'shop', name: 'web', revision: 1.5 }],
      ['kube.rollout.undo', { resource: 'deployments', namespace: 'shop', name: 'web' }],
      ['kube.members', { resource: 'deployments', namespace: 'shop', name: 'web' }],
      ['kube.members', { resource: 'statefulsets', namespace: 'shop', name: 'Web' }],
    ] as const) {
      expect(await request(method, args)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    }
    expect(fake.requests.length).toBe(asked);
  });

  it('streams a pod watch as data frames, and closes the cluster watch on unsubscribe', async () => {
    fake.put('namespaces', { metadata: { name: 'shop' } });
    fake.put('pods', fakePod('shop', 'web-1', { owner: 'web-abc' }));
    const { request, subscribe } = session();
    expect(await request('kube.namespaces', {})).toMatchObject({ ok: true, result: ['shop'] });
    expect(await request('kube.watch', {})).toMatchObject({ ok: false });
    const bad = subscribe('kube.watch', { resource: 'secrets', namespace: 'shop' });
    await until(() => !!bad.end());
    expect(bad.end()).toMatchObject({ error: { kind: 'invalid' } });
    const pods = subscribe('kube.watch', { resource: 'pods', namespace: 'shop' });
    await until(() => pods.items().length >= 3);
    expect(pods.items().slice(0, 3)).toMatchObject([
      { type: 'reset' },
      { type: 'upsert', item: { name: 'web-1', owner: 'ReplicaSet/web-abc' } },
      { type: 'synced' },
    ]);
    await until(() => fake.openWatchCount() === 1);
    fake.put('pods', fakePod('shop', 'web-2'));
    await until(() => pods.items().length >= 4);
    expect(pods.items()[3]).toMatchObject({ type: 'upsert', item: { name: 'web-2' } });
    pods.close();
    await until(() => fake.openWatchCount() === 0);
  });

  it('sends a list of 2 000 pods in frames of a bounded size, not as one item', async () => {
    for (let i = 0; i < 2000; i++) fake.put('pods', fakePod('big', `pod-${i}`, { owner: 'rs-1', ip: '10.0.0.1' }));
    const { subscribe, frames } = session();
    const pods = subscribe('kube.watch', { resource: 'pods', namespace: 'big' });
    await until(() => pods.items().some((i) => (i as { type: string }).type === 'synced'), 10_000);
    const data = frames.filter((f) => f.t === 'data' && f.id === pods.id);
    expect(data.length).toBeGreaterThan(5);
    for (const f of data) expect(JSON.stringify(f).length).toBeLessThan(160 * 1024);
    expect(pods.items().filter((i) => (i as { type: string }).type === 'upsert')).toHaveLength(2000);
    pods.close();
  });

  it('scales, restarts, deletes, and shows a forbidden action as the RBAC sentence', async () => {
    fake.put('deployments', fakeDeployment('shop', 'web', 2));
    fake.put('pods', fakePod('shop', 'web-1'));
    fake.deny('admin', 'delete', 'pods');
    const { request } = session();
    expect(
      await request('kube.scale', { resource: 'deployments', namespace: 'shop', name: 'web', replicas: 4 }),
    ).toMatchObject({ ok: true, result: { replicas: 4 } });
    expect(await request('kube.restart', { resource: 'deployments', namespace: 'shop', name: 'web' })).toMatchObject({
      ok: true,
    });
    expect(JSON.stringify(fake.get('deployments', 'shop', 'web')!.spec)).toContain('kubectl.kubernetes.io/restartedAt');
    expect(await request('kube.delete', { resource: 'pods', namespace: 'shop', name: 'web-1' })).toMatchObject({
      ok: false,
      error: {
        kind: 'unauthorized',
        message: expect.stringContaining('pods "web-1" is forbidden: User "admin" cannot delete resource "pods"'),
      },
    });
    expect(await request('kube.delete', { resource: 'deployments', namespace: 'shop', name: 'web' })).toMatchObject({
      ok: true,
    });
    expect(fake.get('deployments', 'shop', 'web')).toBeUndefined();
  });

  it('shows a deployment’s rollout history and rolls it back to a revision', async () => {
    putRolledOutDeployment(fake, 'shop', 'web', ['shop:1', 'shop:2']);
    const { request } = session();
    expect(
      await request('kube.rollout.history', { resource: 'deployments', namespace: 'shop', name: 'web' }),
    ).toMatchObject({
      ok: true,
      result: {
        done: true,
        revisions: [
          { revision: 2, current: true, images: ['main: shop:2'] },
          { revision: 1, current: false, images: ['main: shop:1'] },
        ],
      },
    });
    expect(
      await request('kube.rollout.undo', { resource: 'deployments', namespace: 'shop', name: 'web', revision: 1 }),
    ).toMatchObject({
      ok: true,
      result: { rolledBack: true, revision: 1 },
    });
    expect(JSON.stringify(fake.get('deployments', 'shop', 'web')!.spec)).toContain('shop:1');
    expect(
      await request('kube.rollout.undo', { resource: 'deployments', namespace: 'shop', name: 'gone', revision: 0 }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('shows a stateful set’s rollout history and rolls it back to the revision before', async () => {
    putRolledOutSet(fake, 'statefulsets', 'shop', 'db', ['pg:15', 'pg:16']);
    const { request } = session();
    const args = { resource: 'statefulsets', namespace: 'shop', name: 'db' } as const;
    expect(await request('kube.rollout.history', args)).toMatchObject({
      ok: true,
      result: {
        done: true,
        revisions: [
          { revision: 2, keptBy: 'db-r2', current: true, images: ['main: pg:16'] },
          { revision: 1, keptBy: 'db-r1', current: false, images: ['main: pg:15'] },
        ],
      },
    });
    expect(await request('kube.rollout.undo', { ...args, revision: 0 })).toMatchObject({
      ok: true,
      result: { rolledBack: true, revision: 1, message: 'Rolling db back to revision 1.' },
    });
    expect(JSON.stringify(fake.get('statefulsets', 'shop', 'db')!.spec)).toContain('pg:15');
  });

  it('lists a stateful set’s ordinals with their claims through the contract', async () => {
    const web = putStatefulSet(fake, 'shop', 'web', 2, ['data']);
    putOrdinalPod(fake, web, 1);
    putClaim(fake, 'shop', 'data-web-1', 'Bound');
    const { request } = session();
    expect(await request('kube.members', { resource: 'statefulsets', namespace: 'shop', name: 'web' })).toMatchObject({
      ok: true,
      result: {
        resource: 'statefulsets',
        ordinals: [
          { pod: 'web-0', phase: 'Missing', claims: [{ name: 'data-web-0', status: 'Missing' }] },
          { pod: 'web-1', phase: 'Running', claims: [{ name: 'data-web-1', status: 'Bound' }] },
        ],
      },
    });
  });

  it('merges a deployment’s pods’ logs, refusing too many pods before any request', async () => {
    fake.put('deployments', fakeDeployment('shop', 'web', 2));
    for (const [pod, line] of [
      ['web-2', '2026-12-04T10:00:02Z second'],
      ['web-1', '2026-12-04T10:00:01Z first'],
    ] as const) {
      fake.put('pods', fakePod('shop', pod, { labels: { app: 'web' } }));
      fake.appendLog('shop', pod, 'main', line);
    }
    const { request, subscribe } = session();
    const pods = await request('kube.workloadPods', { resource: 'deployments', namespace: 'shop', name: 'web' });
    expect(pods).toMatchObject({
      ok: true,
      result: { selector: 'app=web', pods: [{ name: 'web-1' }, { name: 'web-2' }] },
    });
    const logs = subscribe('kube.mergedLogs', {
      namespace: 'shop',
      pods: [{ pod: 'web-1' }, { pod: 'web-2' }],
      follow: false,
    });
    await until(() => logs.end() !== undefined);
    expect(logs.items()).toMatchObject([
      { pod: 'web-1', text: 'first' },
      { pod: 'web-2', text: 'second' },
    ]);
    const asked = fake.requests.length;
    const many = subscribe('kube.mergedLogs', {
      namespace: 'shop',
      pods: Array.from({ length: 51 }, (_, i) => ({ pod: `web-${i}` })),
    });
    await until(() => many.end() !== undefined);
    expect(many.end()).toMatchObject({
      error: { kind: 'invalid', message: expect.stringContaining('at most 50 pods') },
    });
    expect(fake.requests.length).toBe(asked);
  });

  it('runs a job again as a new job, keeping the old one', async () => {
    fake.put('jobs', {
      metadata: { namespace: 'shop', name: 'migrate', labels: { 'job-name': 'migrate' } },
      spec: { selector: { matchLabels: { 'controller-uid': 'u1' } }, template: { spec: { containers: [] } } },
    });
    const { request } = session();
    const r = await request('kube.jobs.retry', { namespace: 'shop', name: 'migrate' });
    expect(r).toMatchObject({ ok: true, result: { job: expect.stringMatching(/^migrate-retry-/) } });
    expect(fake.get('jobs', 'shop', 'migrate')).toBeDefined();
    expect(await request('kube.jobs.retry', { namespace: 'shop', name: 'Migrate' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
  });

  it('applies YAML as a dry run first, and refuses invalid YAML with its line', async () => {
    const { request } = session();
    const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';
    const dry = await request('kube.apply', { yaml });
    expect(dry).toMatchObject({ ok: true, result: [{ name: 'web', namespace: 'shop', action: 'created' }] });
    expect(fake.get('deployments', 'shop', 'web')).toBeUndefined();
    expect(await request('kube.apply', { yaml, dryRun: false })).toMatchObject({ ok: true });
    expect(fake.get('deployments', 'shop', 'web')).toBeDefined();
    expect(await request('kube.apply', { yaml: 'kind: Pod\nmetadata:\n  name: [x\n' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', field: 'yaml', message: expect.stringMatching(/not valid at line \d+, column \d+/) },
    });
  });

  it('ends a log stream with the sentence when the container must be named', async () => {
    fake.put('pods', fakePod('shop', 'two', { containers: ['app', 'proxy'] }));
    fake.appendLog('shop', 'two', 'proxy', '2026-12-03T10:00:00Z hello');
    const { subscribe } = session();
    const bad = subscribe('kube.logs', { namespace: 'shop', pod: 'two', follow: false });
    await until(() => !!bad.end());
    expect(bad.end()).toMatchObject({ error: { message: expect.stringContaining('choose one of: [app proxy]') } });
    const good = subscribe('kube.logs', { namespace: 'shop', pod: 'two', container: 'proxy', follow: false });
    await until(() => !!good.end());
    expect(good.items()).toEqual([{ stream: 'stdout', ts: '2026-12-03T10:00:00Z', text: 'hello' }]);
  });

  it('opens a pod terminal through the contract (a local shell behind the fake API server), refusing bad input first', async () => {
    fake.put('pods', {
      ...fakePod('shop', 'web-1'),
      status: { phase: 'Running', containerStatuses: [{ name: 'main', state: { running: {} } }] },
    });
    const { s, subscribe } = session();
    const asked = fake.requests.length;
    for (const args of [
      { namespace: 'shop', pod: 'web-1', shell: 'sh; rm -rf /' },
      { namespace: 'shop', pod: 'Web_1' },
      { namespace: 'shop', pod: 'web-1', container: 'a/b' },
      { namespace: 'shop', pod: 'web-1', cols: 0 },
    ]) {
      const bad = subscribe('kube.exec', args);
      await until(() => !!bad.end());
      expect(bad.end()).toMatchObject({ error: { kind: 'invalid' } });
    }
    expect(fake.requests.length).toBe(asked);
    const term = subscribe('kube.exec', { namespace: 'shop', pod: 'web-1', shell: '/bin/sh', cols: 90, rows: 20 });
    s.receive({
      t: 'in',
      id: term.id,
      data: { type: 'bytes', data: new TextEncoder().encode('echo via-$((40+2))\n') },
    });
    const text = () =>
      term
        .items()
        .map((i) =>
          (i as { type: string }).type === 'bytes' ? new TextDecoder().decode((i as { data: Uint8Array }).data) : '',
        )
        .join('');
    await until(() => text().includes('via-42'));
    expect(fake.channels.execs[0]).toMatchObject({ pod: 'web-1', container: 'main', command: ['/bin/sh'] });
    term.close();
    await until(() => fake.channels.openExecCount() === 0);
  });
});
