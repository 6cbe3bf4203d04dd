// For integration tests: throw-away network namespaces and veth pairs, removed in cleanup() even when
// the test failed. Names carry a random id so parallel tests never collide.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

export const sh = (file: string, args: string[], input?: string): string =>
  execFileSync(file, args, {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(input !== undefined ? { input } : {}),
  });

export function netnsFixture() {
  const namespaces: string[] = [];
  const links: string[] = [];
  const cleanups: (() => void)[] = [];
  return {
    id: () => randomBytes(3).toString('hex'),
    /** A new, empty network namespace (loopback up). */
    netns(name: string): string {
      sh('ip', ['netns', 'add', name]);
      namespaces.push(name);
      sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
      return name;
    },
    /** A veth pair: `host` stays in the root namespace with `hostAddr`, `peer` moves into `ns` with `peerAddr`. */
    veth(host: string, peer: string, ns: string, hostAddr: string, peerAddr: string): void {
      sh('ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
      links.push(host);
      sh('ip', ['link', 'set', peer, 'netns', ns]);
      sh('ip', ['addr', 'add', hostAddr, 'dev', host]);
      sh('ip', ['link', 'set', host, 'up']);
      sh('ip', ['-n', ns, 'addr', 'add', peerAddr, 'dev', peer]);
      sh('ip', ['-n', ns, 'link', 'set', peer, 'up']);
    },
    /** Runs `fn` at cleanup (before namespaces and links go). */
    defer(fn: () => void): void {
      cleanups.push(fn);
    },
    cleanup(): void {
      for (const fn of cleanups.splice(0).reverse()) {
        try {
          fn();
        } catch {
          /* keep cleaning */
        }
      }
      for (const l of links.splice(0)) if (existsSync(`/sys/class/net/${l}`)) sh('ip', ['link', 'del', l]);
      for (const n of namespaces.splice(0)) {
        try {
          sh('ip', ['netns', 'pids', n])
            .split('\n')
            .filter(Boolean)
            .forEach((pid) => process.kill(Number(pid), 'SIGKILL'));
        } catch {
          /* none */
        }
        sh('ip', ['netns', 'del', n]);
      }
    },
  };
}
