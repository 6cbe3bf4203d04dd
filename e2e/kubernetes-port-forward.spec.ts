// Port-forward in Chromium against `berth serve` whose kubeconfig names a FAKE API server (no
// Kubernetes API server can run on these machines). The fake speaks the kubelet's port-forward
// protocol (v4.channel.k8s.io, data and error channels started by the port) and answers one HTTP
// request on the pod's port, so a real HTTP client through the local port gets the pod's answer.
// Start a forward from a service row, see it listed, fetch through it, replace the service's pod and
// fetch from the new one (the row names it), stop it. Screenshots of the
// dialog and the list in both themes.
import type { Page } from '@playwright/test';
import { fakePod } from '../app/engine/kube/test-support/kube-fixtures';
import { expect, test } from './fixtures';
import { inThemesAndSizes, kubeServeOnFake, openKubeTab, rowAction } from './kube-serve';

const berth = kubeServeOnFake((fake) => {
  fake.put('namespaces', { metadata: { name: 'shop' } });
  const pod = fakePod('shop', 'web-1', { node: 'node-1', ip: '10.244.0.9' });
  fake.put('pods', {
    ...pod,
    metadata: { ...pod.metadata, labels: { app: 'web' } },
    spec: { containers: [{ name: 'main', image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { ...pod.status, conditions: [{ type: 'Ready', status: 'True' }] },
  });
  fake.put('services', {
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  });
  fake.portForwards.listen('shop', 'web-1', 8080, { type: 'http', body: 'hello from web-1' });
});

async function openDialog(page: Page) {
  await openKubeTab(page, berth.url(), 'services');
  await rowAction(
    page,
    page.getByRole('table', { name: 'Services' }).getByRole('row', { name: /web/ }),
    'Port forward…',
  );
  const dialog = page.getByRole('dialog', { name: 'Port forward service web' });
  await expect(dialog.getByRole('combobox', { name: 'Remote port' })).toHaveValue('80');
  return dialog;
}

test('forwards a service port from 127.0.0.1, lists it, serves through it, and stops it', async ({ page }) => {
  const dialog = await openDialog(page);
  await expect(dialog.getByText('Berth listens on 127.0.0.1 only')).toBeVisible();
  await dialog.getByRole('button', { name: 'Start forwarding' }).click();
  await expect(dialog).toBeHidden();

  const table = page.getByRole('table', { name: 'Port forwards' });
  const row = table.getByRole('row', { name: /^127\.0\.0\.1:\d+ to service web:80$/ });
  await expect(row).toContainText('→ pod web-1:8080');
  const link = row.getByRole('link', { name: /^Open http:\/\/127\.0\.0\.1:\d+$/ });
  const url = (await link.getAttribute('href'))!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  // A real HTTP client through the local port reaches the pod's port through the fake's stream.
  const res = await fetch(url);
  expect(await res.text()).toBe('hello from web-1');
  expect(berth.fake().portForwards.streams.at(-1)).toMatchObject({ pod: 'web-1', port: 8080 });
  await expect(row).toContainText('1 in all');

  // The pod is replaced: the next connection reaches the new one, and the row says so.
  const fake = berth.fake();
  fake.remove('pods', 'shop', 'web-1');
  const next = fakePod('shop', 'web-2', { node: 'node-1', ip: '10.244.0.10' });
  fake.put('pods', {
    ...next,
    metadata: { ...next.metadata, labels: { app: 'web' } },
    spec: { containers: [{ name: 'main', image: 'busybox', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { ...next.status, conditions: [{ type: 'Ready', status: 'True' }] },
  });
  fake.portForwards.listen('shop', 'web-2', 8080, { type: 'http', body: 'hello from web-2' });
  expect(await (await fetch(url)).text()).toBe('hello from web-2');
  await expect(row).toContainText('→ pod web-2:8080');

  await row.getByRole('button', { name: /^Stop forward 127\.0\.0\.1:\d+$/ }).click();
  await expect(table).toBeHidden();
  await expect(fetch(url)).rejects.toThrow();
});

test('screens: the port-forward dialog and the list in light and dark', async ({ page }) => {
  await inThemesAndSizes(page, berth.url(), async (name) => {
    const dialog = await openDialog(page);
    await page.screenshot({ path: `e2e/.results/screens/kube-forward-dialog-${name}.png` });
    await dialog.getByRole('button', { name: 'Start forwarding' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('table', { name: 'Port forwards' }).getByRole('row', { name: /to service web:80$/ });
    await expect(row).toBeVisible();
    await page.screenshot({ path: `e2e/.results/screens/kube-forward-list-${name}.png` });
    await row.getByRole('button', { name: /^Stop forward/ }).click();
    await expect(page.getByRole('table', { name: 'Port forwards' })).toBeHidden();
  });
});
