import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { App, Session } from 'electron';
import { contentSecurityPolicy, secureWebPreferences, withCsp } from './security-policy';
import { FakeSession, FakeWebContents } from './testing/fake-electron';
import { guardSession, guardWebContents, installAppGuards } from './window-guards';

const dir = '/opt/berth/out/renderer';
const index = pathToFileURL(`${dir}/index.html`).href;
const where = { dir };

function guarded() {
  const wc = new FakeWebContents(index);
  const openExternal = vi.fn();
  const refused: string[] = [];
  guardWebContents(wc.asElectron, { where, openExternal, onRefused: (what, url) => refused.push(`${what} ${url}`) });
  return { wc, openExternal, refused };
}

function guardedSession(devUrl?: string) {
  const ses = new FakeSession();
  guardSession(ses as unknown as Session, { where: { dir, ...(devUrl ? { devUrl } : {}) }, openExternal: vi.fn() });
  return ses;
}

describe('window webPreferences (fake Electron: binary absent here)', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    const prefs = secureWebPreferences('/opt/berth/out/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/opt/berth/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('Content-Security-Policy (fake Electron session: binary absent here)', () => {
  it('is strict: nothing by default, own scripts only, inline styles only for xterm', () => {
    const csp = contentSecurityPolicy();
    for (const directive of [
      "default-src 'none'",
      "script-src 'self';",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self';",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('allows the Vite dev server (and its HMR socket) only when developing', () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });

  it("is set on the renderer's responses, replacing any CSP there", async () => {
    const ses = guardedSession();
    const res = await ses.respond(index, {
      'content-type': ['text/html'],
      'Content-Security-Policy': ['default-src *'],
    });
    expect(res.responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(res.responseHeaders?.['content-type']).toEqual(['text/html']);
    expect(Object.keys(res.responseHeaders!).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(
      1,
    );
  });

  it("leaves other responses' headers alone", async () => {
    const ses = guardedSession();
    expect(await ses.respond('https://registry-1.docker.io/v2/')).toEqual({});
  });

  it('sets the CSP on the dev server responses when developing', async () => {
    const ses = guardedSession('http://localhost:5173');
    const res = await ses.respond('http://localhost:5173/');
    expect(res.responseHeaders?.['Content-Security-Policy']?.[0]).toContain('ws://localhost:5173');
  });

  it('withCsp keeps single string headers as arrays', () => {
    expect(withCsp({ a: 'b' }, 'x')).toEqual({ a: ['b'], 'Content-Security-Policy': ['x'] });
  });
});

describe('file loads (fake Electron session: binary absent here)', () => {
  it('lets the renderer load its own files and nothing else from disk', async () => {
    const ses = guardedSession();
    expect(await ses.request(pathToFileURL(`${dir}/assets/index-abc.js`).href)).toEqual({ cancel: false });
    expect(await ses.request('file:///etc/passwd')).toEqual({ cancel: true });
    expect(await ses.request(pathToFileURL(`${dir}/../main/electron.js`).href)).toEqual({ cancel: true });
    expect(await ses.request('https://example.com/')).toEqual({ cancel: false });
  });
});

describe('navigation and window.open (fake Electron: binary absent here)', () => {
  it('refuses navigation away from the renderer', () => {
    const { wc, refused } = guarded();
    expect(wc.tryNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.tryNavigation('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.tryNavigation('will-redirect', 'http://localhost:8080/')).toBe(true);
    expect(wc.tryNavigation('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(refused[0]).toBe('navigation https://evil.example/');
  });

  it("allows a reload of Berth's own page", () => {
    const { wc } = guarded();
    expect(wc.tryNavigation('will-navigate', `${index}#/images`)).toBe(false);
  });

  it('refuses <webview>', () => {
    const { wc } = guarded();
    let prevented = false;
    wc.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('never opens a window; http(s) links go to the browser instead', () => {
    const { wc, openExternal } = guarded();
    expect(wc.windowOpenHandler!({ url: 'http://localhost:8080/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('http://localhost:8080/');
  });

  it('openExternal refuses a non-http URL', () => {
    const { wc, openExternal, refused } = guarded();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'vscode://x',
      'http://user:pw@host/',
    ]) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(refused).toHaveLength(5);
  });
});

describe('permissions (fake Electron session: binary absent here)', () => {
  it('refuses every permission request', async () => {
    const ses = guardedSession();
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      expect(await ses.askPermission(p, index)).toBe(false);
    }
  });

  it('allows only clipboard writes, and only from the renderer', async () => {
    const ses = guardedSession();
    expect(await ses.askPermission('clipboard-sanitized-write', index)).toBe(true);
    expect(await ses.askPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ses.permissionCheck!({}, 'media', 'file://', { requestingUrl: index })).toBe(false);
    expect(ses.permissionCheck!({}, 'clipboard-sanitized-write', 'file://', { requestingUrl: index })).toBe(true);
  });
});

describe('the app-wide guard for every webContents (fake Electron app: binary absent here)', () => {
  function appWithGuards() {
    const app = new EventEmitter();
    const openExternal = vi.fn();
    const refused: string[] = [];
    installAppGuards(app as unknown as Pick<App, 'on'>, {
      where,
      openExternal,
      onRefused: (what, url) => refused.push(`${what} ${url}`),
    });
    /** A webContents the app creates that is not Berth's window (a devtools view, a dependency's window…). */
    const created = (session = new FakeSession()) => {
      const wc = new FakeWebContents('about:blank');
      wc.session = session;
      app.emit('web-contents-created', {}, wc.asElectron);
      return wc;
    };
    return { created, openExternal, refused };
  }

  it('locks navigation, window.open and <webview> of any webContents the app creates', () => {
    const { created, openExternal, refused } = appWithGuards();
    const other = created();
    expect(other.tryNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.tryNavigation('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(other.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(other.windowOpenHandler!({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.docker.com/');
    let prevented = false;
    other.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
    expect(refused).toEqual([
      'navigation https://evil.example/',
      'frame navigation file:///etc/passwd',
      'window.open javascript:alert(1)',
      'webview ',
    ]);
  });

  it("refuses permissions in any webContents' session, also a session other than the default", async () => {
    const { created } = appWithGuards();
    const partition = new FakeSession();
    created(partition);
    expect(await partition.askPermission('media', 'https://evil.example/')).toBe(false);
    expect(await partition.askPermission('notifications', index)).toBe(false);
    expect(await partition.request('file:///etc/shadow')).toEqual({ cancel: true });
    expect((await partition.respond(index)).responseHeaders?.['Content-Security-Policy']).toEqual([
      contentSecurityPolicy(),
    ]);
  });

  it('guards each webContents and session once, however often it is seen', () => {
    const { created } = appWithGuards();
    const shared = new FakeSession();
    const first = created(shared);
    const handler = shared.permissionRequest;
    created(shared);
    expect(shared.permissionRequest).toBe(handler);
    guardWebContents(first.asElectron, { where, openExternal: vi.fn() }); // as main-window.ts does too
    expect(first.listenerCount('will-navigate')).toBe(1);
  });
});
