// Where the shell finds its pieces: the built renderer and preload next to the main bundle, the
// resources (icons) in the package or the checkout, and Berth's config dir.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { berthPaths } from '../paths';
import type { RendererLocation } from './routes';

export interface AppLocations {
  renderer: RendererLocation;
  preload: string;
  resources: string;
  configDir: string;
  /**
   * Chromium's profile (Electron's userData). Kept under Berth's data dir, not Electron's default
   * (which would be Berth's config dir on Linux), so BERTH_HOME moves it too — and with it the
   * single-instance lock.
   */
  userData: string;
}

/**
 * `mainFile` is out/main/electron.js. Packaged, resources are in <resourcesPath>/resources
 * (electron-builder's extraResources); from a checkout, in ./resources.
 */
export function appLocations(opts: {
  mainFile: string;
  isPackaged: boolean;
  resourcesPath: string;
  env?: Record<string, string | undefined>;
}): AppLocations {
  const env = opts.env ?? process.env;
  const outDir = join(dirname(opts.mainFile), '..');
  const devUrl = !opts.isPackaged ? env.BERTH_RENDERER_URL : undefined;
  const paths = berthPaths(env);
  return {
    renderer: { dir: join(outDir, 'renderer'), ...(devUrl ? { devUrl } : {}) },
    preload: join(outDir, 'preload', 'preload.cjs'),
    resources: opts.isPackaged ? join(opts.resourcesPath, 'resources') : join(outDir, '..', 'resources'),
    configDir: paths.config,
    userData: join(paths.data, 'desktop-profile'),
  };
}

export const mainFileOf = (importMetaUrl: string) => fileURLToPath(importMetaUrl);
