// A fake of the 'electron' module as main.ts uses it, for a wiring test of the whole main process
// (the Electron binary cannot be downloaded here). Records what main.ts asked Electron to do.
import { EventEmitter } from 'node:events';
import { FakeIpcMain, FakeSession, FakeWebContents } from './fake-electron';

export interface FakeElectronOptions {
  gotLock?: boolean;
  rendererUrl: string;
}

export function createFakeElectron(opts: FakeElectronOptions) {
  const windows: FakeBrowserWindow[] = [];
  const trays: FakeTray[] = [];
  const notifications: FakeNotification[] = [];
  const openedExternally: string[] = [];
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents(opts.rendererUrl);
    shown = false;
    destroyed = false;
    loaded: { file?: string; url?: string; hash?: string } = {};
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      Object.assign(this.webContents, {
        isLoading: () => false,
        executeJavaScript: async (code: string) => (this.executed.push(code), undefined),
      });
    }
    executed: string[] = [];
    loadFile(file: string, o?: { hash?: string }) {
      this.loaded = { file, ...(o?.hash !== undefined ? { hash: o.hash } : {}) };
      queueMicrotask(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = { url };
      queueMicrotask(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    hide() {
      this.shown = false;
    }
    focus() {}
    restore() {}
    maximize() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 780 };
    }
    /** Like a user closing the window: 'close' may be prevented. */
    userClose(): boolean {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.destroyed = true;
      return !prevented;
    }
  }

  class FakeTray extends EventEmitter {
    image: unknown;
    tooltip = '';
    menu: unknown;
    destroyed = false;
    constructor() {
      super();
      trays.push(this);
    }
    setImage(i: unknown) {
      this.image = i;
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setContextMenu(m: unknown) {
      this.menu = m;
    }
    destroy() {
      this.destroyed = true;
    }
  }

  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      notifications.push(this);
    }
    show() {
      this.shown = true;
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => opts.gotLock ?? true,
    quit: () => {
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => undefined });
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.exited = 0;
    },
    exit: (code: number) => {
      app.exited = code;
    },
    exited: undefined as number | undefined,
    whenReady: () => ready,
    isReady: () => readyDone,
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: () => undefined,
    setAsDefaultProtocolClient: () => true,
    setAppUserModelId: () => undefined,
    paths: {} as Record<string, string>,
    setPath: (name: string, value: string) => {
      app.paths[name] = value;
    },
  });
  let readyDone = false;

  const defaultSession = new FakeSession();
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (t: unknown) => ({ template: t }) },
    ipcMain: new FakeIpcMain(),
    session: { defaultSession },
    shell: { openExternal: async (url: string) => void openedExternally.push(url) },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    nativeImage: {
      createEmpty: () => ({}),
      createFromPath: (p: string) => ({ path: p, setTemplateImage: () => undefined }),
    },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
    // A Linux session without a keychain: Berth keeps no registry password unless asked.
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'basic_text' as const,
      encryptStringAsync: async (t: string) => Buffer.from(t),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString(), shouldReEncrypt: false }),
    },
  };
  return {
    module,
    windows,
    trays,
    notifications,
    openedExternally,
    defaultSession,
    becomeReady: () => {
      readyDone = true;
      readyResolve();
    },
  };
}
