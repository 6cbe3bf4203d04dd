// The desktop app itself, through Playwright's Electron driver: Berth starts, its window shows the
// containers page, the preload exposes only the contract, and the tray menu's model lists a
// container started with the docker CLI. Needs an Electron binary: where node_modules/electron has
// none (it is downloaded lazily, which this machine cannot do), the spec is reported as skipped.
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipUnless } from '../harness/skip';
import { expect, test, uniqueName } from './fixtures';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The Electron executable, without triggering the electron package's download. */
function electronBinary(): string | undefined {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const mainBundle = join(root, 'out', 'main', 'electron.js');

interface TrayItem {
  label: string;
  type: string;
  action?: Record<string, unknown>;
  submenu?: TrayItem[];
}

test.describe('Berth desktop (Electron)', () => {
  const noBinary =
    'No Electron binary is present (node_modules/electron/dist is missing); the Electron e2e spec runs where it exists';
  test.skip(skipUnless(binary, noBinary, { optional: 'it cannot be downloaded on this machine or in CI' }), noBinary);
  const noBundle = 'out/main/electron.js is missing: run `npm run build` first';
  test.skip(skipUnless(existsSync(mainBundle), noBundle), noBundle);

  let app: ElectronApplication | undefined;
  let home: string | undefined;

  test.afterEach(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('starts, shows the containers page, exposes only the contract, and lists a container in the tray menu', async ({
    berth,
  }) => {
    home = mkdtempSync(join(tmpdir(), 'berth-electron-home-'));
    const name = uniqueName('tray');
    const run = await berth.docker(['run', '-d', '--name', name, '-p', '127.0.0.1::80', berth.busybox, 'sleep', '300']);
    expect(run.code, run.stderr).toBe(0);
    try {
      app = await electron.launch({
        executablePath: binary!,
        args: [mainBundle, `--engine-socket=${process.env.BERTH_ENGINE_HOST}`],
        env: { ...process.env, BERTH_HOME: home, BERTH_E2E: '1' } as Record<string, string>,
      });
      const window = await app.firstWindow();
      await expect(window).toHaveTitle(/Berth/);
      expect(window.url()).toMatch(/#\/containers$/);
      await expect(window.getByRole('heading', { name: 'Containers' })).toBeVisible();
      await expect(window.getByRole('row', { name })).toBeVisible();

      // The renderer has no Node and sees exactly the bridge.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(
        await window.evaluate(() => Object.keys((globalThis as unknown as { berth: object }).berth).sort()),
      ).toEqual(['onFrame', 'send', 'transport']);

      // The tray menu's model (exposed to the e2e run only, by BERTH_E2E=1).
      await expect
        .poll(async () => {
          const view = (await app!.evaluate(() =>
            (globalThis as { berthTrayView?: () => unknown }).berthTrayView?.(),
          )) as { menu: TrayItem[] } | undefined;
          return view?.menu.find((i) => i.label === name)?.submenu?.map((i) => i.label) ?? [];
        })
        .toEqual(
          expect.arrayContaining([
            'Stop',
            'Restart',
            'Open terminal',
            'View logs',
            expect.stringMatching(/^Open http:\/\/localhost:\d+$/),
          ]),
        );
      const view = (await app.evaluate(() => (globalThis as { berthTrayView?: () => unknown }).berthTrayView?.())) as {
        menu: TrayItem[];
      };
      expect(view.menu[0]!.label).toMatch(/^Engine running/);
      expect(view.menu.at(-1)).toMatchObject({ label: 'Quit Berth', action: { quit: true } });
    } finally {
      await berth.docker(['rm', '-f', name]);
    }
  });
});
