// Applies the security policy to a window's webContents and to the session: navigation and
// window.open locked, <webview> refused, permissions refused, the CSP set on every renderer response,
// and file loads confined to the renderer's directory. installAppGuards applies both to every
// webContents the app ever creates (windows, devtools, anything a dependency opens), not just Berth's
// window. Each is applied once per object. Electron objects are passed in (fakes in tests).
import type { App, Session, WebContents } from 'electron';
import type { RendererLocation } from './routes';
import {
  contentSecurityPolicy,
  mayGrantPermission,
  mayLoad,
  mayNavigate,
  windowOpenDecision,
  withCsp,
} from './security-policy';
import { isRendererUrl } from './routes';

export interface GuardDeps {
  where: RendererLocation;
  /** Opens an http(s) URL in the browser (shell.openExternal). */
  openExternal(url: string): void;
  /** Told about each refusal, for the log. */
  onRefused?(what: string, url: string): void;
}

type NavigationEvent = { preventDefault(): void; url?: string };

const guardedContents = new WeakSet<object>();
const guardedSessions = new WeakSet<object>();

export function guardWebContents(contents: WebContents, deps: GuardDeps): void {
  if (guardedContents.has(contents)) return;
  guardedContents.add(contents);
  const refuseUnlessRenderer = (what: string) => (event: NavigationEvent, legacyUrl?: unknown) => {
    const url = event.url ?? (typeof legacyUrl === 'string' ? legacyUrl : '');
    if (mayNavigate(url, deps.where)) return;
    event.preventDefault();
    deps.onRefused?.(what, url);
  };
  contents.on('will-navigate', refuseUnlessRenderer('navigation'));
  contents.on('will-redirect', refuseUnlessRenderer('redirect'));
  contents.on('will-frame-navigate', refuseUnlessRenderer('frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.onRefused?.('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) deps.openExternal(decision.openExternal);
    else deps.onRefused?.('window.open', url);
    return { action: 'deny' };
  });
}

export function guardSession(session: Session, deps: GuardDeps): void {
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  const csp = contentSecurityPolicy(deps.where.devUrl);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const url = 'requestingUrl' in details ? details.requestingUrl : undefined;
    callback(mayGrantPermission(permission, url, deps.where));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    mayGrantPermission(permission, details.requestingUrl ?? requestingOrigin, deps.where),
  );
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = mayLoad(details.url, deps.where);
    if (!allowed) deps.onRefused?.('file load', details.url);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isRendererUrl(details.url, deps.where)) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

/**
 * The app-wide safety net: every webContents created from now on — whatever window, view or session it
 * belongs to — gets the navigation, window.open and <webview> guards, and its session the permission,
 * load and CSP guards. Call before the first window is created.
 */
export function installAppGuards(app: Pick<App, 'on'>, deps: GuardDeps): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, deps);
    if (contents.session) guardSession(contents.session, deps);
  });
}
