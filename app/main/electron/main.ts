// Berth's Electron main process: one instance, the window first (so it shows fast), then the
// backend, the contract over IPC, the tray and notifications; a clean quit at the end. The shell reads
// Berth's settings from the same in-process store the settings page writes, and follows its changes.
import { Menu, app, ipcMain, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { Backend } from '../backend';
import { SettingsStore } from '../settings/store';
import type { BerthSettings } from '../../shared/contract/areas/settings';
import { installSecretBox } from '../registry/secret-box';
import { appLocations, mainFileOf } from './app-locations';
import { appMenuTemplate } from './app-menu';
import { attachIpcTransport, type IpcTransport } from './ipc-transport';
import { applyStartAtLogin, startsHidden } from './login-item';
import { createMainWindow, showRoute } from './main-window';
import { nativeDialogs } from './native-dialogs';
import { watchForNotifications } from './notification-watcher';
import { showNotification } from './notifier';
import { DEEP_LINK_SCHEME, deepLinkInArgv, deepLinkToRoute, externalUrl } from './routes';
import { shutdownBackend } from './shutdown';
import { claimSingleInstance } from './single-instance';
import { TrayIcon } from './tray';
import { runTrayAction } from './tray-actions';
import { safeStorageBox } from './safe-storage-box';
import { TrayController } from './tray-controller';
import { guardSession, installAppGuards } from './window-guards';

const locations = appLocations({
  mainFile: mainFileOf(import.meta.url),
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
});
const appIcon = join(locations.resources, 'icons', 'icon.png');
const settingsStore = new SettingsStore(locations.configDir);
let settings: BerthSettings = settingsStore.get().settings;
let win: BrowserWindow | undefined;
let quitting = false;
/** Close-to-tray only makes sense once there is a tray to come back from. */
let hasTray = false;
let pendingRoute = deepLinkToRoute(deepLinkInArgv(process.argv) ?? '');

const log = (line: string) => console.warn(`[berth] ${line}`);

function openExternal(url: string): void {
  const safe = externalUrl(url);
  if (!safe) return log(`Refused to open ${url}: only http and https links leave Berth.`);
  shell.openExternal(safe).catch(() => log(`No browser could open ${safe}.`));
}

const guard = {
  openExternal,
  onRefused: (what: string, url: string) => log(`Refused ${what}${url ? ` to ${url}` : ''}.`),
};

/** Shows the window (creating it again if it was closed) on `route`. */
function showWindow(route?: string): void {
  if (!app.isReady()) {
    pendingRoute = route ?? pendingRoute;
    return;
  }
  if (!win || win.isDestroyed()) {
    win = newWindow(route ?? '#/containers', true);
    return;
  }
  showRoute(win, route);
}

function newWindow(route: string, show: boolean): BrowserWindow {
  return createMainWindow({
    where: locations.renderer,
    preloadPath: locations.preload,
    configDir: locations.configDir,
    iconPath: appIcon,
    route,
    show,
    closeToTray: () => settings.closeToTray && hasTray,
    quitting: () => quitting,
    guard,
  });
}

function engineSocketArg(): string | undefined {
  const flag = process.argv.find((a) => a.startsWith('--engine-socket='));
  return flag ? flag.slice('--engine-socket='.length) : process.env.BERTH_ENGINE_SOCKET || undefined;
}

function applyLoginSetting(): void {
  // From a checkout the executable is Electron itself: registering it would start a bare Electron.
  if (!app.isPackaged) return;
  try {
    applyStartAtLogin(app, settings.startAtLogin, {
      platform: process.platform,
      execPath: process.env.APPIMAGE ?? process.execPath,
    });
  } catch (err) {
    log(`Start at login could not be changed: ${(err as Error).message}`);
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  // Registry sign-ins are sealed by the OS keychain; the store waits for this before writing anything.
  installSecretBox(safeStorageBox(safeStorage, process.platform));
  guardSession(session.defaultSession, { ...guard, where: locations.renderer });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(process.platform, { open: (r) => showWindow(r) }, app.isPackaged)),
  );
  const openedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  const hidden = startsHidden(process.argv, settings.startMinimized, openedAtLogin) && !pendingRoute;
  win = newWindow(pendingRoute ?? '#/containers', !hidden);
  pendingRoute = undefined;

  // The backend loads after the window exists; the window's first frames wait for it.
  const engineSocket = engineSocketArg();
  const dialogs = nativeDialogs(() => win);
  const backendReady: Promise<Backend> = import('../backend').then((m) =>
    m.createBackend({
      ...(engineSocket ? { engineSocket } : {}),
      dialogs,
      resourcesDir: locations.resources,
      log,
      settings: settingsStore,
    }),
  );
  const transport = attachIpcTransport({
    ipcMain,
    backend: backendReady,
    isBerthWindow: (contents) => !!win && !win.isDestroyed() && contents === win.webContents,
    where: locations.renderer,
    onRefused: log,
  });
  let backend: Backend;
  try {
    backend = await backendReady;
  } catch (err) {
    log(`The backend could not start: ${(err as Error).message}`);
    installQuit(transport, undefined, () => undefined);
    return;
  }

  const tray = new TrayIcon({
    resourcesDir: locations.resources,
    onClick: () => showWindow(),
    run: (action) =>
      void runTrayAction(
        {
          api: backend.api,
          handlers: backend.handlers,
          showRoute: (r) => showWindow(r),
          openExternal: (url) => shell.openExternal(url),
          quit: () => app.quit(),
          reportError: (title, message) =>
            showNotification({ title, body: message, route: '#/containers' }, (r) => showWindow(r), appIcon),
        },
        action,
      ),
  });
  hasTray = true;
  const controller = new TrayController({
    api: backend.api,
    handlers: backend.handlers,
    settings,
    render: (view) => tray.update(view),
  });
  const stopNotifications = watchForNotifications(
    backend.api,
    () => settings,
    (spec) => showNotification(spec, (r) => showWindow(r), appIcon),
  );
  const stopFollowingSettings = settingsStore.onChange((next) => {
    const loginChanged = next.startAtLogin !== settings.startAtLogin;
    settings = next;
    controller.setSettings(next);
    if (loginChanged) applyLoginSetting();
  });
  applyLoginSetting();
  if (process.env.BERTH_E2E === '1') {
    // For the Electron e2e spec: the tray menu's model, read through electronApp.evaluate().
    (globalThis as { berthTrayView?: () => unknown }).berthTrayView = () => controller.view;
  }

  installQuit(transport, backend, () => {
    stopFollowingSettings.dispose();
    stopNotifications();
    controller.close();
    tray.destroy();
    hasTray = false;
  });
}

