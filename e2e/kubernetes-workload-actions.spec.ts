// A deployment's rollout, its pods' logs merged, and a job run again, in Chromium against `berth serve` whose kubeconfig names a FAKE API server
// (no Kubernetes API server can run on these machines): the status sentence and the revisions kept
// as replica sets, a rollback confirmed and sent as kubectl rollout undo's JSON patch, the dialog
// reading again when the watched deployment changes (the fake plays the controller's part), and
// screenshots in both themes; a stateful set's history kept as controller revisions and a rollback
// sent as the revision's strategic merge patch, the dialog reading again once the fake plays the
// controller; a failed job run again as a new job (the old one kept), a running one not offered.
import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { FakeKubeApiServer } from '../app/engine/kube/test-support/fake-api-server';
import { fakePod, putRolledOutDeployment } from '../app/engine/kube/test-support/kube-fixtures';
import { playRolloutController, putRolledOutSet } from '../app/engine/kube/test-support/rollout-fixtures';
import type { ServeProcess } from './berth-serve';
import { expect, test } from './fixtures';
import { rowAction, startKubeServe, type KubeServe } from './kube-serve';

let fake: FakeKubeApiServer;
let berth: KubeServe;
let serve: ServeProcess;

test.beforeAll(async () => {
  fake = await FakeKubeApiServer.start();
  fake.put('namespaces', { metadata: { name: 'shop' } });
  putRolledOutDeployment(fake, 'shop', 'web', ['shop:1.0', 'shop:1.1', 'shop:2.0']);
  putRolledOutSet(fake, 'statefulsets', 'shop', 'db', ['pg:15.1', 'pg:15.2', 'pg:16.0']);
  const job = (name: string, status: object) => ({
    metadata: { namespace: 'shop', name, labels: { app: 'shop', 'job-name': name } },
    spec: {
      completions: 1,
      selector: { matchLabels: { 'controller-uid': `uid-${name}` } },
      template: {
        metadata: { labels: { 'controller-uid': `uid-${name}` } },
        spec: { containers: [{ name: 'm', image: 'shop:2' }] },
      },
    },
    status,
  });
  fake.put('jobs', job('migrate', { failed: 3, conditions: [{ type: 'Failed', status: 'True' }] }));
  fake.put('jobs', job('reindex', { active: 1 }));
  for (const [pod, lines] of [
    ['web-h3-aaaaa', ['2026-12-04T10:00:01Z GET / 200', '2026-12-04T10:00:03Z GET /cart 200']],
    ['web-h3-bbbbb', ['2026-12-04T10:00:02Z GET /health 200']],
  ] as const) {
    fake.put('pods', fakePod('shop', pod, { labels: { app: 'web' }, owner: 'web-h3' }));
    fake.appendLog('shop', pod, 'main', ...lines);
  }
  berth = await startKubeServe([{ name: 'fake-cluster', server: fake.url, namespace: 'shop' }]);
  serve = berth.serve;
});

test.afterAll(async () => {
  await berth?.stop();
  await fake?.close();
});

