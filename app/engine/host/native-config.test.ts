import { describe, expect, it } from 'vitest';
import { dockerdArgs, rootlessCommand } from './native-config';
import { nativeEnginePaths } from './paths';

const p = nativeEnginePaths({ data: '/d', config: '/c' });
const net = { bridge: 'bt1', bip: '10.1.2.1/24', pool: '10.3.0.0/16', poolSize: 24 };

describe('dockerd command', () => {
  it('keeps every path private and uses its own bridge, pool and cgroup parent in root mode', () => {
    const args = dockerdArgs(p, 'root', net, { cgroupParent: 'berth-x', extraFlags: ['--debug'] });
    expect(args).toEqual([
      '--config-file=/d/engine/daemon.json',
      '--data-root=/d/engine/data-root',
      '--exec-root=/d/engine/exec',
      '--host=unix:///d/engine/docker.sock',
      '--pidfile=/d/engine/dockerd.pid',
      '--bridge=bt1',
      '--default-address-pool=base=10.3.0.0/16,size=24',
      '--cgroup-parent=berth-x',
      '--iptables=false',
      '--ip-masq=false',
      '--debug',
    ]);
  });

  it('runs dockerd inside rootlesskit in rootless mode, without a host bridge', () => {
    const cmd = rootlessCommand(
      '/usr/bin/rootlesskit',
      '/usr/sbin/dockerd',
      p,
      dockerdArgs(p, 'rootless', undefined, {}),
    );
    expect(cmd.file).toBe('/usr/bin/rootlesskit');
    expect(cmd.args).toContain('--net=slirp4netns');
    expect(cmd.args).toContain('--state-dir=/d/engine/rootlesskit');
    expect(cmd.args.slice(cmd.args.indexOf('/usr/sbin/dockerd'))).toEqual([
      '/usr/sbin/dockerd',
      ...dockerdArgs(p, 'rootless', undefined, {}),
    ]);
    expect(cmd.args.join(' ')).not.toContain('--bridge');
  });
});
