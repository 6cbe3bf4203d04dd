// The Kubernetes section in Chromium against `berth serve` whose kubeconfig names a FAKE API server
// (no Kubernetes API server can run on these machines; the fake answers as the API reference says):
// live pod and deployment watches, a lost watch (410 Gone) re-listed, pod logs, scale, the RBAC
// refusal of a delete, an unreachable context's sentence; and screenshots in both themes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FakeKubeApiServer } from '../app/engine/kube/test-support/fake-api-server';
import { fakeDeployment, fakePod, writeKubeconfig } from '../app/engine/kube/test-support/kube-fixtures';
import { startBerthServe, type ServeProcess } from './berth-serve';
import { expect, test } from './fixtures';

let fake: FakeKubeApiServer;
let serve: ServeProcess;
let home: string;

test.beforeAll(async () => {
  fake = await FakeKubeApiServer.start();
  for (const ns of ['default', 'shop', 'kube-system']) fake.put('namespaces', { metadata: { name: ns } });
  fake.put('deployments', fakeDeployment('shop', 'web', 3, 2, 3));
  fake.put('deployments', fakeDeployment('shop', 'api', 2));
  fake.put('deployments', fakeDeployment('kube-system', 'coredns', 2));
  for (const [i, name] of ['web-7d4b9c-x2x7q', 'web-7d4b9c-kq9zs', 'web-7d4b9c-p8vnm'].entries())
    fake.put(
      'pods',
      fakePod('shop', name, {
        node: 'node-1',
        ip: `10.244.0.${i + 10}`,
        owner: 'web-7d4b9c',
        ready: i < 2,
        restarts: i,
        phase: i < 2 ? 'Running' : 'Pending',
      }),
    );
  fake.put(
    'pods',
    fakePod('shop', 'api-5f6d7-abcde', {
      node: 'node-2',
      ip: '10.244.1.4',
      owner: 'api-5f6d7',
      containers: ['api', 'envoy'],
    }),
  );
  fake.put('pods', fakePod('kube-system', 'coredns-1', { node: 'node-1', ip: '10.244.0.2', owner: 'coredns-6f' }));
  fake.appendLog(
    'shop',
    'web-7d4b9c-x2x7q',
    'main',
    '2026-12-03T10:00:00Z listening on :8080',
    '2026-12-03T10:00:01Z GET / 200',
  );
  const closed = await FakeKubeApiServer.start();
  const downUrl = closed.url;
  await closed.close();
  home = mkdtempSync(join(tmpdir(), 'berth-e2e-kube-'));
  const kubeconfig = writeKubeconfig(join(home, 'kubeconfig'), [
    { name: 'fake-cluster', server: fake.url, namespace: 'shop' },
    { name: 'offline', server: downUrl },
  ]);
  serve = await startBerthServe(['--engine-socket', process.env.BERTH_ENGINE_HOST!], {
    ...process.env,
    BERTH_HOME: home,
    DOCKER_CONFIG: join(home, 'docker-config'),
    KUBECONFIG: kubeconfig,
  });
});

test.afterAll(async () => {
  await serve?.stop();
  await fake?.close();
  rmSync(home, { recursive: true, force: true });
});

async function open(page: Page, route = '#/kubernetes/pods', heading = 'Kubernetes') {
  await page.goto(serve.url + route);
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

test('pods and deployments of the fake API server, live, with logs, scale and an RBAC refusal', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('v1.31.0-fake');
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row', { name: 'web-7d4b9c-x2x7q' })).toContainText('ReplicaSet web-7d4b9c');
  await expect(pods.getByRole('row')).toHaveCount(5); // header + 4 pods in shop

  // A pod appears without a reload (the watch), and again after the watch is lost (410 → re-list).
  fake.put('pods', fakePod('shop', 'late-pod'));
  await expect(pods.getByRole('row', { name: 'late-pod' })).toBeVisible();
  fake.compact();
  fake.put('pods', fakePod('shop', 'after-410'));
  await expect(pods.getByRole('row', { name: 'after-410' })).toBeVisible();

  // All namespaces.
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption({ label: 'All namespaces' });
  await expect(pods.getByRole('row', { name: 'coredns-1' })).toBeVisible();

  // Logs in the shared logs view.
  await pods.getByRole('row', { name: 'web-7d4b9c-x2x7q' }).getByRole('button', { name: 'Logs' }).click();
  const logs = page.getByRole('dialog', { name: 'Logs of pod web-7d4b9c-x2x7q' });
  await expect(logs).toContainText('listening on :8080');
  fake.appendLog('shop', 'web-7d4b9c-x2x7q', 'main', '2026-12-03T10:00:02Z GET /health 200');
  await expect(logs).toContainText('GET /health 200');
  await page.keyboard.press('Escape');
  await expect(logs).toBeHidden();
  await expect.poll(() => fake.openLogCount()).toBe(0);

  // Delete, refused by RBAC: the API server's own sentence in the dialog, and the pod stays.
  fake.deny('admin', 'delete', 'pods');
  await pods.getByRole('row', { name: 'late-pod' }).getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete pod late-pod?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm.getByRole('alert')).toContainText(
    'pods "late-pod" is forbidden: User "admin" cannot delete resource "pods" in API group "" in the namespace "shop"',
  );
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(fake.get('pods', 'shop', 'late-pod')).toBeDefined();

  // Deployments: scale with the keyboard.
  await page.getByRole('tab', { name: 'Deployments' }).click();
  const deps = page.getByRole('table', { name: 'Deployments' });
  await expect(deps.getByRole('row', { name: 'web' })).toContainText('2/3');
  await deps.getByRole('row', { name: 'web' }).getByRole('button', { name: 'Scale' }).focus();
  await page.keyboard.press('Enter');
  const scale = page.getByRole('dialog', { name: 'Scale deployment web' });
  await scale.getByRole('spinbutton', { name: 'Replicas' }).fill('5');
  await page.keyboard.press('Enter');
  await expect(scale).toBeHidden();
  await expect(deps.getByRole('row', { name: 'web' })).toContainText('2/5');
  expect((fake.get('deployments', 'shop', 'web')?.spec as { replicas: number }).replicas).toBe(5);
  // Leaving the page closes its watches.
  await page.goto(serve.url + '#/settings');
  await expect.poll(() => fake.openWatchCount()).toBe(0);
});

test('a context that does not answer says why', async ({ page }) => {
  await open(page);
  await page.getByRole('combobox', { name: 'Context' }).selectOption('offline');
  await expect(page.getByRole('alert')).toContainText('could not reach the API server');
  await expect(page.getByRole('alert')).toContainText('nothing is listening there');
  await page.getByRole('combobox', { name: 'Context' }).selectOption('fake-cluster');
  await expect(page.getByRole('table', { name: 'Pods' })).toBeVisible();
});

test('screens: Kubernetes in light and dark at three sizes', async ({ page }) => {
  for (const theme of ['light', 'dark']) {
    await open(page, '#/settings', 'Settings');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [w, h] of [
      [1024, 700],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const tab of ['pods', 'deployments']) {
        await page.goto(`${serve.url.split('?')[0]}#/kubernetes/${tab}`);
        await expect(page.getByRole('table', { name: tab === 'pods' ? 'Pods' : 'Deployments' })).toBeVisible();
        await page.waitForTimeout(200);
        await page.screenshot({ path: `e2e/.results/screens/kube-${theme}-${tab}-${w}x${h}.png` });
      }
    }
  }
});
