// Server-side apply against the fake API server (no API server can run here): invalid YAML refused
// with its line before any request, a dry run that shows the diff and stores nothing, the apply with
// field manager "berth", and a conflict with another manager's field (then forced).
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../harness/temp-dirs';
import { applyManifests, parseManifests } from './apply';
import { lineDiff } from './line-diff';
import type { FakeKubeApiServer } from './test-support/fake-api-server';
import { fakeDeployment, startFakeContext } from './test-support/kube-fixtures';

const tmp = tempDirs('berth-kube-apply-');
const fakes: FakeKubeApiServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

const setUp = () => startFakeContext(tmp(), fakes);

const deployment = (replicas: number, image = 'nginx:1.27') => `# the web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: main
          image: ${image}
`;

describe('parseManifests', () => {
  it('names the line and column of invalid YAML', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n')).toThrow(
      /The YAML is not valid at line \d, column \d+/,
    );
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n')).toThrow(/at line 4, column 1/);
  });

  it('refuses documents that are not objects, and objects without kind or name, naming their line', () => {
    expect(() => parseManifests('- a\n- b\n')).toThrow(/document at line 1 is not a Kubernetes object/);
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Pod\n')).toThrow(
      /document at line 6 has no apiVersion or kind/,
    );
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {}\n')).toThrow(
      /Pod at line 1 has no metadata.name/,
    );
    expect(() => parseManifests('---\n')).toThrow(/no Kubernetes objects/);
    expect(parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n')).toHaveLength(1);
  });
});

describe('lineDiff', () => {
  it('marks removed and added lines around what stayed', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n').split('\n')).toEqual(['  a', '- b', '+ B', '  c', '+ d']);
    expect(lineDiff('', 'x\n')).toBe('+ x');
  });
});

describe('server-side apply against the fake API server', () => {
  it('dry-runs first (a diff, nothing stored), then applies as field manager berth', async () => {
    const { fake, kc } = await setUp();
    const created = await applyManifests(kc, deployment(2), { defaultNamespace: 'shop', dryRun: true, force: false });
    expect(created).toMatchObject([{ kind: 'Deployment', namespace: 'shop', name: 'web', action: 'created' }]);
    expect(created[0]!.diff).toContain('+   replicas: 2');
    expect(fake.get('deployments', 'shop', 'web')).toBeUndefined();
    const patch = fake.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.query).toEqual({ fieldManager: 'berth', dryRun: 'All' });

    await applyManifests(kc, deployment(2), { defaultNamespace: 'shop', dryRun: false, force: false });
    expect(fake.get('deployments', 'shop', 'web')).toMatchObject({ spec: { replicas: 2 } });
    const again = await applyManifests(kc, deployment(2), { defaultNamespace: 'shop', dryRun: true, force: false });
    expect(again).toMatchObject([{ action: 'unchanged', diff: '' }]);
    const changed = await applyManifests(kc, deployment(3, 'nginx:1.28'), {
      defaultNamespace: 'shop',
      dryRun: true,
      force: false,
    });
    expect(changed[0]!.action).toBe('configured');
    expect(changed[0]!.diff.split('\n')).toEqual(expect.arrayContaining(['-   replicas: 2', '+   replicas: 3']));
    expect(fake.get('deployments', 'shop', 'web')).toMatchObject({ spec: { replicas: 2 } });
  });

  it('says whose field conflicts, and takes it over only when forced', async () => {
    const { fake, kc } = await setUp();
    fake.put('deployments', fakeDeployment('shop', 'web', 5));
    fake.own('deployments', 'shop', 'web', 'kubectl-client-side-apply');
    await expect(
      applyManifests(kc, deployment(2), { defaultNamespace: 'shop', dryRun: false, force: false }),
    ).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas'),
    });
    expect(fake.get('deployments', 'shop', 'web')).toMatchObject({ spec: { replicas: 5 } });
    await applyManifests(kc, deployment(2), { defaultNamespace: 'shop', dryRun: false, force: true });
    expect(fake.get('deployments', 'shop', 'web')).toMatchObject({ spec: { replicas: 2 } });
  });

  it('refuses kinds it cannot place and a wrong apiVersion before any request', async () => {
    const { fake, kc } = await setUp();
    const opts = { defaultNamespace: 'shop', dryRun: true, force: false };
    await expect(
      applyManifests(kc, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', opts),
    ).rejects.toThrow(/cannot apply the kind Widget \(line 1\) yet/);
    await expect(applyManifests(kc, 'apiVersion: v1\nkind: Deployment\nmetadata: {name: w}\n', opts)).rejects.toThrow(
      /says apiVersion v1; Berth applies it as apps\/v1/,
    );
    expect(fake.requests).toHaveLength(0);
  });
});
