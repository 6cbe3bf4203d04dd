// Which tray icon file shows the engine's state (files drawn by resources/scripts/draw-icons.mjs).
import { join } from 'node:path';
import type { EngineHostState } from '../../shared/contract';

export type TrayIconState = 'stopped' | 'starting' | 'running' | 'error';

export function trayIconState(state: EngineHostState): TrayIconState {
  switch (state) {
    case 'running':
      return 'running';
    case 'starting':
    case 'stopping':
      return 'starting';
    case 'error':
      return 'error';
    default:
      return 'stopped';
  }
}

/**
 * macOS gets Template images (tinted by the system for light and dark menu bars); elsewhere the
 * icon is chosen for the panel's colour. Electron picks the @2x file next to it on HiDPI screens.
 */
export function trayIconPath(
  resourcesDir: string,
  state: EngineHostState,
  platform: NodeJS.Platform,
  darkPanel: boolean,
): string {
  const s = trayIconState(state);
  const file = platform === 'darwin' ? `${s}Template.png` : `${s}-${darkPanel ? 'on-dark' : 'on-light'}.png`;
  return join(resourcesDir, 'tray', file);
}
