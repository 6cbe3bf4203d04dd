// The main window's remembered size and position (window.json in Berth's config dir), and the
// math that keeps a remembered window on a screen that still exists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomically } from '../atomic-write';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds?: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window.json';
export const DEFAULT_SIZE = { width: 1200, height: 780 } as const;
export const MIN_SIZE = { width: 760, height: 480 } as const;
/** How much of the title bar must be on a screen for the window to count as visible. */
const MIN_VISIBLE = 64;

const int = z.number().int().min(-100_000).max(100_000);
const stateSchema = z.object({
  bounds: z.object({ x: int, y: int, width: int.min(1), height: int.min(1) }).optional(),
  maximized: z.boolean().default(false),
});

export function loadWindowState(configDir: string): WindowState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(join(configDir, WINDOW_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : { maximized: false };
  } catch {
    return { maximized: false };
  }
}

export function saveWindowState(configDir: string, state: WindowState): void {
  writeJsonAtomically(join(configDir, WINDOW_STATE_FILE), state);
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
}

/**
 * The bounds to open the window with: the remembered ones when enough of the title bar is on some
 * screen's work area (shrunk to fit that screen), otherwise the default size centred on the primary screen.
 */
export function initialBounds(saved: Rect | undefined, workAreas: Rect[], primary: Rect): Rect {
  const centred = (area: Rect): Rect => {
    const width = Math.min(DEFAULT_SIZE.width, area.width);
    const height = Math.min(DEFAULT_SIZE.height, area.height);
    return {
      x: Math.round(area.x + (area.width - width) / 2),
      y: Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
  };
  if (!saved) return centred(primary);
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: 32 };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE, saved.width) && o.height > 0;
  });
  if (!home) return centred(primary);
  const width = Math.max(Math.min(saved.width, home.width), Math.min(MIN_SIZE.width, home.width));
  const height = Math.max(Math.min(saved.height, home.height), Math.min(MIN_SIZE.height, home.height));
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height);
  return { x, y, width, height };
}
