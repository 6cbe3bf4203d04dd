import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metaContentSecurityPolicy, withCspMeta } from './csp-meta';
import { contentSecurityPolicy } from './security-policy';

const indexHtml = readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');

describe('the CSP <meta> of the built renderer (for file:// loads without the header)', () => {
  it('is the header policy, less what a <meta> cannot carry', () => {
    const header = contentSecurityPolicy().split('; ');
    const meta = metaContentSecurityPolicy().split('; ');
    expect(header.filter((d) => !meta.includes(d))).toEqual(["frame-ancestors 'none'"]);
    expect(meta).toContain("default-src 'none'");
    expect(meta).toContain("script-src 'self'");
  });

  it("goes into the renderer's index.html after the charset and before any script", () => {
    const html = withCspMeta(indexHtml);
    const meta = html.indexOf(`<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy()}" />`);
    expect(meta).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(meta).toBeLessThan(html.indexOf('<script'));
    expect(withCspMeta(html)).toBe(html); // once
    expect(() => withCspMeta('<p>no head</p>')).toThrow(/no <head>/);
  });
});
