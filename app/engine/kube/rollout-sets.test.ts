// A stateful or daemon set's rollout status, history and undo, the history and undo against the
// fake API server (no API server can run here): kubectl rollout status's cases in Berth's sentences,
// the controller revisions the set owns as its history, the undo sent as kubectl sends it (the
// revision's data as a strategic merge patch), revision 0 as the second-highest, the "already
// matches" skip, and RBAC's refusal as a sentence.
import { describe, expect, it } from 'vitest';
import type { V1DaemonSet, V1StatefulSet } from '@kubernetes/client-node';
import { daemonSetRolloutStatus, rolloutHistory, rolloutUndo, statefulSetRolloutStatus } from './rollout';
import { fakeContexts } from './test-support/fake-contexts';
import { playRolloutController, putRolledOutSet } from './test-support/rollout-fixtures';

const startFake = fakeContexts('berth-kube-rollout-sets-');

const IMAGES = ['pg:15.1', 'pg:15.2', 'pg:16.0'];

describe('stateful set rollout status (kubectl rollout status’s cases)', () => {
  const sts = (strategy: object, status: object, generation = 2): V1StatefulSet => ({
    metadata: { name: 'db', generation },
    spec: { replicas: 3, selector: {}, serviceName: 'db', template: {}, updateStrategy: strategy },
    status: { replicas: 3, observedGeneration: 2, ...status },
  });
  const rolling = (partition?: number) => ({
    type: 'RollingUpdate',
    rollingUpdate: partition === undefined ? {} : { partition },
  });
  it.each([
    [
      'OnDelete, which kubectl refuses',
      sts({ type: 'OnDelete' }, {}),
      'Rollout status is only available for the RollingUpdate strategy type: stateful set db uses OnDelete, so its pods change only when they are deleted.',
      true,
    ],
    [
      'a spec not yet observed',
      sts(rolling(0), {}, 3),
      'Waiting for the stateful set’s new spec to be observed…',
      false,
    ],
    ['a set never observed', sts(rolling(0), { observedGeneration: 0 }, 0), 'Waiting for the stateful set’s', false],
    ['pods not ready', sts(rolling(0), { readyReplicas: 1 }), 'Waiting for 2 pods to be ready…', false],
    ['one pod not ready', sts(rolling(0), { readyReplicas: 2 }), 'Waiting for 1 pod to be ready…', false],
    [
      'new pods still being made',
      sts(rolling(0), { readyReplicas: 3, updatedReplicas: 1 }),
      'Waiting for the rollout to finish: 1 of 3 new pods have been updated.',
      false,
    ],
    [
      'a partitioned rollout under way',
      sts(rolling(1), { readyReplicas: 3, updatedReplicas: 1 }),
      'Waiting for the partitioned rollout to finish: 1 of 2 new pods have been updated.',
      false,
    ],
    [
      'a partitioned rollout complete',
      sts(rolling(1), { readyReplicas: 3, updatedReplicas: 2 }),
      'Partitioned rollout of db complete: 2 new pods have been updated (the pods below ordinal 1 keep the old revision).',
      true,
    ],
    [
      'a finished rollout',
      sts(rolling(0), { readyReplicas: 3, updatedReplicas: 3 }),
      'Stateful set db successfully rolled out: 3 new pods have been updated.',
      true,
    ],
    [
      'no rolling-update settings: revisions still differ',
      sts(
        { type: 'RollingUpdate' },
        { readyReplicas: 3, updatedReplicas: 1, currentRevision: 'db-r1', updateRevision: 'db-r2' },
      ),
      'Waiting for the rolling update to finish: 1 pod at revision db-r2.',
      false,
    ],
    [
      'no rolling-update settings: one revision',
      sts({}, { readyReplicas: 3, currentReplicas: 3, currentRevision: 'db-r2', updateRevision: 'db-r2' }),
      'Stateful set db successfully rolled out: 3 pods at revision db-r2.',
      true,
    ],
  ])('%s', (_, s, says, done) => {
    const r = statefulSetRolloutStatus(s);
    expect(r.status).toContain(says);
    expect(r.done).toBe(done);
    expect(r.failed).toBe(false);
  });
});

