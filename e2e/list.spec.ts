// The containers list tells the engine's truth and fits a small window, against the real engine.
import { containerState, expect, madeContainers, test, uniqueName } from './fixtures';
import { freePortRange } from '../harness/free-ports';

test.describe('the list tells the truth', () => {
  const { run } = madeContainers();

  test('pause and resume from the list and from the CLI converge in the row', async ({ page, berth }) => {
    const name = await run(berth, 'pz', [berth.busybox, 'sleep', '600']);
    await berth.open(page);
    const row = page.getByRole('row', { name });
    await row.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(row.getByText('paused', { exact: true })).toBeVisible({ timeout: 5000 });
    await expect(row.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled();
    expect(await containerState(berth, name)).toBe('paused');
    await row.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 5000 });
    await expect(row.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
    // Changed behind Berth's back: the event patches the row, no reload.
    await berth.docker(['pause', name]);
    await expect(row.getByText('paused', { exact: true })).toBeVisible({ timeout: 5000 });
    await berth.docker(['unpause', name]);
    await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 5000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('pause and resume from the detail header converge, and the header shows ports and live status', async ({
    page,
    berth,
  }) => {
    const port = await freePortRange(1);
    const name = await run(berth, 'pzd', ['-p', `${port}:80`, berth.busybox, 'sleep', '600']);
    await berth.open(page, `#/containers/${name}/logs`);
    const head = page.locator('.detail-head');
    await expect(head.getByText(/^Up (Less than a second|\d+ seconds?)$/)).toBeVisible();
    await expect(head.getByRole('link', { name: `Open http://localhost:${port}` })).toHaveText(`${port}:80`);
    await head.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(head.getByText('paused', { exact: true })).toBeVisible({ timeout: 5000 });
    await berth.docker(['unpause', name]);
    await expect(head.getByText('running', { exact: true })).toBeVisible({ timeout: 5000 });
    await expect(head.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  });

  test('stopping a sh container shows it is working until it has stopped', async ({ page, berth }) => {
    // busybox sh as PID 1 ignores SIGTERM: docker stop waits its 10 s, then kills.
    const name = await run(berth, 'slow', [berth.busybox, 'sh', '-c', 'sleep 600']);
    await berth.open(page);
    const row = page.getByRole('row', { name });
    await row.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(row.getByRole('button', { name: 'Stop', exact: true })).toHaveAttribute('aria-busy', 'true');
    await expect(row.getByText('Stopping…')).toBeVisible();
    await expect(row.getByText('exited', { exact: true })).toBeVisible({ timeout: 20000 });
    await expect(row.getByText('Stopping…')).toHaveCount(0);
  });

  test('ports: one entry per binding, +N opens them all, only TCP is a link', async ({ page, berth }) => {
    const p = await freePortRange(6);
    const name = await run(berth, 'ports', [
      ...['-p', `${p}:81`, '-p', `${p + 1}:82`, '-p', `${p + 2}:83/udp`, '-p', `127.0.0.1:${p + 5}:86`],
      berth.busybox,
      'sleep',
      '600',
    ]);
    await berth.open(page);
    const row = page.getByRole('row', { name });
    await expect(row.getByRole('link', { name: `Open http://localhost:${p}` })).toHaveText(`${p}:81`);
    await row.getByRole('button', { name: `All 4 ports of ${name}` }).click();
    const menu = page.getByRole('menu', { name: `Ports of ${name}` });
    await expect(menu.getByRole('menuitem')).toHaveText([
      `${p}:81`,
      `${p + 1}:82`,
      `${p + 2}:83/udpnot a web address`,
      `127.0.0.1:${p + 5}:86`,
    ]);
    await expect(menu.getByRole('menuitem', { name: `127.0.0.1:${p + 5}:86` })).toHaveAttribute(
      'href',
      `http://127.0.0.1:${p + 5}`,
    );
    const udp = menu.getByRole('menuitem', { name: `${p + 2}:83/udp` });
    await expect(udp).not.toHaveAttribute('href', /.*/);
    await expect(udp).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
  });

  test("a group's Stop acts only on the containers the search shows", async ({ page, berth }) => {
    const project = uniqueName('proj');
    const label = (svc: string) => [
      '--label',
      `com.docker.compose.project=${project}`,
      '--label',
      `com.docker.compose.service=${svc}`,
    ];
    const api = await run(berth, `${project}-api`, [...label('api'), berth.busybox, 'sleep', '600']);
    const db = await run(berth, `${project}-db`, [...label('db'), berth.busybox, 'sleep', '600']);
    await berth.open(page);
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(`${project}-api`);
    const group = page.getByRole('row', { name: `Compose project ${project}` });
    await group.getByRole('button', { name: `Stop 1 container of ${project}` }).click();
    await expect.poll(() => containerState(berth, api), { timeout: 20000 }).toBe('exited');
    expect(await containerState(berth, db)).toBe('running');
    await expect(page.getByText('1 container stopped.')).toBeVisible();
  });
});

test.describe('a small window', () => {
  test.use({ viewport: { width: 1024, height: 700 } });
  const made: string[] = [];
  test.afterAll(async ({ berth }) => {
    for (let i = 0; i < made.length; i += 100) await berth.docker(['rm', '-f', ...made.slice(i, i + 100)]);
  });

  test('at 1024×700 every row keeps its main actions without horizontal scrolling', async ({ page, berth }) => {
    const long = uniqueName(`a-container-whose-name-goes-on-and-on-${'x'.repeat(40)}`);
    const image = (await berth.docker(['image', 'inspect', '-f', '{{.Id}}', berth.busybox])).stdout.trim();
    made.push(long);
    await berth.docker(['run', '-d', '--name', long, image, 'sleep', '600']); // a bare sha256 image
    for (let i = 0; i < 100; i++) {
      const n = uniqueName(`many-${String(i).padStart(3, '0')}`);
      made.push(n);
      await berth.docker(['create', '--name', n, berth.busybox, 'true']);
    }
    await berth.open(page);
    const table = page.locator('.table-scroll');
    const row = page.getByRole('row', { name: long });
    await expect(row).toBeVisible();
    // The full name is the row's and the link's name, and its tooltip, though the cell cuts it.
    const link = row.getByRole('link', { name: long, exact: true });
    await expect(link).toHaveAttribute('title', long);
    expect(await link.evaluate((a) => a.scrollWidth > a.clientWidth)).toBe(true);
    // The Image column gave way: the image is under the name, a bare sha256 cut to 12 digits.
    await expect(row.locator('.image-line')).toBeVisible();
    await expect(row.locator('.image-line')).toHaveText(/· sha256:[0-9a-f]{12}$/);
    const box = (await table.boundingBox())!;
    for (const action of ['Stop', 'Restart', 'Pause', 'Remove', 'More actions']) {
      const b = (await row.getByRole('button', { name: action, exact: true }).boundingBox())!;
      expect(b.x + b.width, action).toBeLessThanOrEqual(box.x + box.width);
    }
    expect(await table.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
    // The table scrolls in its own box, virtualised, under a header that stays.
    const rows = await page.locator('.data-table tbody tr[aria-label]').count();
    expect(rows).toBeLessThanOrEqual(80);
    const headerTop = (await page.getByRole('columnheader', { name: 'Status' }).boundingBox())!.y;
    await table.evaluate((t) => (t.scrollTop = 2000));
    await expect(page.getByRole('row', { name: long })).toHaveCount(0);
    expect((await page.getByRole('columnheader', { name: 'Status' }).boundingBox())!.y).toBe(headerTop);
    expect(await page.locator('main').evaluate((m) => m.scrollHeight <= m.clientHeight + 1)).toBe(true);
  });

  test('the sidebar folds to named icons, and More actions works from the keyboard', async ({ page, berth }) => {
    const name = uniqueName('kbd');
    made.push(name);
    await berth.docker(['run', '-d', '--name', name, berth.busybox, 'sleep', '600']);
    await berth.open(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect((await nav.boundingBox())!.width).toBeLessThan(80);
    await expect(nav.getByRole('link', { name: 'Images' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(name);
    const more = page.getByRole('row', { name }).getByRole('button', { name: 'More actions' });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: `More actions for ${name}` });
    await expect(menu.getByRole('menuitem', { name: 'Logs' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Terminal' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(more).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  });

  test('Images, Volumes and Networks fit at 1024×700', async ({ page, berth }) => {
    for (const route of ['#/images', '#/volumes', '#/networks', '#/compose']) {
      await berth.open(page, route);
      const table = page.locator('.table-scroll').first();
      if ((await table.count()) === 0) continue;
      await expect(table.locator('tbody tr').first()).toBeVisible();
      expect(await table.evaluate((t) => t.scrollWidth <= t.clientWidth), route).toBe(true);
    }
  });
});
