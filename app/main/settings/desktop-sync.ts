// The desktop shell reads its own desktop.json (app/main/electron/desktop-settings.ts) and watches it.
// Settings edited on the settings page that the shell applies (tray, login, notifications) are
// mirrored there, keeping the shell's other fields as they are.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BerthSettings } from '../../shared/contract/areas/settings';

export const DESKTOP_FILE = 'desktop.json';

export function syncDesktopFile(configDir: string, s: BerthSettings): void {
  const path = join(configDir, DESKTOP_FILE);
  let existing: Record<string, unknown> = {};
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) existing = raw as Record<string, unknown>;
  } catch {
    /* absent or unreadable: the shell's own defaults fill the rest */
  }
  const next = {
    ...existing,
    closeToTray: s.closeToTray,
    startAtLogin: s.startAtLogin,
    notifications: { ...s.notifications },
  };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
