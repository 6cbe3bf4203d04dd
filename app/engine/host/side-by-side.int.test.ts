// Berth's engine next to a "system" dockerd (the harness's) and next to another Berth engine:
// separate sockets, data, bridges and subnets; stopping one leaves the others alone.
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { buildBusybox } from '../../../harness/fixtures';
import type { TestEngine } from '../../../harness/engine';
import { pingUnix } from '../docker/client';
import { bridgeExists } from './network';
import { nativeFixture } from './test-support/native-fixture';

const fixture = nativeFixture();
afterEach(() => fixture.teardown());

describe('engines side by side (real dockerd)', () => {
  it('runs two Berth engines next to a system-style dockerd without collisions', async () => {
    const system = testEngine();
    const a = fixture.create({}, 'a');
    const b = fixture.create({}, 'b');
    await Promise.all([a.host.start(), b.host.start()]);

    const roots = await Promise.all(
      [system, a, b].map(async (e) => (await e.docker(['info', '--format', '{{.DockerRootDir}}'])).stdout.trim()),
    );
    expect(new Set(roots).size).toBe(3);
    expect(a.home.network.bridge).not.toBe(b.home.network.bridge);
    expect(bridgeExists(a.home.network.bridge) && bridgeExists(b.home.network.bridge)).toBe(true);

    const image = 'berth-fixture/busybox:latest';
    for (const t of [a, b]) {
      await buildBusybox({ dir: t.home.dir, docker: t.docker } as unknown as TestEngine);
      expect((await t.docker(['network', 'create', 'app'])).code).toBe(0);
      expect(
        (await t.docker(['run', '-d', '--name', 'web', '--network', 'app', image, 'httpd', '-f', '-p', '8080'])).code,
      ).toBe(0);
    }
    const ip = async (t: typeof a, net: string, container = 'web') =>
      (
        await t.docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, container])
      ).stdout.trim();
    const [ipA, ipB] = [await ip(a, 'app'), await ip(b, 'app')];
    expect(ipA.startsWith(a.home.network.pool.split('.').slice(0, 2).join('.') + '.')).toBe(true);
    expect(ipB.startsWith(b.home.network.pool.split('.').slice(0, 2).join('.') + '.')).toBe(true);
    expect(ipA).not.toBe(ipB);
    // Containers on the default bridge get addresses from each engine's own --bip subnet.
    for (const t of [a, b]) {
      expect((await t.docker(['run', '-d', '--name', 'plain', image, 'sleep', '60'])).code).toBe(0);
      const prefix = t.home.network.bip.split('.').slice(0, 3).join('.') + '.';
      expect((await ip(t, 'bridge', 'plain')).startsWith(prefix)).toBe(true);
      await t.docker(['rm', '-f', 'web', 'plain']);
    }

    await a.host.stop();
    expect((await pingUnix(system.socket)).ok).toBe(true);
    expect((await pingUnix(b.host.paths.socket)).ok).toBe(true);
    expect(bridgeExists(b.home.network.bridge)).toBe(true);
    expect(bridgeExists(a.home.network.bridge)).toBe(false);
  });
});