let shutdownStarted = false;
function installQuit(transport: IpcTransport, backend: Backend | undefined, stopShell: () => void): void {
  app.on('will-quit', (event) => {
    if (shutdownStarted) return;
    shutdownStarted = true;
    event.preventDefault();
    stopShell();
    transport.close();
    const done = backend ? shutdownBackend(backend, settings.engineOnQuit) : Promise.resolve('done' as const);
    void done.then((result) => {
      if (result === 'timed-out') log('The engine did not stop in time; quitting anyway.');
      app.exit(0);
    });
  });
}

app.setPath('userData', locations.userData);
// Every webContents the app creates is guarded, not only Berth's window (see window-guards.ts).
installAppGuards(app, { ...guard, where: locations.renderer });
// Windows shows notifications only for an app with an AppUserModelID (the appId of electron-builder.yml).
if (process.platform === 'win32') app.setAppUserModelId('dev.berth.app');

if (claimSingleInstance(app, (route) => showWindow(route))) {
  if (process.defaultApp && process.argv[1])
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  // macOS delivers deep links as open-url, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showWindow(deepLinkToRoute(url));
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // With close-to-tray the window only hides; reaching this means the user closed it for good.
    if (!settings.closeToTray || !hasTray) app.quit();
  });
  app.on('activate', () => showWindow());
  start().catch((err: unknown) => {
    log(`Berth could not start: ${(err as Error).message}`);
    app.exit(1);
  });
}
