// Wiring of the whole main process, driven through a fake 'electron' module (the Electron binary
// cannot be downloaded here) and a fake backend.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { IPC_CHANNEL } from '../../shared/contract';
import type { BackendOptions } from '../backend';
import { SettingsStore } from '../settings/store';
import { createFakeElectron } from './testing/fake-electron-module';
import { container, engineStatus, fakeBackend } from './testing/fakes';

const rendererDir = join(import.meta.dirname, '..', 'renderer'); // main.ts sits where out/main would be
const rendererUrl = `${pathToFileURL(join(rendererDir, 'index.html')).href}#/containers`;
const tick = () => new Promise((r) => setTimeout(r, 0));

let home: string;
let argv: string[];
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-main-'));
  vi.stubEnv('BERTH_HOME', home);
  vi.stubEnv('BERTH_E2E', '1');
  argv = process.argv;
  vi.resetModules();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  process.argv = argv;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.doUnmock('electron');
  vi.doUnmock('../backend');
  rmSync(home, { recursive: true, force: true });
});

async function launch(opts: { gotLock?: boolean; args?: string[] } = {}) {
  const fake = createFakeElectron({ gotLock: opts.gotLock ?? true, rendererUrl });
  const fb = fakeBackend();
  fb.containers = [container({ id: 'web1', name: 'web' })];
  process.argv = ['/usr/bin/electron', 'out/main/electron.js', ...(opts.args ?? [])];
  vi.doMock('electron', () => fake.module);
  // Like the real backend, the fake one serves the settings store the shell hands it.
  vi.doMock('../backend', () => ({
    createBackend: async (o: BackendOptions) => {
      if (o.settings) fb.api.settings = o.settings;
      return fb;
    },
  }));
  await import('./main');
  fake.becomeReady();
  for (let i = 0; i < 5; i++) await tick();
  return { fake, fb, win: fake.windows[0] };
}

