// What the native host runs: its options with defaults, and the exact dockerd (or rootlesskit) command.
import { BerthError } from '../../shared/errors';
import { findBinary } from './binaries';
import { EngineStepError } from './step-error';
import type { EngineNetwork } from './network';
import type { BerthPaths, NativeEnginePaths } from './paths';
import type { RotatingLogOptions } from './rotating-log';

export type NativeMode = 'root' | 'rootless';

export interface NativeEngineOptions {
  /** Berth's dirs; default berthPaths() (XDG, or BERTH_HOME). */
  paths?: BerthPaths;
  /** Sub-directory of the data dir for this engine; default "engine". */
  name?: string;
  /** dockerd to run; default the one on PATH or in /usr/sbin. */
  dockerdPath?: string;
  /** rootlesskit to run in rootless mode; default the one on PATH. */
  rootlesskitPath?: string;
  /** "root" runs dockerd directly (needs root); "rootless" runs it through rootlesskit. Default: root when uid is 0. */
  mode?: NativeMode;
  /** Bridge, bridge subnet and user-network pool (root mode). Default: chosen once and kept in the engine dir. */
  network?: Partial<EngineNetwork>;
  /** cgroup parent for containers (root mode); default "berth". */
  cgroupParent?: string;
  /**
   * Let dockerd manage iptables itself. Default false: two dockerds fighting over the DOCKER chains is
   * what we avoid; Berth then installs its own NAT/FORWARD chains for its bridge and pool (nat.ts).
   */
  iptables?: boolean;
  /** Extra dockerd flags, appended last. */
  extraFlags?: string[];
  /** How long to wait for /_ping after launching; default 60 s. */
  startTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace on stop; default 20 s. */
  stopTimeoutMs?: number;
  log?: RotatingLogOptions;
  /** Remove the bridge Berth created when the engine stops; default true. */
  removeBridgeOnStop?: boolean;
  /** Environment for the engine process; default process.env. */
  env?: Record<string, string | undefined>;
}

export interface EngineCommand {
  file: string;
  args: string[];
}

export function defaultMode(): NativeMode {
  return process.getuid?.() === 0 ? 'root' : 'rootless';
}

export function resolveDockerd(opts: NativeEngineOptions): string {
  const found = findBinary(opts.dockerdPath ?? 'dockerd', opts.env);
  if (!found) {
    throw new EngineStepError(
      'unavailable',
      `Could not start Berth's engine: ${opts.dockerdPath ? `"${opts.dockerdPath}" is not an executable file` : 'dockerd is not installed'}.`,
      'Install it with `sudo apt-get install docker.io` (Debian/Ubuntu), or choose an external engine.',
    );
  }
  return found;
}

/** dockerd's flags: every path private to Berth, and (root mode) its own bridge, pool and cgroup parent. */
export function dockerdArgs(
  p: NativeEnginePaths,
  mode: NativeMode,
  net: EngineNetwork | undefined,
  opts: NativeEngineOptions,
): string[] {
  const args = [
    `--config-file=${p.daemonConfig}`,
    `--data-root=${p.dataRoot}`,
    `--exec-root=${p.execRoot}`,
    `--host=unix://${p.socket}`,
    `--pidfile=${p.pidfile}`,
  ];
  if (mode === 'root') {
    if (!net) throw new BerthError({ kind: 'internal', message: 'The root-mode engine needs a network.' });
    args.push(
      `--bridge=${net.bridge}`,
      `--default-address-pool=base=${net.pool},size=${net.poolSize}`,
      `--cgroup-parent=${opts.cgroupParent ?? 'berth'}`,
    );
    if (!opts.iptables) args.push('--iptables=false', '--ip-masq=false');
  }
  return [...args, ...(opts.extraFlags ?? [])];
}

/**
 * rootlesskit with the flags Docker's own dockerd-rootless.sh uses; inside the new namespaces the
 * copied-up /run still links to the host's /run/docker, which the namespaced root may not write, so
 * a tiny shell removes those links before exec'ing dockerd.
 */
export function rootlessCommand(
  rootlesskit: string,
  dockerd: string,
  p: NativeEnginePaths,
  dockerdFlags: string[],
): EngineCommand {
  return {
    file: rootlesskit,
    args: [
      `--state-dir=${p.rootlesskitState}`,
      '--net=slirp4netns',
      '--mtu=65520',
      '--slirp4netns-sandbox=auto',
      '--slirp4netns-seccomp=auto',
      '--disable-host-loopback',
      '--port-driver=builtin',
      '--copy-up=/etc',
      '--copy-up=/run',
      '--propagation=rslave',
      '/bin/sh',
      '-c',
      'rm -f /run/docker /run/containerd /run/xtables.lock; exec "$0" "$@"',
      dockerd,
      ...dockerdFlags,
    ],
  };
}
