import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, SettingsStore } from '../settings/store';
import { resetPreview, resetSettings } from './settings-reset';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function store(): SettingsStore {
  const dir = mkdtempSync(join(tmpdir(), 'reset-'));
  dirs.push(dir);
  return new SettingsStore(dir);
}

describe('reset to defaults (a real settings store in a temp dir)', () => {
  it('states each setting that differs from its default, then puts them all back', () => {
    const s = store();
    s.update({ theme: 'dark', notifications: { taskFinished: false }, vm: { cpus: 6 }, terminalShell: '/bin/bash' });
    const preview = resetPreview(s);
    expect(preview.changes).toEqual([
      { path: 'notifications.taskFinished', label: 'Notify: A long task finished', current: 'off', default: 'on' },
      { path: 'theme', label: 'Theme', current: 'dark', default: 'system' },
      { path: 'terminalShell', label: 'Terminal shell', current: '/bin/bash', default: 'auto' },
      { path: 'vm.cpus', label: "CPUs of Berth's VM", current: '6', default: '2' },
    ]);
    const done = resetSettings(s, preview.token);
    expect(done.changed).toEqual(preview.changes.map((c) => c.label));
    expect(done.settings).toEqual(defaultSettings());
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual(defaultSettings());
    expect(resetPreview(s).changes).toEqual([]);
  });

  it('refuses, changing nothing, when the settings changed after the statement was made', () => {
    const s = store();
    s.update({ theme: 'dark' });
    const preview = resetPreview(s);
    s.update({ closeToTray: false });
    expect(() => resetSettings(s, preview.token)).toThrow(/settings changed since the statement was made/);
    expect(s.get().settings).toMatchObject({ theme: 'dark', closeToTray: false });
  });
});
