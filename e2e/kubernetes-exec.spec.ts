// A pod's terminal in Chromium against `berth serve` whose kubeconfig names a FAKE API server (no
// Kubernetes API server can run on these machines). The fake speaks the real exec protocol (the
// v5/v4.channel.k8s.io websocket: stdin, stdout, the status channel, resize) and runs a local shell
// behind a TTY as the "container", so what is typed runs and what it prints comes back. Screenshots
// of the terminal in both themes.
import type { Page } from '@playwright/test';
import { FakeKubeApiServer } from '../app/engine/kube/test-support/fake-api-server';
import { fakePod } from '../app/engine/kube/test-support/kube-fixtures';
import type { ServeProcess } from './berth-serve';
import { expect, test } from './fixtures';
import { inThemesAndSizes, rowAction, startKubeServe, type KubeServe } from './kube-serve';

let fake: FakeKubeApiServer;
let berth: KubeServe;
let serve: ServeProcess;

/** A pod whose containers all run (a terminal opens only in a running container). */
function runningPod(name: string, containers: string[]) {
  const pod = fakePod('shop', name, { node: 'node-1', ip: '10.244.0.9', containers });
  return {
    ...pod,
    status: {
      ...pod.status,
      containerStatuses: pod.status.containerStatuses.map((s) => ({ ...s, state: { running: { startedAt: '' } } })),
    },
  };
}

test.beforeAll(async () => {
  fake = await FakeKubeApiServer.start();
  fake.put('namespaces', { metadata: { name: 'shop' } });
  fake.put('pods', runningPod('web-1', ['app', 'sidecar']));
  berth = await startKubeServe([{ name: 'fake-cluster', server: fake.url, namespace: 'shop' }]);
  serve = berth.serve;
});

test.afterAll(async () => {
  await berth?.stop();
  await fake?.close();
});

async function openTerminal(page: Page) {
  await page.goto(`${serve.url}#/kubernetes/pods`);
  await expect(page.getByRole('heading', { name: 'Kubernetes', level: 1 })).toBeVisible();
  await rowAction(page, page.getByRole('table', { name: 'Pods' }).getByRole('row', { name: 'web-1' }), 'Terminal');
  const dialog = page.getByRole('dialog', { name: 'Pod web-1' });
  await expect(dialog.getByRole('tab', { name: 'Terminal' })).toHaveAttribute('aria-selected', 'true');
  // Auto chose bash (this machine, the fake's "container", has it), and the status says so.
  await expect(dialog.getByRole('status').filter({ hasText: 'Connected (bash)' })).toBeVisible();
  return dialog;
}

test('a pod terminal through the fake API server: echo, resize, a missing shell, closed with its view', async ({
  page,
}) => {
  const opened = fake.channels.execs.length;
  const dialog = await openTerminal(page);
  const exec = fake.channels.execs[opened]!;
  expect(exec).toMatchObject({ namespace: 'shop', pod: 'web-1', container: 'app', tty: true });
  const term = dialog.getByRole('group', { name: 'Terminal of pod web-1, container app' });
  await term.click();
  await page.keyboard.type('echo hi\n');
  // The TTY echoes the command, then the shell prints its line.
  await expect(dialog.locator('.xterm-rows > div').filter({ hasText: /^hi\s*$/ })).toHaveCount(1);

  // The terminal's size reaches the server's resize channel, and again when the window changes.
  await expect.poll(() => exec.resizes.length).toBeGreaterThan(0);
  const first = exec.resizes.at(-1)!;
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect.poll(() => exec.resizes.at(-1)!.height).toBeLessThan(first.height);
  await page.setViewportSize({ width: 1400, height: 900 });

  // Another container: the first shell ends, the new one runs in the sidecar.
  await dialog.getByRole('combobox', { name: 'Container' }).selectOption('sidecar');
  await expect(dialog.getByRole('group', { name: 'Terminal of pod web-1, container sidecar' })).toBeVisible();
  await expect.poll(() => exec.ended).toBe(true);
  expect(fake.channels.execs.at(-1)).toMatchObject({ container: 'sidecar' });

  // A shell the container does not have (this machine has no zsh): the runtime's refusal, as a sentence.
  await dialog.getByRole('combobox', { name: 'Shell' }).selectOption({ label: 'zsh' });
  await expect(dialog.getByRole('alert')).toHaveText(
    'The container sidecar of pod web-1 has no shell at /bin/zsh, so no terminal can open in it. Choose a shell it has (e.g. /bin/bash or /busybox/sh), or read its logs instead.',
  );
  await dialog.getByRole('combobox', { name: 'Shell' }).selectOption({ label: 'sh' });
  await expect(dialog.getByRole('status').filter({ hasText: 'Connected (/bin/sh)' })).toBeVisible();
  expect(fake.channels.openExecCount()).toBe(1);

  // Closing the dialog closes the websocket (and so ends the shell). Escape in the terminal is the
  // shell's: Ctrl+Shift+E leaves it first.
  await dialog.getByRole('group', { name: 'Terminal of pod web-1, container sidecar' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Control+Shift+E');
  await expect(dialog.getByRole('combobox', { name: 'Container' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => fake.channels.openExecCount()).toBe(0);
});

test('screens: a pod terminal in light and dark', async ({ page }) => {
  await inThemesAndSizes(page, serve.url, async (name) => {
    const dialog = await openTerminal(page);
    await dialog.getByRole('group', { name: 'Terminal of pod web-1, container app' }).click();
    await page.keyboard.type('echo hi from $((6*7))\n');
    await expect(dialog.locator('.xterm-rows')).toContainText('hi from 42');
    await page.screenshot({ path: `e2e/.results/screens/kube-exec-${name}.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });
});
