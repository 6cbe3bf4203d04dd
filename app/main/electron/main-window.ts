// Berth's one window: hardened, shown when ready (unless starting in the tray), its size and place
// remembered, hidden instead of closed when close-to-tray is on, and moved to pages by hash route.
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import type { RendererLocation } from './routes';
import { secureWebPreferences } from './security-policy';
import { guardWebContents, type GuardDeps } from './window-guards';
import { MIN_SIZE, initialBounds, loadWindowState, saveWindowState } from './window-state';

export interface MainWindowOptions {
  where: RendererLocation;
  preloadPath: string;
  configDir: string;
  iconPath?: string;
  /** The page to open first, e.g. '#/containers'. */
  route: string;
  show: boolean;
  /** Read at close time: hide to the tray instead of closing. */
  closeToTray(): boolean;
  /** True once the app is quitting: then the window really closes. */
  quitting(): boolean;
  guard: Omit<GuardDeps, 'where'>;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const saved = loadWindowState(opts.configDir);
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const bounds = initialBounds(saved.bounds, displays, screen.getPrimaryDisplay().workArea);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Berth',
    backgroundColor: '#1b1d22',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  guardWebContents(win.webContents, { ...opts.guard, where: opts.where });
  if (saved.maximized) win.maximize();

  win.once('ready-to-show', () => {
    if (opts.show) win.show();
  });

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (win.isDestroyed()) return;
    const state = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      saveWindowState(opts.configDir, state);
    } catch {
      // Not remembering the window's place is harmless; the next start uses the default.
    }
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', (event) => {
    clearTimeout(saveTimer);
    save();
    if (!opts.quitting() && opts.closeToTray()) {
      event.preventDefault();
      win.hide();
    }
  });

  void loadRenderer(win, opts.where, opts.route);
  return win;
}

export function loadRenderer(win: BrowserWindow, where: RendererLocation, route: string): Promise<void> {
  const hash = route.replace(/^#/, '');
  if (where.devUrl) return win.loadURL(`${where.devUrl.replace(/\/$/, '')}/#${hash}`);
  return win.loadFile(join(where.dir, 'index.html'), { hash });
}

/** Shows the window (restoring it from the tray or minimised) on `route` without reloading the page. */
export function showRoute(win: BrowserWindow, route: string | undefined): void {
  if (route) {
    const contents = win.webContents;
    const go = () => void contents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`).catch(() => undefined);
    if (contents.isLoading()) contents.once('did-finish-load', go);
    else go();
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
