// Berth's VM in the UI. On the shared `berth serve`: the VM settings show their defaults, refuse a
// bad value before sending, save and survive a reload, and are put back to the defaults at the end
// (every spec shares that server's settings). The engines table needs a Berth not fixed to one
// engine, so a second `berth serve` of its own (no --engine-socket, BERTH_HOME in a temp dir) runs
// Berth's native dockerd: the table offers Berth's isolated VM, and no VM card shows for native.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const defaults = {
  CPUs: '2',
  'Memory (GiB)': '4',
  'Disk (GiB)': '60',
  'Stop the VM after idle minutes (0 = never)': '5',
};
type FieldName = keyof typeof defaults;
const fieldNames = Object.keys(defaults) as FieldName[];

const vmSection = (page: Page) => page.getByRole('region', { name: "Berth's VM", exact: true });
const vmField = (section: Locator, name: FieldName) => section.getByRole('spinbutton', { name, exact: true });

/** Puts the shared server's VM settings back to the defaults through the settings page. */
async function restoreDefaults(page: Page, url: string): Promise<void> {
  await page.goto(url + '#/settings');
  const section = vmSection(page);
  await expect(vmField(section, 'CPUs')).toBeVisible();
  for (const name of fieldNames) await vmField(section, name).fill(defaults[name]);
  const save = section.getByRole('button', { name: 'Save VM settings', exact: true });
  if (await save.isEnabled()) {
    await save.click();
    await expect(page.getByText('Saved the VM settings: 2 CPUs, 4 GiB memory, 60 GiB disk')).toBeVisible();
  }
  await page.reload();
  for (const name of fieldNames) await expect(vmField(vmSection(page), name)).toHaveValue(defaults[name]);
}

test.describe("Berth's VM settings on the shared server", () => {
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    try {
      await restoreDefaults(page, process.env.BERTH_URL!);
    } finally {
      await page.close();
    }
  });

  test('show the defaults, refuse a bad value before sending, save and survive a reload', async ({ page, berth }) => {
    await berth.open(page, '#/settings');
    const section = vmSection(page);
    await expect(section.getByRole('heading', { name: "Berth's VM", exact: true })).toBeVisible();
    await expect(section).toContainText('take effect when the VM restarts');
    await expect(section).toContainText('the isolated VM on Linux');
    for (const name of fieldNames) await expect(vmField(section, name)).toHaveValue(defaults[name]);
    const save = section.getByRole('button', { name: 'Save VM settings', exact: true });
    await expect(save).toBeDisabled(); // nothing changed yet

    // 0 CPUs: the contract's sentence under the field, and nothing is sent.
    await vmField(section, 'CPUs').fill('0');
    await expect(section.getByText('At least 1 CPU.', { exact: true })).toBeVisible();
    await expect(vmField(section, 'CPUs')).toHaveAttribute('aria-invalid', 'true');
    await save.click();
    await expect(vmField(section, 'CPUs')).toBeFocused();
    await expect(page.getByText(/Saved the VM settings/)).toHaveCount(0);
    await page.reload();
    await expect(vmField(vmSection(page), 'CPUs')).toHaveValue('2');

    // 3 CPUs and 10 idle minutes: saved, said so, and still there after a reload.
    await vmField(vmSection(page), 'CPUs').fill('3');
    await vmField(vmSection(page), 'Stop the VM after idle minutes (0 = never)').fill('10');
    await expect(vmSection(page).getByText('At least 1 CPU.')).toHaveCount(0);
    await vmSection(page).getByRole('button', { name: 'Save VM settings', exact: true }).click();
    await expect(
      page.getByText('Saved the VM settings: 3 CPUs, 4 GiB memory, 60 GiB disk, stops after 10 idle minutes.'),
    ).toBeVisible();
    await page.reload();
    const after = vmSection(page);
    await expect(vmField(after, 'CPUs')).toHaveValue('3');
    await expect(vmField(after, 'Stop the VM after idle minutes (0 = never)')).toHaveValue('10');
    await expect(vmField(after, 'Memory (GiB)')).toHaveValue('4');
    await expect(vmField(after, 'Disk (GiB)')).toHaveValue('60');

    await restoreDefaults(page, berth.url);
  });
});

function startServe(home: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/berth.mjs', 'serve', '--port', '0'], {
      env: { ...process.env, BERTH_HOME: home, DOCKER_CONFIG: join(home, 'docker-config') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`berth serve printed no address within 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Berth is serving at (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`berth serve exited (${code}) before it was ready:\n${out}`)));
  });
}

/** Pids of processes whose command line names `dir` (the managed dockerd and containerd). */
function processesNaming(dir: string): number[] {
  const r = spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((p) => p !== process.pid);
}

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

test.describe("the engine page with Berth's native engine", () => {
  test.describe.configure({ timeout: 180_000 });
  const dockerdWhy =
    existsSync('/usr/sbin/dockerd') || existsSync('/usr/bin/dockerd') ? undefined : 'dockerd is not installed';
  let home = '';
  let serve: { child: ChildProcess; url: string } | undefined;

  test.beforeAll(async () => {
    if (dockerdWhy) return;
    home = mkdtempSync(join(tmpdir(), 'berth-e2e-vm-'));
    serve = await startServe(home);
  });
  test.afterAll(async () => {
    if (serve) {
      serve.child.kill('SIGTERM');
      await new Promise((r) => (serve!.child.exitCode !== null ? r(null) : serve!.child.once('exit', r)));
    }
    // Berth stops its engine on exit; anything still naming the temp home is ours and is ended.
    if (home) {
      for (const pid of processesNaming(home)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      spawnSync('umount', ['-R', '-l', join(home, 'data')], { stdio: 'ignore' });
      rmSync(home, { recursive: true, force: true });
    }
  });

  test("offers Berth's isolated VM and shows no VM card for the native engine", async ({ page }) => {
    test.skip(!!dockerdWhy, dockerdWhy);
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
});
