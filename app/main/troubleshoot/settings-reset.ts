// Reset to defaults: which of Berth's settings differ from their defaults (the statement the user
// confirms), and the reset itself, refused when the settings changed since that statement. Only the
// settings file's values change; the engine, its data, the engine choice, registry sign-ins and the
// recent compose projects stay.
import { createHash } from 'node:crypto';
import { settingsChanges, type ResetPreview } from '../../shared/contract/areas/troubleshoot';
import type { BerthSettings, SettingsPatch, SettingsState } from '../../shared/contract/areas/settings';
import { BerthError } from '../../shared/errors';
import { defaultSettings, type SettingsStore } from '../settings/store';

const KEPT = [
  'The engine and everything in it (containers, images, volumes) are kept.',
  'The engine Berth uses and the engine address typed in settings are kept.',
  'Registry sign-ins and the recent compose projects are kept.',
];

const tokenOf = (s: BerthSettings) => createHash('sha256').update(JSON.stringify(s)).digest('hex');

export function resetPreview(store: SettingsStore): ResetPreview {
  const { settings, file } = store.get();
  return { changes: settingsChanges(settings, defaultSettings()), kept: KEPT, file, token: tokenOf(settings) };
}

/** Every setting back to its default; refused (nothing changed) when they changed since the preview. */
export function resetSettings(store: SettingsStore, token: string): SettingsState & { changed: string[] } {
  const current = store.get().settings;
  if (tokenOf(current) !== token)
    throw new BerthError({
      kind: 'conflict',
      field: 'token',
      message:
        'The settings changed since the statement was made, so nothing was reset. Read the new statement and confirm again.',
    });
  const changed = settingsChanges(current, defaultSettings()).map((c) => c.label);
  const { version: _v, ...defaults } = defaultSettings();
  const state = store.update(defaults satisfies SettingsPatch);
  return { ...state, changed };
}