test('a deployment’s rollout: status, revisions, a confirmed rollback, and the dialog kept live', async ({ page }) => {
  await page.goto(`${serve.url}#/kubernetes/deployments`);
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: 'web' });
  await rowAction(page, row, 'Rollout');
  const dialog = page.getByRole('dialog', { name: 'Rollout of deployment web' });
  await expect(dialog.getByRole('status')).toHaveText('Deployment web successfully rolled out.');
  const revisions = dialog.getByRole('table', { name: 'Revisions of web' });
  await expect(revisions.getByRole('row', { name: 'Revision 3 (running now)' })).toContainText('main: shop:2.0');
  const first = revisions.getByRole('row', { name: 'Revision 1', exact: true });
  await expect(first).toContainText('set image to shop:1.0');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [w, h] of [
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `e2e/.results/screens/kube-rollout-${theme}-${w}x${h}.png` });
    }
  }

  await first.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const confirm = page.getByRole('dialog', { name: 'Roll back deployment web to revision 1?' });
  await expect(confirm).toContainText('main: shop:1.0');
  expect(fake.requests.some((r) => r.method === 'PATCH')).toBe(false);
  await confirm.getByRole('button', { name: 'Roll back', exact: true }).click();
  await expect(page.getByText('Rolling web back to revision 1.')).toBeVisible();
  const patched = fake.get('deployments', 'shop', 'web') as V1Deployment;
  expect(patched.spec?.template?.spec?.containers[0]?.image).toBe('shop:1.0');

  // The fake plays the deployment controller: revision 1's replica set becomes revision 4 and the
  // rollout is under way; the open dialog reads the rollout again because the watched row changed.
  const old = fake.get('replicasets', 'shop', 'web-h1')!;
  fake.put('replicasets', {
    ...old,
    metadata: {
      ...old.metadata,
      annotations: {
        ...(old.metadata.annotations as object),
        'deployment.kubernetes.io/revision': '4',
        'deployment.kubernetes.io/revision-history': '1',
      },
    },
  });
  fake.put('deployments', {
    ...patched,
    metadata: { ...patched.metadata, generation: 4 },
    status: { ...patched.status, observedGeneration: 4, updatedReplicas: 1, replicas: 3, availableReplicas: 2 },
  } as never);
  await expect(dialog.getByRole('status')).toHaveText(
    'Waiting for the rollout to finish: 1 of 2 new replicas have been updated.',
  );
  await expect(revisions.getByRole('row', { name: 'Revision 4 (running now)' })).toContainText('main: shop:1.0');
  await expect(revisions.getByRole('row', { name: 'Revision 3', exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a stateful set’s rollout on the fake API server: its revisions, none offered for the running one, a confirmed rollback, the dialog kept live', async ({
  page,
}) => {
  await page.goto(`${serve.url}#/kubernetes/statefulsets`);
  const row = page.getByRole('table', { name: 'Stateful sets' }).getByRole('row', { name: 'db' });
  await rowAction(page, row, 'Rollout');
  const dialog = page.getByRole('dialog', { name: 'Rollout of stateful set db' });
  await expect(dialog.getByRole('status')).toHaveText(
    'Stateful set db successfully rolled out: 3 new pods have been updated.',
  );
  const revisions = dialog.getByRole('table', { name: 'Revisions of db' });
  await expect(revisions.getByRole('row', { name: 'Revision 3 (running now)' })).toContainText('main: pg:16.0');
  await expect(revisions.getByRole('row', { name: 'Revision 3 (running now)' }).getByRole('button')).toHaveCount(0);
  const first = revisions.getByRole('row', { name: 'Revision 1', exact: true });
  await expect(first).toContainText('set image to pg:15.1');

  await first.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const confirm = page.getByRole('dialog', { name: 'Roll back stateful set db to revision 1?' });
  await expect(confirm).toContainText('main: pg:15.1');
  expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/statefulsets/db'))).toBe(false);
  await confirm.getByRole('button', { name: 'Roll back', exact: true }).click();
  await expect(page.getByText('Rolling db back to revision 1.')).toBeVisible();
  const patched = fake.get('statefulsets', 'shop', 'db') as V1StatefulSet;
  expect(patched.spec?.template).toEqual({
    metadata: { labels: { app: 'db' } },
    spec: { containers: [{ name: 'main', image: 'pg:15.1' }] },
  });

  // The fake plays the stateful set controller: revision 1 is re-used as revision 4 and the rolling
  // update is under way; the open dialog reads again because the watched row changed.
  expect(await playRolloutController(fake, 'statefulsets', 'shop', 'db')).toBe(4);
  fake.put('statefulsets', {
    ...patched,
    metadata: { ...patched.metadata, generation: 4 },
    status: { ...patched.status, observedGeneration: 4, readyReplicas: 3, updatedReplicas: 1, updateRevision: 'db-r1' },
  } as never);
  await expect(dialog.getByRole('status')).toHaveText(
    'Waiting for the rollout to finish: 1 of 3 new pods have been updated.',
  );
  await expect(revisions.getByRole('row', { name: 'Revision 4 (running now)' })).toContainText('main: pg:15.1');
  await expect(revisions.getByRole('row', { name: 'Revision 1', exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a failed job run again: a new job appears beside the old one; a running job is not offered', async ({ page }) => {
  await page.goto(`${serve.url}#/kubernetes/jobs`);
  const table = page.getByRole('table', { name: 'Jobs' });
  await expect(table.getByRole('row', { name: 'reindex' }).getByRole('button', { name: 'Run again' })).toBeDisabled();
  await table.getByRole('row', { name: 'migrate' }).getByRole('button', { name: 'Run again' }).click();
  await expect(page.getByText(/^Started job migrate-retry-[0-9a-z]+, a new run of migrate\.$/)).toBeVisible();
  await expect(table.getByRole('row', { name: /^migrate-retry-/ })).toBeVisible();
  await expect(table.getByRole('row', { name: 'migrate', exact: true })).toBeVisible();
});

test('a deployment’s logs merged across its pods, live, closed with the dialog', async ({ page }) => {
  await page.goto(`${serve.url}#/kubernetes/deployments`);
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: 'web' });
  await rowAction(page, row, 'Logs');
  const dialog = page.getByRole('dialog', { name: 'Logs of deployment web' });
  await expect(dialog.getByText('2 pods matching app=web', { exact: false })).toBeVisible();
  await expect(
    dialog.getByRole('group', { name: 'Pods shown' }).getByRole('checkbox', { name: 'web-h3-aaaaa' }),
  ).toBeChecked();
  await expect(dialog.getByRole('combobox', { name: 'Show' })).toContainText('Last 1 000 lines per pod');
  const log = dialog.getByRole('log', { name: 'Logs of deployment web' });
  await expect(log).toContainText('GET /cart 200');
  const text = await log.innerText();
  expect(text.indexOf('GET / 200')).toBeLessThan(text.indexOf('GET /health 200'));
  expect(text.indexOf('GET /health 200')).toBeLessThan(text.indexOf('GET /cart 200'));
  await expect.poll(() => fake.openLogCount()).toBe(2);
  fake.appendLog('shop', 'web-h3-bbbbb', 'main', '2026-12-04T10:00:09Z POST /order 201');
  await expect(log).toContainText('POST /order 201');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `e2e/.results/screens/kube-merged-logs-${theme}-1440x900.png` });
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => fake.openLogCount()).toBe(0);
});
