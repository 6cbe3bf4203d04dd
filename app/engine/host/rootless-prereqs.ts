// What the rootless engine needs before rootlesskit can run, each missing piece with the exact fix.
import { accessSync, constants, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { findBinary } from './binaries';

export interface RootlessProblem {
  what: string;
  fix: string;
}

export interface RootlessEnvironment {
  user: string;
  uid: number;
  /** Finds a program; returns its path or undefined. */
  find(name: string): string | undefined;
  /** Reads a file's text, or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** Whether this user may open the device for reading and writing (false when it is missing). */
  canOpen(path: string): boolean;
}

export function currentRootlessEnvironment(): RootlessEnvironment {
  const info = userInfo();
  return {
    user: info.username,
    uid: info.uid,
    find: (name) => findBinary(name),
    read: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    canOpen: (path) => {
      try {
        accessSync(path, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Size of the subordinate id range granted to `user`/`uid` in an /etc/subuid-style text. */
export function subordinateRange(text: string | undefined, user: string, uid: number): number {
  let total = 0;
  for (const line of (text ?? '').split('\n')) {
    const [who, , count] = line.trim().split(':');
    if (who === user || who === String(uid)) total += Number(count) || 0;
  }
  return total;
}

const MIN_RANGE = 65536;
const TUN = '/dev/net/tun';

/** Every missing prerequisite of the rootless engine; empty when it can start. */
export function rootlessProblems(env: RootlessEnvironment = currentRootlessEnvironment()): RootlessProblem[] {
  const problems: RootlessProblem[] = [];
  const apt = (pkg: string) => `Install it with \`sudo apt-get install ${pkg}\`.`;
  if (!env.find('rootlesskit')) problems.push({ what: 'rootlesskit is not installed', fix: apt('rootlesskit') });
  if (!env.find('newuidmap') || !env.find('newgidmap')) {
    problems.push({ what: 'newuidmap/newgidmap are not installed', fix: apt('uidmap') });
  }
  if (!env.find('slirp4netns')) problems.push({ what: 'slirp4netns is not installed', fix: apt('slirp4netns') });
  if (env.find('slirp4netns') && !env.canOpen(TUN)) {
    problems.push({
      what: `${TUN} cannot be opened by user "${env.user}" (slirp4netns needs it for the rootless engine's network)`,
      fix: `Open it to every user, as Debian does by default, with \`sudo chmod 0666 ${TUN}\` (or load the tun module with \`sudo modprobe tun\` if it is missing).`,
    });
  }
  const range = `${100000 + (env.uid % 1000) * MIN_RANGE}-${100000 + (env.uid % 1000) * MIN_RANGE + MIN_RANGE - 1}`;
  for (const [file, flag] of [
    ['/etc/subuid', '--add-subuids'],
    ['/etc/subgid', '--add-subgids'],
  ] as const) {
    const size = subordinateRange(env.read(file), env.user, env.uid);
    if (size < MIN_RANGE) {
      problems.push({
        what:
          size === 0
            ? `${file} grants no id range to user "${env.user}"`
            : `${file} grants user "${env.user}" only ${size} ids (at least ${MIN_RANGE} are needed)`,
        fix: `Add a range with \`sudo usermod ${flag} ${range} ${env.user}\`.`,
      });
    }
  }
  const maxNs = env.read('/proc/sys/user/max_user_namespaces');
  if (maxNs !== undefined && Number(maxNs.trim()) === 0) {
    problems.push({
      what: 'user namespaces are disabled (user.max_user_namespaces is 0)',
      fix: 'Enable them with `sudo sysctl -w user.max_user_namespaces=28633`.',
    });
  }
  const unprivClone = env.read('/proc/sys/kernel/unprivileged_userns_clone');
  if (unprivClone !== undefined && unprivClone.trim() === '0') {
    problems.push({
      what: 'unprivileged user namespaces are disabled',
      fix: 'Enable them with `sudo sysctl -w kernel.unprivileged_userns_clone=1`.',
    });
  }
  return problems;
}

/** One sentence listing every problem and its fix. */
export function describeRootlessProblems(problems: RootlessProblem[]): { message: string; fix: string } {
  return {
    message: `The rootless engine cannot start: ${problems.map((p) => p.what).join('; ')}.`,
    fix: problems.map((p) => p.fix).join(' '),
  };
}
