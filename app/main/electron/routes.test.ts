import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, deepLinkToRoute, externalUrl, hashRoute, isRendererUrl } from './routes';

describe('hash routes and deep links', () => {
  it.each([
    ['berth://containers/abc123/logs', '#/containers/abc123/logs'],
    ['berth://containers/abc123/terminal', '#/containers/abc123/terminal'],
    ['berth://settings', '#/settings'],
    ['berth://engine/', '#/engine'],
    ['berth:/images', '#/images'],
  ])('maps the link %s to the renderer hash route %s', (link, route) => {
    expect(deepLinkToRoute(link)).toBe(route);
  });

  it('refuses links that are not Berth pages', () => {
    for (const link of [
      'https://containers/abc',
      'berth://unknown/page',
      'berth://containers/a%2Fb',
      'not a url',
      'berth://containers/a/b/c/d/e',
    ]) {
      expect(deepLinkToRoute(link), link).toBeUndefined();
    }
    // Dot segments are resolved by URL parsing, so they never reach the route.
    expect(deepLinkToRoute('berth://containers/../../etc')).toBe('#/containers/etc');
    expect(deepLinkToRoute('berth://containers/%2e%2e')).toBe('#/containers');
    expect(hashRoute('#/containers/%2e%2e/logs')).toBeUndefined();
  });

  it('opens the containers page for an empty route', () => {
    expect(hashRoute('')).toBe('#/containers');
    expect(hashRoute('#/')).toBe('#/containers');
    expect(hashRoute('#/compose')).toBe('#/compose');
  });

  it('finds the deep link among command-line arguments', () => {
    expect(deepLinkInArgv(['/opt/Berth/berth', '--flag', 'berth://settings'])).toBe('berth://settings');
    expect(deepLinkInArgv(['/opt/Berth/berth'])).toBeUndefined();
  });
});

describe('external links', () => {
  it('lets only http(s) leave the app', () => {
    expect(externalUrl('http://localhost:8080')).toBe('http://localhost:8080/');
    expect(externalUrl('https://docs.docker.com/engine/')).toBe('https://docs.docker.com/engine/');
    for (const u of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://host/',
      'mailto:a@b',
      'http://u:p@host/',
      'nonsense',
    ]) {
      expect(externalUrl(u), u).toBeUndefined();
    }
  });
});

describe("Berth's renderer URL", () => {
  const where = { dir: '/opt/berth/out/renderer' };
  it('is the built index.html (with any hash) and files beside it, nothing else', () => {
    expect(isRendererUrl(`${pathToFileURL('/opt/berth/out/renderer/index.html').href}#/images`, where)).toBe(true);
    expect(isRendererUrl('file:///opt/berth/out/renderer', where)).toBe(false);
    expect(isRendererUrl('file:///opt/berth/out/renderer-evil/index.html', where)).toBe(false);
    expect(isRendererUrl('file:///opt/berth/out/main/electron.js', where)).toBe(false);
    expect(isRendererUrl('file://otherhost/opt/berth/out/renderer/index.html', where)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', where)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', { ...where, devUrl: 'http://localhost:5173' })).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', { ...where, devUrl: 'http://localhost:5173' })).toBe(false);
  });
});
