// Small fakes of the few Electron objects the shell touches — the Electron binary cannot be
// downloaded here, so tests drive the shell's code with these instead.
import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly mainFrame: FakeFrame;
  destroyed = false;
  windowOpenHandler: ((d: { url: string }) => { action: 'deny' | 'allow' }) | undefined;
  /** The session the contents belong to (Electron always has one; the fake only when a test gives it). */
  session: FakeSession | undefined;

  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  navigate(url: string): void {
    this.mainFrame.url = url;
    this.emit('did-navigate', {}, url);
  }

  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = h;
  }

  /** Fires a navigation event like Chromium does; returns whether it was prevented. */
  tryNavigation(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }

  get asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeIpcMain extends EventEmitter {
  /** Delivers a frame as if `contents` (from `frame`, its main frame by default) had sent it. */
  deliver(
    channel: string,
    contents: FakeWebContents,
    payload: unknown,
    frame: FakeFrame | null = contents.mainFrame,
  ): void {
    const event = { sender: contents, senderFrame: frame } as unknown as IpcMainEvent;
    this.emit(channel, event, payload);
  }

  get asElectron(): Pick<IpcMain, 'on' | 'removeListener'> {
    return this as unknown as Pick<IpcMain, 'on' | 'removeListener'>;
  }
}

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  cb: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
type PermissionCheckHandler = (
  wc: unknown,
  permission: string,
  origin: string,
  details: { requestingUrl?: string },
) => boolean;
type WebRequestListener<D, R> = (details: D, callback: (r: R) => void) => void;

export class FakeSession {
  permissionRequest: PermissionRequestHandler | undefined;
  permissionCheck: PermissionCheckHandler | undefined;
  beforeRequest: WebRequestListener<{ url: string }, { cancel?: boolean }> | undefined;
  headersReceived:
    | WebRequestListener<
        { url: string; responseHeaders?: Record<string, string[]> },
        { responseHeaders?: Record<string, string[]> }
      >
    | undefined;

  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler): void {
    this.permissionCheck = h;
  }
  webRequest = {
    onBeforeRequest: (l: FakeSession['beforeRequest']) => (this.beforeRequest = l),
    onHeadersReceived: (l: FakeSession['headersReceived']) => (this.headersReceived = l),
  };

  /** Resolves with what the session's webRequest hook answered. */
  respond(
    url: string,
    responseHeaders: Record<string, string[]> = {},
  ): Promise<{ responseHeaders?: Record<string, string[]> }> {
    return new Promise((resolve) => this.headersReceived!({ url, responseHeaders }, resolve));
  }
  request(url: string): Promise<{ cancel?: boolean }> {
    return new Promise((resolve) => this.beforeRequest!({ url }, resolve));
  }
  askPermission(permission: string, requestingUrl: string): Promise<boolean> {
    return new Promise((resolve) => this.permissionRequest!({}, permission, resolve, { requestingUrl }));
  }
}
