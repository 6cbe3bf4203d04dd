import { describe, expect, it } from 'vitest';
import { appLocations } from './app-locations';

describe('app locations', () => {
  it('finds renderer, preload and resources next to the main bundle in a checkout', () => {
    const l = appLocations({
      mainFile: '/src/berth/out/main/electron.js',
      isPackaged: false,
      resourcesPath: '/x',
      env: { BERTH_HOME: '/h' },
    });
    expect(l).toEqual({
      renderer: { dir: '/src/berth/out/renderer' },
      preload: '/src/berth/out/preload/preload.cjs',
      resources: '/src/berth/resources',
      configDir: '/h/config',
      userData: '/h/data/desktop-profile',
    });
  });

  it('uses the packaged resources and never a dev server URL in a package', () => {
    const l = appLocations({
      mainFile: '/opt/Berth/resources/app.asar/out/main/electron.js',
      isPackaged: true,
      resourcesPath: '/opt/Berth/resources',
      env: { BERTH_RENDERER_URL: 'http://localhost:5173', HOME: '/home/me', XDG_CONFIG_HOME: '/home/me/.config' },
    });
    expect(l.renderer).toEqual({ dir: '/opt/Berth/resources/app.asar/out/renderer' });
    expect(l.resources).toBe('/opt/Berth/resources/resources');
  });

  it('uses the Vite dev server when developing and asked to', () => {
    const l = appLocations({
      mainFile: '/s/out/main/electron.js',
      isPackaged: false,
      resourcesPath: '/x',
      env: { BERTH_HOME: '/h', BERTH_RENDERER_URL: 'http://localhost:5173' },
    });
    expect(l.renderer.devUrl).toBe('http://localhost:5173');
  });
});
