// `berth serve` whose kubeconfig names FAKE API servers (no Kubernetes API server can run here), in
// its own BERTH_HOME; and a table row's action, shown or in the row's "More actions" menu.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { FakeKubeApiServer } from '../app/engine/kube/test-support/fake-api-server';
import { writeKubeconfig } from '../app/engine/kube/test-support/kube-fixtures';
import { startBerthServe, type ServeProcess } from './berth-serve';
import { expect, test } from './fixtures';

export interface KubeServe {
  serve: ServeProcess;
  stop(): Promise<void>;
}

/** Starts `berth serve` with a kubeconfig of these contexts (the first is current). */
export async function startKubeServe(contexts: Parameters<typeof writeKubeconfig>[1]): Promise<KubeServe> {
  const home = mkdtempSync(join(tmpdir(), 'berth-e2e-kube-'));
  const kubeconfig = writeKubeconfig(join(home, 'kubeconfig'), contexts);
  const serve = await startBerthServe(['--engine-socket', process.env.BERTH_ENGINE_HOST!], {
    ...process.env,
    BERTH_HOME: home,
    DOCKER_CONFIG: join(home, 'docker-config'),
    KUBECONFIG: kubeconfig,
  });
  return {
    serve,
    stop: async () => {
      await serve.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A row's action: its button when shown, else the same action in the row's "More actions" menu. */
export async function rowAction(page: Page, row: Locator, name: string) {
  await expect(row).toBeVisible();
  const button = row.getByRole('button', { name, exact: true });
  if (await button.isVisible()) return button.click();
  await row.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name }).click();
}

/**
 * For a spec's tests: a FAKE API server that `fill` stocks, and `berth serve` on a kubeconfig naming
 * it (context fake-cluster, namespace shop); both are closed after the spec's tests.
 */
export function kubeServeOnFake(fill: (fake: FakeKubeApiServer) => void) {
  let fake: FakeKubeApiServer | undefined;
  let berth: KubeServe | undefined;
  test.beforeAll(async () => {
    fake = await FakeKubeApiServer.start();
    fill(fake);
    berth = await startKubeServe([{ name: 'fake-cluster', server: fake.url, namespace: 'shop' }]);
  });
  test.afterAll(async () => {
    await berth?.stop();
    await fake?.close();
  });
  return { fake: () => fake!, url: () => berth!.serve.url };
}

/** Opens a tab of the Kubernetes page once the page is shown. */
export async function openKubeTab(page: Page, url: string, tab: string) {
  await page.goto(`${url}#/kubernetes/${tab}`);
  await expect(page.getByRole('heading', { name: 'Kubernetes', level: 1 })).toBeVisible();
}

/** Runs `shoot` in the light and dark themes at 1024×700 and 1440×900 (the screens people look at). */
export async function inThemesAndSizes(page: Page, url: string, shoot: (name: string) => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark']) {
    await page.goto(`${url}#/settings`);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [w, h] of [
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await shoot(`${theme}-${w}x${h}`);
    }
  }
}
