import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { HIDDEN_FLAG, applyStartAtLogin, autostartDir, autostartEntry, startsHidden } from './login-item';

describe('start at login', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('uses the OS login items on macOS and Windows, starting hidden (fake Electron app: binary absent here)', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const app = { setLoginItemSettings: vi.fn() };
      applyStartAtLogin(app as unknown as Pick<App, 'setLoginItemSettings'>, true, { platform, execPath: '/x' });
      expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: [HIDDEN_FLAG] });
      applyStartAtLogin(app as unknown as Pick<App, 'setLoginItemSettings'>, false, { platform, execPath: '/x' });
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: [HIDDEN_FLAG] });
    }
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-autostart-'));
    const app = { setLoginItemSettings: vi.fn() } as unknown as Pick<App, 'setLoginItemSettings'>;
    applyStartAtLogin(app, true, { platform: 'linux', execPath: '/opt/My Apps/Berth.AppImage', autostartDir: dir });
    const entry = readFileSync(join(dir, 'berth.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/opt/My Apps/Berth.AppImage" --hidden');
    applyStartAtLogin(app, false, { platform: 'linux', execPath: '/x', autostartDir: dir });
    expect(existsSync(join(dir, 'berth.desktop'))).toBe(false);
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe('/cfg/autostart');
    expect(autostartDir({}, '/home/me')).toBe('/home/me/.config/autostart');
  });

  it('quotes what the desktop entry spec reserves', () => {
    expect(autostartEntry('/a/b$c"d')).toContain('Exec="/a/b\\$c\\"d" --hidden');
  });

  it('starts minimised to the tray from a login start or by setting', () => {
    expect(startsHidden(['/berth'], false)).toBe(false);
    expect(startsHidden(['/berth', HIDDEN_FLAG], false)).toBe(true);
    expect(startsHidden(['/berth'], true)).toBe(true);
    expect(startsHidden(['/berth'], false, true)).toBe(true);
  });
});