describe('main process wiring (fake Electron module: binary absent here)', () => {
  it('opens one hardened window on the containers page and shows it when ready', async () => {
    const { fake, win } = await launch();
    expect(fake.windows).toHaveLength(1);
    const prefs = win!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(join(import.meta.dirname, '..', 'preload', 'preload.cjs'));
    expect(win!.loaded).toEqual({ file: join(rendererDir, 'index.html'), hash: '/containers' });
    expect(win!.shown).toBe(true);
    expect(fake.defaultSession.headersReceived).toBeDefined();
    expect(fake.defaultSession.permissionRequest).toBeDefined();
    // Chromium's profile (and the single-instance lock) live under BERTH_HOME, not in the config dir.
    expect(fake.module.app.paths.userData).toBe(join(home, 'data', 'desktop-profile'));
  });

  it("locks the window's navigation and window.open", async () => {
    const { win, fake } = await launch();
    expect(win!.webContents.tryNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win!.webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(win!.webContents.windowOpenHandler!({ url: 'http://localhost:8080/' })).toEqual({ action: 'deny' });
    await tick();
    expect(fake.openedExternally).toEqual(['http://localhost:8080/']);
  });

  it('opens the page of a deep link given at the first launch', async () => {
    const { win } = await launch({ args: ['berth://containers/web1/terminal'] });
    expect(win!.loaded.hash).toBe('/containers/web1/terminal');
    expect(win!.shown).toBe(true);
  });

  it('carries contract frames between the window and the backend', async () => {
    const { fake, fb, win } = await launch();
    fake.module.ipcMain.deliver(IPC_CHANNEL, win!.webContents, {
      t: 'req',
      id: 1,
      method: 'containers.list',
      args: {},
    });
    await tick();
    expect(fb.calls.some((c) => c.method === 'containers.list')).toBe(true);
    expect(win!.webContents.sent.at(-1)).toMatchObject({ channel: IPC_CHANNEL, args: [{ t: 'res', id: 1, ok: true }] });
  });

  it('a second launch quits at once and opens nothing', async () => {
    const { fake } = await launch({ gotLock: false });
    expect(fake.windows).toHaveLength(0);
    expect(fake.module.app.exited).toBe(0);
  });

  it('a later launch with a deep link focuses the window on that page', async () => {
    const { fake, win } = await launch();
    win!.hide();
    fake.module.app.emit('second-instance', {}, ['/usr/bin/berth', 'berth://containers/web1/logs'], '/');
    expect(win!.shown).toBe(true);
    expect(win!.executed.at(-1)).toBe('location.hash = "#/containers/web1/logs"');
  });

  it('starts in the tray with --hidden (login start)', async () => {
    const { win } = await launch({ args: ['--hidden'] });
    expect(win!.shown).toBe(false);
  });

  it('builds the tray from the backend and performs its actions through the contract', async () => {
    const { fake, fb } = await launch();
    const tray = fake.trays[0]!;
    expect(tray.tooltip).toBe('Berth — engine running (native), 1 running');
    const template = (tray.menu as { template: MenuItemConstructorOptions[] }).template;
    const web = template.find((i) => i.label === 'web')!;
    const stop = (web.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Stop')!;
    (stop.click as unknown as () => void)();
    await tick();
    expect(fb.calls.at(-1)).toEqual({ method: 'containers.stop', args: { id: 'web1' } });
    const view = (globalThis as { berthTrayView?: () => { menu: { label: string }[] } }).berthTrayView!();
    expect(view.menu.at(-1)!.label).toBe('Quit Berth');
  });

  it('notifies a crashed container; clicking opens its logs', async () => {
    const { fake, fb, win } = await launch();
    fb.emitEvent({ action: 'die', id: 'web1', name: 'web', attributes: { exitCode: '1' } });
    const n = fake.notifications.at(-1)!;
    expect(n.options.title).toBe('web exited with code 1');
    expect(n.shown).toBe(true);
    n.emit('click');
    expect(win!.executed.at(-1)).toBe('location.hash = "#/containers/web1/logs"');
  });

  it('hides to the tray on close, and quits cleanly: tray gone, backend closed, then exit', async () => {
    const { fake, fb, win } = await launch();
    expect(win!.userClose()).toBe(false);
    expect(win!.shown).toBe(false);
    fake.module.app.quit();
    for (let i = 0; i < 5; i++) await tick();
    expect(fake.trays[0]!.destroyed).toBe(true);
    expect(fb.closed).toBe(true);
    expect(fb.closedWith).toEqual({ stopEngine: true });
    expect(fake.module.app.exited).toBe(0);
  });

  it('leaves the engine running on quit when the setting says so', async () => {
    new SettingsStore(join(home, 'config')).update({ engineOnQuit: 'leave' });
    const { fake, fb } = await launch();
    fake.module.app.quit();
    for (let i = 0; i < 5; i++) await tick();
    expect(fb.closedWith).toEqual({ stopEngine: false });
  });

  it('closes for good when close-to-tray is off', async () => {
    new SettingsStore(join(home, 'config')).update({ closeToTray: false });
    const { win } = await launch();
    expect(win!.userClose()).toBe(true);
  });

  it('applies a change made through the settings requests at once, from the same store (no file watching)', async () => {
    const { fake, fb, win } = await launch();
    const view = () =>
      (globalThis as { berthTrayView?: () => { menu: { label: string }[] } }).berthTrayView!().menu.map((i) => i.label);
    fb.containers = [container({ id: 'web1', name: 'web' }), container({ id: 'old1', name: 'old', state: 'exited' })];
    fb.setStatus(engineStatus({ state: 'stopped' }));
    fb.setStatus(engineStatus()); // running again: the tray fetches the list
    for (let i = 0; i < 5; i++) await tick();
    expect(view()).toContain('Stopped containers (1)');
    fb.api.settings.update({ closeToTray: false, tray: { showStopped: false }, engineOnQuit: 'leave' });
    expect(view()).not.toContain('Stopped containers (1)');
    expect(win!.userClose()).toBe(true);
    fake.module.app.quit();
    for (let i = 0; i < 5; i++) await tick();
    expect(fb.closedWith).toEqual({ stopEngine: false });
  });

  it("takes an older Berth's desktop.json into the settings once, and removes it", async () => {
    const config = join(home, 'config');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'desktop.json'), JSON.stringify({ engineOnQuit: 'leave', startMinimized: true }));
    const { fake, fb, win } = await launch();
    expect(win!.shown).toBe(false); // started in the tray, as desktop.json said
    expect(existsSync(join(config, 'desktop.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(config, 'settings.json'), 'utf8'))).toMatchObject({
      engineOnQuit: 'leave',
      startMinimized: true,
    });
    fake.module.app.quit();
    for (let i = 0; i < 5; i++) await tick();
    expect(fb.closedWith).toEqual({ stopEngine: false });
  });
});
