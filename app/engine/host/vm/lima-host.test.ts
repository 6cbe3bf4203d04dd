// LimaHost driven through a fake limactl (test-support/fake-limactl.mjs) that prints what real
// limactl 1.0.x prints and serves a fake engine on the forwarded socket. macOS and Lima are absent
// here, so none of this has run against a real VM.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pingUnix } from '../../docker/client';
import type { EngineHostEvent } from '../types';
import { LimaHost, type LimaHostOptions } from './lima-host';
import { fakeCalls, fakeHome, writeFakeState, type FakeHome } from './test-support/fake-tools';
import { STATS_CONTAINERS, guestCgroupTree } from './test-support/guest-cgroup-tree';

const homes: FakeHome[] = [];
const hosts: LimaHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop().catch(() => undefined);
  for (const h of homes.splice(0)) h.cleanup();
});

/** A Berth (a LimaHost) on a new fake home, or on `home` again: a second Berth on the same data dir. */
function setup(fake = '', opts: Partial<LimaHostOptions> = {}, again?: FakeHome) {
  const home = again ?? fakeHome();
  if (!again) homes.push(home);
  home.install('fake-limactl.mjs', 'limactl');
  const host = new LimaHost({
    paths: home.paths,
    env: { ...home.env, FAKE_LIMA: fake },
    platform: 'darwin',
    vmType: 'vz',
    apiTimeoutMs: 10000,
    ...opts,
  });
  hosts.push(host);
  const events: EngineHostEvent[] = [];
  host.subscribe((e) => events.push(e));
  const progress = () => events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
  const notices = () => events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
  return { home, host, events, progress, notices, calls: () => fakeCalls(host.paths.limaHome) };
}

