import { describe, expect, it } from 'vitest';
import {
  describeRootlessProblems,
  rootlessProblems,
  subordinateRange,
  type RootlessEnvironment,
} from './rootless-prereqs';

const env = (over: Partial<RootlessEnvironment> & { files?: Record<string, string> } = {}): RootlessEnvironment => ({
  user: 'ann',
  uid: 1001,
  find: (n) => `/usr/bin/${n}`,
  read: (p) => over.files?.[p],
  canOpen: () => true,
  ...over,
});

describe('rootless prerequisites', () => {
  it('says how to open /dev/net/tun when this user cannot (its mode is 0600 on some hosts)', () => {
    const problems = rootlessProblems(
      env({
        canOpen: (p) => p !== '/dev/net/tun',
        files: { '/etc/subuid': 'ann:100000:65536\n', '/etc/subgid': 'ann:100000:65536\n' },
      }),
    );
    const { message, fix } = describeRootlessProblems(problems);
    expect(message).toContain('/dev/net/tun cannot be opened by user "ann"');
    expect(fix).toContain('sudo chmod 0666 /dev/net/tun');
  });

  it('passes with tools installed and subordinate ranges', () => {
    expect(
      rootlessProblems(env({ files: { '/etc/subuid': 'ann:100000:65536\n', '/etc/subgid': '1001:100000:65536\n' } })),
    ).toEqual([]);
  });

  it('names each missing package and the exact usermod command', () => {
    const problems = rootlessProblems(
      env({
        find: (n) => (n === 'rootlesskit' || n === 'newuidmap' ? undefined : `/usr/bin/${n}`),
        files: { '/etc/subuid': 'bob:1:65536' },
      }),
    );
    const { message, fix } = describeRootlessProblems(problems);
    expect(message).toContain('rootlesskit is not installed');
    expect(message).toContain('newuidmap/newgidmap are not installed');
    expect(message).toContain('/etc/subuid grants no id range to user "ann"');
    expect(message).toContain('/etc/subgid grants no id range');
    expect(fix).toContain('sudo apt-get install rootlesskit');
    expect(fix).toContain('sudo apt-get install uidmap');
    expect(fix).toMatch(/sudo usermod --add-subuids \d+-\d+ ann/);
  });

  it('reports a too small range and disabled user namespaces', () => {
    const problems = rootlessProblems(
      env({
        files: {
          '/etc/subuid': 'ann:100000:1000',
          '/etc/subgid': 'ann:100000:65536',
          '/proc/sys/user/max_user_namespaces': '0\n',
        },
      }),
    );
    expect(problems.map((p) => p.what)).toEqual([
      '/etc/subuid grants user "ann" only 1000 ids (at least 65536 are needed)',
      'user namespaces are disabled (user.max_user_namespaces is 0)',
    ]);
  });

  it('adds up several ranges for the same user', () => {
    expect(subordinateRange('ann:1:10\nbob:5:5\n1001:20:30', 'ann', 1001)).toBe(40);
  });
});
