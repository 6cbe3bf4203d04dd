// Replica sets, jobs and horizontal pod autoscalers in Chromium against `berth serve` whose kubeconfig
// names a FAKE API server (no Kubernetes API server can run on these machines): the columns kubectl
// get shows for each, read from the objects as the API serves them, and an autoscaler's change seen
// live (the watch, not a reload).
import { expect, test } from './fixtures';
import { kubeServeOnFake, openKubeTab } from './kube-serve';

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

const hpa = (current: number, desired: number, cpuNow?: number) => ({
  metadata: { namespace: 'shop', name: 'web' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
  },
  status: {
    currentReplicas: current,
    desiredReplicas: desired,
    ...(cpuNow === undefined
      ? {}
      : { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpuNow } } }] }),
  },
});

const server = kubeServeOnFake((fake) => {
  fake.put('namespaces', { metadata: { name: 'shop' } });
  fake.put('horizontalpodautoscalers', hpa(3, 3, 40));
  fake.put('replicasets', {
    metadata: {
      namespace: 'shop',
      name: 'web-7d4b9c',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-web', controller: true }],
    },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
    status: { replicas: 3, readyReplicas: 2 },
  });
  fake.put('jobs', {
    metadata: { namespace: 'shop', name: 'migrate' },
    spec: { completions: 3, parallelism: 1, template: { spec: { containers: [{ name: 'm', image: 'shop:2' }] } } },
    status: { startTime: ago(95), succeeded: 2, failed: 1, active: 1 },
  });
});

test('autoscalers, jobs and replica sets show kubectl get’s columns, and an autoscaler scaling live', async ({
  page,
}) => {
  await openKubeTab(page, server.url(), 'horizontalpodautoscalers');
  const autoscalers = page.getByRole('table', { name: 'Autoscalers' });
  const web = autoscalers.getByRole('row', { name: 'web' });
  await expect(web).toContainText('Deployment web');
  await expect(web).toContainText('cpu 40%/80%');
  await expect(web.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  // The metrics server reports more load: the autoscaler decides on 6 replicas, seen without a reload.
  server.fake().put('horizontalpodautoscalers', hpa(3, 6, 160));
  await expect(web).toContainText('cpu 160%/80%');
  await expect(web.getByRole('cell', { name: '3 → 6' })).toBeVisible();

  await page.getByRole('tab', { name: 'Jobs', exact: true }).click();
  const migrate = page.getByRole('table', { name: 'Jobs' }).getByRole('row', { name: 'migrate' });
  await expect(migrate).toContainText('Running');
  await expect(migrate.getByRole('cell', { name: '2/3' })).toBeVisible();

  await page.getByRole('tab', { name: 'Replica sets' }).click();
  const rs = page.getByRole('table', { name: 'Replica sets' }).getByRole('row', { name: 'web-7d4b9c' });
  await expect(rs).toContainText('2/3');
  await expect(rs).toContainText('Deployment web');
});