describe('LimaHost (fake limactl: macOS absent here)', { timeout: 30000 }, () => {
  it('creates the instance from the template, starts it with mapped progress, serves the forwarded socket, stops', async () => {
    const { host, progress, calls } = setup();
    expect(await host.start()).toBe('running');
    expect((await pingUnix(host.paths.socket)).ok).toBe(true);
    expect(host.address).toEqual({ kind: 'unix', socketPath: host.paths.socket });
    const config = readFileSync(host.paths.config, 'utf8');
    expect(config).toContain(`hostSocket: '${host.paths.socket}'`);
    expect(config).toMatch(/^vmType: vz/m);
    expect(calls()).toEqual([
      '--version',
      'list --json',
      'disk list --json',
      'disk create berth-data --size=60GiB --format=raw',
      `create --name=berth --tty=false ${host.paths.config}`,
      'start --tty=false berth',
    ]);
    expect(progress()).toEqual(
      expect.arrayContaining([
        "Creating Berth's VM",
        "Starting Berth's VM (VZ)",
        "Downloading the VM's system image (first start only)",
        "Booting Berth's VM",
        'Waiting for the VM to boot (1/2: ssh)',
        "Forwarding the engine's socket to the Mac",
        'VM is running; waiting for the engine API',
      ]),
    );
    expect(host.logTail(200).join('\n')).toContain('READY. Run');
    const disk = await host.diskUsage();
    expect(disk.sizeBytes).toBe(60 * 1024 ** 3);
    expect(disk.usedBytes).toBeGreaterThan(0);
    expect(disk.usedBytes).toBeLessThan(1024 ** 3);
    expect(disk.hostFreeBytes).toBeGreaterThan(0);

    await host.stop();
    expect(host.status().state).toBe('stopped');
    // The data disk is trimmed before the VM stops, so the Mac gets the freed blocks back.
    expect(calls().slice(-2)).toEqual(['shell --workdir / berth sudo fstrim -v /mnt/lima-berth-data', 'stop berth']);
    expect(host.logTail(50).join('\n')).toContain('trimmed: /mnt/lima-berth-data: 1.2 GiB');
    expect((await pingUnix(host.paths.socket, 500)).ok).toBe(false);

    // A second start reuses the instance (no download, no create).
    expect(await host.start()).toBe('running');
    expect(calls().filter((c) => c.startsWith('create'))).toHaveLength(1);
  });

  it('finds limactl in Berth’s bundled resources before PATH', async () => {
    const { home, host, calls } = setup('', {});
    const resources = join(home.dir, 'resources');
    const bundled = home.install('fake-limactl.mjs', 'limactl', join(resources, 'lima', 'bin'));
    const withBundle = new LimaHost({
      paths: home.paths,
      env: { ...home.env, PATH: '/nonexistent' },
      platform: 'darwin',
      vmType: 'vz',
      resourcesDir: resources,
      templateFile: join(process.cwd(), 'resources/vm/lima/berth.yaml'),
    });
    hosts.push(withBundle);
    expect(await withBundle.start()).toBe('running');
    expect(withBundle.logTail(200).join('\n')).toContain(`at ${bundled}`);
    expect(calls()).toContain('start --tty=false berth');
    void host;
  });

  it('recovers a Broken instance: deletes and recreates it, keeping the data disk, and says so', async () => {
    const { host, notices, calls } = setup();
    writeFakeState(host.paths.limaHome, {
      instances: {
        berth: {
          status: 'Broken',
          vmType: 'vz',
          cpus: 2,
          memory: 4 * 1024 ** 3,
          errors: ['open lima.yaml: no such file or directory'],
        },
      },
      disks: { 'berth-data': { size: 60 * 1024 ** 3, instance: 'berth' } },
    });
    expect(await host.start()).toBe('running');
    expect(notices().join(' ')).toMatch(
      /Berth's VM was broken \(open lima\.yaml: no such file or directory\); Berth recreates it\. .*kept/,
    );
    const c = calls();
    expect(c.indexOf('delete --force berth')).toBeGreaterThan(-1);
    expect(c).toContain('disk unlock berth-data');
    expect(c).not.toContain('disk create berth-data --size=60GiB --format=raw');
    expect(c.indexOf(`create --name=berth --tty=false ${host.paths.config}`)).toBeGreaterThan(
      c.indexOf('delete --force berth'),
    );
  });

  it('ends in error with the failing step, limactl’s own message and a fix when the image cannot be downloaded', async () => {
    const { host } = setup('download-fails');
    await expect(host.start()).rejects.toThrow(/internet connection/);
    const s = host.status();
    expect(s.state).toBe('error');
    expect(s.failure).toMatchObject({ step: "Starting Berth's VM" });
    expect(s.failure!.message).toMatch(
      /limactl start failed \(exit code 1\): failed to download the image.*no such host/,
    );
    expect(s.failure!.logTail.join('\n')).toContain('level=fatal');
    await host.stop();
    expect(host.status().state).toBe('stopped');
  });

  it('says what to do when limactl is missing or too old', async () => {
    const missing = setup('', { env: { PATH: '/nonexistent' } });
    await expect(missing.host.start()).rejects.toThrow(/neither bundled with Berth nor installed.*brew install lima/);
    expect(missing.host.status().failure!.step).toBe('Checking prerequisites');
    const old = setup('version=0.23.2');
    await expect(old.host.start()).rejects.toThrow(/needs Lima 1\.0\.0 or newer.*version 0\.23\.2.*brew upgrade lima/);
  });

  it('forces the VM off when a graceful stop fails', async () => {
    const { host, calls, notices } = setup('stop-hangs');
    await host.start();
    await host.stop();
    expect(calls().slice(-2)).toEqual(['stop berth', 'stop --force berth']);
    expect(notices().join(' ')).toMatch(/did not shut down in time.*forcing it off/);
    expect(host.status().state).toBe('stopped');
  });

  it('previews "restart needed because …" for new settings and applies them on restart', async () => {
    const { host, calls } = setup();
    await host.start();
    const plan = await host.setResources({ cpus: 4, memoryGiB: 8, diskGiB: 80 });
    expect(plan.message).toBe(
      'Restart needed because the number of CPUs changes from 2 to 4, memory changes from 4 GiB to 8 GiB and the data disk grows from 60 GiB to 80 GiB.',
    );
    await host.restart();
    expect(calls()).toContain('disk resize berth-data --size=80GiB');
    expect(readFileSync(join(host.paths.limaHome, 'berth', 'lima.yaml'), 'utf8')).toMatch(/^cpus: 4 # set by Berth$/m);
    expect((await host.restartPlan()).message).toBeUndefined();
    await expect(host.setResources({ cpus: 2, memoryGiB: 0, diskGiB: 80 })).rejects.toThrow(
      /cannot have 0 GiB of memory/,
    );
  });

  it('adopts the VM a Berth that is gone left running: no restart (limactl list says Running, the engine answers)', async () => {
    const { home, host: first } = setup();
    expect(await first.start()).toBe('running');
    // The first Berth is gone without stopping its VM (Lima's host agent outlives it).
    const { host, calls, notices } = setup('', {}, home);
    expect(await host.start()).toBe('running');
    expect(notices()).toContain(
      "Berth's VM was still running from an earlier session; Berth took it over without a restart, so its containers kept running.",
    );
    expect(calls().filter((c) => c.startsWith('start') || c.startsWith('stop'))).toEqual(['start --tty=false berth']);
    expect((await pingUnix(host.paths.socket)).ok).toBe(true);
  });

  it('stops a running VM whose engine does not answer, cleanly, and starts it again', async () => {
    const { home, host: first } = setup();
    expect(await first.start()).toBe('running');
    const engine = (
      JSON.parse(readFileSync(join(first.paths.limaHome, '_fake', 'state.json'), 'utf8')) as {
        instances: { berth: { enginePid: number } };
      }
    ).instances.berth.enginePid;
    process.kill(engine, 'SIGSTOP'); // alive (Lima says Running) but silent
    const { host, calls, notices } = setup('', {}, home);
    expect(await host.start()).toBe('running');
    expect(notices()).toContain(
      `Berth's VM is running, but its engine does not answer at ${host.paths.socket}; Berth shuts it down cleanly and starts it again.`,
    );
    expect(calls().filter((c) => c.startsWith('start') || c.startsWith('stop'))).toEqual([
      'start --tty=false berth',
      'stop berth',
      'start --tty=false berth',
    ]);
    expect((await pingUnix(host.paths.socket)).ok).toBe(true);
  });

  it('a stop during the start cancels it', async () => {
    const { host, calls } = setup('start-slow=3000');
    const starting = host.start();
    // stop once `limactl start` is running (the fake logs each call as it begins), not after a guess
    await vi.waitFor(() => expect(calls()).toContain('start --tty=false berth'), { timeout: 20_000, interval: 50 });
    await host.stop();
    expect(await starting).toBe('stopped');
    expect(host.status().state).toBe('stopped');
    expect(existsSync(host.paths.config)).toBe(true);
  });
  it("reads every container's stats with one `limactl shell` command per sample (over a fake guest's cgroup files)", async () => {
    const home = fakeHome();
    homes.push(home);
    const guest = guestCgroupTree(join(home.dir, 'guest'), 'v2-systemd', STATS_CONTAINERS);
    const { host, calls } = setup('', { env: { ...home.env, FAKE_GUEST_ROOT: guest } }, home);
    expect(host.containerStats?.()).toBeUndefined(); // not running yet
    expect(await host.start()).toBe('running');
    const source = host.containerStats?.();
    const got = await source!.read(STATS_CONTAINERS.map((c) => c.id));
    expect([...got.keys()]).toEqual([STATS_CONTAINERS[0]!.id]); // the other one has no process: stopped
    expect(got.get(STATS_CONTAINERS[0]!.id)).toMatchObject({ cpuNs: 42_000, onlineCpus: 2, netRx: 10, pids: 3 });
    expect(calls().filter((c) => c.startsWith('shell --workdir / berth /bin/sh -c'))).toHaveLength(1);
    await host.stop();
    expect(host.containerStats?.()).toBeUndefined();
  });
});
