import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from './store';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('gives the defaults when there is no file, without writing one', () => {
    const dir = temp();
    const s = new SettingsStore(dir).get();
    expect(s.settings).toMatchObject({
      theme: 'system',
      closeToTray: true,
      startAtLogin: false,
      terminalShell: 'auto',
    });
    expect(s.settings.notifications.taskFailed).toBe(true);
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

  it("mirrors the desktop fields into desktop.json, keeping the shell's other fields", () => {
    const dir = temp();
    writeFileSync(join(dir, 'desktop.json'), JSON.stringify({ engineOnQuit: 'leave', closeToTray: true }));
    new SettingsStore(dir).update({ closeToTray: false, notifications: { engine: false } });
    const desktop = JSON.parse(readFileSync(join(dir, 'desktop.json'), 'utf8'));
    expect(desktop).toMatchObject({ engineOnQuit: 'leave', closeToTray: false, startAtLogin: false });
    expect(desktop.notifications.engine).toBe(false);
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
      expect(readdirSync(dir).sort()).toEqual([
        'desktop.json',
        'settings.json',
        'settings.json.corrupt-2026-01-02T03-04-05-000Z',
      ]);
    });
  }
});
