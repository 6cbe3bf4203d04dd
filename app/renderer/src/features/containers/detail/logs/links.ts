// Finds http(s) URLs in a line of text so they can be rendered as links.

export interface LinkRange {
  start: number;
  end: number;
  href: string;
}

// eslint-disable-next-line no-control-regex
const URL_RE = /\bhttps?:\/\/[^\s<>"'`{}|\\^\u0000-\u001f]+/gi;
const PAIRS: Record<string, string> = { ')': '(', ']': '[' };

/** Trailing punctuation that ends a sentence rather than the URL; unbalanced closing brackets. */
function trimEnd(url: string): string {
  let u = url;
  for (;;) {
    const last = u[u.length - 1];
    if (last && '.,;:!?*'.includes(last)) {
      u = u.slice(0, -1);
      continue;
    }
    if (last && PAIRS[last]) {
      const open = PAIRS[last]!;
      const opens = u.split(open).length - 1;
      const closes = u.split(last).length - 1;
      if (closes > opens) {
        u = u.slice(0, -1);
        continue;
      }
    }
    return u;
  }
}

export function findLinks(text: string): LinkRange[] {
  if (text.indexOf('http') === -1 && text.indexOf('HTTP') === -1) return [];
  const out: LinkRange[] = [];
  URL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(text)) !== null) {
    const url = trimEnd(m[0]);
    if (!/^https?:\/\/[^/?#\s]+/i.test(url)) continue;
    let href: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      href = parsed.href;
    } catch {
      continue;
    }
    out.push({ start: m.index, end: m.index + url.length, href });
  }
  return out;
}
