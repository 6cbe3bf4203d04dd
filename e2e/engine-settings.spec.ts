// The engine's settings (daemon.json) on the Engine page, in Chromium. On the shared
// `berth serve --engine-socket` (an engine Berth does not run) the card says why it cannot change
// them. With a second `berth serve` running its own dockerd (BERTH_HOME in a temp dir): an invalid
// mirror is refused at its line and cannot be applied; a valid one, added through the form beside
// the editor, is previewed, applied with a confirmed restart, and the engine's own details (from
// /info) then list it, as `docker info` does.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDocker } from '../harness/engine';
import { skipBecause } from '../harness/skip';
import { expect, test } from './fixtures';
import { managedServe } from './managed-serve';

test('the settings card says why a fixed engine cannot be configured here', async ({ page, berth }) => {
  await berth.open(page, '#/engine');
  const card = page.getByRole('region', { name: 'Engine settings' });
  await expect(card.getByRole('status')).toHaveText(/fixed engine .* cannot change that engine's daemon\.json/);
  await expect(card.getByRole('button', { name: 'Edit settings…' })).toHaveCount(0);
});

test.describe('engine settings with Berth running its own engine', () => {
  test.describe.configure({ timeout: 180_000 });
  const dockerdWhy =
    existsSync('/usr/sbin/dockerd') || existsSync('/usr/bin/dockerd') ? undefined : 'dockerd is not installed';
  const noDockerd = skipBecause(dockerdWhy && `the engine settings e2e needs ${dockerdWhy}`);
  const managed = managedServe('berth-e2e-daemon-', noDockerd);

  test('refuses an invalid mirror at its line, then applies a valid one with a restart and shows it', async ({
    page,
  }) => {
    test.skip(noDockerd, dockerdWhy);
    // The engine's start makes its bridge, and Chromium drops requests in flight when the machine's
    // network changes (net::ERR_NETWORK_CHANGED): load the Engine page's code once it runs.
    await page.goto(managed.url + '#/containers');
    await expect(page.getByRole('link', { name: /^Engine running/ })).toBeVisible({ timeout: 90_000 });
    await page.getByRole('link', { name: 'Engine', exact: true }).click();
    const card = page.getByRole('region', { name: 'Engine settings' });
    await expect(card.getByRole('status')).toHaveText("No settings: the engine runs with dockerd's defaults.");
    await card.getByRole('button', { name: 'Edit settings…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Engine settings (daemon.json)' });
    const editor = dialog.getByRole('textbox', { name: 'daemon.json' });
    await expect(editor).toHaveValue('{}\n');
    await expect(dialog).toContainText('No setting changes: applying would not restart the engine.');

    await editor.fill('{\n  "registry-mirrors": ["mirror.berth-e2e.example"]\n}\n');
    const problems = dialog.getByRole('list', { name: 'Problems' });
    await expect(problems).toContainText(
      'Line 2, column 24: "registry-mirrors[0]" is "mirror.berth-e2e.example", not a URL: a mirror is an address like "https://mirror.gcr.io".',
    );
    await expect(dialog.getByRole('button', { name: 'Apply and restart…' })).toBeDisabled();
    const file = join(managed.home, 'data', 'engine', 'daemon.json');
    expect(readFileSync(file, 'utf8')).toBe('{}\n');

    // The valid one through the small form beside the editor, as someone who does not write JSON would.
    await editor.fill('{}');
    await dialog.getByRole('textbox', { name: 'Registry mirror' }).fill('https://mirror.berth-e2e.example');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(editor).toHaveValue('{\n  "registry-mirrors": [\n    "https://mirror.berth-e2e.example"\n  ]\n}\n');
    await expect(problems).toHaveCount(0);
    const change = dialog
      .getByRole('table', { name: 'Setting changes' })
      .getByRole('row', { name: 'registry-mirrors' });
    await expect(change).toContainText('["https://mirror.berth-e2e.example"]');
    await expect(dialog).toContainText('The engine restarts; no container is running, so none is stopped.');
    await dialog.getByRole('button', { name: 'Apply and restart…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restart the engine with the new settings?' });
    await confirm.getByRole('button', { name: 'Apply and restart', exact: true }).click();
    await expect(page.getByText('The engine restarted with the new settings (1 change).')).toBeVisible({
      timeout: 90_000,
    });
    await expect(dialog).toHaveCount(0);

    await expect(card.getByRole('status')).toHaveText('Set: registry-mirrors.');
    const details = page.getByRole('region', { name: 'Engine details' });
    await expect(details).toContainText('https://mirror.berth-e2e.example/', { timeout: 30_000 });
    const info = await runDocker(`unix://${join(managed.home, 'data', 'engine', 'docker.sock')}`, [
      'info',
      '--format',
      '{{json .RegistryConfig.Mirrors}}',
    ]);
    expect(JSON.parse(info.stdout)).toEqual(['https://mirror.berth-e2e.example/']);
  });
});
