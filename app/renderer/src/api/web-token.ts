// The page's secret in a browser on `berth serve`: taken once from the address `berth serve`
// printed (?token=…), kept in sessionStorage (scoped to this origin, so to this port, and to this
// tab), and removed from the address bar so it stays out of history, bookmarks and screenshots.
// Berth never sets a cookie: a cookie would also reach every other port of the same host.

const KEY = 'berth.token';
/** What a token looks like (base64url, as `berth serve` makes them). */
const TOKEN = /^[\w-]{16,256}$/;

/** The token from the address (stored, then removed from the address bar), else the stored one. */
export function takeToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (TOKEN.test(fromUrl)) saveToken(fromUrl);
  }
  return storedToken();
}

export function storedToken(): string | undefined {
  try {
    return window.sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(token: string): void {
  window.sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  window.sessionStorage.removeItem(KEY);
}

/** A pasted token, or the address `berth serve` printed; undefined when it is neither. */
export function tokenFromInput(text: string): string | undefined {
  const t = text.trim();
  if (TOKEN.test(t)) return t;
  try {
    const fromUrl = new URL(t).searchParams.get('token');
    return fromUrl && TOKEN.test(fromUrl) ? fromUrl : undefined;
  } catch {
    return undefined;
  }
}

export type TokenCheck = 'accepted' | 'refused' | 'unreachable';

/** Asks the server whether it accepts `token` (a refused socket cannot say why it was refused). */
export async function checkToken(token: string): Promise<TokenCheck> {
  try {
    const res = await fetch('/api/check', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    return res.status === 204 ? 'accepted' : res.status === 401 ? 'refused' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
