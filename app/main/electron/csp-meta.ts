// The renderer's CSP also as a <meta http-equiv> in the built index.html, so a page loaded without
// Berth's response header (a file:// load, a window the session hook does not see) is still under it.
// It is the header's policy minus what a <meta> cannot carry (frame-ancestors, report-uri, sandbox);
// the build adds it (vite.renderer.config.ts), not the dev server, whose inline preamble it would block.
import { contentSecurityPolicy } from './security-policy';

const NOT_IN_META = /^(frame-ancestors|report-uri|report-to|sandbox)\b/;

/** The policy a <meta> can carry: the header's, less the directives browsers ignore there. */
export function metaContentSecurityPolicy(): string {
  return contentSecurityPolicy()
    .split('; ')
    .filter((d) => !NOT_IN_META.test(d))
    .join('; ');
}

/** `html` with the CSP <meta> early in <head>: after the charset, before any script or style. */
export function withCspMeta(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy()}" />`;
  if (/http-equiv="Content-Security-Policy"/i.test(html)) return html;
  const anchor = /<meta charset[^>]*>/i.exec(html) ?? /<head[^>]*>/i.exec(html);
  if (!anchor) throw new Error('index.html has no <head>: the CSP <meta> has nowhere to go');
  const end = anchor.index + anchor[0].length;
  return `${html.slice(0, end)}\n    ${meta}${html.slice(end)}`;
}
