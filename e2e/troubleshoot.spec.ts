// Troubleshoot on the Engine page, in Chromium on the shared `berth serve --engine-socket` (an engine
// Berth does not run): the diagnostics bundle downloads as a .tar.gz with its README and parts and
// without a container's environment; Purge says in a sentence why it is not offered for this engine
// (the purge itself runs on a Berth-managed engine in app/main/troubleshoot/troubleshoot.int.test.ts);
// Reset states what it would change, and Cancel changes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { managedServe } from './managed-serve';

test.describe('troubleshoot on the shared, fixed engine', () => {
  test('downloads the diagnostics bundle with its README and no container environment', async ({ page, berth }) => {
    const name = `e2e-trouble-${Date.now().toString(36)}`;
    const run = await berth.docker([
      'run',
      '-d',
      '--name',
      name,
      '-e',
      'PASSWORD=e2e-env-secret-991',
      berth.busybox,
      'sleep',
      '600',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'berth-bundle-e2e-'));
    try {
      await berth.open(page, '#/engine');
      const card = page.getByRole('region', { name: 'Troubleshoot' });
      await card.getByRole('button', { name: 'Diagnostics bundle…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save a diagnostics bundle' });
      await expect(dialog).toContainText('passwords, tokens and credentials removed');
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Save' }).click();
      const d = await download;
      expect(d.suggestedFilename()).toMatch(/^berth-diagnostics-.*\.tar\.gz$/);
      const archive = join(dir, 'bundle.tar.gz');
      writeFileSync(archive, readFileSync((await d.path())!));
      await expect(dialog.getByRole('status')).toContainText('Saved berth-diagnostics-');
      const list = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' });
      for (const part of [
        'README.txt',
        'versions.json',
        'checks.txt',
        'engine/info.json',
        'engine/objects.json',
        'berth/settings.json',
      ])
        expect(list).toContain(part);
      execFileSync('tar', ['-xzf', archive, '-C', dir]);
      const all = execFileSync('sh', ['-c', `cat "${dir}"/berth-diagnostics-*/*.* "${dir}"/berth-diagnostics-*/*/*`], {
        encoding: 'utf8',
      });
      expect(all).toContain(name); // the container is listed …
      expect(all).not.toContain('e2e-env-secret-991'); // … without its environment
      expect(all).toContain('Never included:');
    } finally {
      await berth.docker(['rm', '-f', name]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('purge says why it is not offered here; reset states its changes and Cancel changes nothing', async ({
    page,
    berth,
  }) => {
    await berth.open(page, '#/engine');
    const card = page.getByRole('region', { name: 'Troubleshoot' });
    await card.getByRole('button', { name: 'Purge data…' }).click();
    const purge = page.getByRole('dialog', { name: 'Purge engine data' });
    await expect(purge.getByRole('status')).toContainText('Berth does not run this engine');
    await expect(purge.getByRole('button', { name: 'Purge' })).toHaveCount(0);
    await purge.getByRole('button', { name: 'Close' }).last().click();
    await expect(purge).toHaveCount(0);

    await card.getByRole('button', { name: 'Reset settings…' }).click();
    const reset = page.getByRole('dialog', { name: 'Reset settings to defaults' });
    await expect(reset.getByText(/a reset would change nothing|goes back to|go back to/)).toBeVisible();
    await reset.getByRole('button', { name: 'Cancel' }).click();
    await expect(reset).toHaveCount(0);
  });
});

test.describe('purge with Berth running its own engine', () => {
  test.describe.configure({ timeout: 180_000 });
  const noDockerd = !existsSync('/usr/sbin/dockerd') && !existsSync('/usr/bin/dockerd');
  const managed = managedServe('berth-e2e-purge-', noDockerd);

  test('states what the purge would delete, counted from the engine, and Cancel deletes nothing', async ({ page }) => {
    test.skip(noDockerd, 'dockerd is not installed');
    await page.goto(managed.url + '#/engine');
    await expect(page.getByRole('link', { name: /^Engine running/ })).toBeVisible({ timeout: 90_000 });
    const socket = `unix://${join(managed.home, 'data', 'engine', 'docker.sock')}`;
    const vol = `e2e-purge-${Date.now().toString(36)}`;
    execFileSync('docker', ['-H', socket, 'volume', 'create', vol]);
    await page.getByRole('region', { name: 'Troubleshoot' }).getByRole('button', { name: 'Purge data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purge engine data' });
    const statement = dialog.getByRole('region', { name: 'What will be deleted' });
    await expect(statement).toContainText(`deletes everything in ${join(managed.home, 'data', 'engine', 'data-root')}`);
    await expect(statement).toContainText('0 containers');
    await expect(statement).toContainText('1 volume with all its files');
    await expect(dialog.getByRole('button', { name: 'Purge' })).toBeDisabled();
    if (process.env.BERTH_SHOTS) await page.screenshot({ path: join(process.env.BERTH_SHOTS, 'purge-statement.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(execFileSync('docker', ['-H', socket, 'volume', 'ls', '-q'], { encoding: 'utf8' })).toContain(vol);
  });
});