describe('daemon set rollout status (kubectl rollout status’s cases)', () => {
  const ds = (type: string | undefined, status: object, generation = 2): V1DaemonSet => ({
    metadata: { name: 'agent', generation },
    spec: { selector: {}, template: {}, ...(type ? { updateStrategy: { type } } : {}) },
    status: {
      observedGeneration: 2,
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      ...status,
    },
  });
  it.each([
    [
      'OnDelete, which kubectl refuses',
      ds('OnDelete', {}),
      'Rollout status is only available for the RollingUpdate strategy type: daemon set agent uses OnDelete, so its pods change only when they are deleted.',
      true,
    ],
    [
      'a spec not yet observed',
      ds('RollingUpdate', {}, 3),
      'Waiting for the daemon set’s new spec to be observed…',
      false,
    ],
    [
      'new pods still being scheduled',
      ds('RollingUpdate', { updatedNumberScheduled: 1 }),
      'Waiting for the rollout to finish: 1 of 3 new pods have been updated.',
      false,
    ],
    [
      'updated pods not yet available',
      ds(undefined, { updatedNumberScheduled: 3, numberAvailable: 2 }),
      'Waiting for the rollout to finish: 2 of 3 updated pods are available.',
      false,
    ],
    [
      'a finished rollout',
      ds('RollingUpdate', { updatedNumberScheduled: 3, numberAvailable: 3 }),
      'Daemon set agent successfully rolled out.',
      true,
    ],
  ])('%s', (_, d, says, done) => {
    const r = daemonSetRolloutStatus(d);
    expect(r.status).toBe(says);
    expect(r.done).toBe(done);
  });
});

