// One settings store per config dir (BERTH_HOME moves it, e.g. for tests).
import { berthPaths } from '../../../engine/host/paths';
import { SettingsStore } from '../../settings/store';

const stores = new Map<string, SettingsStore>();

/** The store of the selection's config dir (Berth's default config dir without a selection). */
export function settingsStore(where: { paths: { config: string } } | string | undefined): SettingsStore {
  const configDir = typeof where === 'string' ? where : (where?.paths.config ?? berthPaths().config);
  let s = stores.get(configDir);
  if (!s) stores.set(configDir, (s = new SettingsStore(configDir)));
  return s;
}
