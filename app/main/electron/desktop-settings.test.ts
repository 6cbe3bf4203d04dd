import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DESKTOP_SETTINGS_FILE,
  defaultDesktopSettings,
  loadDesktopSettings,
  notificationKinds,
  parseDesktopSettings,
  saveDesktopSettings,
  watchDesktopSettings,
} from './desktop-settings';

describe('desktop settings', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('defaults: close to tray, no login start, engine stopped on quit, every notification on', () => {
    const s = defaultDesktopSettings();
    expect(s).toMatchObject({
      closeToTray: true,
      startAtLogin: false,
      startMinimized: false,
      engineOnQuit: 'stop',
      tray: { showStopped: true, showCompose: true },
    });
    for (const k of notificationKinds) expect(s.notifications[k]).toBe(true);
  });

  it('keeps valid values and replaces broken ones field by field', () => {
    const s = parseDesktopSettings({
      closeToTray: 'yes',
      startAtLogin: true,
      engineOnQuit: 'explode',
      notifications: { containerOom: false, taskFinished: 3 },
      tray: 'x',
    });
    expect(s.closeToTray).toBe(true);
    expect(s.startAtLogin).toBe(true);
    expect(s.engineOnQuit).toBe('stop');
    expect(s.notifications.containerOom).toBe(false);
    expect(s.notifications.taskFinished).toBe(true);
    expect(s.tray).toEqual({ showStopped: true, showCompose: true });
  });

  it('round-trips through desktop.json (readable by the user only) and survives a broken file', () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
    const s = { ...defaultDesktopSettings(), engineOnQuit: 'leave' as const, closeToTray: false };
    saveDesktopSettings(dir, s);
    expect(loadDesktopSettings(dir)).toEqual(s);
    expect(statSync(join(dir, DESKTOP_SETTINGS_FILE)).mode & 0o077).toBe(0);
    writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), '{');
    expect(loadDesktopSettings(dir)).toEqual(defaultDesktopSettings());
  });

  it('tells about changes to desktop.json', async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
    const seen = new Promise<boolean>((resolve) => {
      const stop = watchDesktopSettings(dir!, (s) => {
        stop();
        resolve(s.startMinimized);
      });
    });
    setTimeout(() => saveDesktopSettings(dir!, { ...defaultDesktopSettings(), startMinimized: true }), 50);
    expect(await seen).toBe(true);
  });
});
