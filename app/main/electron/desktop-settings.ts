// The desktop shell's own settings (tray, notifications, start-up, quit), kept as a small JSON file
// in Berth's config dir. Unknown or broken values fall back to defaults, one field at a time.
import { mkdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomically } from './json-file';

export const notificationKinds = [
  'taskFinished',
  'taskFailed',
  'containerExited',
  'containerOom',
  'restartLoop',
  'engine',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

const bool = (value: boolean) => z.boolean().catch(value).default(value);
/** A nested object: missing or broken → its defaults, field by field. */
const section = <T extends z.ZodObject>(shape: T) => shape.catch(() => shape.parse({})).prefault({} as z.input<T>);

export const desktopSettingsSchema = z.object({
  /** Closing the window hides it; Berth keeps running in the tray. */
  closeToTray: bool(true),
  /** Start Berth when the user logs in. */
  startAtLogin: bool(false),
  /** Start without showing the window (tray only). */
  startMinimized: bool(false),
  /** On quit: stop Berth's managed engine, or leave it running for the next start. */
  engineOnQuit: z.enum(['stop', 'leave']).catch('stop').default('stop'),
  /** Each kind of notification can be turned off. */
  notifications: section(
    z.object(
      Object.fromEntries(notificationKinds.map((k) => [k, bool(true)])) as Record<
        NotificationKind,
        ReturnType<typeof bool>
      >,
    ),
  ),
  tray: section(z.object({ showStopped: bool(true), showCompose: bool(true) })),
});

export type DesktopSettings = z.output<typeof desktopSettingsSchema>;

export const DESKTOP_SETTINGS_FILE = 'desktop.json';

export function parseDesktopSettings(raw: unknown): DesktopSettings {
  const parsed = desktopSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : desktopSettingsSchema.parse({});
}

export const defaultDesktopSettings = (): DesktopSettings => parseDesktopSettings({});

export function loadDesktopSettings(configDir: string): DesktopSettings {
  try {
    return parseDesktopSettings(JSON.parse(readFileSync(join(configDir, DESKTOP_SETTINGS_FILE), 'utf8')));
  } catch {
    return defaultDesktopSettings();
  }
}

export function saveDesktopSettings(configDir: string, settings: DesktopSettings): void {
  writeJsonAtomically(join(configDir, DESKTOP_SETTINGS_FILE), settings);
}

/**
 * Calls `onChange` with the new settings whenever desktop.json changes (written by the settings
 * page's handler or by hand). Returns a function that stops watching.
 */
export function watchDesktopSettings(configDir: string, onChange: (s: DesktopSettings) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: FSWatcher | undefined;
  try {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    watcher = watch(configDir, (_event, file) => {
      if (file !== DESKTOP_SETTINGS_FILE) return;
      clearTimeout(timer);
      timer = setTimeout(() => onChange(loadDesktopSettings(configDir)), 200);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // Without a watchable config dir, settings apply at the next start.
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
