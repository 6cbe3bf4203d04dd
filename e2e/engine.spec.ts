// The engine page. With the shared `berth serve --engine-socket`: facts, disk usage, diagnostics and
// the sentence that a fixed engine cannot be switched. With a second `berth serve` of its own (no
// --engine-socket, BERTH_HOME in a temp dir), Berth runs its own dockerd: the engines table offers
// Berth's isolated VM and no VM card shows; stop and start the engine with the status indicator
// following, read its log, then switch to an external engine (the test engine).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { skipBecause } from '../harness/skip';
import { processesNaming, startBerthServe, stopManagedServe, type ServeProcess } from './berth-serve';
import { expect, test } from './fixtures';

test.describe('engine page on the shared, fixed engine', () => {
  test('shows the engine facts, disk usage, diagnostics, and why it cannot switch', async ({ page, berth }) => {
    await berth.open(page, '#/engine');
    const details = page.getByRole('region', { name: 'Engine details' });
    await expect(details).toContainText('API version');
    await expect(details).toContainText('Data root');
    const usage = page.getByRole('table', { name: 'Disk usage by kind' });
    for (const kind of ['Images', 'Containers', 'Volumes', 'Build cache'])
      await expect(usage.getByRole('row', { name: kind })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Diagnostics' }).getByRole('status')).toContainText(/passed|failed/);
    await expect(page.getByRole('region', { name: 'Engines' })).toContainText('cannot switch engines');
    await expect(page.getByRole('region', { name: 'Engine log' })).toContainText('did not start');
  });

  test('prunes stopped containers from the disk usage card after a confirmation', async ({ page, berth }) => {
    const name = `e2e-exited-${Date.now().toString(36)}`;
    expect((await berth.docker(['run', '--name', name, berth.busybox, 'true'])).code).toBe(0);
    await berth.open(page, '#/engine');
    await page.getByRole('row', { name: 'Containers' }).getByRole('button', { name: 'Prune containers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune containers?' });
    await expect(dialog).toContainText('Every stopped container is deleted');
    await dialog.getByRole('button', { name: 'Prune', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    expect((await berth.docker(['inspect', name])).code).not.toBe(0);
  });
});

/** Resolves with the result of the page's next `engine.vm` request, read off the WebSocket. */
function nextEngineVmAnswer(page: Page): Promise<unknown> {
  return new Promise((resolve) => {
    const ids = new Set<number>();
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const frame = JSON.parse(String(f.payload)) as { t?: string; id?: number; method?: string };
        if (frame.t === 'req' && frame.method === 'engine.vm' && frame.id !== undefined) ids.add(frame.id);
      });
      ws.on('framereceived', (f) => {
        const frame = JSON.parse(String(f.payload)) as { t?: string; id?: number; ok?: boolean; result?: unknown };
        if (frame.t === 'res' && frame.id !== undefined && ids.has(frame.id))
          resolve(frame.ok ? frame.result : { error: frame });
      });
    });
  });
}

