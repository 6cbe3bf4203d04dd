import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from './app-menu';
import { defaultSettings } from '../settings/store';
import { engineStatus } from './testing/fakes';
import { trayIconPath, trayIconState } from './tray-icons';
import { buildTrayMenu } from './tray-menu-model';
import { trayMenuTemplate } from './tray-template';

const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
const click = (i: MenuItemConstructorOptions | undefined) => (i?.click as unknown as () => void)();

describe('application menu (Electron template data; binary absent here)', () => {
  it('has the usual roles and shortcuts', () => {
    const roles = flat(appMenuTemplate('linux', { open: vi.fn() }, true)).map((i) => i.role);
    for (const r of [
      'quit',
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'reload',
      'zoomIn',
      'zoomOut',
      'resetZoom',
      'togglefullscreen',
      'windowMenu',
    ]) {
      expect(roles).toContain(r);
    }
    expect(roles).not.toContain('toggleDevTools'); // packaged
    expect(flat(appMenuTemplate('linux', { open: vi.fn() }, false)).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('has the macOS application menu on macOS only', () => {
    expect(appMenuTemplate('darwin', { open: vi.fn() }, true)[0]!.label).toBe('Berth');
    expect(appMenuTemplate('win32', { open: vi.fn() }, true)[0]!.label).toBe('&File');
  });

  it('opens pages by shortcut', () => {
    const open = vi.fn();
    const items = flat(appMenuTemplate('linux', { open }, true));
    const settings = items.find((i) => i.label === 'Settings');
    expect(settings?.accelerator).toBe('CmdOrCtrl+,');
    click(settings);
    click(items.find((i) => i.label === 'Images'));
    expect(open.mock.calls).toEqual([['#/settings'], ['#/images']]);
  });
});

describe('tray menu as an Electron template (binary absent here)', () => {
  it('maps headers, separators, submenus and clickable items, each click running its action', () => {
    const run = vi.fn();
    const model = buildTrayMenu({
      engine: engineStatus(),
      containers: [],
      settings: { tray: defaultSettings().tray },
    });
    const template = trayMenuTemplate(model, run);
    expect(template[0]).toEqual({ label: 'Engine running (native)', enabled: false });
    expect(template.some((i) => i.type === 'separator')).toBe(true);
    click(template.find((i) => i.label === 'Quit Berth'));
    expect(run).toHaveBeenCalledWith({ quit: true });
  });
});

describe('tray icons', () => {
  const resources = join(import.meta.dirname, '..', '..', '..', 'resources');

  it('maps every engine state to one of four icons', () => {
    expect(
      ['none', 'stopped', 'starting', 'stopping', 'running', 'error'].map((s) => trayIconState(s as never)),
    ).toEqual(['stopped', 'stopped', 'starting', 'starting', 'running', 'error']);
  });

  it('uses Template images on macOS and light/dark variants elsewhere, all present as PNGs with @2x', () => {
    expect(trayIconPath('/r', 'running', 'darwin', false)).toBe('/r/tray/runningTemplate.png');
    expect(trayIconPath('/r', 'error', 'linux', true)).toBe('/r/tray/error-on-dark.png');
    expect(trayIconPath('/r', 'starting', 'win32', false)).toBe('/r/tray/starting-on-light.png');
    for (const state of ['stopped', 'starting', 'running', 'error'] as const) {
      for (const [platform, dark] of [
        ['darwin', false],
        ['linux', true],
        ['linux', false],
      ] as const) {
        const file = trayIconPath(resources, state, platform, dark);
        for (const f of [file, file.replace(/\.png$/, '@2x.png')]) {
          expect(existsSync(f), f).toBe(true);
          expect(readFileSync(f).subarray(1, 4).toString()).toBe('PNG');
        }
      }
    }
  });

  it('has app icons for every platform', () => {
    expect(
      readFileSync(join(resources, 'icons', 'icon.icns'))
        .subarray(0, 4)
        .toString(),
    ).toBe('icns');
    expect([...readFileSync(join(resources, 'icons', 'icon.ico')).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const png = readFileSync(join(resources, 'icons', 'icon.png'));
    expect(png.readUInt32BE(16)).toBe(512); // IHDR width
    for (const s of [16, 32, 48, 64, 128, 256, 512])
      expect(existsSync(join(resources, 'icons', 'linux', `${s}x${s}.png`))).toBe(true);
  });
});
