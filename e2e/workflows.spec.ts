// Workflows of issue 20 in Chromium on the real engine: a debug shell beside a container, and
// editing a container's port (recreate, confirmed) — found by role and name; screenshots of the
// Edit tab at three window sizes in both themes go to e2e/.results/screens/.
import { expect, runWebServer, SCREEN_SIZES, test, uniqueName } from './fixtures';

test('a debug shell beside a container shows its processes; closing it removes the helper', async ({ page, berth }) => {
  const name = uniqueName('target');
  await berth.docker(['run', '-d', '--name', name, berth.busybox, 'sleep', '4242']);
  try {
    await berth.open(page, `#/containers/${name}/terminal`);
    await page.getByRole('button', { name: 'Debug shell' }).click();
    const tab = page.getByRole('tab', { name: /^Debug \d+$/ });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 30_000 });
    await page.locator('.xterm').click();
    await page.keyboard.type('ps -o pid,args\n');
    await expect(page.locator('.xterm-rows')).toContainText('sleep 4242');
    await page.screenshot({ path: 'e2e/.results/screens/debug-shell.png' });
    const helpers = () =>
      berth.docker(['ps', '-aq', '--filter', 'label=berth.helper=debug-shell']).then((r) => r.stdout.trim());
    expect(await helpers()).not.toBe('');
    await page.getByRole('button', { name: /^Close debug shell \d+$/ }).click();
    await expect.poll(helpers, { timeout: 15_000 }).toBe('');
  } finally {
    await berth.docker(['rm', '-f', name]);
  }
});

test('edit a published port: the change is shown, the recreate confirmed, the engine has the new port', async ({
  page,
  berth,
}) => {
  const name = uniqueName('edit-web');
  await runWebServer(berth, name, ['-p', '127.0.0.1:18431:80', '-e', 'MODE=demo', '--restart', 'unless-stopped']);
  await berth.docker(['exec', name, 'sh', '-c', 'echo kept > /data/file']);
  try {
    await berth.open(page, `#/containers/${name}/edit`);
    const hostPort = page.getByRole('textbox', { name: 'Host port 1' });
    await expect(hostPort).toHaveValue('18431');
    await hostPort.fill('18432');
    await page.getByRole('textbox', { name: 'Memory limit (MiB)' }).fill('64');
    const summary = page.getByRole('region', { name: 'What will change' });
    await expect(summary.getByRole('listitem', { name: 'Published ports' })).toContainText('127.0.0.1:18432 → 80/tcp');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const [w, h] of SCREEN_SIZES) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(200);
        await page.screenshot({ path: `e2e/.results/screens/edit-${theme}-${w}x${h}.png` });
      }
    }
    await page.getByRole('button', { name: 'Recreate with these settings…' }).click();
    const dialog = page.getByRole('dialog', { name: `Recreate ${name}?` });
    await expect(dialog).toContainText('writable layer');
    await page.screenshot({ path: 'e2e/.results/screens/edit-confirm.png' });
    await dialog.getByRole('button', { name: `Recreate ${name}` }).click();
    await expect(page.getByText(`Recreated ${name} with the new settings.`)).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(async () => (await berth.docker(['port', name])).stdout.trim(), { timeout: 15_000 })
      .toBe('80/tcp -> 127.0.0.1:18432');
    expect((await berth.docker(['exec', name, 'cat', '/data/file'])).stdout.trim()).toBe('kept');
  } finally {
    await berth.docker(['rm', '-f', name]);
    await berth.docker(['volume', 'rm', '-f', `${name}-data`]);
  }
});
