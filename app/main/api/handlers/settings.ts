// settings.* requests onto Berth's settings file in the config dir.
import { berthPaths } from '../../../engine/host/paths';
import { SettingsStore } from '../../settings/store';
import type { RequestHandlers } from '../types';

const stores = new Map<string, SettingsStore>();

/** One store per config dir (BERTH_HOME moves it, e.g. for tests). */
export function settingsStore(configDir: string): SettingsStore {
  let s = stores.get(configDir);
  if (!s) stores.set(configDir, (s = new SettingsStore(configDir)));
  return s;
}

const configDir = (selection: { paths: { config: string } } | undefined) =>
  selection?.paths.config ?? berthPaths().config;

export const settingsHandlers: Pick<RequestHandlers, 'settings.get' | 'settings.update'> = {
  'settings.get': async (_a, { selection }) => settingsStore(configDir(selection)).get(),
  'settings.update': async (patch, { selection }) => settingsStore(configDir(selection)).update(patch),
};
