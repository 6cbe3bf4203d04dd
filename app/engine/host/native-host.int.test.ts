// Berth's own dockerd against the real binary: lifecycle, privacy of its files, no leftovers.
import { existsSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pingUnix } from '../docker/client';
import { bridgeExists } from './network';
import { processesMentioning } from './processes';
import { nativeFixture } from './test-support/native-fixture';

const fixture = nativeFixture();
afterEach(() => fixture.teardown());

describe('NativeHost (root mode, real dockerd)', () => {
  it('goes stopped → starting → running → stopping → stopped with progress lines, and leaves nothing behind', async () => {
    const { host, events, docker, home } = fixture.create();
    expect(await host.start()).toBe('running');
    const status = host.status();
    expect(status).toMatchObject({ state: 'running', progress: 'Engine is running' });
    expect(status.pid).toBeGreaterThan(0);
    expect((await pingUnix(host.paths.socket)).ok).toBe(true);

    // Private, user-only files under BERTH_HOME; its own bridge and pool.
    expect(host.paths.dir.startsWith(home.dir)).toBe(true);
    expect(statSync(host.paths.socket).mode & 0o777).toBe(0o600);
    expect(statSync(host.paths.dir).mode & 0o777).toBe(0o700);
    expect(existsSync(host.paths.pidfile)).toBe(true);
    expect(bridgeExists(home.network.bridge)).toBe(true);
    const info = await docker(['info', '--format', '{{.DockerRootDir}}']);
    expect(info.stdout.trim()).toBe(host.paths.dataRoot);
    const net = await docker(['network', 'create', 'berth-test-net']);
    expect(net.code).toBe(0);
    const subnet = await docker([
      'network',
      'inspect',
      'berth-test-net',
      '--format',
      '{{(index .IPAM.Config 0).Subnet}}',
    ]);
    expect(subnet.stdout.trim().split('.').slice(0, 2).join('.')).toBe(
      home.network.pool.split('.').slice(0, 2).join('.'),
    );

    await host.stop();
    expect(host.status()).toMatchObject({ state: 'stopped' });
    expect(host.status().pid).toBeUndefined();
    const transitions = events.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? e.to : ''));
    expect(transitions).toEqual(['starting', 'running', 'stopping', 'stopped']);
    const progress = events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.progress : ''));
    expect(progress).toEqual(expect.arrayContaining(['Starting dockerd', 'Waiting for the engine API']));

    expect(processesMentioning(host.paths.execRoot)).toEqual([]);
    expect(existsSync(host.paths.socket)).toBe(false);
    expect(bridgeExists(home.network.bridge)).toBe(false);
    expect(host.logTail(200).join('\n')).toContain('API listen on');
  });

  it('stops containers, containerd and shims with the engine', async () => {
    const { host, docker, home } = fixture.create();
    await host.start();
    const { buildBusybox } = await import('../../../harness/fixtures');
    const image = await buildBusybox({ dir: home.dir, docker } as Parameters<typeof buildBusybox>[0]);
    const run = await docker(['run', '-d', image, 'sleep', '600']);
    expect(run.code).toBe(0);
    expect(processesMentioning(host.paths.execRoot).length).toBeGreaterThanOrEqual(2); // containerd + shim
    await host.stop();
    expect(processesMentioning(host.paths.execRoot)).toEqual([]);
    expect(processesMentioning(host.paths.dataRoot)).toEqual([]); // (the harness reaper, which names the home dir, stays until we exit)
  });

  it('aborts a start cleanly when stopped during it', async () => {
    const { host, events } = fixture.create();
    const starting = host.start();
    await new Promise((r) => setTimeout(r, 30));
    await host.stop();
    expect(await starting).toBe('stopped');
    expect(host.status().state).toBe('stopped');
    expect(processesMentioning(host.paths.execRoot)).toEqual([]);
    expect(processesMentioning(host.paths.dataRoot)).toEqual([]);
    expect(events.some((e) => e.type === 'state' && e.from === 'starting' && e.to === 'stopping')).toBe(true);
    // And it can start again afterwards.
    expect(await host.start()).toBe('running');
  });
});
