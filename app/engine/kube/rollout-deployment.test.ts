// A deployment's rollout status, history and undo against the fake API server (no API server can
// run here): the revisions as kubectl rollout history lists them, the undo's JSON patch as kubectl
// rollout undo sends it, and the refusals (paused, no such revision, RBAC) as sentences.
import { describe, expect, it } from 'vitest';
import type { V1Deployment } from '@kubernetes/client-node';
import { deploymentRolloutStatus as rolloutStatus, rolloutHistory, rolloutUndo } from './rollout';
import { fakeContexts } from './test-support/fake-contexts';
import { putRolledOutDeployment } from './test-support/kube-fixtures';
import { playRolloutController } from './test-support/rollout-fixtures';

const startFake = fakeContexts('berth-kube-rollout-');

const IMAGES = ['shop:1.0', 'shop:1.1', 'shop:2.0'];

describe('rollout status (kubectl rollout status’s sentences)', () => {
  const dep = (spec: object, status: object, generation = 2): V1Deployment => ({
    metadata: { name: 'web', generation },
    spec: { replicas: 3, selector: {}, template: {}, ...spec },
    status: { observedGeneration: 2, ...status },
  });
  it.each([
    ['a spec not yet observed', dep({}, { observedGeneration: 1 }), 'Waiting for the deployment’s new spec', false],
    ['new replicas still being made', dep({}, { updatedReplicas: 1 }), '1 of 3 new replicas have been updated', false],
    [
      'old replicas still running',
      dep({}, { updatedReplicas: 3, replicas: 4 }),
      '1 old replicas are pending termination',
      false,
    ],
    [
      'updated replicas not yet available',
      dep({}, { updatedReplicas: 3, replicas: 3, availableReplicas: 2 }),
      '2 of 3 updated replicas are available',
      false,
    ],
    [
      'a finished rollout',
      dep({}, { updatedReplicas: 3, replicas: 3, availableReplicas: 3 }),
      'Deployment web successfully rolled out.',
      true,
    ],
    ['a paused rollout', dep({ paused: true }, { updatedReplicas: 1 }), 'The rollout of web is paused.', false],
  ])('%s', (_, d, says, done) => {
    const s = rolloutStatus(d);
    expect(s.status).toContain(says);
    expect(s.done).toBe(done);
    expect(s.failed).toBe(false);
  });

  it('a rollout past its progress deadline has failed, with the condition’s message', () => {
    const s = rolloutStatus(
      dep(
        {},
        {
          updatedReplicas: 1,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "web-h3" has timed out progressing',
            },
          ],
        },
      ),
    );
    expect(s).toEqual({
      status: 'Deployment web exceeded its progress deadline: ReplicaSet "web-h3" has timed out progressing.',
      done: false,
      failed: true,
    });
  });
});

