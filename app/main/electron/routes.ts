// Which URLs the shell accepts: hash routes of the renderer, berth:// deep links, Berth's own
// renderer URL (for the sender-frame and navigation checks) and external http(s) links.
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEEP_LINK_SCHEME = 'berth';

/** The renderer's pages (app/renderer/src/app/router.ts); anything else opens the containers page. */
const pages = ['containers', 'images', 'volumes', 'networks', 'compose', 'engine', 'settings'] as const;
const segment = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** A hash route like `#/containers/<id>/logs`, or undefined when the path is not one of Berth's pages. */
export function hashRoute(path: string): string | undefined {
  const parts = path
    .replace(/^#?\/*/, '')
    .split('/')
    .filter(Boolean);
  if (parts.length === 0) return '#/containers';
  if (!(pages as readonly string[]).includes(parts[0]!) || parts.length > 4) return undefined;
  let decoded: string[];
  try {
    decoded = parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  if (!decoded.every((p) => segment.test(p))) return undefined;
  return `#/${decoded.map(encodeURIComponent).join('/')}`;
}

/** `raw` as a URL, or undefined when it is not one. */
export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** `berth://containers/<id>/logs` → `#/containers/<id>/logs`; undefined when it is not a Berth link. */
export function deepLinkToRoute(link: string): string | undefined {
  const url = parseUrl(link);
  if (url?.protocol !== `${DEEP_LINK_SCHEME}:`) return undefined;
  // berth://containers/abc/logs parses with host "containers"; berth:/containers/abc too.
  return hashRoute(`${url.host}${url.pathname}`);
}

/** The deep link among a second instance's (or the first launch's) command-line arguments. */
export function deepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((a) => a.startsWith(`${DEEP_LINK_SCHEME}://`) || a.startsWith(`${DEEP_LINK_SCHEME}:/`));
}

/**
 * Only http(s) links leave the app: published ports (http://localhost:PORT) and documentation.
 * Returns the normalised URL, or undefined when it must not be opened.
 */
export function externalUrl(raw: string): string | undefined {
  const url = parseUrl(raw);
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return url.toString();
}

/** Where the renderer lives: its built index.html (file://) or the Vite dev server's origin. */
export interface RendererLocation {
  /** Absolute directory of the built renderer (out/renderer). */
  dir: string;
  /** `http://localhost:5173` when developing with the Vite dev server. */
  devUrl?: string;
}

/** Whether `raw` is a page of Berth's own renderer (any hash is fine; nothing outside its directory). */
export function isRendererUrl(raw: string, where: RendererLocation): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  // a malformed dev URL allows nothing
  if (where.devUrl && url.origin === parseUrl(where.devUrl)?.origin) return true;
  if (url.protocol !== 'file:') return false;
  return isFileInside(url, where.dir);
}

/** Whether a file:// URL points inside `dir` (used to refuse renderer loads of any other file). */
export function isFileInside(url: URL, dir: string): boolean {
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
