// The Kubernetes section in Chromium against `berth serve` whose kubeconfig names a FAKE API server
// (no Kubernetes API server can run on these machines; the fake answers as the API reference says):
// live pod and deployment watches, a lost watch (410 Gone) re-listed, pod logs, scale, the RBAC
// refusal of a delete, an unreachable context's sentence; apply with a dry-run diff first; services,
// cron jobs (run now, suspend), stateful sets, events; pod details and YAML; a stateful set's pods
// and claims by ordinal and a daemon set's nodes in their details; the cluster badge; and
// screenshots in both themes.
import type { Page } from '@playwright/test';
import { FakeKubeApiServer } from '../app/engine/kube/test-support/fake-api-server';
import { fakeDeployment, fakePod } from '../app/engine/kube/test-support/kube-fixtures';
import {
  putClaim,
  putDaemonPod,
  putDaemonSet,
  putNode,
  putOrdinalPod,
  putStatefulSet,
} from '../app/engine/kube/test-support/set-fixtures';
import type { ServeProcess } from './berth-serve';
import { expect, SCREEN_SIZES, test } from './fixtures';
import { rowAction, startKubeServe, type KubeServe } from './kube-serve';

let fake: FakeKubeApiServer;
let berth: KubeServe;
let serve: ServeProcess;

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
  fake.put('services', {
    metadata: { namespace: 'shop', name: 'web' },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.7',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    },
  });
  fake.put('endpoints', {
    metadata: { namespace: 'shop', name: 'web' },
    subsets: [{ addresses: [{ ip: '10.244.0.10' }, { ip: '10.244.0.11' }], ports: [{ port: 8080 }] }],
  });
  fake.put('cronjobs', {
    metadata: { namespace: 'shop', name: 'nightly-report', uid: 'cron-1' },
    spec: {
      schedule: '30 2 * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'r', image: 'busybox' }] } } } },
    },
    status: { lastScheduleTime: new Date(Date.now() - 5 * 3600_000).toISOString() },
  });
  fake.put('statefulsets', {
    metadata: { namespace: 'shop', name: 'db' },
    spec: { replicas: 2, serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
    status: { readyReplicas: 2, updatedReplicas: 2 },
  });
  fake.put('events', {
    metadata: { namespace: 'shop', name: 'web-7d4b9c-p8vnm.1' },
    type: 'Warning',
    reason: 'FailedScheduling',
    message: '0/2 nodes are available: 2 Insufficient memory.',
    involvedObject: { kind: 'Pod', name: 'web-7d4b9c-p8vnm', namespace: 'shop' },
    count: 3,
    lastTimestamp: new Date().toISOString(),
  });
  const closed = await FakeKubeApiServer.start();
  const downUrl = closed.url;
  await closed.close();
  berth = await startKubeServe([
    { name: 'fake-cluster', server: fake.url, namespace: 'shop' },
    { name: 'offline', server: downUrl },
  ]);
  serve = berth.serve;
});

test.afterAll(async () => {
  await berth?.stop();
  await fake?.close();
});

