// `berth serve` whose kubeconfig names FAKE API servers (no Kubernetes API server can run here), in
// its own BERTH_HOME; and a table row's action, shown or in the row's "More actions" menu.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeKubeconfig } from '../app/engine/kube/test-support/kube-fixtures';
import { startBerthServe, type ServeProcess } from './berth-serve';
import { expect } from './fixtures';

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
