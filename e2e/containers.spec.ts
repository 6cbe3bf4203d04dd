// The containers screen against the real engine, found the way a screen reader finds things.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { containerState, expect, madeContainers, test, uniqueName, type Berth } from './fixtures';

test.describe('containers', () => {
  const containers = madeContainers();
  /** The busybox fixture runs `args`, detached. */
  const run = (berth: Berth, args: string[], prefix = 'ui') => containers.run(berth, prefix, [berth.busybox, ...args]);

  /** Opens the Terminal tab of a new sleeping container, waits for its shell prompt and focuses it. */
  async function openTerminal(page: Page, berth: Berth, prefix: string) {
    const name = await run(berth, ['sleep', '600'], prefix);
    await berth.open(page, `#/containers/${name}/terminal`);
    const screen = page.locator('.xterm-rows');
    await expect(screen).toContainText('#', { timeout: 15000 });
    await page.locator('.xterm').click();
    return screen;
  }

  test('start, stop, restart and remove from the list, as the docker CLI sees it', async ({ page, berth }) => {
    const name = await run(berth, ['sleep', '600']);
    await berth.open(page);
    const row = page.getByRole('row', { name });
    await row.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(row.getByText('exited', { exact: true })).toBeVisible({ timeout: 20000 });
    expect(await containerState(berth, name)).toBe('exited');
    await row.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(row.getByText('running', { exact: true })).toBeVisible();
    const started = (await berth.docker(['inspect', '-f', '{{.State.StartedAt}}', name])).stdout;
    await row.getByRole('button', { name: 'Restart', exact: true }).click();
    await expect
      .poll(async () => (await berth.docker(['inspect', '-f', '{{.State.StartedAt}}', name])).stdout, {
        timeout: 20000,
      })
      .not.toBe(started);
    await row.getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Remove container ${name}?` });
    await expect(dialog).toContainText('running');
    await dialog.getByRole('button', { name: 'Stop and remove' }).click();
    await expect(row).toHaveCount(0);
    expect((await berth.docker(['inspect', name])).code).not.toBe(0);
  });

  test('bulk stop of three selected containers', async ({ page, berth }) => {
    const names = [
      await run(berth, ['sleep', '600'], 'bulk'),
      await run(berth, ['sleep', '600'], 'bulk'),
      await run(berth, ['sleep', '600'], 'bulk'),
    ];
    await berth.open(page);
    for (const n of names)
      await page
        .getByRole('row', { name: n })
        .getByRole('checkbox', { name: `Select ${n}` })
        .check();
    await page.getByRole('button', { name: 'Stop selected' }).click();
    for (const n of names) await expect.poll(() => containerState(berth, n), { timeout: 30000 }).toBe('exited');
    for (const n of names)
      await expect(page.getByRole('row', { name: n }).getByText('exited', { exact: true })).toBeVisible();
  });

  test('the run form creates a container with a port, env and a volume, and refuses bad input next to the field', async ({
    page,
    berth,
  }) => {
    const taken = await run(berth, ['sleep', '600'], 'taken');
    const name = containers.name('formrun');
    await berth.open(page);
    await page.getByRole('button', { name: 'Run a container' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run a container' });
    await dialog.getByLabel('Image').fill(berth.busybox);
    await dialog.getByLabel('Name (optional)').fill(taken);
    await dialog.getByLabel('Command (optional)').fill('sh -c "echo $GREETING > /data/hello; httpd -f -p 80 -h /www"');
    await dialog.getByRole('button', { name: 'Add a port' }).click();
    await dialog.getByLabel('Host port 1').fill('70000');
    await dialog.getByLabel('Container port 1').fill('80');
    await expect(dialog.getByRole('alert').filter({ hasText: 'A port is between 1 and 65535.' })).toBeVisible();
    await dialog.getByLabel('Host port 1').fill('');
    await dialog.getByLabel('Host IP for port 1').fill('127.0.0.1');
    await dialog.getByRole('button', { name: 'Add a mount' }).click();
    await dialog.getByLabel('Volume or host path 1').fill(`${name}-data`);
    await dialog.getByLabel('Path in container 1').fill('/data');
    await dialog.getByLabel('Environment (one KEY=value per line)').fill('GREETING=hello-from-berth');
    await dialog.getByRole('button', { name: 'Run' }).click();
    // The engine refuses the name: the sentence stands next to the Name field.
    await expect(
      dialog.locator('.field', { has: page.getByLabel('Name (optional)') }).getByRole('alert'),
    ).toContainText('already in use');
    await dialog.getByLabel('Name (optional)').fill(name);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const port = (await berth.docker(['port', name, '80/tcp'])).stdout.trim();
    expect(port).toMatch(/^127\.0\.0\.1:\d+$/);
    await expect
      .poll(async () => (await berth.docker(['exec', name, 'cat', '/data/hello'])).stdout)
      .toBe('hello-from-berth\n');
    expect((await berth.docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', name])).stdout.trim()).toBe(
      `${name}-data`,
    );
    await berth.docker(['rm', '-f', name]);
    await berth.docker(['volume', 'rm', `${name}-data`]);
  });

  test('logs of a 200 000-line container: the last line, a search hit in the middle, and follow pausing on scroll', async ({
    page,
    berth,
  }) => {
    const name = await run(berth, ['sh', '-c', 'seq 1 200000; sleep 600'], 'biglog');
    await expect
      .poll(async () => (await berth.docker(['logs', '--tail', '1', name])).stdout.trim(), { timeout: 30000 })
      .toBe('200000');
    await berth.open(page, `#/containers/${name}/logs`);
    await page.getByLabel('Lines').selectOption('all');
    const log = page.getByRole('log');
    await expect(log.getByText('200000', { exact: true })).toBeVisible({ timeout: 30000 });
    await page.getByLabel('Search logs').fill('123456');
    await expect(page.getByText(/1 of 1/)).toBeVisible();
    await expect(log.getByText('123456', { exact: true })).toBeVisible();
    await page.getByLabel('Search logs').fill('');
    await page
      .getByRole('button', { name: 'Jump to latest' })
      .click()
      .catch(() => undefined);
    await log.hover();
    await page.mouse.wheel(0, -3000);
    await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  });

  test('the terminal runs echo, survives a tab switch, and resizes', async ({ page, berth }) => {
    const screen = await openTerminal(page, berth, 'term');
    await page.keyboard.type('echo hello-$((6*7))\n');
    await expect(screen).toContainText('hello-42');
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.locator('.xterm-rows')).toContainText('hello-42');
    await page.locator('.xterm').click();
    await page.keyboard.type('stty size\n');
    await expect(page.locator('.xterm-rows')).toContainText(/\n?\d+ \d+/);
    const before = (await page.locator('.xterm-rows').innerText()).match(/(\d+) (\d+)\s*$/m)?.[0];
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForTimeout(500);
    await page.keyboard.type('clear; stty size\n');
    await expect
      .poll(async () => (await page.locator('.xterm-rows').innerText()).match(/^(\d+) (\d+)$/m)?.[0])
      .not.toBe(before);
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('the terminal stops a flood at once on Ctrl-C (flow control)', async ({ page, berth }) => {
    const screen = await openTerminal(page, berth, 'flood');
    await page.keyboard.type('yes flood-flood-flood\n');
    await expect(screen).toContainText('flood-flood-flood');
    await page.waitForTimeout(1500);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('echo after-$((40+2))\n');
    await expect(screen).toContainText('after-42', { timeout: 5000 });
  });

  test('stats show numbers that move for a busy container', async ({ page, berth }) => {
    const name = await run(berth, ['sh', '-c', 'while :; do :; done'], 'busy');
    await berth.open(page, `#/containers/${name}/stats`);
    const values = page.getByRole('region', { name: 'Current values' }).or(page.getByLabel('Current values'));
    await expect(values).toContainText(/CPU\s*\d{2,3}(\.\d)? %/, { timeout: 20000 });
  });

  test('a file downloaded from the Files tab has the right content', async ({ page, berth }) => {
    const name = await run(berth, ['sh', '-c', 'echo "the right content" > /tmp/note.txt; sleep 600'], 'files');
    await expect
      .poll(async () => (await berth.docker(['exec', name, 'cat', '/tmp/note.txt'])).stdout)
      .toBe('the right content\n');
    await berth.open(page, `#/containers/${name}/files`);
    await page
      .getByRole('row', { name: 'tmp' })
      .getByRole('button', { name: 'tmp' })
      .or(page.getByRole('row', { name: 'tmp' }))
      .first()
      .click();
    const row = page.getByRole('row', { name: 'note.txt' });
    await expect(row).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe('the right content\n');
  });
});

test('the list shows CPU and memory for a busy running container', async ({ page, berth }) => {
  const name = uniqueName('listcpu');
  await berth.docker(['run', '-d', '--name', name, berth.busybox, 'sh', '-c', 'while :; do :; done']);
  try {
    await berth.open(page);
    const row = page.getByRole('row', { name });
    await expect(row.getByRole('cell').nth(5)).toHaveText(/^\d+(\.\d)?%$/, { timeout: 15000 });
    await expect(row.getByRole('cell').nth(6)).toHaveText(/^\d+(\.\d+)? (B|kB|MB|GB)$/);
  } finally {
    await berth.docker(['rm', '-f', name]);
  }
});
