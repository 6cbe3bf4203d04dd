// The window's security policy as data and decisions: webPreferences, the Content-Security-Policy,
// and what may be navigated to, opened, loaded or granted. window-guards.ts applies it to Electron.
import { externalUrl, isFileInside, isRendererUrl, parseUrl, type RendererLocation } from './routes';

/** webPreferences of every Berth window (see ARCHITECTURE.md, security of the desktop shell). */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/**
 * The renderer's CSP. xterm sets inline styles, hence style-src 'unsafe-inline'; nothing else is
 * inline. With the Vite dev server, its origin (and its HMR socket and inline preamble) is allowed too.
 */
export function contentSecurityPolicy(devUrl?: string): string {
  let dev: URL | undefined;
  try {
    dev = devUrl ? new URL(devUrl) : undefined;
  } catch {
    dev = undefined;
  }
  const devOrigin = dev ? ` ${dev.origin}` : '';
  const devSocket = dev ? ` ${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${devOrigin}${dev ? " 'unsafe-inline'" : ''}`,
    `style-src 'self' 'unsafe-inline'${devOrigin}`,
    `img-src 'self' data: blob:${devOrigin}`,
    `font-src 'self' data:${devOrigin}`,
    `connect-src 'self'${devOrigin}${devSocket}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}

export type HeaderMap = Record<string, string[] | string>;

/** Response headers with Berth's CSP replacing any CSP already there. */
export function withCsp(headers: HeaderMap | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** In-window navigation: only to Berth's own renderer (a reload of the app itself). */
export function mayNavigate(url: string, where: RendererLocation): boolean {
  return isRendererUrl(url, where);
}

/** window.open and target=_blank: never a new window; http(s) links go to the browser instead. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal?: string } {
  const external = externalUrl(url);
  return external ? { action: 'deny', openExternal: external } : { action: 'deny' };
}

/** Loads from disk: only files inside the built renderer, so a compromised page cannot read others. */
export function mayLoad(url: string, where: RendererLocation): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && (parsed.protocol !== 'file:' || isFileInside(parsed, where.dir));
}

/**
 * Permissions: all refused, except writing to the clipboard (the terminal's and logs' Copy) from
 * Berth's own renderer. Camera, microphone, notifications, geolocation, etc. are never granted.
 */
export function mayGrantPermission(
  permission: string,
  requestingUrl: string | undefined,
  where: RendererLocation,
): boolean {
  return (
    permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isRendererUrl(requestingUrl, where)
  );
}
