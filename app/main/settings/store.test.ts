import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../harness/temp-dirs';
import { notificationKinds, type BerthSettings } from '../../shared/contract/areas/settings';
import { SettingsStore } from './store';

const temp = tempDirs('berth-settings-');

describe('SettingsStore', () => {
  it('gives the defaults when there is no file, without writing one', () => {
    const dir = temp();
    const s = new SettingsStore(dir).get();
    expect(s.settings).toMatchObject({
      theme: 'system',
      closeToTray: true,
      startAtLogin: false,
      startMinimized: false,
      engineOnQuit: 'stop',
      tray: { showStopped: true, showCompose: true },
      terminalShell: 'auto',
    });
    for (const k of notificationKinds) expect(s.settings.notifications[k]).toBe(true);
    expect(s.problem).toBeUndefined();
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('persists a patch and reads it back in a new store; missing fields take defaults', () => {
    const dir = temp();
    new SettingsStore(dir).update({
      theme: 'dark',
      notifications: { containerExited: false },
      terminalShell: '/bin/sh',
    });
    const again = new SettingsStore(dir).get().settings;
    expect(again.theme).toBe('dark');
    expect(again.terminalShell).toBe('/bin/sh');
    expect(again.notifications.containerExited).toBe(false);
    expect(again.notifications.taskFinished).toBe(true);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'light' }));
    expect(new SettingsStore(dir).get().settings).toMatchObject({ theme: 'light', closeToTray: true });
  });

  it('merges a partial VM patch into the VM settings, keeping the other fields', () => {
    const dir = temp();
    const store = new SettingsStore(dir);
    expect(store.get().settings.vm).toEqual({ cpus: 2, memoryGiB: 4, diskGiB: 60, idleMinutes: 5 });
    store.update({ vm: { cpus: 6 } });
    store.update({ vm: { idleMinutes: 0 } });
    expect(new SettingsStore(dir).get().settings.vm).toEqual({ cpus: 6, memoryGiB: 4, diskGiB: 60, idleMinutes: 0 });
  });

  it('keeps the file readable by the user only, and writes nothing else beside it', () => {
    const dir = temp();
    new SettingsStore(dir).update({ tray: { showCompose: false } });
    expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(new SettingsStore(dir).get().settings.tray).toEqual({ showStopped: true, showCompose: false });
  });

  it('tells its listeners each change with the whole new settings, until they leave', () => {
    const store = new SettingsStore(temp());
    const seen: BerthSettings[] = [];
    const sub = store.onChange((s) => seen.push(s));
    store.update({ closeToTray: false });
    store.update({ notifications: { engine: false } });
    sub.dispose();
    store.update({ theme: 'dark' });
    expect(seen.map((s) => [s.closeToTray, s.notifications.engine, s.theme])).toEqual([
      [false, true, 'system'],
      [false, false, 'system'],
    ]);
  });

  describe("an older Berth's desktop.json", () => {
    it('is taken in once (its values win, as the shell used them) and removed', () => {
      const dir = temp();
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', closeToTray: true }));
      writeFileSync(
        join(dir, 'desktop.json'),
        JSON.stringify({
          closeToTray: false,
          engineOnQuit: 'leave',
          startMinimized: true,
          notifications: { containerOom: false },
          tray: { showStopped: false },
          somethingElse: 1,
        }),
      );
      const s = new SettingsStore(dir).get();
      expect(s.problem).toBeUndefined();
      expect(s.settings).toMatchObject({
        theme: 'dark',
        closeToTray: false,
        engineOnQuit: 'leave',
        startMinimized: true,
        tray: { showStopped: false, showCompose: true },
      });
      expect(s.settings.notifications).toMatchObject({ containerOom: false, taskFailed: true });
      expect(readdirSync(dir)).toEqual(['settings.json']);
      expect(new SettingsStore(dir).get().settings).toEqual(s.settings);
    });

    it('gives only its fields of the right type; broken ones leave the settings as they were', () => {
      const dir = temp();
      writeFileSync(
        join(dir, 'desktop.json'),
        JSON.stringify({
          closeToTray: 'yes',
          startAtLogin: true,
          engineOnQuit: 'explode',
          notifications: { containerOom: false, taskFinished: 3 },
          tray: 'x',
        }),
      );
      const s = new SettingsStore(dir).get().settings;
      expect(s).toMatchObject({ closeToTray: true, startAtLogin: true, engineOnQuit: 'stop' });
      expect(s.notifications).toMatchObject({ containerOom: false, taskFinished: true });
      expect(s.tray).toEqual({ showStopped: true, showCompose: true });
    });

    it('that cannot be read as JSON is left where it is, and changes nothing', () => {
      const dir = temp();
      writeFileSync(join(dir, 'desktop.json'), '{');
      expect(new SettingsStore(dir).get().settings.closeToTray).toBe(true);
      expect(readdirSync(dir)).toEqual(['desktop.json']);
    });
  });

  for (const [what, text] of [
    ['broken JSON', '{"theme": "dark",'],
    ['a wrong value', JSON.stringify({ theme: 'purple' })],
    ['an unknown field', JSON.stringify({ colour: 'red' })],
  ] as const) {
    it(`reports ${what}, keeps the file beside, and uses the defaults`, () => {
      const dir = temp();
      writeFileSync(join(dir, 'settings.json'), text);
      const store = new SettingsStore(dir, () => new Date('2026-01-02T03:04:05Z'));
      const s = store.get();
      expect(s.settings.theme).toBe('system');
      expect(s.problem).toMatch(
        /could not be read .* defaults are in use\. The old file was kept as .*settings\.json\.corrupt-2026-01-02T03-04-05-000Z/,
      );
      expect(readFileSync(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-000Z'), 'utf8')).toBe(text);
      expect(existsSync(join(dir, 'settings.json'))).toBe(false);
      store.update({ theme: 'dark' });
      expect(store.get().problem).toBeUndefined();
      expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.corrupt-2026-01-02T03-04-05-000Z']);
    });
  }
});