async function open(page: Page, route = '#/kubernetes/pods', heading = 'Kubernetes') {
  await page.goto(serve.url + route);
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

test('pods and deployments of the fake API server, live, with logs, scale and an RBAC refusal', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('v1.31.0-fake');
  // The top bar says whether the cluster answers, not whether the Docker engine runs.
  await expect(page.getByRole('link', { name: /^Cluster: fake-cluster reachable/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Engine / })).toHaveCount(0);
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
  await rowAction(page, pods.getByRole('row', { name: 'late-pod' }), 'Delete');
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
  await expect(page.getByRole('link', { name: /^Cluster: offline unreachable/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Context' }).selectOption('fake-cluster');
  await expect(page.getByRole('table', { name: 'Pods' })).toBeVisible();
});

test('apply YAML: a dry-run diff first, then the apply, and invalid YAML refused with its line', async ({ page }) => {
  await open(page, '#/kubernetes/deployments');
  const deps = page.getByRole('table', { name: 'Deployments' });
  await expect(deps.getByRole('row', { name: 'api' })).toContainText('2/2');
  await page.getByRole('button', { name: 'Apply YAML…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply YAML to fake-cluster' });
  const yaml = dialog.getByRole('textbox', { name: 'YAML' });
  await yaml.fill('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: [4\n');
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/not valid at line \d+, column \d+/);
  const applies = () => fake.requests.filter((r) => r.method === 'PATCH' && r.query.fieldManager);
  expect(applies()).toHaveLength(0);

  await yaml.fill(
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 4\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n  - port: 80\n',
  );
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  const preview = dialog.getByRole('region', { name: 'Preview of the changes' });
  await expect(preview).toContainText('Deployment shop/api will change');
  await expect(preview).toContainText('Service shop/api will be created');
  await expect(preview.getByLabel('Changes to Deployment shop/api')).toContainText('+   replicas: 4');
  // The dry run stored nothing.
  expect((fake.get('deployments', 'shop', 'api')?.spec as { replicas: number }).replicas).toBe(2);
  expect(applies().map((r) => r.query.dryRun)).toEqual(['All', 'All']);
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(deps.getByRole('row', { name: 'api' })).toContainText('2/4');
  expect(fake.get('services', 'shop', 'api')).toBeDefined();
  expect(applies().map((r) => [r.query.fieldManager, r.query.dryRun])).toEqual([
    ['berth', 'All'],
    ['berth', 'All'],
    ['berth', undefined],
    ['berth', undefined],
  ]);
});

test('services, cron jobs, stateful sets and events; pod details and YAML', async ({ page }) => {
  await open(page, '#/kubernetes/services');
  const services = page.getByRole('table', { name: 'Services' });
  await expect(services.getByRole('row', { name: 'web' })).toContainText('10.96.12.7');
  await expect(services.getByRole('row', { name: 'web' })).toContainText('http 80→8080/TCP');
  await expect(services.getByRole('row', { name: 'web' })).toContainText('2 ready');

  await page.getByRole('tab', { name: 'Cron jobs' }).click();
  const crons = page.getByRole('table', { name: 'Cron jobs' });
  const report = crons.getByRole('row', { name: 'nightly-report' });
  await expect(report).toContainText('30 2 * * *');
  await expect(report).toContainText('5 hours ago');
  await report.getByRole('button', { name: 'Run now' }).click();
  await expect(page.getByText(/Started job nightly-report-manual-\w+ from cron job nightly-report\./)).toBeVisible();
  await page.getByRole('tab', { name: 'Jobs', exact: true }).click();
  await expect(
    page.getByRole('table', { name: 'Jobs' }).getByRole('row', { name: /^nightly-report-manual-/ }),
  ).toContainText('nightly-report');
  await page.getByRole('tab', { name: 'Cron jobs' }).click();
  await rowAction(page, crons.getByRole('row', { name: 'nightly-report' }), 'Suspend');
  await expect(crons.getByRole('row', { name: 'nightly-report' })).toContainText('Suspended');
  expect((fake.get('cronjobs', 'shop', 'nightly-report')!.spec as { suspend: boolean }).suspend).toBe(true);

  await page.getByRole('tab', { name: 'Stateful sets' }).click();
  await expect(page.getByRole('table', { name: 'Stateful sets' }).getByRole('row', { name: 'db' })).toContainText(
    '2/2',
  );

  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(
    page.getByRole('table', { name: 'Events' }).getByRole('row', { name: 'FailedScheduling on Pod web-7d4b9c-p8vnm' }),
  ).toContainText('Insufficient memory');

  await page.getByRole('tab', { name: 'Pods' }).click();
  await rowAction(
    page,
    page.getByRole('table', { name: 'Pods' }).getByRole('row', { name: 'web-7d4b9c-p8vnm' }),
    'Details',
  );
  const details = page.getByRole('dialog', { name: 'Pod web-7d4b9c-p8vnm' });
  await expect(details.getByRole('table', { name: 'Events' })).toContainText('Insufficient memory');
  await expect(details.getByRole('table', { name: 'Containers' }).getByRole('row', { name: 'main' })).toBeVisible();
  await details.getByRole('tab', { name: 'YAML' }).click();
  await expect(details.getByLabel('YAML of web-7d4b9c-p8vnm')).toContainText('name: web-7d4b9c-p8vnm');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await page.goto(serve.url + '#/settings');
  await expect.poll(() => fake.openWatchCount()).toBe(0);
});

test('screens: Kubernetes in light and dark at three sizes', async ({ page }) => {
  for (const theme of ['light', 'dark']) {
    await open(page, '#/settings', 'Settings');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [w, h] of SCREEN_SIZES) {
      await page.setViewportSize({ width: w, height: h });
      for (const [tab, table] of [
        ['pods', 'Pods'],
        ['deployments', 'Deployments'],
        ['services', 'Services'],
        ['cronjobs', 'Cron jobs'],
        ['events', 'Events'],
      ] as const) {
        await page.goto(`${serve.url.split('?')[0]}#/kubernetes/${tab}`);
        await expect(page.getByRole('table', { name: table })).toBeVisible();
        await page.waitForTimeout(200);
        await page.screenshot({ path: `e2e/.results/screens/kube-${theme}-${tab}-${w}x${h}.png` });
      }
      if (w === 1920) continue;
      await page.getByRole('button', { name: 'Apply YAML…' }).click();
      const apply = page.getByRole('dialog', { name: 'Apply YAML to fake-cluster' });
      await apply
        .getByRole('textbox', { name: 'YAML' })
        .fill('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n');
      await apply.getByRole('button', { name: 'Preview changes' }).click();
      await expect(apply.getByRole('region', { name: 'Preview of the changes' })).toBeVisible();
      await page.screenshot({ path: `e2e/.results/screens/kube-${theme}-apply-${w}x${h}.png` });
      await apply.getByRole('button', { name: 'Cancel' }).click();
      await page.goto(`${serve.url.split('?')[0]}#/kubernetes/pods`);
      await rowAction(
        page,
        page.getByRole('table', { name: 'Pods' }).getByRole('row', { name: 'web-7d4b9c-p8vnm' }),
        'Details',
      );
      await expect(
        page.getByRole('table', { name: 'Conditions' }).or(page.getByText('reports no conditions')),
      ).toBeVisible();
      await page.screenshot({ path: `e2e/.results/screens/kube-${theme}-details-${w}x${h}.png` });
      await page.keyboard.press('Escape');
    }
  }
});

test('a stateful set’s pods and claims by ordinal, and a daemon set’s nodes, in their details', async ({ page }) => {
  // Seeded here, so the earlier tests' pod counts stay as they were.
  const cache = putStatefulSet(fake, 'shop', 'cache', 3, ['data']);
  putOrdinalPod(fake, cache, 0, { node: 'node-1' });
  putOrdinalPod(fake, cache, 2, { node: 'node-2', phase: 'Pending', ready: false });
  putClaim(fake, 'shop', 'data-cache-0', 'Bound');
  putClaim(fake, 'shop', 'data-cache-2', 'Pending');
  putNode(fake, 'node-1');
  putNode(fake, 'node-2', { unschedulable: true });
  putNode(fake, 'node-3', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  putNode(fake, 'node-4');
  const fluentd = putDaemonSet(fake, 'shop', 'fluentd', { hash: 'h2', oldHash: 'h1' });
  putDaemonPod(fake, fluentd, 'node-1', { hash: 'h2' });
  putDaemonPod(fake, fluentd, 'node-2', { hash: 'h1' });

  await open(page, '#/kubernetes/statefulsets');
  await rowAction(
    page,
    page.getByRole('table', { name: 'Stateful sets' }).getByRole('row', { name: 'cache' }),
    'Details',
  );
  const set = page.getByRole('dialog', { name: 'Stateful set cache' });
  const ordinals = set.getByRole('table', { name: 'Pods and volume claims of cache' });
  await expect(ordinals.getByRole('row', { name: 'cache-0' })).toContainText('data-cache-0 Bound');
  await expect(ordinals.getByRole('row', { name: 'cache-1' })).toContainText('Missing');
  await expect(ordinals.getByRole('row', { name: 'cache-1' })).toContainText('data-cache-1 Missing');
  await expect(ordinals.getByRole('row', { name: 'cache-2' })).toContainText('data-cache-2 Pending');
  await page.screenshot({ path: 'e2e/.results/screens/kube-statefulset-members.png' });
  await page.keyboard.press('Escape');
  await expect(set).toBeHidden();

  await page.getByRole('tab', { name: 'Daemon sets' }).click();
  await rowAction(
    page,
    page.getByRole('table', { name: 'Daemon sets' }).getByRole('row', { name: 'fluentd' }),
    'Details',
  );
  const ds = page.getByRole('dialog', { name: 'Daemon set fluentd' });
  const nodes = ds.getByRole('table', { name: 'Nodes of fluentd' });
  await expect(nodes.getByRole('row', { name: 'node-1' })).toContainText('fluentd-node-1');
  await expect(nodes.getByRole('row', { name: 'node-2' })).toContainText('cordoned; daemon pods still run here');
  await expect(nodes.getByRole('row', { name: 'node-4' })).toContainText('No pod yet');
  await expect(nodes.getByRole('row', { name: 'node-3' })).toHaveCount(0);
  await expect(ds.getByText('1 other node is not eligible for fluentd')).toBeVisible();
  await page.screenshot({ path: 'e2e/.results/screens/kube-daemonset-nodes.png' });

  // Nodes refused by RBAC: a sentence in the section; the rows of the nodes its pods are on stay.
  fake.deny('admin', 'list', 'nodes');
  await ds.getByRole('button', { name: 'Refresh' }).click();
  await expect(ds.getByRole('alert')).toContainText('cannot list resource "nodes"');
  await expect(nodes.getByRole('row', { name: 'node-2' })).toBeVisible();
  await expect(nodes.getByRole('row', { name: 'node-4' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(ds).toBeHidden();
});
