// Start at login. macOS and Windows: the OS login items (app.setLoginItemSettings). Linux: an XDG
// autostart entry (~/.config/autostart/berth.desktop). A login start passes --hidden: tray only.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'electron';

export const HIDDEN_FLAG = '--hidden';

/** Whether this launch should stay in the tray (login start, or the start-minimized setting). */
export function startsHidden(
  argv: readonly string[],
  startMinimized: boolean,
  loginItemWasOpenedAtLogin = false,
): boolean {
  return startMinimized || argv.includes(HIDDEN_FLAG) || loginItemWasOpenedAtLogin;
}

export function autostartDir(env: Record<string, string | undefined> = process.env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
}

const quoteExec = (arg: string) => (/[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["\\$`])/g, '\\$1')}"` : arg);

/** The XDG autostart desktop entry that launches Berth into the tray. */
export function autostartEntry(execPath: string, execArgs: readonly string[] = []): string {
  const exec = [execPath, ...execArgs, HIDDEN_FLAG].map(quoteExec).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Berth',
    'Comment=Container manager',
    `Exec=${exec}`,
    'Icon=berth',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function applyStartAtLogin(
  app: Pick<App, 'setLoginItemSettings'>,
  enabled: boolean,
  opts: { platform: NodeJS.Platform; execPath: string; execArgs?: string[]; autostartDir?: string },
): void {
  if (opts.platform === 'darwin' || opts.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = join(opts.autostartDir ?? autostartDir(), 'berth.desktop');
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, autostartEntry(opts.execPath, opts.execArgs));
}