describe('rollout history and undo against the fake API server', () => {
  it('lists the revisions the deployment owns, newest first, the running one marked', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    // Another deployment's replica set with the same labels is not web's history.
    fake.put('replicasets', {
      metadata: {
        name: 'stray',
        namespace: 'shop',
        labels: { app: 'web' },
        annotations: { 'deployment.kubernetes.io/revision': '9' },
        ownerReferences: [{ kind: 'Deployment', name: 'other', uid: 'uid-other', controller: true }],
      },
    });
    const h = await rolloutHistory(kc, 'deployments', 'shop', 'web');
    expect(h.status).toBe('Deployment web successfully rolled out.');
    expect(h.revisions.map((r) => [r.revision, r.keptBy, r.current, r.images, r.changeCause])).toEqual([
      [3, 'web-h3', true, ['main: shop:2.0'], 'set image to shop:2.0'],
      [2, 'web-h2', false, ['main: shop:1.1'], 'set image to shop:1.1'],
      [1, 'web-h1', false, ['main: shop:1.0'], 'set image to shop:1.0'],
    ]);
    const list = fake.requests.find((r) => r.path === '/apis/apps/v1/namespaces/shop/replicasets');
    expect(list?.query.labelSelector).toBe('app=web');
  });

  it('rolls back to the revision before the current one: its template without the hash, its change cause', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    const r = await rolloutUndo(kc, 'deployments', 'shop', 'web', 0);
    expect(r).toEqual({ rolledBack: true, revision: 2, message: 'Rolling web back to revision 2.' });
    const d = fake.get('deployments', 'shop', 'web') as V1Deployment;
    expect(d.spec?.template).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'main', image: 'shop:1.1' }] },
    });
    // The deployment's own revision annotation stays; the revision's change cause comes along;
    // an annotation only the deployment had is gone, as kubectl's patch replaces them all.
    expect(d.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'kubernetes.io/change-cause': 'set image to shop:1.1',
    });
    expect(d.spec?.replicas).toBe(2);
  });

  it('revision 0 is the second-highest revision, as kubectl picks it: 3 → 2, then 4 (once 2) → 3', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    expect(await rolloutUndo(kc, 'deployments', 'shop', 'web', 0)).toMatchObject({ rolledBack: true, revision: 2 });
    // The controller re-uses revision 2's replica set as revision 4.
    expect(await playRolloutController(fake, 'deployments', 'shop', 'web')).toBe(4);
    const h = await rolloutHistory(kc, 'deployments', 'shop', 'web');
    expect(h.revisions.map((r) => [r.revision, r.keptBy, r.current])).toEqual([
      [4, 'web-h2', true],
      [3, 'web-h3', false],
      [1, 'web-h1', false],
    ]);
    expect(await rolloutUndo(kc, 'deployments', 'shop', 'web', 0)).toMatchObject({ rolledBack: true, revision: 3 });
    const d = fake.get('deployments', 'shop', 'web') as V1Deployment;
    expect(d.spec?.template?.spec?.containers[0]?.image).toBe('shop:2.0');
  });

  it('revision 0 goes to the second-highest revision even while the newest one is not yet the deployment’s template', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    // A new template the controller has not made a replica set for yet: revision 3 is still the
    // newest kept, so kubectl goes back to 2 (not to 3, the newest whose template differs).
    const web = fake.get('deployments', 'shop', 'web') as V1Deployment;
    fake.put('deployments', {
      ...web,
      spec: {
        ...web.spec!,
        template: { ...web.spec!.template, spec: { containers: [{ name: 'main', image: 'shop:3.0' }] } },
      },
    } as never);
    expect(await rolloutUndo(kc, 'deployments', 'shop', 'web', 0)).toEqual({
      rolledBack: true,
      revision: 2,
      message: 'Rolling web back to revision 2.',
    });
    const d = fake.get('deployments', 'shop', 'web') as V1Deployment;
    expect(d.spec?.template?.spec?.containers[0]?.image).toBe('shop:1.1');
  });

  it('rolls back to a chosen revision, and skips one whose template already runs', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    const patches = () => fake.requests.filter((q) => q.method === 'PATCH').length;
    expect(await rolloutUndo(kc, 'deployments', 'shop', 'web', 3)).toEqual({
      rolledBack: false,
      revision: 3,
      message: 'Skipped rollback: the current template of web already matches revision 3.',
    });
    expect(patches()).toBe(0);
    await rolloutUndo(kc, 'deployments', 'shop', 'web', 1);
    expect((fake.get('deployments', 'shop', 'web') as V1Deployment).spec?.template?.spec?.containers[0]?.image).toBe(
      'shop:1.0',
    );
  });

  it('refuses a revision it does not keep, a deployment without history and a paused one, with sentences', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    await expect(rolloutUndo(kc, 'deployments', 'shop', 'web', 7)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Deployment web keeps no revision 7; its history lists the revisions it still has.',
    });
    putRolledOutDeployment(fake, 'shop', 'solo', ['solo:1']);
    await expect(rolloutUndo(kc, 'deployments', 'shop', 'solo', 0)).rejects.toMatchObject({
      message: 'Deployment solo has no earlier revision to go back to.',
    });
    const web = fake.get('deployments', 'shop', 'web')!;
    fake.put('deployments', { ...web, spec: { ...(web.spec as object), paused: true } });
    await expect(rolloutUndo(kc, 'deployments', 'shop', 'web', 0)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('Deployment web is paused, so it cannot be rolled back.'),
    });
  });

  it('says what RBAC refused when the user may not patch deployments', async () => {
    const { fake, kc } = await startFake();
    putRolledOutDeployment(fake, 'shop', 'web', IMAGES);
    fake.deny('admin', 'patch', 'deployments');
    await expect(rolloutUndo(kc, 'deployments', 'shop', 'web', 0)).rejects.toMatchObject({
      message: expect.stringContaining('cannot patch resource "deployments"'),
    });
    expect((fake.get('deployments', 'shop', 'web') as V1Deployment).spec?.template?.spec?.containers[0]?.image).toBe(
      'shop:2.0',
    );
  });
});
