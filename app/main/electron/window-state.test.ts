import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  WINDOW_STATE_FILE,
  initialBounds,
  loadWindowState,
  saveWindowState,
} from './window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window size and position', () => {
  it('opens the default size centred on the primary screen the first time', () => {
    expect(initialBounds(undefined, [primary], primary)).toEqual({ x: 360, y: 130, ...DEFAULT_SIZE });
  });

  it('reopens where it was', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700 };
    expect(initialBounds(saved, [primary, second], primary)).toEqual(saved);
    const onSecond = { x: 2000, y: 100, width: 900, height: 600 };
    expect(initialBounds(onSecond, [primary, second], primary)).toEqual(onSecond);
  });

  it('comes back to the primary screen when its screen is gone', () => {
    const onSecond = { x: 2000, y: 100, width: 900, height: 600 };
    expect(initialBounds(onSecond, [primary], primary)).toEqual({ x: 360, y: 130, ...DEFAULT_SIZE });
  });

  it('moves a window whose title bar hangs off the screen back onto it, and shrinks one too big', () => {
    const b = initialBounds({ x: 1800, y: -10, width: 3000, height: 2000 }, [primary], primary);
    expect(b).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    const small = initialBounds({ x: 10, y: 10, width: 100, height: 100 }, [primary], primary);
    expect(small).toMatchObject(MIN_SIZE);
  });
});

describe('window state file', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('round-trips, and tolerates a missing or broken file', () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-window-'));
    expect(loadWindowState(dir)).toEqual({ maximized: false });
    saveWindowState(join(dir, 'config'), { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true });
    expect(loadWindowState(join(dir, 'config'))).toEqual({
      bounds: { x: 1, y: 2, width: 800, height: 600 },
      maximized: true,
    });
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{ not json');
    expect(loadWindowState(dir)).toEqual({ maximized: false });
    writeFileSync(join(dir, WINDOW_STATE_FILE), JSON.stringify({ bounds: { x: 'a' } }));
    expect(loadWindowState(dir)).toEqual({ maximized: false });
  });
});
