// wsl.exe output and WslHost through a fake wsl.exe (test-support/fake-wsl.mjs) that prints
// UTF-16LE like the real one. Windows is absent here: nothing of this ran against real WSL.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { EngineHostEvent } from '../types';
import { WslHost } from './wsl-host';
import { decodeWslOutput, parseWslList, parseWslStatus, wslProblem } from './wsl-output';
import { fakeCalls, fakeHome, type FakeHome } from './test-support/fake-tools';
import { STATS_CONTAINERS, guestCgroupTree } from './test-support/guest-cgroup-tree';

const u16 = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'utf16le');

describe('wsl.exe output (fake wsl.exe: Windows absent here)', () => {
  it('decodes UTF-16LE (with and without BOM) and UTF-8 (WSL_UTF8=1)', () => {
    expect(decodeWslOutput(u16('Default Version: 2\n'))).toBe('Default Version: 2\n');
    expect(decodeWslOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), u16('x\n')]))).toBe('x\n');
    expect(decodeWslOutput(Buffer.from('Default Version: 2\r\n'))).toBe('Default Version: 2\n');
    expect(decodeWslOutput(Buffer.alloc(0))).toBe('');
  });

  it('parses --list --verbose, including the default marker and "no installed distributions"', () => {
    const text = decodeWslOutput(
      u16(
        '  NAME            STATE           VERSION\n* Ubuntu-22.04    Running         2\n  berth           Stopped         2\n  berth-data      Running         2\n  legacy          Stopped         1\n',
      ),
    );
    expect(parseWslList(text)).toEqual([
      { name: 'Ubuntu-22.04', state: 'Running', version: 2, isDefault: true },
      { name: 'berth', state: 'Stopped', version: 2, isDefault: false },
      { name: 'berth-data', state: 'Running', version: 2, isDefault: false },
      { name: 'legacy', state: 'Stopped', version: 1, isDefault: false },
    ]);
    expect(parseWslList('Windows Subsystem for Linux has no installed distributions.\n')).toEqual([]);
  });

  it('parses --status (new and old shapes)', () => {
    expect(parseWslStatus('Default Distribution: Ubuntu\nDefault Version: 2\n')).toEqual({
      defaultDistribution: 'Ubuntu',
      defaultVersion: 2,
    });
    expect(
      parseWslStatus(
        'Default Distribution: Debian\nDefault Version: 1\n\nWindows Subsystem for Linux was last updated on 10/12/2021\nWSL automatic updates are on.\n\nKernel version: 5.10.60.1\n',
      ),
    ).toEqual({ defaultDistribution: 'Debian', defaultVersion: 1, kernelVersion: '5.10.60.1' });
  });

  it('turns each prerequisite failure into a sentence with the fix', () => {
    expect(wslProblem('', 'ENOENT')).toMatchObject({
      id: 'wsl-missing',
      fix: expect.stringContaining('wsl.exe --install --no-distribution'),
    });
    expect(
      wslProblem("The Windows Subsystem for Linux is not installed. You can install by running 'wsl.exe --install'.")
        .id,
    ).toBe('wsl-missing');
    const virt = wslProblem(
      'Please enable the Virtual Machine Platform Windows feature and ensure virtualization is enabled in the BIOS.\nError code: Wsl/Service/CreateInstance/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED',
    );
    expect(virt.id).toBe('virtualization-off');
    expect(virt.message).toMatch(/hardware virtualization is turned off/);
    expect(virt.fix).toMatch(/BIOS\/UEFI/);
    expect(wslProblem('WSL 2 requires an update to its kernel component.').fix).toMatch(/wsl\.exe --update/);
    expect(wslProblem('Something odd\nmore').message).toBe('wsl.exe failed: Something odd');
  });
});

const homes: FakeHome[] = [];
const hosts: WslHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop().catch(() => undefined);
  for (const h of homes.splice(0)) h.cleanup();
});

/** A Berth (a WslHost) on a new fake home, or on `home` again: a second Berth on the same data dir. */
function setup(fake = '', again?: FakeHome, extraEnv: Record<string, string> = {}) {
  const home = again ?? fakeHome();
  if (!again) homes.push(home);
  const wslPath = home.install('fake-wsl.mjs', 'wsl.exe');
  const resources = join(home.dir, 'resources');
  mkdirSync(join(resources, 'vm', 'wsl'), { recursive: true });
  for (const f of ['berth-rootfs.tar.gz', 'berth-data.tar']) writeFileSync(join(resources, 'vm', 'wsl', f), 'tar');
  const host = new WslHost({
    paths: home.paths,
    env: { ...home.env, FAKE_WSL_HOME: home.dir, FAKE_WSL: fake, ...extraEnv },
    wslPath,
    resourcesDir: resources,
    platform: 'win32',
    apiTimeoutMs: 10000,
  });
  hosts.push(host);
  const events: EngineHostEvent[] = [];
  host.subscribe((e) => events.push(e));
  const progress = () => events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
  const notices = () => events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
  return { home, host, events, progress, notices, calls: () => fakeCalls(home.dir) };
}

