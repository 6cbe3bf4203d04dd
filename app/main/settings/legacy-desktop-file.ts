// Before the desktop shell read Berth's settings in process, it kept its own desktop.json beside
// settings.json and watched it. Its values are taken into the settings once (they are what the shell
// was using, so they win), and the file is removed once they are saved. Each field is taken only when
// it has the right type: a broken field is left to the settings, not a reason to refuse the rest.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { engineOnQuitChoices, notificationKinds, type SettingsPatch } from '../../shared/contract/areas/settings';

export const LEGACY_DESKTOP_FILE = 'desktop.json';

const maybe = <T extends z.ZodType>(t: T) => t.optional().catch(undefined);
const flag = () => maybe(z.boolean());
const flags = <K extends string>(keys: readonly K[]) =>
  maybe(z.object(Object.fromEntries(keys.map((k) => [k, flag()])) as Record<K, ReturnType<typeof flag>>));

const legacyDesktop = z.object({
  closeToTray: flag(),
  startAtLogin: flag(),
  startMinimized: flag(),
  engineOnQuit: maybe(z.enum(engineOnQuitChoices)),
  notifications: flags(notificationKinds),
  tray: flags(['showStopped', 'showCompose'] as const),
});

/**
 * When desktop.json is there: hands its values to `save` (which merges and persists them and returns
 * the result), removes the file once saved, and returns what `save` returned. Undefined when there is
 * no such file; an unreadable one is left where it is.
 */
export function takeLegacyDesktopFile<T>(configDir: string, save: (values: SettingsPatch) => T): T | undefined {
  const path = join(configDir, LEGACY_DESKTOP_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = legacyDesktop.safeParse(raw);
  let result: T;
  try {
    result = save(parsed.success ? (parsed.data as SettingsPatch) : {});
  } catch {
    return undefined; // not saved (a read-only config dir): the file stays for the next start
  }
  rmSync(path, { force: true });
  return result;
}