describe('stateful and daemon set history and undo against the fake API server', () => {
  const template = (image: string) => ({
    metadata: { labels: { app: 'db' } },
    spec: { containers: [{ name: 'main', image }] },
  });

  it('lists the controller revisions the set owns, newest first, the running one marked', async () => {
    const { fake, kc } = await startFake();
    putRolledOutSet(fake, 'statefulsets', 'shop', 'db', IMAGES);
    // Another set's revision with the same labels is not db's history.
    fake.put('controllerrevisions', {
      metadata: {
        name: 'stray',
        namespace: 'shop',
        labels: { app: 'db' },
        ownerReferences: [{ kind: 'StatefulSet', name: 'other', uid: 'uid-other', controller: true }],
      },
      data: { spec: { template: { ...template('pg:9'), $patch: 'replace' } } },
      revision: 9,
    });
    const h = await rolloutHistory(kc, 'statefulsets', 'shop', 'db');
    expect(h.status).toBe('Stateful set db successfully rolled out: 3 new pods have been updated.');
    expect(h.revisions.map((r) => [r.revision, r.keptBy, r.current, r.images, r.changeCause, r.replicas])).toEqual([
      [3, 'db-r3', true, ['main: pg:16.0'], 'set image to pg:16.0', 3],
      [2, 'db-r2', false, ['main: pg:15.2'], 'set image to pg:15.2', 0],
      [1, 'db-r1', false, ['main: pg:15.1'], 'set image to pg:15.1', 0],
    ]);
    const list = fake.requests.find((r) => r.path === '/apis/apps/v1/namespaces/shop/controllerrevisions');
    expect(list?.query.labelSelector).toBe('app=db');
  });

  it('rolls a stateful set back to a chosen revision with the revision’s data as a strategic merge patch', async () => {
    const { fake, kc } = await startFake();
    putRolledOutSet(fake, 'statefulsets', 'shop', 'db', IMAGES);
    expect(await rolloutUndo(kc, 'statefulsets', 'shop', 'db', 1)).toEqual({
      rolledBack: true,
      revision: 1,
      message: 'Rolling db back to revision 1.',
    });
    const patch = fake.requests.filter((r) => r.method === 'PATCH');
    expect(patch.map((r) => r.path)).toEqual(['/apis/apps/v1/namespaces/shop/statefulsets/db']);
    // The fake's strategic merge patch honours `$patch: replace` (a JSON merge patch would have
    // stored the directive): the template is exactly revision 1's, the rest of the set kept.
    const db = fake.get('statefulsets', 'shop', 'db') as V1StatefulSet;
    expect(db.spec?.template).toEqual({
      metadata: { labels: { app: 'db' } },
      spec: { containers: [{ name: 'main', image: 'pg:15.1' }] },
    });
    expect(db.spec?.replicas).toBe(3);
    expect(db.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  });

  it('revision 0 is the second-highest revision: 3 → 2, then 4 (once 2) → 3, for a daemon set', async () => {
    const { fake, kc } = await startFake();
    putRolledOutSet(fake, 'daemonsets', 'shop', 'agent', ['agent:1', 'agent:2', 'agent:3']);
    expect(await rolloutUndo(kc, 'daemonsets', 'shop', 'agent', 0)).toMatchObject({ rolledBack: true, revision: 2 });
    const image = () =>
      (fake.get('daemonsets', 'shop', 'agent') as V1DaemonSet).spec?.template?.spec?.containers[0]?.image;
    expect(image()).toBe('agent:2');
    // The controller re-uses revision 2 as revision 4.
    expect(await playRolloutController(fake, 'daemonsets', 'shop', 'agent')).toBe(4);
    const h = await rolloutHistory(kc, 'daemonsets', 'shop', 'agent');
    expect(h.revisions.map((r) => [r.revision, r.current, r.replicas])).toEqual([
      [4, true, 3],
      [3, false, null],
      [1, false, null],
    ]);
    expect(await rolloutUndo(kc, 'daemonsets', 'shop', 'agent', 0)).toMatchObject({ rolledBack: true, revision: 3 });
    expect(image()).toBe('agent:3');
  });

  it('skips a revision whose template the set already has, sending nothing', async () => {
    const { fake, kc } = await startFake();
    putRolledOutSet(fake, 'statefulsets', 'shop', 'db', IMAGES);
    expect(await rolloutUndo(kc, 'statefulsets', 'shop', 'db', 3)).toEqual({
      rolledBack: false,
      revision: 3,
      message: 'Skipped rollback: the current template of db already matches revision 3.',
    });
    expect(fake.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('refuses a revision the set does not keep, and revision 0 with one revision, with sentences', async () => {
    const { fake, kc } = await startFake();
    putRolledOutSet(fake, 'statefulsets', 'shop', 'db', IMAGES);
    await expect(rolloutUndo(kc, 'statefulsets', 'shop', 'db', 7)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Stateful set db keeps no revision 7; its history lists the revisions it still has.',
    });
    putRolledOutSet(fake, 'daemonsets', 'shop', 'solo', ['solo:1']);
    await expect(rolloutUndo(kc, 'daemonsets', 'shop', 'solo', 0)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Daemon set solo has no earlier revision to go back to.',
    });
  });

  it('says what RBAC refused when the user may not list controller revisions', async () => {
    const { fake, kc } = await startFake();
    putRolledOutSet(fake, 'statefulsets', 'shop', 'db', IMAGES);
    fake.deny('admin', 'list', 'controllerrevisions');
    const refused = {
      kind: 'unauthorized',
      message:
        'Kubernetes refused this: controllerrevisions is forbidden: User "admin" cannot list resource "controllerrevisions" in API group "apps" in the namespace "shop". Ask a cluster administrator for that permission, or switch to a context that has it.',
    };
    await expect(rolloutHistory(kc, 'statefulsets', 'shop', 'db')).rejects.toMatchObject(refused);
    await expect(rolloutUndo(kc, 'statefulsets', 'shop', 'db', 0)).rejects.toMatchObject(refused);
    expect(fake.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });
});