test.describe('engine page with Berth running its own engine', () => {
  test.describe.configure({ timeout: 180_000 });
  const dockerdWhy =
    existsSync('/usr/sbin/dockerd') || existsSync('/usr/bin/dockerd') ? undefined : 'dockerd is not installed';
  const noDockerd = skipBecause(dockerdWhy && `the managed-engine e2e needs ${dockerdWhy}`);
  let home = '';
  let serve: ServeProcess | undefined;

  test.beforeAll(async () => {
    if (noDockerd) return;
    home = mkdtempSync(join(tmpdir(), 'berth-e2e-managed-'));
    // A settings file broken by hand: reported on the settings page, kept beside, defaults used.
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'settings.json'), '{"theme": "dark",');
    serve = await startBerthServe([], { ...process.env, BERTH_HOME: home, DOCKER_CONFIG: join(home, 'docker-config') });
  });
  test.afterAll(() => stopManagedServe(serve, home));

  test("offers Berth's isolated VM and shows no VM card for the native engine", async ({ page }) => {
    test.skip(noDockerd, dockerdWhy);
    const vmAnswer = nextEngineVmAnswer(page);
    await page.goto(serve!.url + '#/engine');
    await expect(page.getByRole('link', { name: /^Engine running/ })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('region', { name: 'Engine state' })).toContainText("Berth's own engine (dockerd)");

    const engines = page.getByRole('region', { name: 'Engines' });
    await expect(engines.getByRole('row', { name: "Berth's own engine", exact: true })).toContainText('in use');
    const vmRow = engines.getByRole('row', { name: "Berth's isolated VM", exact: true });
    await expect(vmRow).toBeVisible();
    await expect(vmRow).toContainText('a QEMU VM with its own kernel; containers cannot touch this machine');
    await expect(vmRow).not.toContainText('in use');
    // Enabled or not depends on this machine (QEMU, busybox, dockerd); the row says which and why.
    await expect(vmRow.getByRole('button', { name: "Use Berth's isolated VM", exact: true })).toHaveCount(1);
    const reason = (await vmRow.getByRole('cell').nth(2).innerText()).trim();
    expect(reason.length).toBeGreaterThan(0);

    // engine.vm answered null for the native engine, and the page shows no VM card.
    expect(await vmAnswer).toBeNull();
    await expect(page.getByRole('region', { name: 'Virtual machine' })).toHaveCount(0);
  });

  test('stops and starts the managed engine with the indicator following, then switches to an external engine', async ({
    page,
  }) => {
    test.skip(noDockerd, dockerdWhy);
    const engineHost = process.env.BERTH_ENGINE_HOST!;
    await page.goto(serve!.url + '#/engine');
    const state = page.getByRole('region', { name: 'Engine state' });
    const indicator = (s: string) => page.getByRole('link', { name: new RegExp(`^Engine ${s}`) });
    await expect(indicator('running')).toBeVisible({ timeout: 90_000 });
    await expect(state).toContainText("Berth's own engine");
    await expect(state.getByLabel('Engine state value')).toHaveText('running');
    await expect(page.getByRole('region', { name: 'Engine details' })).toContainText(join(home, 'data'));
    await expect(page.getByRole('region', { name: 'Engine log' }).getByLabel('Engine log lines')).toContainText(
      /API listen on|Daemon has completed initialization/,
      {
        timeout: 15_000,
      },
    );

    await state.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(indicator('stopped')).toBeVisible({ timeout: 60_000 });
    await expect(state.getByLabel('Engine state value')).toHaveText('stopped');
    await expect(page.getByRole('region', { name: 'Engine details' })).toContainText('Shown while the engine runs.');

    await state.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(indicator('(starting|running)')).toBeVisible();
    await expect(indicator('running')).toBeVisible({ timeout: 90_000 });
    await expect(state.getByLabel('Engine state value')).toHaveText('running');

    const engines = page.getByRole('region', { name: 'Engines' });
    await expect(engines.getByRole('row', { name: "Berth's own engine" })).toContainText('in use');
    await engines.getByLabel("Another engine's address").fill('not an address');
    await engines.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(engines.getByRole('alert')).toContainText('An engine address starts with unix://');
    await engines.getByLabel("Another engine's address").fill(engineHost);
    await engines.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(state).toContainText('An engine Berth connects to', { timeout: 60_000 });
    await expect(state).toContainText(engineHost.replace(/^unix:\/\//, ''));
    await expect(indicator('running')).toBeVisible({ timeout: 30_000 });
    await expect(state.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
    // Berth stopped its own engine when it left it.
    await expect.poll(() => processesNaming(join(home, 'data')).length, { timeout: 30_000 }).toBe(0);
    // The switch is remembered.
    await page.reload();
    await expect(
      page
        .getByRole('region', { name: 'Engines' })
        .getByRole('row', { name: "Berth's own engine" })
        .getByRole('button', { name: "Use Berth's own engine", exact: true }),
    ).toBeVisible();
  });

  test('settings: a corrupted file is reported and kept beside; choices persist; the theme applies at once', async ({
    page,
  }) => {
    test.skip(noDockerd, dockerdWhy);
    await page.goto(serve!.url + '#/settings');
    const problem = page.getByRole('alert').filter({ hasText: "Berth's settings file could not be read" });
    await expect(problem).toContainText('so the defaults are in use. The old file was kept as');
    const kept = readdirSync(join(home, 'config')).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(home, 'config', kept[0]!), 'utf8')).toBe('{"theme": "dark",');

    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('checkbox', { name: 'A container exited unexpectedly' }).uncheck();
    await page.getByLabel('Default terminal shell').fill('bash');
    await expect(page.getByText('The shell is "auto" or an absolute path')).toBeVisible();
    await page.getByLabel('Default terminal shell').fill('/bin/sh');
    await page.getByRole('button', { name: 'Save shell' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved: terminal shell /bin/sh.' })).toBeVisible();
    const saved = JSON.parse(readFileSync(join(home, 'config', 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({
      theme: 'dark',
      terminalShell: '/bin/sh',
      notifications: { containerExited: false, taskFailed: true },
    });
    // One settings file: the desktop shell reads the same store in process, no mirror beside it.
    expect(existsSync(join(home, 'config', 'desktop.json'))).toBe(false);
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'A container exited unexpectedly' })).not.toBeChecked();
    await expect(page.getByLabel('Default terminal shell')).toHaveValue('/bin/sh');
    await expect(problem).toHaveCount(0);
  });
});