/** The fake engine's pid, as the fake wsl.exe records it. */
function engineOf(home: FakeHome): number {
  const state = JSON.parse(readFileSync(join(home.dir, '_fake', 'state.json'), 'utf8')) as {
    distros: { berth: { enginePid: number } };
  };
  return state.distros.berth.enginePid;
}

describe('WslHost (fake wsl.exe: Windows absent here)', { timeout: 30000 }, () => {
  it('imports the engine and data distros, mounts the data, starts dockerd on a loopback port, stops', async () => {
    const { host, progress, calls, home } = setup();
    expect(await host.start()).toBe('running');
    const addr = host.address;
    expect(addr).toMatchObject({ kind: 'tcp', host: '127.0.0.1' });
    const res = await fetch(`http://127.0.0.1:${addr.kind === 'tcp' ? addr.port : 0}/_ping`);
    expect(res.headers.get('api-version')).toBe('1.45');
    const c = calls();
    expect(c[0]).toBe('--status');
    expect(c).toContain(
      `--import berth-data ${host.paths.dataDistroDir} ${join(home.dir, 'resources/vm/wsl/berth-data.tar')} --version 2`,
    );
    expect(c).toContain(
      `--import berth ${host.paths.distroDir} ${join(home.dir, 'resources/vm/wsl/berth-rootfs.tar.gz')} --version 2`,
    );
    // The data disk is made sparse right after its import, so freed space goes back to Windows.
    expect(c[c.indexOf(c.find((l) => l.startsWith('--import berth-data'))!) + 1]).toBe(
      '--manage berth-data --set-sparse true',
    );
    expect(c.some((l) => l.startsWith('-d berth-data -u root -e /bin/sh -c mkdir -p /mnt/wsl/berth-data'))).toBe(true);
    expect(
      c.some((l) =>
        /^-d berth -u root -e \/usr\/local\/bin\/berth-engine --port=\d+ --data-root=\/mnt\/wsl\/berth-data\/docker$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(progress()).toEqual(
      expect.arrayContaining([
        'Checking prerequisites',
        "Creating Berth's data distro",
        "Installing Berth's engine distro (first start only)",
        'Mounting the engine data',
        'Starting dockerd in WSL',
        'Waiting for the engine API',
      ]),
    );

    await host.stop();
    expect(host.status().state).toBe('stopped');
    expect(calls().slice(-3)).toEqual([
      '-d berth -u root -e /bin/sh -c kill -TERM $(cat /var/run/docker.pid) 2>/dev/null; true',
      '--terminate berth',
      '--terminate berth-data',
    ]);
    // The port is kept, and a second start does not import again.
    expect(await host.start()).toBe('running');
    expect(host.address).toEqual(addr);
    expect(calls().filter((l) => l.startsWith('--import'))).toHaveLength(2);
    expect(existsSync(host.paths.stateFile)).toBe(true);
  });

  it('still starts on a WSL too old for sparse disks, and says how to get them', async () => {
    const { host, events } = setup('old-wsl');
    expect(await host.start()).toBe('running');
    const notices = events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
    expect(notices.join(' ')).toMatch(
      /could not be made sparse \(.*Invalid command line option: --manage\).*`wsl --update`/,
    );
  });

  it('says WSL is not installed, with the install command', async () => {
    const { host } = setup('not-installed');
    await expect(host.start()).rejects.toThrow(
      /Windows Subsystem for Linux is not installed.*wsl\.exe --install --no-distribution/,
    );
    expect(host.status().failure).toMatchObject({ step: 'Checking prerequisites' });
  });

  it('says virtualization is off when the VM cannot start, with the firmware fix', async () => {
    const { host } = setup('virtualization-off');
    await expect(host.start()).rejects.toThrow(/hardware virtualization is turned off.*BIOS\/UEFI/);
    expect(host.status().failure).toMatchObject({ step: 'Mounting the engine data' });
  });

  it('says the kernel needs an update', async () => {
    const { host } = setup('kernel-update');
    await expect(host.start()).rejects.toThrow(/kernel is missing or too old.*wsl\.exe --update/);
  });

  it('refuses a WSL 1 distro with the conversion command', async () => {
    const { host } = setup('version1');
    await expect(host.start()).rejects.toThrow(/runs as WSL 1, but .*WSL 2.*wsl\.exe --set-version berth-data 2/);
  });

  it('reports dockerd dying during start-up with its own words', async () => {
    const { host } = setup('engine-crashes');
    await expect(host.start()).rejects.toThrow(
      /dockerd in Berth's WSL distro stopped during start-up: failed to start daemon: error initializing graphdriver/,
    );
    expect(host.status().failure!.logTail.join('\n')).toContain('graphdriver');
  });

  it('adopts the engine a Berth that is gone left running, and notices when it ends', async () => {
    const { home, host: first } = setup();
    expect(await first.start()).toBe('running');
    // The first Berth is gone without stopping its engine (its wsl.exe children outlive it on Windows).
    const { host, notices } = setup('', home);
    expect(await host.start()).toBe('running');
    expect(notices()).toContain(
      "Berth's WSL engine was still running from an earlier session; Berth took it over without a restart, so its containers kept running.",
    );
    // The watcher has started once the fake wsl.exe logged its call.
    const watching = () => fakeCalls(home.dir).includes('-d berth -u root -e /usr/local/bin/berth-engine --watch');
    for (let i = 0; i < 50 && !watching(); i++) await new Promise((r) => setTimeout(r, 100));
    const c = fakeCalls(home.dir);
    expect(c.filter((l) => l.includes('berth-engine'))).toEqual([
      expect.stringMatching(/^-d berth -u root -e \/usr\/local\/bin\/berth-engine --port=\d+ /),
      '-d berth -u root -e /usr/local/bin/berth-engine --watch',
    ]);
    expect(c).not.toContain('--terminate berth');
    expect(host.address).toEqual(first.address);
    // The adopted engine is no child of this Berth: its watcher ends with it.
    process.kill(engineOf(home), 'SIGKILL');
    for (let i = 0; i < 50 && host.status().state === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(host.status().failure?.message).toMatch(/^dockerd in Berth's WSL distro stopped unexpectedly/);
  });

  it('restarts a running distro whose engine does not answer', async () => {
    const { home, host: first } = setup();
    expect(await first.start()).toBe('running');
    process.kill(engineOf(home), 'SIGSTOP'); // WSL says Running, the engine is silent
    const { host, notices } = setup('', home);
    expect(await host.start()).toBe('running');
    expect(notices()).toContain(
      `Berth's WSL distro is running, but its engine does not answer on 127.0.0.1:${(host.address as { port: number }).port}; Berth stops it and starts it again.`,
    );
    const c = fakeCalls(home.dir);
    expect(c).toContain('--terminate berth');
    expect(c.filter((l) => /berth-engine --port=/.test(l))).toHaveLength(2);
  });

  it('handles "no installed distributions" as an empty list', async () => {
    const { host } = setup('no-distros-message');
    expect(await host.start()).toBe('running');
  });
  it("reads every container's stats with one `wsl -d berth` command per sample (over a fake guest's cgroup files)", async () => {
    const guest = mkdtempSync(join(tmpdir(), 'berth-guest-'));
    onTestFinished(() => rmSync(guest, { recursive: true, force: true }));
    guestCgroupTree(guest, 'v1-cgroupfs', STATS_CONTAINERS);
    const { host, calls, home } = setup('', undefined, { FAKE_GUEST_ROOT: guest });
    // As packaged: the dump script beside the WSL resources (<resources>/vm/linux/berth-cgroup-dump).
    mkdirSync(join(home.dir, 'resources', 'vm', 'linux'), { recursive: true });
    copyFileSync(
      fileURLToPath(new URL('../../../../resources/vm/linux/berth-cgroup-dump', import.meta.url)),
      join(home.dir, 'resources', 'vm', 'linux', 'berth-cgroup-dump'),
    );
    expect(host.containerStats?.()).toBeUndefined(); // not running yet
    expect(await host.start()).toBe('running');
    const got = await host.containerStats!()!.read(STATS_CONTAINERS.map((c) => c.id));
    expect([...got.keys()]).toEqual([STATS_CONTAINERS[0]!.id]); // the other one has no process: stopped
    expect(got.get(STATS_CONTAINERS[0]!.id)).toMatchObject({ cpuNs: 42_000, onlineCpus: 2, netTx: 20, pids: 3 });
    expect(calls().filter((c) => c.startsWith('-d berth -u root -e /bin/sh -c'))).toHaveLength(1);
  });
});
