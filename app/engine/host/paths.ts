// Where Berth keeps its files: XDG on Linux, platform conventions elsewhere; BERTH_HOME moves all of it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface BerthPaths {
  /** Berth's data dir: the managed engine's data-root, exec-root, socket and logs live below it. */
  data: string;
  /** Berth's config dir: settings and the engine selection. */
  config: string;
}

export interface NativeEnginePaths {
  dir: string;
  dataRoot: string;
  execRoot: string;
  socket: string;
  pidfile: string;
  logFile: string;
  daemonConfig: string;
  /** rootlesskit's state dir (rootless mode only). */
  rootlesskitState: string;
}

type Env = Record<string, string | undefined>;

export function berthPaths(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): BerthPaths {
  if (env.BERTH_HOME) return { data: join(env.BERTH_HOME, 'data'), config: join(env.BERTH_HOME, 'config') };
  if (platform === 'darwin') {
    const base = join(home, 'Library', 'Application Support', 'Berth');
    return { data: join(base, 'data'), config: join(base, 'config') };
  }
  if (platform === 'win32') {
    const appData = env.APPDATA ?? join(home, 'AppData', 'Roaming');
    const localAppData = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return { data: join(localAppData, 'Berth'), config: join(appData, 'Berth') };
  }
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const configHome = env.XDG_CONFIG_HOME || join(home, '.config');
  return { data: join(dataHome, 'berth'), config: join(configHome, 'berth') };
}

/**
 * The managed engine's files. A unix socket path may be at most 107 bytes, so the socket lives in a
 * short run dir when the data dir is deep.
 */
export function nativeEnginePaths(paths: BerthPaths, name = 'engine'): NativeEnginePaths {
  const dir = join(paths.data, name);
  return {
    dir,
    dataRoot: join(dir, 'data-root'),
    execRoot: join(dir, 'exec'),
    socket: join(dir, 'docker.sock'),
    pidfile: join(dir, 'dockerd.pid'),
    logFile: join(dir, 'dockerd.log'),
    daemonConfig: join(dir, 'daemon.json'),
    rootlesskitState: join(dir, 'rootlesskit'),
  };
}

/** The longest unix socket path Linux accepts (sun_path is 108 bytes with the terminating NUL). */
export const MAX_SOCKET_PATH = 107;
